"""The relations a table declares for its rows and columns ("Tổng thu (1+2)", "(3)=(1)+(2)"), written as
formulas on the figures the sink holds, once the table's rows are read and placed (`extract.rows`)."""

from __future__ import annotations

import re
from collections import defaultdict

from check_report.extract.sink import FactSink, letters
from check_report.extract.vocabulary import fold, has_phrase
from check_report.units import RATE, parse_unit

_A1 = re.compile(r"([A-Z]{1,3})(\d+)$")


def places(rows: list, sink: FactSink) -> dict[tuple[int, int], int]:
    """(sheet row, column) -> figure index of a table's figures, from the cells the sink wrote."""
    starts = [start for r in rows for _g, _s, start in r.entities]
    if not starts:
        return {}
    out = {}
    for index, cell in enumerate(sink.cells_from(starts[0]), start=starts[0]):
        m = _A1.match(cell or "")
        if m:
            out[(int(m.group(2)) - 1, _column_index(m.group(1)))] = index
    return out


def _column_index(letters_: str) -> int:
    col = 0
    for ch in letters_:
        col = col * 26 + ord(ch) - 64
    return col - 1


def _add_formula(sink: FactSink, index: int, text: str) -> None:
    sink.formulas[index] = f"{sink.formulas[index]}\n{text}" if index in sink.formulas else text


def column_relations(ctx, rows, place: dict, sink: FactSink) -> None:
    """Formula labels of columns, parts within their whole, rates of two columns: in every row."""
    for plan in ctx.plan.plans:
        if plan.formula is None:
            continue
        for r in rows:
            if plan.additive_rows and _rate_row(ctx, r):
                continue
            own = place.get((r.row, plan.col))
            cells = {ref: (r.row, col) for ref, col in plan.refs.items()}
            if own is None or any(cell not in place for cell in cells.values()):
                continue
            names = {ref: f"{letters(col)}{row + 1}" for ref, (row, col) in cells.items()}
            expr = plan.formula.expression(f"{letters(plan.col)}{r.row + 1}", names, percent=plan.percent)
            _add_formula(sink, own, f"{expr} | {plan.formula.text}")


def _rate_row(ctx, r) -> bool:
    """A row whose figures do not add up over months or parts: a rate, a price, an average (by its unit or
    its label)."""
    unit = ctx.unit_of(r.row)
    if unit and parse_unit(unit).dimension == RATE:
        return True
    label = fold(r.label)
    return any(has_phrase(label, word) for word in ctx.vocab.rate_words)


def row_relations(ctx, rows, parent_of, place: dict, sink: FactSink, formulas: list) -> None:
    """"Tổng thu (1+2)", "10 = 01 - 02": a row equals its named rows, in every column of figures."""
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        for code in r.codes:
            by_code[_norm(code)].append(i)
    for i, formula in formulas:
        r = rows[i]
        targets = {ref: _resolve(by_code.get(_norm(ref), []), i, parent_of) for ref in formula.refs}
        if any(t is None or t == i for t in targets.values()):
            continue
        for plan in ctx.plan.plans:
            own = place.get((r.row, plan.col))
            cells = {ref: (rows[t].row, plan.col) for ref, t in targets.items()}
            if own is None or plan.rate or any(cell not in place for cell in cells.values()):
                continue
            names = {ref: f"{letters(col)}{row + 1}" for ref, (row, col) in cells.items()}
            expr = formula.expression(f"{letters(plan.col)}{r.row + 1}", names)
            _add_formula(sink, own, f"{expr} | {formula.text}")


def _norm(code: str) -> str:
    code = code.strip().upper()
    return code.lstrip("0") or "0" if code.isdigit() else code


def _resolve(candidates: list[int], row: int, parent_of: list) -> int | None:
    """The row a code names: the one under the formula's row when several share it, else the one in the
    formula row's own section (sections I and II both numbered 1, 2, 3), else the only one."""
    if len(candidates) == 1:
        return candidates[0]
    inside = [c for c in candidates if _descends(c, row, parent_of)]
    if len(inside) == 1:
        return inside[0]
    siblings = [c for c in candidates if parent_of[c] is not None and parent_of[c] == parent_of[row]]
    return siblings[0] if not inside and len(siblings) == 1 else None


def _descends(child: int, ancestor: int, parent_of: list) -> bool:
    seen = 0
    while child is not None and seen < 64:
        child = parent_of[child]
        if child == ancestor:
            return True
        seen += 1
    return False
