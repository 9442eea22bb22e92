"""The `table-relation` check kind: relations a table declares for its own figures, checked like rules.

Each figure may carry, in the fact table's `formula` column, relations over cells of its sheet written
by the extractor from the table itself: "F12 == D12 / E12 * 100 | (5)=(3)/(4)×100" (a formula label),
"F12 <= E12 | Nữ ≤ Tổng số" (a "Trong đó" sub-column), "D5 == D6 + D7 | (1+2)" (a row label). The
expression (before " | ") is parsed by the engine's own parser with the cells as names, never eval'ed,
and computed on the cells' stated intervals with `engine.intervals`: rounding is judged exactly as in
the rule engine. Relations of one shape are evaluated together, vectorised.

Units: the cells of a relation are compared as written when their amounts share one scale; figures of
one dimension in different scales (kg and tấn) are converted to the first one's; a relation mixing
scales of different or unknown dimensions is not evaluated.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from check_report import facts as F
from check_report.engine import expr as X
from check_report.engine import intervals as I
from check_report.engine import messages
from check_report.engine.pointwise import evaluate_names
from check_report.findings import Finding, fact_figure

TABLE_RELATION = "table-relation"
_CELL = re.compile(r"\b([A-Z]{1,3}[0-9]{1,7})\b")


def table_relations(index, rule, lang: str, stats, checked: list) -> list[Finding]:
    facts = index.facts
    shapes, unresolved = declared_shapes(facts)
    if not shapes and not unresolved:
        return []
    slot_of = np.full(len(facts), -1, dtype=np.int64)
    slot_of[index.rows] = index.fact_slot
    stats.not_evaluated += unresolved
    found: list[Finding] = []
    for template, items in shapes.items():
        found.extend(_evaluate(index, rule, lang, stats, checked, template, items, slot_of))
    return found


def declared_shapes(facts) -> tuple[dict[str, list], int]:
    """The relations the fact table declares, grouped by shape: template ("x0 == x1 + x2") -> [(holder
    position, member positions in name order, label, expression as written)]; and how many name a cell
    that states no figure. Shared with error localisation (engine.relations.bind)."""
    if F.FORMULA not in facts.columns:
        return {}, 0
    column = facts[F.FORMULA]
    if not column.notna().any():
        return {}, 0                  # the usual table declares nothing: no pass over its figures
    declared = column.to_numpy(dtype=object)
    holders = [int(i) for i in np.flatnonzero(column.notna().to_numpy()) if declared[i]]
    if not holders:
        return {}, 0
    by_cell = _cells(facts, holders)
    shapes: dict[str, list] = defaultdict(list)
    unresolved = 0
    for position in holders:
        sheet_key = (facts[F.FILE].iat[position], facts[F.SHEET].iat[position])
        for line in str(declared[position]).split("\n"):
            expr, _, label = line.partition(" | ")
            cells = _CELL.findall(expr)
            members = [by_cell.get((*sheet_key, cell)) for cell in cells]
            if not cells or any(m is None for m in members):
                unresolved += 1
                continue
            names = {}
            template = _CELL.sub(lambda m: names.setdefault(m.group(1), f"x{len(names)}"), expr)
            order = sorted(names, key=lambda c: int(names[c][1:]))
            shapes[template].append((position, [by_cell[(*sheet_key, c)] for c in order], label, expr))
    return dict(shapes), unresolved


def template_node(template: str) -> tuple[X.Node, list[str]]:
    """A declared shape parsed by the engine's parser, with its names x0, x1 ... in order."""
    names = sorted({n for n in re.findall(r"\bx\d+\b", template)}, key=lambda n: int(n[1:]))
    return X.parse(template, frozenset(names), frozenset()), names


def _cells(facts, holders: list[int]) -> dict:
    """(file, sheet, cell) -> position, for the sheets that declare relations (the first usable statement)."""
    sheets = {(facts[F.FILE].iat[p], facts[F.SHEET].iat[p]) for p in holders}
    files, sheet_col, cells = (facts[c].to_numpy(dtype=object) for c in (F.FILE, F.SHEET, F.CELL))
    lower = facts[F.LOWER].to_numpy(dtype=float)
    out: dict = {}
    for position in range(len(facts)):
        if (files[position], sheet_col[position]) in sheets and isinstance(cells[position], str) \
                and not np.isnan(lower[position]):
            out.setdefault((files[position], sheet_col[position], cells[position]), position)
    return out


