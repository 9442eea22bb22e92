"""The Python examples of docs/gx.md run as written (in this process: GX is imported once)."""

import json
import re
import runpy
import sys
from pathlib import Path

import pytest

pytest.importorskip("great_expectations", reason="great_expectations not installed (optional extra)")

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "gx.md"
SAMPLE = REPO / "samples" / "q1.xlsx"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def run_script(path: Path, argv: list[str], monkeypatch) -> int:
    monkeypatch.setattr(sys, "argv", [str(path), *argv])
    try:
        runpy.run_path(str(path), run_name="__main__")
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def test_existing_suite_example_finds_the_bad_row(tmp_path, capsys, monkeypatch):
    script = tmp_path / "example.py"
    script.write_text(python_blocks()[0], encoding="utf-8")
    assert run_script(script, [], monkeypatch) == 0
    assert capsys.readouterr().out.splitlines() == ["expect_column_values_to_not_be_null True []",
                                                    "expect_column_relation_to_hold False [1]",
                                                    "expect_column_relation_to_hold True []"]


def test_ci_script_fails_on_the_sample_and_names_the_rules(tmp_path, capsys, monkeypatch):
    if not SAMPLE.exists():
        pytest.skip("samples/q1.xlsx has not been built")
    from gx_helpers import gx_rule

    from check_report.engine import RuleSet, load_rules
    from check_report.gx.compile import compile_suite, suite_json

    core = load_rules(["core"])
    pct_range = gx_rule("expect_column_values_to_be_between", {"column": "pct_plan", "max_value": 90},
                        rule_id="user.pct-range")       # a measure column: runs on the indicator view
    suite = tmp_path / "suite.json"
    suite.write_text(json.dumps(suite_json(compile_suite(RuleSet([*core.rules, pct_range]))[0])), encoding="utf-8")
    script = tmp_path / "check_reports.py"
    script.write_text(python_blocks()[1], encoding="utf-8")
    capsys.readouterr()
    assert run_script(script, [str(suite), str(SAMPLE)], monkeypatch) == 1
    out = capsys.readouterr().out
    assert "core.cumulative-sum-of-months" in out and "core.pct-of-plan" in out
    assert "Bieu 01!H16" in out
    assert "user.pct-range" in out
