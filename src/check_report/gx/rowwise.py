"""A rounding-aware relation between the columns of one row of a wide table (no GX import).

For tables shaped like the report itself: one row per indicator, one column per figure
(`cumulative == m1 + m2 + m3`, `pct_plan == cumulative / plan * 100`). The expression is parsed by the
engine's parser with the column names as its vocabulary and computed with the engine's interval
arithmetic, so a figure shown as 21.89 stands for [21.885, 21.895] here exactly as in `check-report`.
A column's interval comes from, in order: explicit bound columns, a declared number of decimals, or the
decimals each value shows (a float read from a cell, as the table reader does for `General` cells).
"""

from __future__ import annotations

import numpy as np

from check_report.engine import expr as E
from check_report.engine import intervals as I
from check_report.engine.pointwise import evaluate_names
from check_report.numbers import decimals_of


def relation_names(expression: str, columns) -> list[str]:
    """Columns the relation reads; raises ExprError for a syntax error or a name that is no column."""
    node = _parse(expression, columns)
    return sorted({sub.measure for sub in E.walk(node) if isinstance(sub, E.Ref)})


def _parse(expression: str, columns) -> E.Node:
    node = E.parse(expression, frozenset(str(c) for c in columns), frozenset())
    for sub in E.walk(node):
        if isinstance(sub, (E.Children, E.SumMonths, E.Flag)) or (isinstance(sub, E.Ref) and sub.scope != "self"):
            raise E.ExprError("a row relation speaks of the row's own columns only", sub.start)
    return node


def column_interval(frame, column: str, *, bounds: dict | None = None, decimals: dict | None = None) -> I.Iv:
    import pandas as pd

    if bounds and column in bounds:
        lo_col, hi_col = bounds[column]
        lo = pd.to_numeric(frame[lo_col], errors="coerce").to_numpy(dtype="float64")
        hi = pd.to_numeric(frame[hi_col], errors="coerce").to_numpy(dtype="float64")
        return I.stated(lo, hi)
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64")
    if decimals and column in decimals:
        shown = np.full(len(values), float(decimals[column]))
    else:
        shown = np.array([0 if np.isnan(v) else decimals_of(v) for v in values], dtype="float64")
    half = 0.5 * np.power(10.0, -shown)
    return I.stated(values - half, values + half)


def row_relation(frame, expression: str, *, bounds: dict | None = None, decimals: dict | None = None,
                 tolerance_abs: float = 0.0, tolerance_rel: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """(holds, known) per row: a row fails when `known & ~holds`; unknown rows are not evaluated."""
    node = _parse(expression, frame.columns)
    env = {name: column_interval(frame, name, bounds=bounds, decimals=decimals)
           for name in relation_names(expression, frame.columns)}
    truth = evaluate_names(node, env, len(frame), tolerance_abs, tolerance_rel)
    if not isinstance(truth, I.Truth):
        raise E.ExprError("a relation must be a comparison", node.start)
    return truth.possible, truth.known
