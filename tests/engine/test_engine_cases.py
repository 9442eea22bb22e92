"""Every built-in rule as data: tests/engine/cases/*.yaml, small fact rows in, expected findings out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from enginetest_support import from_case

from check_report.engine import RuleSet, load_rules, run_rules

CASES = Path(__file__).parent / "cases"
CORE = load_rules(["core"])


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{path.stem}:{case['name']}")


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case):
    rule = CORE.get(rule_id)
    assert rule is not None, rule_id
    result = run_rules(from_case(case["facts"]), RuleSet([rule], CORE.measures), path="q1.xlsx",
                       lang=case.get("lang", "en"))
    assert [f.rule for f in result.findings if f.rule != rule_id] == []
    assert sorted(f.details["entity"] for f in result.findings) == sorted(str(e) for e in case["expect"])
    if "cells" in case:
        cells = [[fig.location.cell for fig in f.figures] for f in result.findings]
        assert cells == case["cells"]
    for key, value in case.get("stats", {}).items():
        assert getattr(result.per_rule[rule_id], key) == value, key
    for fragment in case.get("message", []):
        assert any(fragment in f.message for f in result.findings), (fragment, [f.message for f in result.findings])


def test_every_core_rule_has_cases_that_fire_and_that_do_not():
    fire, quiet = set(), set()
    for path in CASES.glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            (fire if case["expect"] else quiet).add(spec["rule"])
    core_ids = {rule.id for rule in CORE.rules}
    assert core_ids <= fire and core_ids <= quiet
