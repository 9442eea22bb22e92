"""Scales: amounts of other indicators are converted (tỷ vs triệu đồng); percentages never are."""

import pytest
from enginetest_support import fact, table

from check_report.engine import Rule, RuleSet, load_rules, run_rules
from check_report.findings import Severity

CORE = load_rules(["core"])
TEXT = load_rules(["text"])
TY = {"unit": "tỷ đồng", "scale": 1e9}
TRIEU = {"unit": "triệu đồng", "scale": 1e6}
PCT = {"unit": "%", "scale": 1.0}


def rule(rule_id, expr, when=None):
    return Rule(id=rule_id, pack="t", severity=Severity.ERROR, description={"en": rule_id}, expr=expr, when=when)


def fired(rows, *rules, ruleset=None):
    result = run_rules(table(rows), ruleset or RuleSet(list(rules), CORE.measures))
    return sorted((f.rule, f.details.get("entity")) for f in result.findings)


def money_total(share_b: str, contribution_b: str = "3"):
    return [fact("t", "cumulative", "2.000", **TY), fact("t", "growth", "8", **PCT),
            fact("a", "cumulative", "1.200", parent="t", **TY), fact("a", "share", "60", parent="t", **PCT),
            fact("a", "contribution", "5", parent="t", **PCT),
            fact("b", "cumulative", "800.000", parent="t", **TRIEU), fact("b", "share", share_b, parent="t", **PCT),
            fact("b", "contribution", contribution_b, parent="t", **PCT)]


@pytest.mark.parametrize("share_b, contribution_b, expected", [
    ("40", "3", []),
    ("45", "3", [("text.share-of-total", "b"), ("text.shares-complete", "t"), ("text.shares-within-100", "t")]),
    ("40", "5", [("text.contributions-sum", "t")]),
])
def test_children_percentages_under_a_money_total_are_not_rescaled(share_b, contribution_b, expected):
    rows = money_total(share_b, contribution_b)
    rows[0] = {**rows[0], "complete": True}
    assert [r for r in fired(rows, ruleset=TEXT) if not r[0].startswith("text.breakdown")] == expected


def test_parent_percentage_seen_from_a_money_child_is_not_rescaled():
    rows = [fact("t", "cumulative", "2.000", **TY), fact("t", "growth", "8", **PCT),
            fact("a", "cumulative", "1.200.000", parent="t", **TRIEU), fact("a", "growth", "9,5", **PCT)]
    assert fired(rows, rule("t.growth-le", "growth <= parent.growth")) == [("t.growth-le", "a")]


def test_amount_stated_in_percent_is_not_converted_to_its_indicators_money_scale():
    rows = [fact("a", "cumulative", "500", **TY), fact("a", "amount", "120", **PCT)]
    assert fired(rows, rule("t.at-most-100", "amount <= 100")) == [("t.at-most-100", "a")]


def test_children_in_percent_under_a_money_total_meet_it_as_written():
    rows = [fact("t", "cumulative", "2.000", **TY),
            fact("a", "amount", "70", parent="t", **PCT), fact("b", "amount", "40", parent="t", **PCT)]
    assert fired(rows, rule("t.parts", "sum(children.amount) <= 100")) == [("t.parts", "t")]


def test_money_parent_seen_from_a_percent_child_is_not_rescaled():
    rows = [fact("t", "amount", "50", **PCT), fact("t", "cumulative", "2.000", **TY),
            fact("a", "amount", "70", parent="t", **PCT)]
    assert fired(rows, rule("t.le", "amount <= parent.amount")) == [("t.le", "a")]


def test_amounts_in_other_scales_are_still_converted():
    def rows(total):
        return [fact("t", "cumulative", total, **TY), fact("a", "cumulative", "1.500", parent="t", **TRIEU),
                fact("b", "cumulative", "600", parent="t", **TRIEU)]

    within = rule("t.sum", "sum(children.cumulative) <= cumulative")
    assert fired(rows("2,0"), within) == [("t.sum", "t")]
    assert fired(rows("2,1"), within) == []
