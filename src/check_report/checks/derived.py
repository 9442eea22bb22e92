"""Plans (and last year's values) implied by the components' percentages add up to the total's.

What it checks
    A total and its components (a footnote, `trong đó`, `gồm`) each state a value Y and `đạt p% kế hoạch`:
    each implies a plan Y / p × 100. For a complete breakdown (`gồm`) the components' implied plans must add
    up to the total's within rounding; for a partial one they must not exceed it. The same holds for last
    year's values implied by growth (`tăng g%`: Y / (1 + g/100)) or ratios (`bằng r% so cùng kỳ`). The
    finding states the total's percentage that the components imply. When a partial breakdown's values add
    up to the total exactly but the implied plans do not, an info note says so (an unlisted component with
    a plan but no value, or a wrong percentage).

Why it matters
    Percentages are computed separately for each line; a wrong plan or a wrong percentage for one line is
    invisible until the lines are put together.

Failing example
    `Tổng 300 tỷ, đạt 50% KH, gồm: A 100 tỷ, đạt 50% KH; B 200 tỷ, đạt 40% KH` (plans 200 + 500 = 700 vs 600:
    the components imply 42,9% for the total).

Passing example
    `Tổng 300 tỷ, đạt 50% KH, gồm: A 100 tỷ, đạt 50% KH; B 200 tỷ, đạt 50% KH`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import numpy as np
import pandas as pd

from check_report import facts as F
from check_report.checks._facts import memo
from check_report.checks.base import CheckContext, Problem
from check_report.findings import Figure, Severity, context_quote, fact_figure
from check_report.i18n import t
from check_report.wording import number_text

ID = "derived-plan"
SUMMARY = {
    "en": "Plans and last year's values implied by components' percentages add up to the total's",
    "vi": "Kế hoạch và số cùng kỳ suy ra từ tỷ lệ của các thành phần cộng lại khớp với chỉ tiêu tổng",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

VALUE_MEASURES = (F.CUMULATIVE, F.AMOUNT, F.COUNT)
# measure stated -> (what it implies, function of (value interval, percentage interval) -> implied interval)
BASES = {
    F.PCT_PLAN: ("plan", lambda y, p: (y[0] * 100 / p[1], y[1] * 100 / p[0])),
    F.PCT_PREVIOUS: ("previous", lambda y, p: (y[0] * 100 / p[1], y[1] * 100 / p[0])),
    F.GROWTH: ("previous", lambda y, g: (y[0] / (1 + g[1] / 100), y[1] / (1 + g[0] / 100))),
}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    structure = _structure(ctx.facts)
    if structure is None:
        return
    for parent, kids in structure.children.items():
        for base in ("plan", "previous"):
            problem = _check_base(ctx, structure, parent, kids, base)
            if problem is not None:
                yield problem


def checked_rows(facts, options: dict | None = None) -> set:
    """Fact-table labels of the values and percentages this check puts together: for coverage counts."""
    structure = _structure(facts)
    if structure is None:
        return set()
    labels = structure.labels
    rows = set()
    for parent, kids in structure.children.items():
        if len(kids) < 2:
            continue
        for base in ("plan", "previous"):
            implied = structure.implied[base]
            parts = [implied[e] for e in [parent, *kids]]
            if all(p is not None for p in parts):
                rows.update(labels[[at for _, value, pct in parts for at in (value, pct)]].tolist())
    return rows


def _structure(facts) -> _Structure | None:
    """Once per fact table (`check` and `checked_rows` both need it)."""
    if facts is None or not len(facts) or not facts[F.PARENT].notna().any():
        return None
    return memo(facts, "derived-plan structure", _Structure)


class _Structure:
    """The entities stating a value and percentages, by number, each with the first row of each measure it
    states, and each parent's children; every entity's implied plan and last year's value, computed for
    them all at once. Rows are positions in the fact table, made dicts only for a finding: a workbook of
    100k indicator rows states close to a million values and percentages, and a dict per row (or a copy
    of the table's rows) cost more time and memory than reading the workbook. It holds no reference to
    the table (the memo keeps it past the table's life)."""

    def __init__(self, facts):
        # columns are read at the picked rows only, never copied whole (a 100k-row sheet: this ran at the
        # peak of the run's memory)
        wanted = (*VALUE_MEASURES, *BASES, "plan", "previous")
        picked = np.flatnonzero(facts[F.MEASURE].isin(wanted).to_numpy())    # the rows this check reads
        entity_of, entities = pd.factorize(_at(facts, F.ENTITY, picked, dtype=object), use_na_sentinel=False)
        measure_of = pd.Index(wanted).get_indexer(_at(facts, F.MEASURE, picked, dtype=object))
        first = np.zeros(len(picked), dtype=bool)      # an entity's first row of each measure it states
        first[np.unique(entity_of.astype(np.int64) * len(wanted) + measure_of, return_index=True)[1]] = True
        # (an entity's first row is kept, so the codes in order of appearance stay those of the rows kept)
        picked, entity_of, measure_of = picked[first], entity_of[first], measure_of[first]
        self.picked, self.labels = picked, facts.index[picked]
        self.column = {m: k for k, m in enumerate(wanted)}
        self.at = np.full((len(entities), len(wanted)), -1, dtype=np.int64)    # entity x measure -> row
        self.at[entity_of, measure_of] = np.arange(len(picked))
        first = np.unique(entity_of, return_index=True)[1]          # each entity's first row
        self.complete = _at(facts, F.COMPLETE, picked[first], dtype=object).tolist()
        parents = pd.Index(entities).get_indexer(_at(facts, F.PARENT, picked[first], dtype=object))
        self.children: dict[int, list[int]] = {}
        for entity_, parent in enumerate(parents.tolist()):
            if parent >= 0 and isinstance(entities[parent], str):
                self.children.setdefault(parent, []).append(entity_)
        columns = {F.LOWER: _at(facts, F.LOWER, picked, dtype=float), F.UPPER: _at(facts, F.UPPER, picked, dtype=float),
                   F.SCALE: _at(facts, F.SCALE, picked, dtype=float, na_value=np.nan),
                   F.PERIOD: _at(facts, F.PERIOD, picked, dtype=object)}
        self.implied = {base: _implied(self, columns, base) for base in ("plan", "previous")}

    def states(self, entity: int, measure: str) -> bool:
        return bool(self.at[entity, self.column[measure]] >= 0)

    def row(self, facts, at: int) -> dict:
        """One row as `to_dict("records")` gives it, with its label."""
        return {**facts.iloc[[int(self.picked[at])]].to_dict("records")[0], "_label": self.labels[at]}


def _at(facts, column: str, rows: np.ndarray, **to_numpy) -> np.ndarray:
    """facts[column].to_numpy(**to_numpy)[rows], converting only those rows."""
    return facts[column].array[rows].to_numpy(**to_numpy)


class _Implied:
    """`_implied`'s answer kept as arrays, an entity's tuple made when it is asked for: a list of a tuple per
    entity held tens of MB for a 100k-row sheet, of which a check reads a few."""

    __slots__ = ("pct", "value", "lo", "hi")

    def __init__(self, pct: np.ndarray, value: np.ndarray, lo: np.ndarray, hi: np.ndarray):
        self.pct, self.value, self.lo, self.hi = pct, value, lo, hi

    def __len__(self) -> int:
        return len(self.pct)

    def __getitem__(self, entity: int):
        pct = int(self.pct[entity])
        if pct < 0:
            return None
        return (float(self.lo[entity]), float(self.hi[entity])), int(self.value[entity]), pct


def _implied(structure: _Structure, columns: dict, base: str) -> _Implied:
    """Per entity: (implied interval, value row, percentage row), or None when it states too little. The
    value is the first of VALUE_MEASURES it states; the percentage the first of BASES for `base` that is of
    the value's period (a cumulative value) and can imply a figure (above 0, or above -100% for growth)."""
    at, column = structure.at, structure.column
    value = np.full(len(at), -1, dtype=np.int64)
    value_measure = np.full(len(at), -1, dtype=np.int64)
    for measure in VALUE_MEASURES:
        fill = (value < 0) & (at[:, column[measure]] >= 0)
        value[fill], value_measure[fill] = at[fill, column[measure]], column[measure]
    lower, upper, scale, period = columns[F.LOWER], columns[F.UPPER], columns[F.SCALE], columns[F.PERIOD]
    scale = np.where((scale != 0) & ~np.isnan(scale), scale, 1.0)
    y_lo, y_hi = lower[value] * scale[value], upper[value] * scale[value]
    pct = np.full(len(at), -1, dtype=np.int64)
    lo, hi = np.zeros(len(at)), np.zeros(len(at))
    for measure, (what, _formula) in BASES.items():
        own = at[:, column[measure]]
        take = (pct < 0) & (value >= 0) & (own >= 0) if what == base else np.zeros(len(at), dtype=bool)
        cumulative = value_measure == column[F.CUMULATIVE]
        take &= ~(cumulative & (period[own] != period[value]))
        p_lo, p_hi = lower[own], upper[own]
        take &= ~(p_lo <= -100) if measure == F.GROWTH else ~(p_lo <= 0)    # NaN passes, as it always did
        with np.errstate(all="ignore"):       # rows not taken may divide by anything
            if measure == F.GROWTH:
                m_lo, m_hi = y_lo / (1 + p_hi / 100), y_hi / (1 + p_lo / 100)
            else:
                m_lo, m_hi = y_lo * 100 / p_hi, y_hi * 100 / p_lo
        pct[take], lo[take], hi[take] = own[take], m_lo[take], m_hi[take]
    return _Implied(pct, value, lo, hi)


def _scale(row: dict) -> float:
    scale = row.get(F.SCALE)
    return float(scale) if scale and scale == scale else 1.0


def _check_base(ctx, structure: _Structure, parent: int, kids: list[int], base: str) -> Problem | None:
    if structure.states(parent, base):
        # the total states its plan (previous value) itself: the core rules check the percentages and the
        # breakdown directly, an implied figure would only restate their findings less precisely
        return None
    implied = structure.implied[base]
    total = implied[parent]
    parts = [implied[k] for k in kids]
    if total is None or len(kids) < 2 or any(p is None for p in parts):
        return None
    lo, hi = sum(p[0][0] for p in parts), sum(p[0][1] for p in parts)
    complete = bool(structure.complete[parent])
    if complete and lo <= total[0][1] and total[0][0] <= hi:
        return None
    row = functools.partial(structure.row, ctx.facts)
    total = (total[0], row(total[1]), row(total[2]))
    parts = [(interval, row(value), row(pct)) for interval, value, pct in parts]
    if not complete and lo <= total[0][1]:
        if not _values_add_up(total[1], [p[1] for p in parts]) or total[0][0] <= hi:
            return None
        severity = Severity.INFO
    else:
        severity = None
    return _problem(ctx, total, parts, (lo, hi), base, complete, severity)


def _values_add_up(total: dict, parts: list[dict]) -> bool:
    lo = sum(float(p[F.LOWER]) * _scale(p) for p in parts)
    hi = sum(float(p[F.UPPER]) * _scale(p) for p in parts)
    return lo <= float(total[F.UPPER]) * _scale(total) and float(total[F.LOWER]) * _scale(total) <= hi


def _problem(ctx, total, parts, summed, base, complete, severity) -> Problem:
    (t_lo, t_hi), value, pct = total
    y = float(value[F.VALUE]) * _scale(value)
    mid = (summed[0] + summed[1]) / 2
    implied_pct = y / mid * 100 if pct[F.MEASURE] != F.GROWTH else (y / mid - 1) * 100
    figures = [_fig(ctx, value, "total_value"), _fig(ctx, pct, f"total_pct {pct[F.MEASURE]}")]
    for k, (_, v, p) in enumerate(parts, 1):
        figures += [_fig(ctx, v, f"component_value {k}"), _fig(ctx, p, f"component_pct {k} {p[F.MEASURE]}")]
    shown = number_text(implied_pct, 2, ctx.lang)
    stated_pct = number_text(float(pct[F.VALUE]), int(pct[F.DECIMALS]), ctx.lang)
    unit_scale = _scale(value)          # show plans in the total's own unit ("triệu đồng"), not in đồng
    # derived from rounded percentages, both sides are intervals: their midpoints, the width as a detail
    plan_mid, total_mid = (summed[0] + summed[1]) / 2 / unit_scale, (t_lo + t_hi) / 2 / unit_scale
    kind = t("check.derived_plan.plans" if base == "plan" else "check.derived_plan.previous", ctx.lang)
    message = t("check.derived_plan.add_up" if complete or severity == Severity.INFO
                else "check.derived_plan.fit_within", ctx.lang,
                indicator=value[F.INDICATOR], kind=kind, summed=number_text(plan_mid, 1, ctx.lang),
                total=number_text(total_mid, 1, ctx.lang), implied=shown, stated=stated_pct)
    if severity == Severity.INFO:
        message += t("check.derived_plan.values_add_up", ctx.lang)
    # intervals in the total's own unit, like every other finding (not in đồng)
    stated, implied = (t_lo / unit_scale, t_hi / unit_scale), (summed[0] / unit_scale, summed[1] / unit_scale)
    return Problem(message, figures=tuple(figures), stated=stated, implied=implied, severity=severity,
                   values=(total_mid, plan_mid), decimals=1,
                   # neither side is stated: the figure lines call them the total's and the parts' implied plans
                   details={"base": base, "implied_pct": implied_pct, "compared": f"derived_{base}"},
                   indicator=str(value[F.INDICATOR]))


def _fig(ctx, row: dict, role: str) -> Figure:
    return fact_figure(row, role, path=ctx.path or None, quote=context_quote(row))
