"""check-report's custom expectations inside real GX checkpoints: results, failing rows, suites, Data Docs."""

import html
import json
import re

import pandas as pd
import pytest

gx = pytest.importorskip("great_expectations", reason="great_expectations not installed (optional extra)")

from gx_helpers import SHEET, hierarchy_table, table_with_errors  # noqa: E402

from check_report.gx import expectations as X  # noqa: E402
from check_report.gx.context import ephemeral_context, whole_table_batch  # noqa: E402
from check_report.gx.run import raised_message  # noqa: E402


def validate(frame, *expectations, docs_dir=None):
    context = ephemeral_context(docs_dir)
    suite = context.suites.add(gx.ExpectationSuite(name="t", expectations=list(expectations)))
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name="t", data=whole_table_batch(context), suite=suite))
    actions = []
    if docs_dir:
        from great_expectations.checkpoint import UpdateDataDocsAction

        actions.append(UpdateDataDocsAction(name="docs"))
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name="t", validation_definitions=[definition], actions=actions,
        result_format={"result_format": "COMPLETE"}))
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    return [r for v in result.run_results.values() for r in v.results]


def page_text(path) -> str:
    text = re.sub(r"<(script|style).*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def wide():
    return pd.DataFrame({"m1": [100.0, 120.4, 500.0], "m2": [200.0, 131.2, 500.0], "m3": [300.0, 140.7, 500.0],
                         "cumulative": [610.0, 392.3, 1500.0], "plan": [2000.0, 1500.0, 3000.0],
                         "pct": [30.5, 26.2, 51.0]}, index=[7, 8, 9])


def test_row_relation_returns_the_failing_rows():
    sums, pct = validate(
        wide(),
        X.ExpectColumnRelationToHold(column_list=["m1", "m2", "m3", "cumulative"], expr="cumulative == m1 + m2 + m3"),
        X.ExpectColumnRelationToHold(column_list=["cumulative", "plan", "pct"], expr="pct == cumulative / plan * 100",
                                     decimals={"pct": 1}))
    assert not sums.success and sums.result["unexpected_index_list"] == [7]
    assert not pct.success and pct.result["unexpected_index_list"] == [9]
    assert sums.exception_info["raised_exception"] is False


def test_row_relation_tolerance_and_mostly():
    (loose,) = validate(wide(), X.ExpectColumnRelationToHold(
        column_list=["m1", "m2", "m3", "cumulative"], expr="cumulative == m1 + m2 + m3", tolerance_abs=10))
    assert loose.success
    (mostly,) = validate(wide(), X.ExpectColumnRelationToHold(
        column_list=["m1", "m2", "m3", "cumulative"], expr="cumulative == m1 + m2 + m3", mostly=0.6))
    assert mostly.success and mostly.result["unexpected_count"] == 1


@pytest.mark.parametrize("kwargs, complaint", [
    ({"column_list": ["m1", "m2"], "expr": "m1 == m2 +"}, "unexpected end of expression"),
    ({"column_list": ["m1", "m2"], "expr": "m1 == m3"}, "unknown measure 'm3'"),
    ({"column_list": ["m1", "m2"], "expr": "m1 == m2", "bounds": {"m1": ["lo", "hi"]}}, "lo, hi not in column_list"),
    ({"column_list": ["m1", "m2"], "expr": "m1 == m2", "decimals": {"m9": 1}}, "relation does not use: m9"),
])
def test_a_bad_row_relation_is_refused_when_built(kwargs, complaint):
    with pytest.raises(Exception, match=complaint):
        X.ExpectColumnRelationToHold(**kwargs)


def test_a_rule_that_cannot_run_comes_back_as_a_result_not_an_exception():
    (result,) = validate(wide(), X.ExpectFactRuleToHold(rule_id="user.bad", expr="cumulative == sum_months(month)"))
    # the wide table has none of the fact table's columns: the engine reports the rule, GX does not raise
    assert not result.success and raised_message(result.exception_info) is None
    (finding,) = result.result["details"]["findings"]
    assert finding["rule"] == "engine.rule-error" and "user.bad" in finding["message"]


def test_fact_rule_names_the_cells_of_the_discrepancy():
    (result,) = validate(table_with_errors(), X.ExpectFactRuleToHold(
        rule_id="user.sum", expr="cumulative == sum_months(month)", rule_severity="warning"))
    assert not result.success
    facts = table_with_errors()
    failing_cells = sorted(facts.loc[result.result["unexpected_index_list"], "cell"])
    assert failing_cells == ["C12", "D12", "E12", "F12"]
    (finding,) = result.result["details"]["findings"]
    assert finding["rule"] == "user.sum" and finding["severity"] == "warning"
    assert f"{SHEET}!F12" in result.result["observed_value"]


def test_children_add_up_to_parent():
    (bad,) = validate(hierarchy_table(parent_value=100), X.ExpectChildrenToAddUpToParent(measure="cumulative"))
    assert not bad.success
    assert sorted(hierarchy_table().loc[bad.result["unexpected_index_list"], "cell"]) == ["F20", "F21", "F22"]
    (good,) = validate(hierarchy_table(parent_value=90), X.ExpectChildrenToAddUpToParent(measure="cumulative"))
    assert good.success
    # a breakdown not declared complete is only bounded: 40 + 50 <= 100 holds, == is not asked
    (partial,) = validate(hierarchy_table(parent_value=100, complete=False),
                          X.ExpectChildrenToAddUpToParent(measure="cumulative"))
    assert partial.success
    (bounded,) = validate(hierarchy_table(parent_value=80, complete=False),
                          X.ExpectChildrenToAddUpToParent(measure="cumulative", relation="<=", only_complete=False))
    assert not bounded.success


def test_custom_expectations_serialise_in_a_suite_and_load_back():
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    made = [X.ExpectColumnRelationToHold(column_list=["a", "b"], expr="a == b", decimals={"a": 1}),
            X.ExpectFactRuleToHold(rule_id="user.x", expr="pct_plan == cumulative / plan * 100", when="plan > 0"),
            X.ExpectChildrenToAddUpToParent(measure="plan", relation="<=")]
    suite = gx.ExpectationSuite(name="s", expectations=made)
    text = json.dumps(suite.to_json_dict())
    loaded = [ExpectationConfiguration(type=e["type"], kwargs=e["kwargs"]).to_domain_obj()
              for e in json.loads(text)["expectations"]]
    assert [type(e) for e in loaded] == [type(e) for e in made]
    assert [e.configuration.kwargs for e in loaded] == [e.configuration.kwargs for e in made]


def test_data_docs_render_the_rule_and_the_failing_cells(tmp_path):
    validate(table_with_errors(), X.ExpectFactRuleToHold(rule_id="user.sum", expr="cumulative == sum_months(month)"),
             X.ExpectColumnRelationToHold(column_list=["value", "upper"], expr="value <= upper"),
             docs_dir=tmp_path)
    pages = list((tmp_path / "validations").rglob("*.html"))
    assert len(pages) == 1 and (tmp_path / "index.html").exists()
    text = page_text(pages[0])
    assert "user.sum" in text and "cumulative = sum of months" not in text   # no description given: the rule
    assert f"{SHEET}!F12" in text and "cumulative is 610" in text           # the cell and the figure as written
    assert "In every row, value <= upper holds within the rounding of the figures" in text
    assert "An unexpected Exception" not in text


def test_children_expectation_renders_in_plain_words(tmp_path):
    validate(hierarchy_table(parent_value=100), X.ExpectChildrenToAddUpToParent(measure="cumulative"),
             docs_dir=tmp_path)
    page = page_text(next((tmp_path / "validations").rglob("*.html")))
    assert "check-report rule gx.children-add-up" in page      # parameters are separate spans in the HTML
    assert "the children's cumulative add up to the parent's cumulative (declared complete breakdowns)" in page
    assert f"{SHEET}!F20" in page
    assert "An unexpected Exception occurred" not in page
