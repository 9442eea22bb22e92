"""Properties: clean tables give no findings whatever the rounding; injected errors are found at their cell;
missing figures are counted as not evaluated, never reported."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from check_report import facts as F
from check_report.engine import load_rules, run_rules
from check_report.numbers import bounds

RULES = load_rules(["core"])
MONTHS = 3


def stated(entity, measure, true_value, decimals, cell, *, period="", start=None, end=None, parent=None,
           complete=False):
    """The figure as a report states it: the true value rounded to `decimals`."""
    value = float(f"{true_value:.{decimals}f}")
    lo, hi = bounds(value, decimals)
    return {F.FILE: "q.xlsx", F.SHEET: "S", F.CELL: cell, F.ENTITY: entity, F.INDICATOR: entity,
            F.PARENT: parent, F.COMPLETE: complete, F.MEASURE: measure, F.PERIOD: period,
            F.PERIOD_START: start, F.PERIOD_END: end, F.YEAR: 2024, F.VALUE: value, F.LOWER: lo, F.UPPER: hi,
            F.DECIMALS: decimals, F.RAW: f"{true_value:.{decimals}f}"}


indicator = st.fixed_dictionaries({
    "months": st.lists(st.floats(0, 1e6, allow_nan=False), min_size=MONTHS, max_size=MONTHS),
    "plan_factor": st.floats(0.5, 10),
    "previous_factor": st.floats(0.2, 3),
    "decimals": st.lists(st.integers(0, 2), min_size=8, max_size=8),
})


def indicator_rows(key: str, spec: dict, row: int, parent=None, months=None, complete=False) -> list[dict]:
    months = months if months is not None else spec["months"]
    d = spec["decimals"]
    cumulative = sum(months)
    plan = cumulative * spec["plan_factor"] + 1.0
    previous = cumulative * spec["previous_factor"] + 1.0
    rows = []
    for k, m in enumerate(months):
        where = {"period": f"2024-0{k + 1}", "start": k + 1, "end": k + 1, "parent": parent, "complete": complete}
        last_year = m * spec["previous_factor"] + 1.0
        rows += [stated(key, F.MONTH, m, d[0], f"{'DEF'[k]}{row}", **where),
                 stated(key, F.PREVIOUS_MONTH, last_year, d[3], f"{'LMN'[k]}{row}", **where),
                 stated(key, F.PCT_PREVIOUS_MONTH, m / last_year * 100, d[5], f"{'OPQ'[k]}{row}", **where),
                 stated(key, F.GROWTH_MONTH, (m / last_year - 1) * 100, d[6], f"{'RST'[k]}{row}", **where)]
    rows += [
        stated(key, F.CUMULATIVE, cumulative, d[1], f"G{row}", period="2024-01..2024-03", start=1, end=3,
               parent=parent, complete=complete),
        stated(key, F.PLAN, plan, d[2], f"C{row}", parent=parent, complete=complete),
        stated(key, F.PREVIOUS, previous, d[3], f"H{row}", parent=parent, complete=complete),
        stated(key, F.PCT_PLAN, cumulative / plan * 100, d[4], f"I{row}", parent=parent, complete=complete),
        stated(key, F.PCT_PREVIOUS, cumulative / previous * 100, d[5], f"J{row}", parent=parent,
               complete=complete),
        stated(key, F.GROWTH, (cumulative / previous - 1) * 100, d[6], f"K{row}", parent=parent,
               complete=complete),
        stated(key, F.CUMULATIVE, cumulative, d[7], f"G{row + 100}", period="2024-01..2024-03", start=1, end=3,
               parent=parent, complete=complete),          # the same figure restated elsewhere
    ]
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(indicator, min_size=1, max_size=4), indicator, st.booleans())
def test_clean_tables_give_no_findings(children, total_spec, complete):
    rows, child_months = [], [[0.0] * MONTHS]
    for i, spec in enumerate(children):
        rows += indicator_rows(f"c{i}", spec, 10 + i, parent="t")
        child_months.append(spec["months"])
    extra = [0.0] * MONTHS if complete else total_spec["months"]
    total_months = [sum(ms[k] for ms in child_months) + extra[k] for k in range(MONTHS)]
    # the total's plan and previous are not sums of the children's here, so only months and cumulative
    # take part in the complete breakdown; rules must still hold on every figure
    rows += [r for r in indicator_rows("t", total_spec, 5, months=total_months, complete=complete)
             if r[F.MEASURE] in (F.MONTH, F.CUMULATIVE)]
    assert {r[F.MEASURE] for r in rows} >= set(F.PERIODIC_MEASURES)
    result = run_rules(F.new_table(rows), RULES, path="q.xlsx")
    assert [f.message for f in result.findings] == []
    assert result.per_rule["core.pct-of-plan"].evaluated == len(children)
    assert result.per_rule["core.cumulative-sum-of-months"].evaluated == len(children) + 1
    assert result.per_rule["core.growth-month"].evaluated == len(children) * MONTHS
    if complete:
        assert result.per_rule["core.children-sum"].evaluated == MONTHS + 1


@settings(max_examples=40, deadline=None)
@given(indicator, st.sampled_from([F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.CUMULATIVE]), st.floats(0.2, 0.5))
def test_injected_error_is_reported_at_its_cell(spec, measure, shift):
    spec = dict(spec, months=[m + 1000 for m in spec["months"]])
    rows = indicator_rows("a", spec, 5)
    target = next(r for r in rows if r[F.MEASURE] == measure)
    # away from the true value in the positive direction: scaling a negative growth by (1 + shift) and
    # adding 10 could land back on the stated figure
    wrong = target[F.VALUE] + abs(target[F.VALUE]) * shift + 10
    rows[rows.index(target)] = stated("a", measure, wrong, target[F.DECIMALS], target[F.CELL],
                                      period=target[F.PERIOD], start=target[F.PERIOD_START],
                                      end=target[F.PERIOD_END])
    result = run_rules(F.new_table(rows), RULES, path="q.xlsx")
    assert result.findings
    assert all(target[F.CELL] in [fig.location.cell for fig in f.figures] for f in result.findings)


@settings(max_examples=40, deadline=None)
@given(indicator, st.sets(st.sampled_from([F.PLAN, F.PREVIOUS, F.CUMULATIVE, F.MONTH]), min_size=1))
def test_missing_figures_are_counted_not_reported(spec, dropped):
    rows = [r for r in indicator_rows("a", spec, 5) if r[F.MEASURE] not in dropped]
    if F.CUMULATIVE in dropped:
        rows = [r for r in rows if r[F.MEASURE] != F.MONTH or r[F.PERIOD] != "2024-02"]
    result = run_rules(F.new_table(rows), RULES, path="q.xlsx")
    assert result.findings == []
    not_evaluated = sum(s.not_evaluated for s in result.per_rule.values())
    assert not_evaluated >= 1
    if F.PLAN in dropped:
        assert result.per_rule["core.pct-of-plan"].not_evaluated == 1
        assert result.per_rule["core.pct-of-plan"].evaluated == 0
