import subprocess
import sys
import types

import pytest
from enginetest_support import fact, table

from check_report import checks
from check_report import facts as F
from check_report.engine import EngineResult, Rule, RuleSet, load_rules, run_rules
from check_report.engine.runner import RULE_ERROR
from check_report.findings import Severity

CORE = load_rules(["core"])


def rule(rule_id, expr=None, *, when=None, check=None, severity=Severity.ERROR, options=None, **kw):
    return Rule(id=rule_id, pack="t", severity=severity, description={"en": f"desc {rule_id}", "vi": f"mô tả {rule_id}"},
                expr=expr, when=when, check=check, options=options or {}, **kw)


def ruleset(*rules):
    return RuleSet(list(rules), CORE.measures)


PLAN_ROWS = [fact("a", "plan", "1.000", cell="C5"), fact("a", "cumulative", "250", cell="G5"),
             fact("a", "pct_plan", "52,0", cell="H5", line=None)]


def test_import_is_cheap():
    code = "import sys, check_report.engine; print('pandas' in sys.modules, 'numpy' in sys.modules, 'yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]


def test_finding_carries_rule_severity_figures_and_intervals():
    result = run_rules(table(PLAN_ROWS), load_rules(["core"], severities={"core.pct-of-plan": "warning"}),
                       path="q1.xlsx")
    assert isinstance(result, EngineResult)
    (finding,) = [f for f in result.findings if f.rule == "core.pct-of-plan"]
    assert finding.severity is Severity.WARNING
    assert finding.indicator == "Indicator a"
    assert finding.stated == pytest.approx((51.95, 52.05))
    assert finding.implied[0] == pytest.approx(249.5 / 1000.5 * 100)
    assert finding.implied[1] == pytest.approx(250.5 / 999.5 * 100)
    roles = {fig.role: fig for fig in finding.figures}
    assert set(roles) == {"pct_plan", "cumulative", "plan"}
    pct = roles["pct_plan"]
    assert (pct.value, pct.lower, pct.upper, pct.raw, pct.decimals) == (52.0, 51.95, 52.05, "52,0", 1)
    assert pct.location.path == "q1.xlsx" and pct.location.sheet == "Sheet1" and pct.location.cell == "H5"
    assert pct.location.short() == "Sheet1!H5" and "52,0" in pct.location.text
    assert result.per_rule["core.pct-of-plan"].failed == 1


def test_vietnamese_message_uses_vietnamese_description_and_numbers():
    (finding,) = run_rules(table(PLAN_ROWS), ruleset(CORE.get("core.pct-of-plan")), lang="vi").findings
    assert finding.message == ("% kế hoạch là 52,0, nhưng các số liệu khác cho 25,0 (chênh lệch 27,0). "
                               "Yêu cầu: % kế hoạch = lũy kế / kế hoạch × 100")
    assert finding.formula == "pct_plan == cumulative / plan * 100"   # the formula stays for explain/JSON
    assert finding.values == (52.0, 25.0) and finding.decimals == 1


@pytest.mark.parametrize("text, said", [
    ("sum(children.plan)", "tổng kế hoạch các thành phần"),
    ("parent.cumulative", "lũy kế của chỉ tiêu tổng"),
    ("sum_months(month)", "tổng các tháng"),
    ("count(children.count)", "số thành phần"),
    ("(cumulative / previous - 1) * 100", "các số liệu khác"),
    ("plan", "kế hoạch"),
])
def test_vietnamese_sides_are_named_in_words_never_as_formulas(text, said):
    from check_report.engine.expr import parse
    from check_report.engine.messages import side_name

    node = parse(f"{text} == 0", frozenset(F.MEASURES), F.PERIODIC_MEASURES).left
    assert side_name(node, "vi") == said


def test_checked_facts_are_row_labels_of_facts_that_took_part():
    rows = PLAN_ROWS + [fact("b", "share", "12"), fact("a", "plan", "1.000,2", cell="C9")]
    facts = table(rows)
    facts.index = [10, 11, 12, 13, 14]            # labels, not positions
    result = run_rules(facts, CORE)
    assert result.checked_facts == {10, 11, 12, 14}   # the lone share takes part in no rule


