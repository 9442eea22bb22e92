"""The conventions users expect of a linter: stdin, --select/--ignore, folders as git sees them, outputs
never read back, one error prefix, a baseline of known findings and acceptance in the report itself."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from cli_helpers import CLEAN_CSV, RULES_YAML, TABLE_CSV, write_inputs

from check_report.inputs import annotation_targets, expand_inputs, report_like

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


def _json(result) -> dict:
    return json.loads(result.stdout)


def _touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- inputs -------------------------------------------------------------------------------------------

def test_a_folder_yields_report_like_files_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("q1.xlsx", "bao-cao.md", "notes/thang3.txt", "README.md", "CHANGELOG.txt", "LICENSE.md",
                 "docs/guide.md", "sub/docs/x.md", "out/q1.checked.xlsx", "old.checked.html", "a.pdf"):
        _touch(tmp_path / "in" / name)
    paths, problems = expand_inputs(["in"])
    assert paths == ["in/bao-cao.md", "in/notes/thang3.txt", "in/q1.xlsx"] and problems == []
    # a file named on the command line is checked whatever it is called
    assert expand_inputs(["in/README.md"])[0] == ["in/README.md"]
    assert report_like(Path("x/README.md")) is False and report_like(Path("bao-cao.md")) is True


def test_folders_respect_gitignore_at_every_level_and_exclude(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    _touch(tmp_path / ".gitignore", "drafts/\n*.tmp.xlsx\n")
    _touch(tmp_path / "reports" / ".gitignore", "old-*.xlsx\n!old-keep.xlsx\n")
    for name in ("q1.xlsx", "old-q4.xlsx", "old-keep.xlsx", "drafts/q2.xlsx", "b.tmp.xlsx", "thang/t3.xlsx",
                 "thang/t4.xlsx"):
        _touch(tmp_path / "reports" / name)
    paths, _ = expand_inputs(["reports"], exclude=["reports/thang/t4.xlsx"])
    assert paths == ["reports/old-keep.xlsx", "reports/q1.xlsx", "reports/thang/t3.xlsx"]
    # the parent's .gitignore applies to a subfolder given on its own; globs follow --exclude too
    assert expand_inputs([str(Path("reports") / "drafts")])[1][0].status == "error"
    assert expand_inputs(["reports/thang/*.xlsx"], exclude=["t3.xlsx"])[0] == ["reports/thang/t4.xlsx"]


def test_output_files_are_never_read_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.xlsx", "report.json", "annotated/a.xlsx"):
        _touch(tmp_path / "in" / name)
    paths, _ = expand_inputs(["in"], outputs=["in/annotated", "in/report.json"])
    assert paths == ["in/a.xlsx"]


def test_annotated_copies_keep_their_relative_path_and_never_collide(tmp_path):
    paths = ["a/q1.xlsx", "b/q1.xlsx", "a/report.md", "a/report.docx"]
    targets = annotation_targets(paths, str(tmp_path / "out"))
    assert {p: os.path.relpath(t, tmp_path / "out") for p, t in targets.items()} == {
        "a/q1.xlsx": "a/q1.checked.xlsx", "b/q1.xlsx": "b/q1.checked.xlsx",
        "a/report.md": "a/report.md.checked.html", "a/report.docx": "a/report.docx.checked.html"}


def test_standard_input_with_its_name(cli):
    report = (SAMPLES / "report.md").read_text(encoding="utf-8")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "check_report", "-", "--stdin-filename", "bao-cao.md",
                           "--format", "json", "--no-config"], input=report, capture_output=True, text=True,
                          encoding="utf-8", cwd=REPO, timeout=120)
    data = json.loads(done.stdout)
    assert done.returncode == 1 and [f["path"] for f in data["files"]] == ["bao-cao.md"]
    assert data["findings"] and all(loc["path"] == "bao-cao.md" for f in data["findings"] for loc in f["locations"])
    wrong = cli("-", "--stdin-filename", "x.pdf")
    assert wrong.returncode == 2 and wrong.stderr.startswith("check-report: --stdin-filename 'x.pdf'")


# --- rules on the command line ----------------------------------------------------------------------------

def test_select_and_ignore_as_in_ruff(run, tmp_path):
    write_inputs(tmp_path, **{"q.csv": TABLE_CSV, "rules.yaml": RULES_YAML})
    both = _json(run("q.csv", "--rules", "rules.yaml", "--format", "json", "--no-config"))
    assert {r["id"] for r in both["rules"]} == {"t.pct-of-plan", "t.month-le-cumulative"}
    only = _json(run("q.csv", "--rules", "rules.yaml", "--select", "t.month-le-cumulative", "--format", "json",
                     "--no-config"))
    assert {r["id"] for r in only["rules"]} == {"t.month-le-cumulative"} and not only["findings"]
    none = _json(run("q.csv", "--rules", "rules.yaml", "--ignore", "t.pct-of-plan,t.month-le-cumulative",
                     "--format", "json", "--no-config"))
    assert none["rules"] == [] and none["findings"] == []
    bad = run("q.csv", "--rules", "rules.yaml", "--select", "t.nothing", "--no-config")
    assert bad.returncode == 2 and bad.stderr.startswith("check-report: ")


def test_a_severity_override_covers_every_finding_of_the_rule(run, tmp_path):
    """citation-type-code marks its softer cases info itself; --severity RULE=warning covers them too, and
    --severity RULE=info turns every finding of the rule into info."""
    text = "Theo Công điện số 417/QĐ-TTg ngày 06/5/2025 và Giấy ủy quyền số 05/UQ-UBND ngày 02/01/2025.\n"
    write_inputs(tmp_path, **{"r.md": text})
    plain = _json(run("r.md", "--select", "doc.citation-type-code", "--format", "json", "--no-config"))
    assert sorted(f["severity"] for f in plain["findings"]) == ["info", "warning"]
    for level in ("warning", "info", "error"):
        forced = _json(run("r.md", "--select", "doc.citation-type-code", "--severity",
                           f"doc.citation-type-code={level}", "--format", "json", "--no-config"))
        assert [f["severity"] for f in forced["findings"]] == [level, level]


def test_every_error_line_starts_with_the_program_name(run, tmp_path):
    write_inputs(tmp_path, **{"q.csv": TABLE_CSV, "bad.yaml": "rules: [\n"})
    for args in (("missing.xlsx",), ("q.csv", "--severity", "x"), ("q.csv", "--rules", "bad.yaml"),
                 ("q.csv", "--jobs", "0"), ("q.csv", "--output", "q.csv"), ("q.csv", "--baseline", "nope.json")):
        result = run(*args, "--no-config")
        assert result.returncode == 2, args
        lines = result.stderr.strip().splitlines()
        assert lines and all(line.startswith("check-report: ") for line in lines), (args, result.stderr)


# --- known findings -------------------------------------------------------------------------------------

def test_baseline_makes_known_findings_pass_and_survives_lines_moving(run, tmp_path):
    shutil.copy(SAMPLES / "report.md", tmp_path / "report.md")
    made = run("baseline", "report.md", "--no-config")
    assert made.returncode == 0
    baseline = json.loads(made.stdout)
    assert baseline["version"] == 1 and baseline["findings"]
    assert all("line" not in json.dumps(entry) for entry in baseline["findings"])
    (tmp_path / "b.json").write_text(made.stdout, encoding="utf-8")
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    (tmp_path / "report.md").write_text("# Một dòng mới\n\n" + text, encoding="utf-8")   # every line moves
    again = run("report.md", "--baseline", "b.json", "--format", "json", "--no-config")
    data = _json(again)
    assert again.returncode == 0
    assert all(f["known"] for f in data["findings"]) and data["summary"]["known"] == len(baseline["findings"])
    assert data["summary"]["errors"] == 0 and data["baseline"]["stale"] == []
    # a new discrepancy fails the run; a fixed one leaves a stale entry
    broken = text.replace("1.245/1.320", "1.245/1.420").replace("tăng 15,2% hay tăng 9,8", "tăng 12,5% hay tăng 9,8")
    (tmp_path / "report.md").write_text(broken, encoding="utf-8")
    third = run("report.md", "--baseline", "b.json", "--no-config")
    assert third.returncode == 1
    assert "Baseline entries no longer found" in third.stdout and "text.growth-with-change" in third.stdout


def test_stale_baseline_lines_read_like_the_report(run, tmp_path):
    """A fixed finding's stale entry names its figures as findings do (the measure in words, the period as
    the report writes it, a component by its name), never the roles' internal names, in either language."""
    import openpyxl

    shutil.copy(SAMPLES / "q1.xlsx", tmp_path / "q1.xlsx")
    (tmp_path / "b.json").write_text(run("baseline", "q1.xlsx", "--no-config").stdout, encoding="utf-8")
    book = openpyxl.load_workbook(tmp_path / "q1.xlsx")
    sheet = book["Bieu 01"]
    sheet["H16"], sheet["D14"] = 1279400, 210000       # the swapped digits and the doubled digit, mended
    book.save(tmp_path / "q1.xlsx")
    english = run("q1.xlsx", "--baseline", "b.json", "--no-config", "--lang", "en", env={"COLUMNS": "200"}).stdout
    vietnamese = run("q1.xlsx", "--baseline", "b.json", "--no-config", "--lang", "vi", env={"COLUMNS": "200"}).stdout
    english = english[english.index("Baseline entries no longer found"):]
    vietnamese = vietnamese[vietnamese.index("Mục trong tệp đường cơ sở không còn gặp lại"):]
    for out in (english, vietnamese):
        assert "core.cumulative-sum-of-months" in out and "core.children-within-parent" in out, out
        assert not re.search(r"pct_plan|pct_previous|children\.|month 2024-|\bcumulative=|\bplan=", out), out
    assert "month 01/2024 = 438.600" in english and "component Thu tiền sử dụng đất: plan = 2.100.000" in english
    assert "% of plan = 24,56" in english and "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng" in english
    assert "tháng 01/2024 = 438.600" in vietnamese and "Thu tiền sử dụng đất" in vietnamese


