"""The values a set of changes found by the solver (milp.py) writes, read at each figure's precision and
checked exactly: the solver's continuous values sit on the edges of intervals, a correction is written with
the figure's own decimals.
"""

from __future__ import annotations

import numpy as np

from check_report.localise import typos
from check_report.localise.model import Model, Statement

NEAR = 2000              # written values tried either side of the solver's value for a free change


def specific(model: Model, statement: Statement, position: int, values: dict, rels: list[int]) -> bool:
    """Whether the pattern found is the only typo candidate that fits (else it may fit by chance)."""
    found = typos.candidates(statement.raw, statement.value, statement.decimals, statement.measure)
    vals = np.array([c.value for c in found])
    halves = np.array([0.5 * 10.0 ** -c.decimals for c in found])
    changed = {p: (np.full(len(found), v - 0.5 * 10.0 ** -d), np.full(len(found), v + 0.5 * 10.0 ** -d))
               for p, (v, d, _) in values.items() if p != position}
    changed[position] = (vals - halves, vals + halves)
    return int(model.all_hold(rels, changed, len(found)).sum()) == 1


def pair_near(model: Model, statements: dict, pair: list[int], values: dict, rels: list[int],
              steps: int = 5) -> bool:
    """Two free changes bound to each other (a ratio and its growth): written values of both near the
    solver's, tried together; the first pair that holds is kept in `values`."""
    a, b = (statements[p] for p in pair)
    offsets = np.arange(-steps, steps + 1)
    grid_a = np.repeat(values[pair[0]][0] + offsets * 10.0 ** -a.decimals, len(offsets))
    grid_b = np.tile(values[pair[1]][0] + offsets * 10.0 ** -b.decimals, len(offsets))
    n = len(grid_a)
    changed = {p: (np.full(n, v - 0.5 * 10.0 ** -d), np.full(n, v + 0.5 * 10.0 ** -d))
               for p, (v, d, _) in values.items() if p not in pair}
    changed[pair[0]] = (grid_a - a.half, grid_a + a.half)
    changed[pair[1]] = (grid_b - b.half, grid_b + b.half)
    ok = np.flatnonzero(model.all_hold(rels, changed, n))
    if not len(ok):
        return False
    values[pair[0]] = (round(float(grid_a[ok[0]]), a.decimals + 2), a.decimals, None)
    values[pair[1]] = (round(float(grid_b[ok[0]]), b.decimals + 2), b.decimals, None)
    return True


def values_near(model: Model, statement: Statement, position: int, values: dict,
                rels: list[int]) -> tuple[float, float | None] | None:
    """(a written value near the solver's that holds with the other changes, the value if it is the only
    one that holds with room to spare); None when none does."""
    step = 10.0 ** -statement.decimals
    grid = np.round(values[position][0] + step * np.arange(-NEAR, NEAR + 1), statement.decimals + 2)
    half = statement.half
    changed = {p: (np.full(len(grid), v - 0.5 * 10.0 ** -d), np.full(len(grid), v + 0.5 * 10.0 ** -d))
               for p, (v, d, _) in values.items() if p != position}
    changed[position] = (grid - half, grid + half)
    loose = model.all_hold(rels, changed, len(grid))
    if not loose.any():
        return None
    inner = 0.01 * half
    changed[position] = (grid - half + inner, grid + half - inner)
    strict = model.all_hold(rels, changed, len(grid)) & loose
    pool = grid[strict] if strict.any() else grid[loose]
    chosen = float(pool[np.argmin(np.abs(pool - values[position][0]))])
    unique = strict.sum() == 1 and not strict[0] and not strict[-1]
    return chosen, (chosen if unique else None)


def holds(model: Model, rels: list[int], values: dict) -> bool:
    """Whether every relation holds with each changed figure written as `values` says."""
    changed = {p: (np.array([v - 0.5 * 10.0 ** -d]), np.array([v + 0.5 * 10.0 ** -d]))
               for p, (v, d, _) in values.items()}
    return bool(model.all_hold(rels, changed, 1)[0])