def _evaluate(index, rule, lang, stats, checked, template: str, items: list, slot_of) -> list[Finding]:
    facts = index.facts
    node, names = template_node(template)
    members = np.asarray([m for _, m, _, _ in items], dtype=np.int64)       # (n, k)
    lo = facts[F.LOWER].to_numpy(dtype=float)[members]
    hi = facts[F.UPPER].to_numpy(dtype=float)[members]
    factor = factors(facts, members)
    stated = I.stated(lo, hi)
    converted = I.scaled(stated.lo, stated.hi, factor)
    lo, hi = converted.lo, converted.hi
    env = {name: I.Iv(lo[:, k], hi[:, k]) for k, name in enumerate(names)}
    comparisons: list = []
    truth = evaluate_names(node, env, len(items), rule.tolerance_abs, rule.tolerance_rel, comparisons)
    known = truth.known
    failed = known & ~truth.possible
    stats.evaluated += int(known.sum())
    stats.failed += int(failed.sum())
    stats.passed += int((known & truth.possible).sum())
    stats.not_evaluated += int((~known).sum())
    checked.append(slot_of[members[known].ravel()][slot_of[members[known].ravel()] >= 0])
    out = []
    failing = np.flatnonzero(failed)
    if not len(failing):
        return out
    # the same relation on the figures as written (points), for the message a reviewer recomputes by hand
    values = facts[F.VALUE].to_numpy(dtype=float)[members] * np.nan_to_num(factor, nan=1.0)
    points: list = []
    evaluate_names(node, {name: I.Iv(values[:, k], values[:, k]) for k, name in enumerate(names)}, len(items),
                   comparisons=points)
    for i in failing:
        position, member, label, expr = items[i]
        which = next((k for k, (_, _, _, t) in enumerate(comparisons) if t.known[i] and not t.possible[i]), 0)
        node_i, left, right, _ = comparisons[which]
        stated_iv = (float(left.lo[i]), float(left.hi[i]))
        implied_iv = (float(right.lo[i]), float(right.hi[i]))
        stated_value = float(points[which][1].lo[i])
        implied_value = float((points[which][2].lo[i] + points[which][2].hi[i]) / 2)
        figures = tuple(fact_figure(facts.iloc[p], _role(facts, p)) for p in member)
        left_text, right_text = _sides(expr)
        shown = label if not right_text or right_text == label else f"{label} ({right_text})"
        base = max(int(facts[F.DECIMALS].iat[p]) for p in member)
        decimals = messages.display_decimals(stated_value, implied_value, base)
        unit = facts[F.UNIT].iat[position]
        message = messages.declared(rule.describe(lang), node_i.op, left_text, shown, stated_value,
                                    implied_value, decimals, lang, unit if isinstance(unit, str) else "")
        out.append(Finding(rule=rule.id, severity=rule.severity, indicator=str(facts[F.INDICATOR].iat[position]),
                           figures=figures, message=message, stated=stated_iv, implied=implied_iv,
                           values=(stated_value, implied_value), decimals=decimals, formula=expr,
                           details={"expr": expr, "declared": label, "entity": str(facts[F.ENTITY].iat[position])}))
    return out


def _role(facts, position: int) -> str:
    """A figure's role in the relation: its measure, or for a consolidation table's cell (measure amount,
    indicator "Hộ nghèo – Tỷ lệ hộ nghèo – Xã Bình Thạnh") the column's indicator without the unit."""
    measure = str(facts[F.MEASURE].iat[position])
    indicator = str(facts[F.INDICATOR].iat[position])
    if measure == F.AMOUNT and " – " in indicator:
        return indicator.rsplit(" – ", 1)[0]
    return measure


def _sides(expr: str) -> tuple[str, str]:
    """"F12 == D12 / E12 * 100" -> ("F12", "D12 / E12 × 100"), the first comparison's two sides."""
    m = re.match(r"^\s*\(?\s*([A-Z]{1,3}\d+)\s*(==|<=|>=|<|>)\s*(.+?)(?:\s+or\s+.*)?$", expr)
    if not m:
        return expr, ""
    return m.group(1), m.group(3).replace("*", "×").strip()


def factors(facts, members: np.ndarray) -> np.ndarray:
    """Per member, the factor to the relation's common scale; NaN (not evaluated) when scales differ
    across dimensions. Percentages and rates are never converted."""
    from check_report.units import RATE, parse_unit

    units = facts[F.UNIT].to_numpy(dtype=object)[members]
    scales = facts[F.SCALE].to_numpy(dtype=float)[members]
    measures = facts[F.MEASURE].to_numpy(dtype=object)[members]
    out = np.ones(members.shape)
    for i in range(members.shape[0]):
        amounts = [k for k in range(members.shape[1]) if measures[i, k] not in _PERCENT and
                   parse_unit(units[i, k]).dimension != RATE and str(units[i, k] or "").strip() not in ("%", "‰")]
        distinct = {scales[i, k] for k in amounts}
        if len(distinct) <= 1:
            continue
        dims = {parse_unit(units[i, k]).dimension for k in amounts}
        if len(dims) != 1 or None in dims:
            out[i, :] = np.nan
            continue
        first = scales[i, amounts[0]]
        for k in amounts:
            out[i, k] = scales[i, k] / first
    return out


_PERCENT = frozenset({F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH, F.SHARE,
                      F.RATIO_PCT, F.CONTRIBUTION})
