"""`subsumed_by`: one error, one finding; the weaker rule still reports where the stronger one cannot."""

import textwrap

import pytest
from enginetest_support import fact, table

from check_report.engine import (
    Rule,
    RuleError,
    RuleSet,
    drop_subsumed,
    load_rules,
    run_rules,
)
from check_report.findings import Figure, Finding, Location, Severity

CORE = load_rules(["core"])


def rules_cells(result):
    return sorted((f.rule, tuple(sorted(loc.cell for loc in f.locations))) for f in result.findings)


def breakdown(*children, complete=False, measure="plan"):
    rows = [fact("t", measure, "450.000", cell="D12", complete=complete)]
    for i, raw in enumerate(children):
        rows.append(fact(f"c{i}", measure, raw, parent="t", cell=f"D{13 + i}"))
    return rows


def test_a_component_above_its_total_is_reported_once_by_the_sum():
    result = run_rules(table(breakdown("182.000", "2.100.000", "50.000")), CORE)
    assert rules_cells(result) == [("core.children-within-parent", ("D12", "D13", "D14", "D15"))]
    (finding,) = result.findings
    assert [s["rule"] for s in finding.details["subsumes"]] == ["core.child-le-parent"]
    # the per-child relation did fail: its statistics say so, only its report is not repeated
    assert result.per_rule["core.child-le-parent"].failed == 1
    assert result.per_rule["core.child-le-parent"].subsumed == 1       # ... and that it is shown elsewhere
    assert result.per_rule["core.children-within-parent"].subsumed == 0


def test_a_complete_breakdown_reports_through_children_sum():
    result = run_rules(table(breakdown("182.000", "2.100.000", complete=True)), CORE)
    assert rules_cells(result) == [("core.children-sum", ("D12", "D13", "D14"))]


def test_a_component_without_the_figure_leaves_the_stated_ones_to_the_sum():
    # c9 states no plan ('-'): the plans that are stated already exceed the total, reported once
    rows = breakdown("182.000", "2.100.000") + [fact("c9", "cumulative", "9.000", parent="t", cell="H20")]
    result = run_rules(table(rows), CORE)
    assert rules_cells(result) == [("core.children-within-parent", ("D12", "D13", "D14"))]
    assert result.per_rule["core.child-le-parent"].subsumed == 1


def test_the_per_child_rule_reports_when_the_sum_cannot_be_evaluated():
    # a component in another dimension (ha under tấn) makes the sum unknown; the per-child rule still
    # compares the components in tấn
    rows = [dict(r, unit="tấn", scale=1000.0) for r in breakdown("182.000", "2.100.000")]
    rows.append(fact("c9", "plan", "9.000", parent="t", cell="D20", unit="ha", scale=1e4))
    result = run_rules(table(rows), CORE)
    assert rules_cells(result) == [("core.child-le-parent", ("D12", "D14"))]
    assert result.per_rule["core.children-within-parent"].evaluated == 0
    assert result.per_rule["core.child-le-parent"].subsumed == 0


def test_the_per_child_rule_reports_when_the_stronger_rule_is_disabled():
    ruleset = load_rules(["core"], disable=["core.children-within-parent"])
    assert rules_cells(run_rules(table(breakdown("182.000", "2.100.000")), ruleset)) == [
        ("core.child-le-parent", ("D12", "D14"))]


def test_findings_on_other_figures_are_both_kept():
    # one component's plan above the total's (the other states none), and the components' cumulative
    # values adding up to too much: two errors on different figures, two findings
    rows = breakdown("500.000") + [fact("t", "cumulative", "1.000", cell="H12"),
                                   fact("c0", "cumulative", "600", parent="t", cell="H13"),
                                   fact("c1", "cumulative", "500", parent="t", cell="H14")]
    assert rules_cells(run_rules(table(rows), CORE)) == [
        ("core.children-within-parent", ("D12", "D13")),
        ("core.children-within-parent", ("H12", "H13", "H14"))]


# -- drop_subsumed on its own --------------------------------------------------------------------------
def figure(cell, text="x"):
    return Figure(role="r", value=1.0, lower=0.5, upper=1.5, raw="1",
                  location=Location("q.xlsx", sheet="S", cell=cell, text=text))


def finding(rule, *cells, extra=()):
    return Finding(rule=rule, severity=Severity.ERROR, message=f"{rule} at {cells}",
                   figures=tuple(figure(c) for c in cells), extra_locations=tuple(extra))


def rule(rule_id, subsumed_by=()):
    return Rule(id=rule_id, pack="t", severity=Severity.ERROR, description={"en": rule_id}, expr="plan > 0",
                subsumed_by=tuple(subsumed_by))