def test_missing_data_and_empty_table_never_crash():
    empty = run_rules(F.new_table(), CORE)
    assert empty.findings == [] and set(empty.per_rule) == {r.id for r in CORE.rules}
    result = run_rules(table([fact("a", "pct_plan", "52,0")]), CORE)
    assert result.findings == []
    assert result.per_rule["core.pct-of-plan"].not_evaluated == 1


def test_rows_without_bounds_are_ignored():
    rows = PLAN_ROWS + [dict(fact("a", "previous", "200"), lower=float("nan"), upper=float("nan"))]
    result = run_rules(table(rows), CORE)
    assert result.per_rule["core.growth"].evaluated == 0


def test_same_entity_key_in_two_files_is_not_mixed():
    rows = [fact("a", "plan", "1.000", file="x.xlsx"), fact("a", "cumulative", "250", file="x.xlsx"),
            fact("a", "pct_plan", "25,0", file="x.xlsx"),
            fact("a", "plan", "2.000", file="y.xlsx"), fact("a", "cumulative", "500", file="y.xlsx"),
            fact("a", "pct_plan", "25,0", file="y.xlsx")]
    result = run_rules(table(rows), CORE)
    assert result.findings == []
    assert result.per_rule["core.pct-of-plan"].evaluated == 2


def test_order_is_deterministic_and_by_location():
    rows = [fact("b", "plan", "100", cell="C9"), fact("b", "cumulative", "50", cell="G9"),
            fact("b", "pct_plan", "10", cell="H9"),
            fact("a", "plan", "100", cell="C5"), fact("a", "cumulative", "50", cell="G5"),
            fact("a", "pct_plan", "10", cell="H5")]
    first = run_rules(table(rows), CORE).findings
    assert [f.figures[0].location.cell for f in first] == ["H5", "H9"]
    assert first == run_rules(table(rows), CORE).findings


def test_rule_error_is_reported_not_raised(monkeypatch):
    module = types.ModuleType("enginetest_boom")
    module.OPTIONS = {}
    module.check = lambda ctx, options: (_ for _ in ()).throw(ZeroDivisionError("inside a check"))
    monkeypatch.setitem(sys.modules, "enginetest_boom", module)
    monkeypatch.setitem(checks.REGISTRY, "boom", "enginetest_boom")
    rules = ruleset(rule("t.boom", check="boom", source="mine.yaml", line=7), CORE.get("core.pct-of-plan"))
    result = run_rules(table(PLAN_ROWS), rules, path="q1.xlsx")
    errors = [f for f in result.findings if f.rule == RULE_ERROR]
    assert len(errors) == 1 and errors[0].severity is Severity.ERROR
    assert "t.boom" in errors[0].message and "ZeroDivisionError" in errors[0].message
    assert errors[0].extra_locations[0].where == "rule t.boom (mine.yaml:7)"
    assert any(f.rule == "core.pct-of-plan" for f in result.findings)   # the other rules still ran


def test_partial_table_with_required_columns_only():
    import pandas as pd

    facts = pd.DataFrame({F.ENTITY: ["a", "a", "a"], F.MEASURE: ["plan", "cumulative", "pct_plan"],
                          F.LOWER: [995.0, 249.5, 52.05], F.UPPER: [1005.0, 250.5, 51.95]})   # last one reversed
    result = run_rules(facts, ruleset(CORE.get("core.pct-of-plan")))
    assert [f.rule for f in result.findings] == ["core.pct-of-plan"]
    assert result.findings[0].stated == pytest.approx((51.95, 52.05))


def test_malformed_fact_table_is_a_rule_error_per_rule():
    facts = table(PLAN_ROWS).drop(columns=[F.ENTITY])
    result = run_rules(facts, ruleset(CORE.get("core.pct-of-plan"), CORE.get("core.growth")))
    assert [f.rule for f in result.findings] == [RULE_ERROR, RULE_ERROR]


