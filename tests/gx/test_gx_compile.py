"""Rule sets compile to GX suites strictly; stock GX expectations named in rules run and report locations."""

import json

import pytest

pytest.importorskip("great_expectations", reason="great_expectations not installed (optional extra)")

from gx_helpers import SHEET, GxRule, gx_rule, table_with_errors

from check_report.engine import RuleSet, load_rules
from check_report.findings import Severity
from check_report.gx.compile import GxError, compile_suite, suite_json
from check_report.gx.run import run_with_gx


def test_every_rule_becomes_one_expectation_or_is_reported():
    ruleset = load_rules(["default"])
    suite, unsupported = compile_suite(ruleset)
    names = {r.id for r in ruleset.rules}
    in_suite = [e.meta["check_report"]["rule"] for e in suite.expectations]
    assert len(in_suite) == len(set(in_suite))
    assert set(in_suite) | {rule_id for rule_id, _ in unsupported} == names
    assert not set(in_suite) & {rule_id for rule_id, _ in unsupported}
    for rule_id, reason in unsupported:
        assert ruleset.get(rule_id).check and "no GX form" in reason


def test_the_suite_json_is_stable_and_names_the_rules():
    ruleset = load_rules(["core"])
    first = json.dumps(suite_json(compile_suite(ruleset)[0]), sort_keys=True)
    again = json.dumps(suite_json(compile_suite(ruleset)[0]), sort_keys=True)
    assert first == again                                  # no random ids in the written suite
    data = json.loads(first)
    pct = next(e for e in data["expectations"] if e["kwargs"]["rule_id"] == "core.pct-of-plan")
    assert pct["type"] == "expect_fact_rule_to_hold" and pct["kwargs"]["expr"] == "pct_plan == cumulative / plan * 100"
    assert pct["severity"] == "critical"


def test_misspelled_expectation_name_is_an_error_naming_it():
    ruleset = RuleSet([gx_rule("expect_column_values_to_be_in_sett", {"column": "unit", "value_set": ["%"]})])
    with pytest.raises(GxError) as caught:
        compile_suite(ruleset)
    message = str(caught.value)
    assert "expect_column_values_to_be_in_sett" in message and "rules.yaml:12: user.gx" in message
    assert "did you mean 'expect_column_values_to_be_in_set'" in message
    assert "\n" not in message


@pytest.mark.parametrize("kwargs, complaint", [
    ({"column": "unit"}, "value_set: field required"),
    ({"column": "unit", "value_set": ["%"], "valueset": ["%"]}, "valueset: extra fields not permitted"),
    ({"column": "unit", "value_set": ["%"], "row_condition": 'measure == "plan"', "condition_parser": "pandas"},
     "text conditions are evaluated as code"),
])
def test_bad_kwargs_are_errors_not_dropped(kwargs, complaint):
    with pytest.raises(GxError, match=complaint):
        compile_suite(RuleSet([gx_rule("expect_column_values_to_be_in_set", kwargs)]))


def test_stock_expectation_failures_are_findings_at_the_cells():
    facts = table_with_errors()
    facts["unit"] = facts["unit"].cat.add_categories("trieu dong")   # a label column is a categorical
    facts.loc[facts["cell"] == "G9", "unit"] = "trieu dong"       # one plan cell with a misspelled unit
    facts.loc[facts["cell"] == "C10", "value"] = -55.0
    ruleset = RuleSet([
        gx_rule("expect_column_values_to_be_in_set", {"column": "unit", "value_set": ["triệu đồng", "%"]}),
        gx_rule("expect_column_values_to_be_between", {"column": "value", "min_value": 0}, rule_id="user.positive",
                severity=Severity.ERROR),
        gx_rule("expect_table_row_count_to_be_between", {"min_value": 1000}, rule_id="user.enough-rows",
                severity=Severity.INFO),
    ])
    result = run_with_gx(facts, ruleset, path="q.xlsx")
    got = sorted((f.rule, f.severity.label, tuple(loc.short() for loc in f.locations)) for f in result.findings)
    assert got == [("user.enough-rows", "info", ("q.xlsx",)),
                   ("user.gx", "warning", (f"{SHEET}!G9",)),
                   ("user.positive", "error", (f"{SHEET}!C10",))]
    unit = next(f for f in result.findings if f.rule == "user.gx")
    assert "'trieu dong'" in unit.message and unit.indicator == "Chỉ tiêu 9"
    assert result.per_rule["user.gx"].failed == 1 and result.per_rule["user.gx"].evaluated == len(facts)


def test_structured_row_condition_limits_a_stock_expectation_to_one_measure():
    facts = table_with_errors()
    ruleset = RuleSet([gx_rule("expect_column_values_to_be_between",
                               {"column": "value", "max_value": 50,
                                "row_condition": {"type": "comparison", "column": {"name": "measure"},
                                                  "operator": "==", "parameter": "pct_plan"}})])
    result = run_with_gx(facts, ruleset, path="q.xlsx")
    assert sorted(loc.short() for f in result.findings for loc in f.locations) == [f"{SHEET}!H13"]


