"""`check-report gx-suite RULES -o suite.json` (wired by the CLI as `cli_gx_suite(argv)`)."""

import json

import pytest

pytest.importorskip("great_expectations", reason="great_expectations not installed (optional extra)")

from check_report.findings import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from check_report.gx import cli_gx_suite


def test_a_rule_set_with_rules_gx_cannot_express_fails_naming_each_of_them(tmp_path, capsys):
    from check_report.engine import load_rules
    from check_report.gx.compile import compile_suite

    out = tmp_path / "suite.json"
    _, unsupported = compile_suite(load_rules(["default"]))
    assert unsupported, "default holds check kinds with no GX form"
    assert cli_gx_suite(["default", "-o", str(out)]) == EXIT_ERROR
    assert not out.exists()                                      # no partial suite behind the user's back
    err = capsys.readouterr().err.splitlines()
    named = [line for line in err if ": GX cannot express it: " in line]
    assert sorted(line.split(": ")[2] for line in named) == sorted(rule_id for rule_id, _ in unsupported)
    assert all(line.startswith("check-report: gx-suite: ") for line in err)
    assert "--allow-partial" in err[-1]


def test_allow_partial_writes_what_gx_can_express_and_lists_the_rest(tmp_path, capsys):
    out = tmp_path / "suite.json"
    assert cli_gx_suite(["default", "--allow-partial", "-o", str(out)]) == EXIT_OK
    suite = json.loads(out.read_text(encoding="utf-8"))
    rules = {e["meta"]["check_report"]["rule"] for e in suite["expectations"]}
    assert "core.pct-of-plan" in rules and "core.children-sum" in rules
    err = capsys.readouterr().err
    left = [line for line in err.splitlines() if ": GX cannot express it: " in line]
    assert left and f"{len(suite['expectations'])} expectations from" in err and "left out (--allow-partial)" in err


def test_core_alone_compiles_fully_to_stdout(capsys):
    assert cli_gx_suite(["core"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert all(e["type"] == "expect_fact_rule_to_hold" for e in data["expectations"])


def test_bad_rule_file_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    expr: cumulatve == plan\n", encoding="utf-8")
    assert cli_gx_suite([str(bad), "-o", str(tmp_path / "s.json")]) == EXIT_ERROR
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "bad.yaml:3" in err and "cumulatve" in err
    assert not (tmp_path / "s.json").exists()


def test_misspelled_gx_name_in_a_rule_file_exit_2(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: units-known\n    gx: expect_column_values_to_be_in_sett\n"
                     "    kwargs: {column: unit, value_set: ['%']}\n", encoding="utf-8")
    code = cli_gx_suite([str(rules)])
    err = capsys.readouterr().err.strip()
    if err.endswith("gx: unknown key"):
        pytest.skip("the engine's rule loader does not accept 'gx:' yet (asked in notes/gx-to-engine.md)")
    assert code == EXIT_ERROR
    assert len(err.splitlines()) == 1 and "rules.yaml:3" in err
    assert "'expect_column_values_to_be_in_sett'" in err and "did you mean 'expect_column_values_to_be_in_set'" in err


def test_the_suite_file_is_the_same_from_any_directory(tmp_path, monkeypatch):
    outputs = []
    for where in ("a", "b"):
        (tmp_path / where).mkdir()
        monkeypatch.chdir(tmp_path / where)
        assert cli_gx_suite(["core", "-o", "suite.json"]) == EXIT_OK
        outputs.append((tmp_path / where / "suite.json").read_bytes())
    assert outputs[0] == outputs[1]
    assert b'"rule_source": "core.yaml"' in outputs[0]


def test_gx_rules_in_a_rule_file_report_cells_through_the_cli(tmp_path):
    """`gx:` rules checked by the plain CLI: findings with sheet and cell; a misspelling is exit 2."""
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "samples" / "q1.xlsx"
    if not sample.exists():
        pytest.skip("samples/q1.xlsx has not been built")
    rules = tmp_path / "units.yaml"
    rules.write_text("pack: user\nrules:\n  - id: pct-plan-range\n    severity: warning\n"
                     "    gx: expect_column_values_to_be_between\n"
                     "    kwargs: {column: pct_plan, min_value: 0, max_value: 25}\n", encoding="utf-8")
    command = [sys.executable, "-m", "check_report", str(sample), "--rules", str(rules), "--format", "json",
               "--no-config", "--fail-on", "warning"]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if "gx: unknown key" in out.stderr:
        pytest.skip("the engine's rule loader does not accept 'gx:' yet (asked in notes/gx-to-engine.md)")
    assert out.returncode == EXIT_FINDINGS, out.stderr[-2000:]
    findings = json.loads(out.stdout)["findings"]
    assert findings and {f["rule"] for f in findings} == {"user.pct-plan-range"}
    assert all(f["severity"] == "warning" and f["locations"][0]["cell"] for f in findings)
    rules.write_text(rules.read_text(encoding="utf-8").replace("to_be_between", "to_be_betwen"), encoding="utf-8")
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == EXIT_ERROR
    assert len(out.stderr.strip().splitlines()) == 1 and "expect_column_values_to_be_betwen" in out.stderr