def test_code_check_kinds_get_context_and_are_stamped(monkeypatch):
    monkeypatch.setitem(checks.REGISTRY, "test-kind", "enginetest_kinds")
    document = object()
    rules = ruleset(rule("t.kind", check="test-kind", severity=Severity.ERROR, options={"word": "bye"}))
    result = run_rules(table(PLAN_ROWS), rules, path="r.md", document=document, lang="vi")
    assert [(f.rule, f.severity, f.message) for f in result.findings] == [
        ("t.kind", Severity.INFO, "soft"), ("t.kind", Severity.ERROR, "bye in r.md (vi)")]
    # one application that failed, with two problems: the counts add up (evaluated = passed + failed)
    stats = result.per_rule["t.kind"]
    assert (stats.evaluated, stats.passed, stats.failed) == (1, 0, 1)


def test_facts_compared_by_code_check_kinds_count_as_checked(monkeypatch):
    monkeypatch.setitem(checks.REGISTRY, "test-rows", "enginetest_rows")
    rows = PLAN_ROWS + [fact("b", "share", "12"), fact("c", "share", "30"), fact("c", "growth", "5")]
    facts = table(rows)
    facts.index = [10, 11, 12, 13, 14, 15]
    only_kind = run_rules(facts, ruleset(rule("t.rows", check="test-rows")))
    assert only_kind.checked_facts == {13, 14}
    with_expr = run_rules(facts, ruleset(CORE.get("core.pct-of-plan"),
                                         rule("t.rows", check="test-rows", options={"measure": "growth"})))
    assert with_expr.checked_facts == {10, 11, 12, 15}