def test_a_baseline_of_many_files_checked_one_at_a_time_has_no_stale_entries(run, tmp_path):
    """pre-commit passes only the files changed: the baseline's entries of the files not checked in this
    run are not stale (nothing says they were fixed)."""
    shutil.copy(SAMPLES / "report.md", tmp_path / "report.md")
    shutil.copy(SAMPLES / "q1.xlsx", tmp_path / "q1.xlsx")
    made = run("baseline", "report.md", "q1.xlsx", "--no-config")
    (tmp_path / "b.json").write_text(made.stdout, encoding="utf-8")
    data = _json(run("report.md", "--baseline", "b.json", "--format", "json", "--no-config"))
    assert data["summary"]["known"] > 0 and data["baseline"]["stale"] == []


def test_inline_acceptance_in_markdown(run, tmp_path):
    text = (SAMPLES / "report.md").read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines()) if "1.245/1.320" in row)
    rows = text.splitlines()
    rows.insert(line, "<!-- check-report: accept text.ratio-percentage -->")
    (tmp_path / "report.md").write_text("\n".join(rows) + "\n", encoding="utf-8")
    data = _json(run("report.md", "--format", "json", "--no-config"))
    ratio = [f for f in data["findings"] if f["rule"] == "text.ratio-percentage"]
    assert ratio and all(f["known"] and f["accepted"] for f in ratio)
    others = [f for f in data["findings"] if f["rule"] != "text.ratio-percentage"]
    assert others and not any(f["known"] for f in others)     # only the rule named, only on that line


def test_clean_csv_has_nothing_known(run, tmp_path):
    write_inputs(tmp_path, **{"q.csv": CLEAN_CSV})
    data = _json(run("q.csv", "--format", "json", "--no-config"))
    assert data["summary"]["known"] == 0 and "baseline" not in data
