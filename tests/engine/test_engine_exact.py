"""Exactness to the last unit: no float slack may hide a difference larger than a figure's half unit.

XBRL Calculations 1.1 (round-to-nearest) is the yardstick: a figure shown with d decimals is
[v - ½·10^-d, v + ½·10^-d]; a sum holds when the components' summed interval overlaps the total's. The
engine must agree with that definition exactly, negative components included: for whole-unit figures of
10 to 15 digits whose sums stay below 2**52 (exact in doubles), and for figures with decimals up to 14
significant digits (where a few ulps stay below a tenth of the half unit). Beyond that a double cannot
tell the last digit apart (intervals.py says so).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from check_report import facts as F
from check_report.engine import load_rules, run_rules
from check_report.numbers import format_number

CORE = load_rules(["core"])


def _row(entity, value: int, cell, parent=None, complete=False, decimals=0):
    raw = format_number(value / 10 ** decimals, decimals)
    half = Fraction(1, 2 * 10 ** decimals)
    exact = Fraction(value, 10 ** decimals)
    return {F.FILE: "q.xlsx", F.SHEET: "S", F.CELL: cell, F.ENTITY: entity, F.INDICATOR: entity,
            F.PARENT: parent, F.COMPLETE: complete, F.MEASURE: F.AMOUNT, F.VALUE: float(exact),
            F.LOWER: float(exact - half), F.UPPER: float(exact + half), F.DECIMALS: decimals, F.RAW: raw,
            F.UNIT: "đồng", F.SCALE: 1.0}


def _calc11_consistent(total: int, parts: list[int], decimals: int) -> bool:
    """The XBRL Calc 1.1 round-to-nearest verdict in exact rational arithmetic."""
    half = Fraction(1, 2 * 10 ** decimals)
    scale = Fraction(1, 10 ** decimals)
    lo = sum(p * scale for p in parts) - len(parts) * half
    hi = sum(p * scale for p in parts) + len(parts) * half
    return lo <= total * scale + half and total * scale - half <= hi


big = st.integers(10 ** 9, 10 ** 15)
# largest component in units of the last digit: whole units up to 3·10^14 (twelve of them stay below
# 2**52), figures with one or two decimals up to 14 significant digits
LARGEST = {0: 3 * 10 ** 14, 1: 10 ** 13, 2: 10 ** 12}


@st.composite
def breakdowns(draw):
    decimals = draw(st.integers(0, 2))
    parts = draw(st.lists(st.integers(10 ** 9, LARGEST[decimals]), min_size=1, max_size=12))
    deductions = draw(st.lists(st.integers(1, 10 ** 12), max_size=3))
    return decimals, parts, deductions


@settings(max_examples=300, deadline=None)
@given(breakdowns(), st.integers(-3, 3))
def test_sums_agree_with_calc11_to_the_unit(breakdown, offset):
    """Components of 10-15 digits, some negative (deduction rows), the total off by -3..3 units of its
    last digit: the finding appears exactly when Calc 1.1 calls the sum inconsistent."""
    decimals, parts, deductions = breakdown
    components = parts + [-d for d in deductions]
    total = sum(components) + offset
    rows = [_row("t", total, "D5", complete=True, decimals=decimals)]
    rows += [_row(f"c{i}", v, f"D{6 + i}", parent="t", decimals=decimals) for i, v in enumerate(components)]
    result = run_rules(F.new_table(rows), CORE, path="q.xlsx")
    found = [f for f in result.findings if f.rule == "core.children-sum"]
    assert result.per_rule["core.children-sum"].evaluated == 1
    assert bool(found) is not _calc11_consistent(total, components, decimals), (total, components)
    # a negative component: no component is held to be below its total on its own
    if deductions:
        assert not [f for f in result.findings if f.rule == "core.child-le-parent"]


@settings(max_examples=100, deadline=None)
@given(big, st.integers(-3, 3))
def test_duplicates_agree_with_calc11_to_the_unit(value, offset):
    """Two statements of one figure are intersected: one unit apart they touch, two apart they conflict."""
    rows = [_row("a", value, "D5"), _row("a", value + offset, "D9")]
    result = run_rules(F.new_table(rows), CORE, path="q.xlsx")
    conflict = bool([f for f in result.findings if f.rule == "core.duplicate-figure"])
    assert conflict is (abs(offset) > 1)


def test_old_relative_slack_would_have_hidden_a_thousand_dong():
    # 1e-9 of 1.2e12 is 1.234 đồng... of 1.2e15 it is 1.234.567 đồng: the old slack forgave these
    rows = [_row("t", 1_234_567_890_123_456, "D5", complete=True),
            _row("a", 1_000_000_000_000_000, "D6", parent="t"),
            _row("b", 234_567_890_122_456, "D7", parent="t")]
    result = run_rules(F.new_table(rows), CORE, path="q.xlsx")
    assert [f.rule for f in result.findings] == ["core.children-sum"]
