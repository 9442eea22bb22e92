"""The real command in a subprocess: exit codes, JSON shape, colour, bad inputs, languages, outputs."""

from __future__ import annotations

import json

import jsonschema
import pytest
from cli_helpers import CLEAN_CSV, RULES_YAML, SCHEMA, TABLE_CSV


@pytest.fixture
def work(tmp_path):
    (tmp_path / "q1.csv").write_text(TABLE_CSV, encoding="utf-8")
    (tmp_path / "clean.csv").write_text(CLEAN_CSV, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(RULES_YAML, encoding="utf-8")
    return tmp_path


def _one_line_error(proc, *fragments):
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_findings_exit_1_and_point_at_the_cells(cli, work):
    proc = cli("q1.csv", "--rules", "t.yaml", "--lang", "en")
    assert proc.returncode == 1, proc.stderr
    assert "t.pct-of-plan" in proc.stdout and "Vốn đầu tư" in proc.stdout
    for place in ("q1!I4", "q1!H4", "q1!D4"):
        assert place in proc.stdout
    assert "\x1b[" not in proc.stdout                       # piped: plain text


def test_clean_table_exits_0(run, work):
    proc = run("clean.csv", "--rules", "t.yaml", "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No discrepancies found." in proc.stdout


@pytest.mark.parametrize("fail_on, severity, code", [
    ("never", "error", 0), ("error", "warning", 0), ("warning", "warning", 1), ("info", "info", 1),
    ("warning", "info", 0),
])
def test_fail_on_and_severity_override(run, work, fail_on, severity, code):
    proc = run("q1.csv", "--rules", "t.yaml", "--fail-on", fail_on, "--severity", f"t.pct-of-plan={severity}")
    assert proc.returncode == code, proc.stdout + proc.stderr


def test_json_shape_and_locations(cli, work):
    proc = cli("q1.csv", "--rules", "t.yaml", "--format", "json", "--lang", "en")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    (finding,) = report["findings"]
    assert (finding["rule"], finding["severity"]) == ("t.pct-of-plan", "error")
    assert [loc["cell"] for loc in finding["locations"]] == ["I4", "H4", "D4"]
    assert finding["stated"] == [19.5, 20.5]
    assert finding["implied"][0] < 15 < finding["implied"][1]
    assert report["summary"]["facts"] == 12 and report["summary"]["errors"] == 1
    assert {r["id"] for r in report["rules"]} == {"t.pct-of-plan", "t.month-le-cumulative"}


def test_json_is_byte_identical_across_runs(cli, work):
    first = cli("q1.csv", "clean.csv", "--rules", "t.yaml", "--format", "json")
    second = cli("q1.csv", "clean.csv", "--rules", "t.yaml", "--format", "json")
    assert first.stdout == second.stdout and first.stdout
    jsonschema.validate(json.loads(first.stdout), SCHEMA)


def test_colour_only_when_asked_and_no_color_respected(cli, work):
    forced = cli("q1.csv", "--rules", "t.yaml", env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert "\x1b[1;31m" in forced.stdout                     # error in the theme's red
    muted = cli("q1.csv", "--rules", "t.yaml", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[1;31m" not in muted.stdout and "\x1b[35m" not in muted.stdout


def test_output_file_is_written_and_stdout_stays_empty(run, work):
    proc = run("q1.csv", "--rules", "t.yaml", "--format", "json", "--output", "out.json")
    assert proc.returncode == 1 and proc.stdout == ""
    jsonschema.validate(json.loads((work / "out.json").read_text(encoding="utf-8")), SCHEMA)
    plain = run("q1.csv", "--rules", "t.yaml", "--output", "out.txt")
    assert "t.pct-of-plan" in (work / "out.txt").read_text(encoding="utf-8") and plain.stdout == ""


def test_vietnamese_from_the_flag_and_from_the_locale(run, work):
    flagged = run("q1.csv", "--rules", "t.yaml", "--lang", "vi")
    assert "Tổng hợp" in flagged.stdout and "% kế hoạch = lũy kế / kế hoạch x 100" in flagged.stdout
    local = run("q1.csv", "--rules", "t.yaml", env={"LANG": "vi_VN.UTF-8"})
    assert "Tổng hợp" in local.stdout


def test_missing_file(cli, work):
    _one_line_error(cli("nothere.xlsx", "--rules", "t.yaml"), "nothere.xlsx")


def test_unsupported_extension(run, work):
    (work / "report.pdf").write_bytes(b"%PDF-1.4")
    _one_line_error(run("report.pdf", "--rules", "t.yaml"), "report.pdf", "unsupported")


def test_xlsx_that_is_not_a_zip(cli, work):
    (work / "fake.xlsx").write_text("hello", encoding="utf-8")
    _one_line_error(cli("fake.xlsx", "--rules", "t.yaml"), "fake.xlsx")


def test_malformed_rule_yaml(cli, work):
    (work / "bad.yaml").write_text("rules:\n  - id: x\n    expr: [unclosed\n", encoding="utf-8")
    _one_line_error(cli("q1.csv", "--rules", "bad.yaml"), "bad.yaml")


def test_unknown_measure_in_a_rule_suggests_the_closest(cli, work):
    (work / "typo.yaml").write_text(RULES_YAML.replace("pct_plan ==", "pct_plann =="), encoding="utf-8")
    _one_line_error(cli("q1.csv", "--rules", "typo.yaml"), "typo.yaml", "pct_plan")


@pytest.mark.parametrize("args, fragment", [
    (["--severity", "t.pct-of-plan"], "--severity"),
    (["--jobs", "0"], "--jobs"),
    (["--vocabulary", "none.yaml"], "none.yaml"),
    (["--disable", "t.no-such-rule"], "t.no-such-rule"),
])
def test_bad_options_are_one_line_errors(run, work, args, fragment):
    _one_line_error(run("q1.csv", "--rules", "t.yaml", *args), fragment)


def test_no_inputs_is_a_usage_error(run, work):
    _one_line_error(run("--rules", "t.yaml"), "no input files")


def test_extract_shows_the_fact_table(run, work):
    csv = run("extract", "q1.csv", "--format", "csv")
    assert csv.returncode == 0, csv.stderr
    header, *rows = csv.stdout.strip().splitlines()
    assert header.split(",")[:3] == ["file", "sheet", "cell"] and len(rows) == 12
    records = json.loads(run("extract", "q1.csv", "--format", "json").stdout)
    assert {(r["cell"], r["measure"], r["value"]) for r in records} >= {("I4", "pct_plan", 20.0)}
    table = run("extract", "q1.csv")
    assert "pct_plan" in table.stdout and "Vốn đầu tư" in table.stdout
    _one_line_error(run("extract", "nothere.csv"), "nothere.csv")


def test_rules_lists_ids_severities_descriptions(run, work):
    proc = run("rules", "--rules", "t.yaml", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "pack t" in proc.stdout
    line = next(row for row in proc.stdout.splitlines() if "t.pct-of-plan" in row)
    assert "error" in line and "% of plan = cumulative / plan x 100" in line


def test_explain_prints_what_why_and_examples(run, work):
    proc = run("explain", "t.pct-of-plan", "--rules", "t.yaml", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    for text in ("What it checks", "pct_plan == cumulative / plan * 100", "Why it matters",
                 "A wrong percentage misleads the reader.", "Failing example", "Passing example"):
        assert text in proc.stdout
    _one_line_error(run("explain", "t.pct-of-plam", "--rules", "t.yaml"), "did you mean 't.pct-of-plan'")


_BOOM = """
import sys
import check_report.pipeline as pipeline
def boom(path, settings):
    raise ZeroDivisionError("planted bug")
pipeline._analyse = boom
from check_report.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def _planted(work, *args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", _BOOM, *args], cwd=work, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def test_an_internal_error_is_one_line_naming_the_file_and_debug_shows_the_traceback(work):
    proc = _planted(work, "q1.csv", "--rules", "t.yaml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line == "check-report: q1.csv: internal error: ZeroDivisionError: planted bug"
    debug = _planted(work, "q1.csv", "--rules", "t.yaml", "--debug")
    assert "Traceback" in debug.stderr and "planted bug" in debug.stderr


_BOOM_RUN = """
import sys
import check_report.reporters.records as records
def boom(*args, **kwargs):
    raise RuntimeError("planted\\nbug")
records.build_report = boom
from check_report.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_an_internal_error_outside_any_file_is_one_line_too(work):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _BOOM_RUN, "q1.csv", "--rules", "t.yaml", "--lang", "en"],
                          cwd=work, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("check-report: internal error: RuntimeError: planted bug") and "--debug" in line


def test_a_broken_vocabulary_is_one_error_for_the_whole_batch(run, work):
    (work / "words.yaml").write_text("roles: [unclosed\n", encoding="utf-8")
    _one_line_error(run("q1.csv", "clean.csv", "--rules", "t.yaml", "--vocabulary", "words.yaml"), "words.yaml")


def test_explain_a_code_check_kind_uses_its_module_docstring(run, work):
    from check_report import checks

    kind = sorted(checks.REGISTRY)[0]
    sections = checks.load(kind).__doc__
    (work / "k.yaml").write_text(
        f"pack: k\nrules:\n  - id: k.{kind}\n    description: {{en: a kind, vi: một loại}}\n"
        f"    severity: info\n    check: {kind}\n", encoding="utf-8")
    proc = run("explain", f"k.{kind}", "--rules", "k.yaml", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    why = sections.split("Why it matters", 1)[1].strip().splitlines()[0].strip()
    assert why.rstrip(":") and why.rstrip(":")[:40] in proc.stdout
    assert "(not documented)" not in proc.stdout


def test_rules_lists_the_cross_file_rules_too(run, work):
    from check_report.crossfile import RULES

    proc = run("rules", "--rules", "t.yaml", "--lang", "en")
    assert "pack cross" in proc.stdout
    assert all(rule_id in proc.stdout for rule_id in RULES)


def test_annotate_one_file_and_a_batch_and_never_over_an_input(run, work):
    from openpyxl import load_workbook

    before = (work / "q1.csv").read_bytes()
    one = run("q1.csv", "--rules", "t.yaml", "--annotate", "q1.checked.xlsx", "--format", "json")
    assert one.returncode == 1, one.stderr
    sheet = load_workbook(work / "q1.checked.xlsx").active
    assert "t.pct-of-plan" in sheet["I4"].comment.text and sheet["A1"].comment is None
    assert (work / "q1.csv").read_bytes() == before
    batch = run("q1.csv", "clean.csv", "--rules", "t.yaml", "--annotate", "out", "--format", "json")
    assert batch.returncode == 1, batch.stderr
    assert sorted(p.name for p in (work / "out").iterdir()) == ["clean.checked.xlsx", "q1.checked.xlsx"]
    refused = run("q1.csv", "--rules", "t.yaml", "--annotate", "q1.csv")
    _one_line_error(refused, "overwrite")
    assert refused.stdout == "" and (work / "q1.csv").read_bytes() == before


def test_annotate_names_a_folder_unless_it_names_the_copy_itself(run, work):
    """`--annotate ann` with one input is a folder (created), never a workbook called 'ann' without an
    extension; only a name with the copy's own extension is the copy itself."""
    done = run("q1.csv", "--rules", "t.yaml", "--annotate", "ann", "--format", "json")
    assert done.returncode == 1, done.stderr
    assert (work / "ann").is_dir() and [p.name for p in (work / "ann").iterdir()] == ["q1.checked.xlsx"]
    nested = run("q1.csv", "--rules", "t.yaml", "--annotate", "deep/er", "--format", "json")
    assert nested.returncode == 1 and (work / "deep" / "er" / "q1.checked.xlsx").is_file()
    named = run("q1.csv", "--rules", "t.yaml", "--annotate", "mine.xlsx", "--format", "json")
    assert named.returncode == 1 and (work / "mine.xlsx").is_file()
    (work / "plain").write_text("x", encoding="utf-8")
    _one_line_error(run("q1.csv", "--rules", "t.yaml", "--annotate", "plain"), "names a folder")
    assert (work / "plain").read_text(encoding="utf-8") == "x"


def test_o_is_the_short_option_of_output(run, work):
    done = run("q1.csv", "--rules", "t.yaml", "-o", "report.json", "--format", "json")
    assert done.returncode == 1 and done.stdout == ""
    assert json.loads((work / "report.json").read_text(encoding="utf-8"))["findings"]
    assert "-o FILE, --output FILE" in run("--help").stdout


def test_show_unchecked_lists_the_numbers_of_a_text_no_rule_looked_at(run, tmp_path):
    (tmp_path / "r.md").write_text(
        "# Báo cáo\n\nThu ngân sách quý I/2024 ước thực hiện 350 triệu đồng, đạt 35% kế hoạch năm 1.000 "
        "triệu đồng, tăng 8,6% so cùng kỳ.\n\nNăm 2024 có 12 đoàn kiểm tra.\n", encoding="utf-8")
    plain = json.loads(run("r.md", "--format", "json").stdout)["files"][0]
    assert plain["unchecked"] == []
    shown = json.loads(run("r.md", "--format", "json", "--show-unchecked").stdout)["files"][0]
    coverage = shown["coverage"]
    assert coverage["numbers"] >= coverage["read"] >= coverage["checked"] and coverage["numbers"] > 0
    assert len(shown["unchecked"]) == coverage["numbers"] - coverage["checked"] > 0
    assert all(item["where"].startswith("r.md:") for item in shown["unchecked"])
    terminal = run("r.md", "--show-unchecked", "--lang", "en").stdout
    assert "Numbers not checked (r.md)" in terminal
    assert f"{coverage['numbers']} numbers in the text" in terminal


def test_version(run, work):
    from check_report import __version__

    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"check-report {__version__}"


def test_output_never_replaces_an_input(run, work):
    before = (work / "q1.csv").read_bytes()
    _one_line_error(run("q1.csv", "--rules", "t.yaml", "--output", "./q1.csv"), "--output")
    _one_line_error(run("extract", "q1.csv", "--format", "csv", "--output", "q1.csv"), "--output")
    assert (work / "q1.csv").read_bytes() == before


def test_a_console_that_cannot_show_vietnamese_gets_escapes_and_json_stays_utf8(cli, work):
    terminal = cli("q1.csv", "--rules", "t.yaml", "--lang", "en", env={"PYTHONIOENCODING": "ascii"})
    assert terminal.returncode == 1 and "Traceback" not in terminal.stderr + terminal.stdout
    assert "V\\u1ed1n \\u0111\\u1ea7u t\\u01b0" in terminal.stdout
    machine = cli("q1.csv", "--rules", "t.yaml", "--format", "json", env={"PYTHONIOENCODING": "ascii"})
    assert json.loads(machine.stdout)["findings"][0]["indicator"] == "Vốn đầu tư"