def test_check_kind_options_are_validated_on_load(monkeypatch, tmp_path):
    from check_report.engine import RuleError

    monkeypatch.setitem(checks.REGISTRY, "test-kind", "enginetest_kinds")
    path = tmp_path / "k.yaml"
    path.write_text("rules:\n  - id: t.k\n    check: test-kind\n    options: {wrod: x}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"k.yaml:4: options.wrod: unknown option of test-kind \(did you mean 'word'\?\)"):
        load_rules([str(path)])
    path.write_text("rules:\n  - id: t.k\n    check: test-kind\n    options: {word: 3}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"k.yaml:4: options.word: expected text like the default 'hello', got 3"):
        load_rules([str(path)])
    path.write_text("rules:\n  - id: t.k\n    check: test-kind\n", encoding="utf-8")
    assert load_rules([str(path)]).get("t.k").severity is Severity.WARNING   # the kind's default


def test_tolerance_and_when():
    rows = [fact("a", "plan", "100"), fact("a", "cumulative", "50"), fact("a", "pct_plan", "50,6")]
    strict = rule("t.p", "pct_plan == cumulative / plan * 100")
    assert len(run_rules(table(rows), ruleset(strict)).findings) == 0     # 50 ± 0.5 over 100 ± 0.5 allows 50.6
    rows[2] = fact("a", "pct_plan", "52")
    assert len(run_rules(table(rows), ruleset(strict)).findings) == 1
    loose = rule("t.p", "pct_plan == cumulative / plan * 100", tolerance_abs=1.0)
    assert len(run_rules(table(rows), ruleset(loose)).findings) == 0
    relative = rule("t.p", "pct_plan == cumulative / plan * 100", tolerance_rel=0.02)
    assert len(run_rules(table(rows), ruleset(relative)).findings) == 0
    skipped = rule("t.p", "pct_plan == cumulative / plan * 100", when="plan > 1000")
    result = run_rules(table(rows), ruleset(skipped))
    assert result.findings == [] and result.per_rule["t.p"].evaluated == 0


def test_count_and_sum_of_children_and_min_max_abs():
    rows = [fact("t", "count", "3"), fact("a", "count", "1", parent="t"), fact("b", "count", "1", parent="t"),
            fact("a", "plan", "-5", parent="t"), fact("b", "plan", "7", parent="t")]
    check = rule("t.c", "count == count(children.count) and max(abs(min(plan, 0)), 1) >= 1",
                 when="count(children.count) >= 1")
    result = run_rules(table(rows), ruleset(check))
    assert [f.details["entity"] for f in result.findings] == ["t"]
    assert run_rules(table(rows), ruleset(rule("t.s", "count == sum(children.count) + 1"))).findings == []
    minmax = rule("t.m", "max(abs(min(plan, 0)), 1) == 5")
    assert [f.details["entity"] for f in run_rules(table(rows), ruleset(minmax)).findings] == ["b"]


def test_not_evaluated_counts_each_figure_once_across_foreach_variants():
    multi = Rule(id="t.g", pack="t", severity=Severity.ERROR, description={"en": "g"},
                 expr="growth == change / ({m} - change) * 100", when="{m} - change > 0",
                 foreach=(("m", ("cumulative", "amount", "count")),))
    lone = run_rules(table([fact("a", "growth", "5"), fact("a", "cumulative", "100")]), ruleset(multi))
    assert lone.per_rule["t.g"].not_evaluated == 1 and lone.per_rule["t.g"].evaluated == 0
    checked = run_rules(table([fact("a", "growth", "5"), fact("a", "cumulative", "105"), fact("a", "change", "5")]),
                        ruleset(multi))
    assert checked.per_rule["t.g"].not_evaluated == 0 and checked.per_rule["t.g"].evaluated == 1
    assert checked.findings == []


def test_ruleset_built_in_code_may_use_measures_the_table_states():
    rows = [fact("a", "exports", "120"), fact("a", "cumulative", "100")]
    result = run_rules(table(rows), RuleSet([rule("t.e", "exports <= cumulative")]))
    assert [f.rule for f in result.findings] == ["t.e"]


def test_text_pack_coverage_counts_the_figures_cross_mention_and_derived_plan_compare():
    from check_report.extract.prose import document_facts
    from check_report.readers.text import parse_text

    document = parse_text("**BÁO CÁO QUÝ I NĂM 2024**\n\n"
                          "Thu ngân sách nhà nước 3 tháng ước thực hiện 120 tỷ đồng, đạt 30% dự toán, gồm: thu thuế "
                          "3 tháng ước thực hiện 80 tỷ đồng, đạt 25% dự toán; thu tiền đất 3 tháng ước thực hiện "
                          "40 tỷ đồng, đạt 50% dự toán.\n\nĐặc biệt thu ngân sách nhà nước đạt 30% dự toán.\n",
                          path="c.md")
    facts, _ = document_facts(document)
    checked = run_rules(facts, load_rules(["text"]), path="c.md", document=document).checked_facts
    summary = facts.index[facts[F.LINE] == 5].tolist()
    assert summary and set(summary) <= checked                 # only cross-mention compares the summary's 30%
    assert set(facts.index[facts[F.RAW].isin(["25", "50"])]) <= checked   # derived-plan's percentages
    without_kinds = load_rules(["text"], disable=["text.cross-mention", "text.derived-plan"])
    assert not set(summary) & run_rules(facts, without_kinds, path="c.md", document=document).checked_facts


def test_sharing_index_builds_one_index_per_frame_inside_the_block_only(monkeypatch):
    from check_report.engine import runner, sharing_index

    built = []
    real = runner.FactIndex
    monkeypatch.setattr(runner, "FactIndex", lambda facts: built.append(id(facts)) or real(facts))
    facts, other = table(PLAN_ROWS), table(PLAN_ROWS)
    one_by_one = [ruleset(rule) for rule in CORE.rules if not rule.check or rule.check == "duplicate-figure"]
    with sharing_index(facts), sharing_index(facts):          # nested blocks share too
        inside = [run_rules(facts, rules).findings for rules in one_by_one]
        run_rules(other, CORE)
    assert built == [id(facts), id(other)]
    assert [f.rule for found in inside for f in found] == ["core.pct-of-plan"]
    # outside the block an edited frame is indexed afresh: the fixed figure no longer fails
    facts.loc[2, [F.VALUE, F.LOWER, F.UPPER]] = [25.0, 24.95, 25.05]
    assert run_rules(facts, CORE).findings == []
    assert built == [id(facts), id(other), id(facts)] and not runner._SHARED


def test_a_bound_written_in_the_rule_reads_as_a_limit(tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - id: t.cap\n    expr: pct_plan <= 60.5\n", encoding="utf-8")
    ruleset = load_rules([str(rules)])
    (finding,) = run_rules(table([fact("a", "pct_plan", "98,9", cell="H5")]), ruleset).findings
    assert finding.message.endswith("% of plan is 98.9, expected ≤ 60.5")
    (vi,) = run_rules(table([fact("a", "pct_plan", "98,9", cell="H5")]), ruleset, lang="vi").findings
    assert vi.message.endswith("% kế hoạch là 98,9, yêu cầu ≤ 60,5")