def test_dropped_only_when_every_place_is_covered_by_a_listed_rule():
    rules = [rule("t.weak", ["t.strong"]), rule("t.strong"), rule("t.other")]
    found = [finding("t.weak", "A1", "A2"), finding("t.weak", "A1", "B9"), finding("t.weak"),
             finding("t.other", "A1", "A2", "A3"), finding("t.strong", "A1", "A2", "A3")]
    kept = drop_subsumed(found, rules)
    assert [(f.rule, f.message) for f in kept] == [(f.rule, f.message) for f in found[1:]]
    assert kept[-1].details["subsumes"] == [{"rule": "t.weak", "message": found[0].message}]


def test_the_same_cell_quoted_differently_is_another_place():
    rules = [rule("t.weak", ["t.strong"]), rule("t.strong")]
    weak = Finding(rule="t.weak", severity=Severity.ERROR, message="w", figures=(figure("A1", "12 — plan"),))
    strong = Finding(rule="t.strong", severity=Severity.ERROR, message="s", figures=(figure("A1", "12 — month"),))
    assert drop_subsumed([weak, strong], rules) == [weak, strong]


def test_a_cycle_built_in_code_never_silences_both():
    rules = [rule("t.a", ["t.b"]), rule("t.b", ["t.a"])]
    kept = drop_subsumed([finding("t.a", "A1"), finding("t.b", "A1")], rules)
    assert len(kept) == 1


def test_no_subsumed_by_leaves_findings_alone():
    found = [finding("t.a", "A1"), finding("t.b", "A1")]
    assert drop_subsumed(found, [rule("t.a"), rule("t.b")]) == found


# -- loading ---------------------------------------------------------------------------------------------
def load(tmp_path, body: str, *specs):
    path = tmp_path / "mine.yaml"
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return load_rules([*specs, str(path)])


def error(tmp_path, body: str, *specs) -> str:
    with pytest.raises(RuleError) as info:
        load(tmp_path, body, *specs)
    assert "\n" not in str(info.value)
    return str(info.value)


TWO_RULES = """
    pack: mine
    rules:
      - id: weak
        expr: plan > 0
        subsumed_by: {refs}
      - id: strong
        expr: plan > 1
"""


def test_core_declares_the_per_child_rule_subsumed_by_the_sums():
    assert CORE.get("core.child-le-parent").subsumed_by == ("core.children-within-parent", "core.children-sum")


def test_short_ids_take_the_pack_and_a_single_id_may_be_written_bare(tmp_path):
    assert load(tmp_path, TWO_RULES.format(refs="[strong]")).get("mine.weak").subsumed_by == ("mine.strong",)
    assert load(tmp_path, TWO_RULES.format(refs="mine.strong")).get("mine.weak").subsumed_by == ("mine.strong",)
    rules = load(tmp_path, TWO_RULES.format(refs="[core.children-sum]"), "core")
    assert rules.get("mine.weak").subsumed_by == ("core.children-sum",)


def test_a_rule_of_a_builtin_pack_not_loaded_this_time_is_accepted(tmp_path):
    rules = load(tmp_path, TWO_RULES.format(refs="[core.children-sum]"))
    assert rules.get("mine.weak").subsumed_by == ("core.children-sum",)


@pytest.mark.parametrize("refs, said", [
    ("[stronk]", "mine.yaml:5: subsumed_by: unknown rule 'mine.stronk' (did you mean 'mine.strong'?)"),
    ("[core.children-summ]", ("mine.yaml:5: subsumed_by: unknown rule 'core.children-summ' (did you mean "
                              "'core.children-sum'?)")),
    ("[weak]", "mine.yaml:5: subsumed_by: a rule cannot be subsumed by itself (mine.weak)"),
    ("[Not An Id]", "mine.yaml:5: subsumed_by: 'Not An Id' is not a rule id"),
    ("[]", "mine.yaml:5: subsumed_by: expected a list of rule ids"),
    ("{a: b}", "mine.yaml:5: subsumed_by: expected a list of rule ids"),
])
def test_bad_references_name_file_line_and_key(tmp_path, refs, said):
    assert said in error(tmp_path, TWO_RULES.format(refs=refs), "core")


def test_a_cycle_is_refused(tmp_path):
    body = """
        pack: mine
        rules:
          - id: a
            expr: plan > 0
            subsumed_by: [b]
          - id: b
            expr: plan > 1
            subsumed_by: [a]
    """
    assert "mine.yaml:5: subsumed_by: cycle of rules: mine.a -> mine.b -> mine.a" in error(tmp_path, body)


def test_a_disabled_stronger_rule_is_still_a_valid_reference(tmp_path):
    body = TWO_RULES.format(refs="[strong]").replace("expr: plan > 1", "expr: plan > 1\n        enabled: false")
    rules = load(tmp_path, body)
    assert rules.get("mine.strong") is None and rules.get("mine.weak").subsumed_by == ("mine.strong",)


def test_ruleset_built_in_code_needs_no_subsumed_by():
    ruleset = RuleSet([CORE.get("core.child-le-parent")], CORE.measures)
    result = run_rules(table(breakdown("182.000", "2.100.000")), ruleset)
    assert rules_cells(result) == [("core.child-le-parent", ("D12", "D14"))]
