"""`check-report --together` through the real command: monthly reports and a quarterly one of one unit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
from crossfile_fixtures import write_reports
from openpyxl import load_workbook

SCHEMA = Path(__file__).resolve().parents[1] / "reporters" / "data" / "sarif-schema-2.1.0.json"
NAMES = ["thang01.xlsx", "thang02.xlsx", "thang03.xlsx", "quy1.xlsx"]


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_report", "--no-config", *args], cwd=folder,
                          capture_output=True, text=True, timeout=120)


def test_sarif_of_a_quarter_differing_from_its_months_points_into_all_four_files(tmp_path):
    write_reports(tmp_path, {"1": 360.0})
    done = _run(tmp_path, "--together", "--format", "sarif", *NAMES)
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "cross.months-sum"]
    places = [result["locations"][0]] + result["relatedLocations"]
    assert [(p["physicalLocation"]["artifactLocation"]["uri"], p["logicalLocations"][0]["fullyQualifiedName"])
            for p in places] == [("quy1.xlsx", "Biểu 01!E4"), ("thang01.xlsx", "Biểu 01!D4"),
                                 ("thang02.xlsx", "Biểu 01!D4"), ("thang03.xlsx", "Biểu 01!D4")]
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {"cross.months-sum", "cross.same-figure", "cross.cumulative-order"} <= rules


def test_without_together_the_files_are_not_compared(tmp_path):
    write_reports(tmp_path, {"1": 360.0})
    done = _run(tmp_path, "--format", "json", *NAMES)
    assert not [f for f in json.loads(done.stdout)["findings"] if f["rule"].startswith("cross.")]


def test_consistent_reports_pass_together(tmp_path):
    write_reports(tmp_path)
    done = _run(tmp_path, "--together", "--format", "github", *NAMES)
    assert "cross." not in done.stdout, done.stdout


def test_annotate_writes_a_copy_of_every_input_and_leaves_them_untouched(tmp_path):
    write_reports(tmp_path, {"1": 360.0})
    before = (tmp_path / "quy1.xlsx").read_bytes()
    done = _run(tmp_path, "--together", "--annotate", "annotated/", "--format", "json", *NAMES)
    assert done.returncode == 1, done.stderr
    assert (tmp_path / "quy1.xlsx").read_bytes() == before
    out = tmp_path / "annotated"
    assert sorted(p.name for p in out.iterdir()) == sorted(n.replace(".xlsx", ".checked.xlsx") for n in NAMES)



def test_annotated_copies_show_cross_file_findings_in_each_file(tmp_path):
    from check_report.annotate import write_annotated
    from check_report.crossfile import check_together
    from check_report.findings import FileResult

    inputs = write_reports(tmp_path, {"1": 360.0})
    cross = check_together(inputs)
    for path, _facts in inputs:
        out = tmp_path / Path(path).name.replace(".xlsx", ".checked.xlsx")
        write_annotated(FileResult(path), path, str(out), "en", extra_findings=cross)
    quarter = load_workbook(tmp_path / "quy1.checked.xlsx")["Biểu 01"]
    assert "cross.months-sum" in quarter["E4"].comment.text and "cross.same-figure" in quarter["E4"].comment.text
    january = load_workbook(tmp_path / "thang01.checked.xlsx")["Biểu 01"]
    assert "cross.months-sum" in january["D4"].comment.text
    assert january["E4"].comment is None     # January's cumulative took no part


def test_per_file_counts_agree_with_the_findings_listed_under_each_file(tmp_path):
    """The files table counts, for each file, exactly the findings the terminal lists under its name
    (cross-file findings under the file they start in), so the table and the list always add up."""
    import re

    write_reports(tmp_path, {"1": 360.0})
    done = _run(tmp_path, "--together", *NAMES)
    assert done.returncode == 1, done.stderr
    listed: dict[str, int] = {}
    current = None
    for line in done.stdout.splitlines():
        if line in NAMES:
            current = line
        elif current and re.match(r"  (error|warning|info)\s", line):
            listed[current] = listed.get(current, 0) + 1
    table = {}
    for line in done.stdout.splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) == 6 and cells[0] in NAMES:
            table[cells[0]] = sum(int(c) for c in cells[3:6])
    assert listed and sum(listed.values()) >= 1
    assert table == {name: listed.get(name, 0) for name in NAMES}
    data = json.loads(_run(tmp_path, "--together", "--format", "json", *NAMES).stdout)
    assert sum(f["errors"] + f["warnings"] + f["infos"] for f in data["files"]) == len(data["findings"])