def test_code_checks_without_gx_form_still_run_natively():
    from check_report.engine import run_rules

    ruleset = load_rules(["default"])
    facts = table_with_errors()
    assert run_with_gx(facts, ruleset, path="q.xlsx").per_rule.keys() == run_rules(facts, ruleset,
                                                                                     path="q.xlsx").per_rule.keys()


def test_measure_columns_run_on_the_indicator_view():
    """`column: pct_plan` reads like the sheet's column; failures point at the cell of that figure."""
    facts = table_with_errors()
    facts = facts[~((facts["cell"] == "G10") & (facts["measure"] == "plan"))]      # row 10 states no plan
    ruleset = RuleSet([
        gx_rule("expect_column_values_to_be_between", {"column": "pct_plan", "max_value": 50}, rule_id="user.pct"),
        gx_rule("expect_column_values_to_not_be_null", {"column": "plan"}, rule_id="user.has-plan"),
        gx_rule("expect_column_pair_values_a_to_be_greater_than_b",
                {"column_A": "plan", "column_B": "cumulative", "ignore_row_if": "either_value_is_missing"},
                rule_id="user.plan-above"),
        gx_rule("expect_column_values_to_be_between", {"column": "month@2024-02", "min_value": 150},
                rule_id="user.feb", severity=Severity.INFO),
    ])
    result = run_with_gx(facts, ruleset, path="q.xlsx")
    got = {(f.rule, tuple(loc.short() for loc in f.locations)) for f in result.findings}
    assert (("user.pct", (f"{SHEET}!H13",))) in got
    assert not [g for g in got if g[0] == "user.pct" and g[1] != (f"{SHEET}!H13",)]
    (missing,) = [f for f in result.findings if f.rule == "user.has-plan"]
    assert missing.figures == () and missing.indicator == "Chỉ tiêu 10" and "plan" in missing.locations[0].where
    assert not [f for f in result.findings if f.rule == "user.plan-above"]        # every plan exceeds Q1
    feb = sorted(loc.short() for f in result.findings if f.rule == "user.feb" for loc in f.locations)
    assert feb == [f"{SHEET}!D10", f"{SHEET}!D8"]                                # 60 and 131,2 are below 150


def test_engine_hook_runs_only_the_given_gx_rules():
    from check_report.gx.run import run_gx_rules

    facts = table_with_errors()
    facts["unit"] = facts["unit"].cat.add_categories("trieu dong")   # a label column is a categorical
    facts.loc[facts["cell"] == "G9", "unit"] = "trieu dong"
    rule = gx_rule("expect_column_values_to_be_in_set", {"column": "unit", "value_set": ["triệu đồng", "%"]})
    result = run_gx_rules(facts, [rule], path="q.xlsx")
    assert [(f.rule, f.locations[0].short()) for f in result.findings] == [("user.gx", f"{SHEET}!G9")]
    assert list(result.per_rule) == ["user.gx"]


def test_data_docs_cover_both_frames(tmp_path):
    facts = table_with_errors()
    ruleset = load_rules(["core"])
    ruleset = RuleSet([*ruleset.rules, gx_rule("expect_column_values_to_be_between",
                                               {"column": "pct_plan", "max_value": 50}, rule_id="user.pct")],
                      measures=ruleset.measures)
    site = tmp_path / "site"
    run_with_gx(facts, ruleset, path="q.xlsx", docs_dir=site)
    pages = sorted(p.relative_to(site).parts[1] for p in (site / "validations").rglob("*.html"))
    assert pages == ["check-report-facts", "check-report-indicators"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "check-report-facts" in index and "check-report-indicators" in index


def test_without_gx_installed_the_error_is_one_line_and_exit_2():
    import subprocess
    import sys

    code = ("import sys; sys.modules['great_expectations'] = None\n"
            "from check_report.gx import cli_gx_suite\nsys.exit(cli_gx_suite(['core']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert out.stderr.strip() == ("check-report: gx-suite: great_expectations is not installed: "
                                  "pip install 'check-report[gx]'")


def test_stock_findings_speak_the_report_language():
    facts = table_with_errors()
    facts["unit"] = facts["unit"].cat.add_categories("trieu dong")   # a label column is a categorical
    facts.loc[facts["cell"] == "G9", "unit"] = "trieu dong"
    rule = GxRule(id="user.units", pack="user", severity=Severity.WARNING,
                  description={"en": "units are known", "vi": "đơn vị tính hợp lệ"},
                  gx="expect_column_values_to_be_in_set",
                  gx_kwargs={"column": "unit", "value_set": ["triệu đồng", "%"]})
    (vi,) = run_with_gx(facts, RuleSet([rule]), path="q.xlsx", lang="vi").findings
    assert vi.message == ("đơn vị tính hợp lệ: unit = 'trieu dong' không hợp lệ "
                          "(GX expect_column_values_to_be_in_set)")
    (en,) = run_with_gx(facts, RuleSet([rule]), path="q.xlsx", lang="en").findings
    assert en.message.startswith("units are known: unit = 'trieu dong' is not expected")


def test_a_gx_run_is_quiet(capfd, tmp_path):
    """No progress bars, no GX log lines: the terminal belongs to check-report's report."""
    capfd.readouterr()
    run_with_gx(table_with_errors(), load_rules(["core"]), path="q.xlsx", docs_dir=tmp_path)
    assert capfd.readouterr() == ("", "")
