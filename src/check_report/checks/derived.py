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

from collections.abc import Iterator

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
    entities, children = _structure(ctx.facts)
    for parent, kids in children.items():
        for base in ("plan", "previous"):
            problem = _check_base(ctx, entities, parent, kids, base)
            if problem is not None:
                yield problem


def checked_rows(facts, options: dict | None = None) -> set:
    """Fact-table labels of the values and percentages this check puts together: for coverage counts."""
    entities, children = _structure(facts)
    rows = set()
    for parent, kids in children.items():
        for base in ("plan", "previous"):
            parts = [_implied(entities[e], base) for e in [parent, *kids]]
            if len(kids) >= 2 and all(p is not None for p in parts):
                rows.update(row["_label"] for _, value, pct in parts for row in (value, pct))
    return rows


def _structure(facts) -> tuple[dict[str, dict[str, dict]], dict[str, list[str]]]:
    """entity -> {measure: first row}, and parent entity -> child entities (once per fact table: `check` and
    `checked_rows` both need it, and turning rows into dicts is what costs)."""
    if facts is None or not len(facts):
        return {}, {}
    return memo(facts, "derived-plan structure", _build_structure)


def _build_structure(facts) -> tuple[dict[str, dict[str, dict]], dict[str, list[str]]]:
    entities: dict[str, dict[str, dict]] = {}
    children: dict[str, list[str]] = {}
    if facts is None or not len(facts) or not facts[F.PARENT].notna().any():
        return entities, children
    wanted = (*VALUE_MEASURES, *BASES, "plan", "previous")
    facts = facts[facts[F.MEASURE].isin(wanted)]  # the rows this check reads, before converting them
    for label, row in zip(facts.index, facts.to_dict("records")):
        entities.setdefault(row[F.ENTITY], {}).setdefault(row[F.MEASURE], {**row, "_label": label})
    for entity, measures in entities.items():
        parent = next(iter(measures.values()))[F.PARENT]
        if isinstance(parent, str) and parent in entities:
            children.setdefault(parent, []).append(entity)
    return entities, children


def _implied(measures: dict[str, dict], base: str):
    """(implied interval, value row, percentage row) of one entity, or None when it states too little."""
    value = next((measures[m] for m in VALUE_MEASURES if m in measures), None)
    if value is None:
        return None
    for measure, (what, formula) in BASES.items():
        pct = measures.get(measure)
        if what != base or pct is None or pct[F.PERIOD] != value[F.PERIOD] and value[F.MEASURE] == F.CUMULATIVE:
            continue
        p = (float(pct[F.LOWER]), float(pct[F.UPPER]))
        if measure == F.GROWTH and p[0] <= -100 or measure != F.GROWTH and p[0] <= 0:
            continue
        y = (float(value[F.LOWER]) * _scale(value), float(value[F.UPPER]) * _scale(value))
        return formula(y, p), value, pct
    return None


def _scale(row: dict) -> float:
    scale = row.get(F.SCALE)
    return float(scale) if scale and scale == scale else 1.0


def _check_base(ctx, entities, parent: str, kids: list[str], base: str) -> Problem | None:
    if base in entities[parent]:
        # the total states its plan (previous value) itself: the core rules check the percentages and the
        # breakdown directly, an implied figure would only restate their findings less precisely
        return None
    total = _implied(entities[parent], base)
    parts = [_implied(entities[k], base) for k in kids]
    if total is None or len(kids) < 2 or any(p is None for p in parts):
        return None
    lo, hi = sum(p[0][0] for p in parts), sum(p[0][1] for p in parts)
    complete = bool(next(iter(entities[parent].values()))[F.COMPLETE])
    if complete and lo <= total[0][1] and total[0][0] <= hi:
        return None
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
