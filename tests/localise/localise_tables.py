"""Consistent indicator tables, and one wrong figure injected into them: what the localisation tests and
benchmarks/bench_localise.py are made of.

A generated table is what a district office sends: indicators with a plan, three months, the quarter,
last year's quarter, % of plan, % of the same period and growth, some of them broken down into complete
components ("gồm"). Every figure is the true value rounded as shown, so the engine finds nothing; the
ratios are computed from the true (unrounded) figures, as a spreadsheet computes them.

Injections are the slips a person makes typing a figure (two adjacent digits swapped, a digit doubled or
dropped, a digit off by one, a wrong digit, a ×1000 unit slip) or an unexplained wrong value. They are
written here independently of check_report.localise.typos, so a test never checks the localiser against
itself.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from check_report import facts as F
from check_report.numbers import VI, bounds, format_number

MONTH_COLUMNS = "EFG"
PATTERNS = ("swapped digits", "digit doubled", "digit dropped", "digit off by one", "wrong digit",
            "unit slip ×1000", "unexplained")


def figure(entity: str, label: str, measure: str, value: float, decimals: int, cell: str, *, parent=None,
           complete=False, period="", start=None, end=None, unit="triệu đồng") -> dict:
    value = round(value, decimals)
    lo, hi = bounds(value, decimals)
    return {F.FILE: "generated.xlsx", F.SHEET: "Bieu", F.CELL: cell, F.ENTITY: entity, F.INDICATOR: label,
            F.PARENT: parent, F.COMPLETE: complete, F.MEASURE: measure, F.PERIOD: period,
            F.PERIOD_START: start, F.PERIOD_END: end, F.YEAR: 2024, F.UNIT: unit, F.VALUE: value, F.LOWER: lo,
            F.UPPER: hi, F.DECIMALS: decimals, F.RAW: format_number(value, decimals, VI), F.TEXT: label,
            F.SOURCE: "table"}


def indicator(entity: str, row: int, months: list[float], plan: float, previous: float, decimals: int,
              pct_decimals: int, *, parent=None, complete=False) -> list[dict]:
    """One row of the table: the amounts rounded to `decimals`, the ratios from the true figures."""
    quarter = sum(months)
    common = {"parent": parent, "complete": complete}
    rows = [figure(entity, entity, F.PLAN, plan, decimals, f"D{row}", **common)]
    for k, month in enumerate(months):
        rows.append(figure(entity, entity, F.MONTH, month, decimals, f"{MONTH_COLUMNS[k]}{row}",
                           period=f"2024-0{k + 1}", start=k + 1, end=k + 1, **common))
    rows += [
        figure(entity, entity, F.CUMULATIVE, quarter, decimals, f"H{row}", period="2024-01..2024-03", start=1,
               end=3, **common),
        figure(entity, entity, F.PREVIOUS, previous, decimals, f"I{row}", period="2023-01..2023-03", start=1,
               end=3, **common),
        figure(entity, entity, F.PCT_PLAN, quarter / plan * 100, pct_decimals, f"J{row}", unit="%", **common),
        figure(entity, entity, F.PCT_PREVIOUS, quarter / previous * 100, pct_decimals, f"K{row}", unit="%",
               **common),
        figure(entity, entity, F.GROWTH, (quarter / previous - 1) * 100, pct_decimals, f"L{row}", unit="%",
               **common),
    ]
    return rows


@st.composite
def tables(draw) -> list[dict]:
    """A consistent table: 1-3 totals, each with 0-3 complete components (the total's amounts are the
    exact sums of the components' figures as shown)."""
    decimals = draw(st.integers(0, 1))
    pct_decimals = draw(st.integers(1, 2))
    month = st.integers(1_000, 900_000).map(lambda v: v / 10 ** decimals)
    rows, line = [], 8
    for t in range(draw(st.integers(1, 3))):
        total = f"T{t}"
        children = draw(st.integers(0, 3))
        child_specs = [(draw(st.lists(month, min_size=3, max_size=3)), draw(st.floats(2.5, 8)),
                        draw(st.floats(0.7, 1.3))) for _ in range(children)]
        if child_specs:
            child_rows = []
            for c, (months, plan_f, prev_f) in enumerate(child_specs):
                plan = round(sum(months) * plan_f, decimals)
                previous = round(sum(months) * prev_f, decimals)
                child_rows.append((f"{total}.{c}", months, plan, previous))
            months = [round(sum(spec[1][k] for spec in child_rows), decimals) for k in range(3)]
            plan = round(sum(spec[2] for spec in child_rows), decimals)
            previous = round(sum(spec[3] for spec in child_rows), decimals)
            rows += indicator(total, line, months, plan, previous, decimals, pct_decimals, complete=True)
            line += 1
            for entity, c_months, c_plan, c_previous in child_rows:
                rows += indicator(entity, line, c_months, c_plan, c_previous, decimals, pct_decimals, parent=total)
                line += 1
        else:
            months = draw(st.lists(month, min_size=3, max_size=3))
            plan = round(sum(months) * draw(st.floats(2.5, 8)), decimals)
            previous = round(sum(months) * draw(st.floats(0.7, 1.3)), decimals)
            rows += indicator(total, line, months, plan, previous, decimals, pct_decimals)
            line += 1
    return rows


def inject(row: dict, pattern: str, rng: random.Random) -> dict | None:
    """The row with its figure written wrong by `pattern`; None when the pattern cannot apply (no two
    different adjacent digits to swap ...)."""
    decimals = int(row[F.DECIMALS])
    digits = f"{abs(row[F.VALUE]):.{decimals}f}".replace(".", "")
    if pattern == "unit slip ×1000":
        if row[F.UNIT] == "%":
            return None             # a percentage has no unit to slip
        value = row[F.VALUE] * 1000
        return _restated(row, value, decimals)
    if pattern == "unexplained":
        value = row[F.VALUE] * rng.choice([rng.uniform(0.55, 0.9), rng.uniform(1.1, 1.8)])
        return _restated(row, round(value, decimals), decimals)
    options = []
    n = len(digits)
    if pattern == "swapped digits":
        options = [digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:] for i in range(n - 1)
                   if digits[i] != digits[i + 1] and not (i == 0 and digits[1] == "0")]
    elif pattern == "digit doubled":
        options = [digits[:i] + digits[i] + digits[i:] for i in range(n)]
    elif pattern == "digit dropped":
        options = [digits[:i] + digits[i + 1:] for i in range(n) if n > decimals + 1 and not
                   (i == 0 and digits[1:2] == "0")]
    elif pattern == "digit off by one":
        options = [digits[:i] + str(int(digits[i]) + step) + digits[i + 1:] for i in range(n) for step in (-1, 1)
                   if 0 <= int(digits[i]) + step <= 9 and not (i == 0 and int(digits[i]) + step == 0)]
    elif pattern == "wrong digit":
        options = [digits[:i] + str(d) + digits[i + 1:] for i in range(n) for d in range(10)
                   if abs(d - int(digits[i])) > 1 and not (i == 0 and d == 0)]
    if not options:
        return None
    written = rng.choice(options)
    value = int(written) / 10 ** decimals
    return _restated(row, value, decimals)


def _restated(row: dict, value: float, decimals: int) -> dict:
    if value == row[F.VALUE]:
        return None
    lo, hi = bounds(value, decimals)
    raw = format_number(value, decimals, VI)
    return {**row, F.VALUE: value, F.LOWER: lo, F.UPPER: hi, F.RAW: raw}
