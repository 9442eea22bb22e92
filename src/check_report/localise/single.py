"""One figure explains every failure of a component: which one, and what it should read.

A figure can explain the failures only when it takes part in every failing relation of the component.
For each such statement:
- every typo candidate (`typos.candidates`) is tested exactly against all the relations the figure takes
  part in, failing and passing alike;
- the values it could take freely are bounded by projecting each relation onto the figure (the interval
  of values for which the relation can hold, the other figures staying within their rounding), and the
  values written at the figure's precision inside that bound are tested exactly as well. When exactly one
  such value satisfies everything, the relations determine the correction.

No solver is needed for this case, the common one (one slip in a component), so the plain run never
imports SciPy; `milp.py` handles components that need several changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from check_report.engine import expr as X
from check_report.engine import intervals as I
from check_report.localise import typos
from check_report.localise.model import Duplicate, Model, Statement

GRID_LIMIT = 4000        # written values tested one by one; beyond this the correction is not determined
SAMPLES = 400            # values tried in a bound too wide to test every written value
BASE_PENALTY = 0.1       # a base figure over a derived one (a percentage) when both fit equally
CHANCE = 0.1             # a typo candidate counts as evidence when a chance fit is at most this likely


@dataclass(frozen=True)
class Option:
    """Changing one statement repairs the component: at what cost, and to what value if known."""
    statement: Statement
    cost: float
    suggested: float | None = None     # the correction, when a pattern or the relations determine it
    decimals: int = 0
    pattern: str | None = None


def options(model: Model, failing: list[int]) -> list[Option]:
    """Every single statement whose change makes all relations hold, cheapest first."""
    if not failing:
        return []
    common = None
    for rel in failing:
        slots = model.slots_of(rel)
        common = set(slots) if common is None else common & slots
    found = []
    for slot in sorted(common or ()):
        rels = model.relations_of([slot])
        for statement in model.statements(slot):
            option = _option(model, statement, rels)
            if option is not None:
                found.append(option)
    found.sort(key=lambda o: (o.cost, o.statement.position))
    return found


def _option(model: Model, statement: Statement, rels: list[int]) -> Option | None:
    penalty = 0.0 if statement.derived else BASE_PENALTY
    values, strict, complete = _free_values(model, statement, rels)
    best = _best_candidate(model, statement, rels, values, complete)
    if best is not None:
        return Option(statement, 1.0 + best.cost + penalty, best.value, best.decimals, best.pattern)
    if not len(values):
        return None
    determined = len(strict) == 1 and complete
    pattern = None if determined else _one_pattern(model, statement, rels, values, complete)
    if pattern is not None:
        return Option(statement, 1.0 + typos.COSTS[pattern] + penalty, None, statement.decimals, pattern)
    return Option(statement, 1.0 + typos.FREE + penalty, float(strict[0]) if determined else None,
                  statement.decimals)


def _best_candidate(model: Model, statement: Statement, rels: list[int], values: np.ndarray,
                    complete: bool) -> typos.Candidate | None:
    """The one typo candidate that satisfies every relation, when it is evidence. None when none does;
    when several values do (a pattern that fits more than one way); and when the window of values the
    relations allow is so wide, next to the digit the slip changed, that a candidate of that pattern
    would land in it by chance (more than CHANCE): '31.942' for 36.954 is not 'a wrong digit' because
    36.942 also fits a window of 36 values."""
    found, passing = _passing(model, statement, rels)
    if len(passing) != 1:
        return None
    best = passing[0]
    if len(values) == 1 and complete and abs(float(values[0]) - best.value) < 1e-9 * max(1.0, abs(best.value)):
        return best                     # the relations determine the value; the pattern names the slip
    return best if _chance(best, found, values, complete, statement) <= CHANCE else None


def _passing(model: Model, statement: Statement, rels: list[int]) -> tuple[list, list]:
    """The statement's typo candidates, and those that satisfy every relation it takes part in."""
    found = typos.candidates(statement.raw, statement.value, statement.decimals, statement.measure)
    if not found:
        return [], []
    cands = np.array([c.value for c in found])
    halves = np.array([0.5 * 10.0 ** -c.decimals for c in found])
    ok = model.all_hold(rels, {statement.position: (cands - halves, cands + halves)}, len(found))
    return found, [c for c, good in zip(found, ok) if good]


def _one_pattern(model: Model, statement: Statement, rels: list[int], values: np.ndarray,
                 complete: bool) -> str | None:
    """The pattern of a slip whose digit is not determined: several candidates fit ('5.136' for 51.360:
    a digit added at the end gives 51.360, 51.361 and 51.362, all within the quarter's rounding), all of
    one pattern, and even together they are unlikely to fit by chance. Evidence for the suspect, not a
    correction."""
    found, passing = _passing(model, statement, rels)
    if len(passing) < 2 or len({c.pattern for c in passing}) != 1:
        return None
    nearest = min(passing, key=lambda c: abs(c.value - statement.value))
    chance = _chance(nearest, found, values, complete, statement)
    return nearest.pattern if chance * len(passing) <= CHANCE else None


def _chance(best: typos.Candidate, found: list[typos.Candidate], values: np.ndarray, complete: bool,
            statement: Statement) -> float:
    """How likely some candidate of the same pattern would fit by chance: the window of allowed values
    (its width) times the density of that pattern's candidates around the stated figure (those within
    twice the distance of the one that fits)."""
    distance = abs(best.value - statement.value)
    width = (float(values.max() - values.min()) + 10.0 ** -statement.decimals) if len(values) else 0.0
    if not complete:
        width = max(width, distance)
    near = sum(1 for c in found if c.pattern == best.pattern and abs(c.value - statement.value) <= 2 * distance)
    return max(near, 1) * width / (2 * distance) if distance else 1.0


def _free_values(model: Model, statement: Statement, rels: list[int]) -> tuple[np.ndarray, np.ndarray, bool]:
    """Values written at the statement's precision that satisfy every relation; those that do so with
    room to spare (not only by an interval touching another at its edge); and whether they are all of
    them (False when the bound was too wide, or open, and only a sample of it was tried)."""
    lo, hi = -math.inf, math.inf
    for rel in rels:
        a, b = _projection(model, rel, statement)
        lo, hi = max(lo, a), min(hi, b)
        if lo > hi:
            return np.zeros(0), np.zeros(0), True
    # a hair wider than the projection: the exact test below has the engine's float slack at the edges
    pad = 1e-7 * max(abs(lo) if math.isfinite(lo) else 0.0, abs(hi) if math.isfinite(hi) else 0.0, 1.0)
    lo, hi = lo - pad, hi + pad
    step = 10.0 ** -statement.decimals
    complete = math.isfinite(lo) and math.isfinite(hi) and (hi - lo) / step <= GRID_LIMIT
    grid = _grid(statement, lo, hi)
    if not len(grid):
        return grid, grid, complete
    half = statement.half
    ok = model.all_hold(rels, {statement.position: (grid - half, grid + half)}, len(grid))
    grid = grid[ok]
    # 7,63 stands for [7,625; 7,635] and so touches 107,64 − 100 at 7,635: allowed, but it does not make
    # 7,63 a second answer; a value must fit with its interval shrunk a little to count as one
    slack = 10 * I.FLOAT_SLACK * (1 + np.abs(grid))
    inner = np.minimum(0.5 * half, np.maximum(0.01 * half, slack))
    strict = model.all_hold(rels, {statement.position: (grid - half + inner, grid + half - inner)}, len(grid))
    return grid, grid[strict], complete


def _grid(statement: Statement, lo: float, hi: float) -> np.ndarray:
    step = 10.0 ** -statement.decimals
    if math.isfinite(lo) and math.isfinite(hi):
        first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
        if last < first:
            return np.zeros(0)
        if last - first <= GRID_LIMIT:
            return np.round(np.arange(first, last + 1) * step, statement.decimals + 2)
        return np.unique(np.round(np.linspace(first, last, SAMPLES)) * step)
    # a bound open on one side (only inequalities hold the figure): values near the closed side, then
    # further out; an unbounded figure is tried around its stated value
    anchor = lo if math.isfinite(lo) else hi if math.isfinite(hi) else statement.value
    magnitude = max(abs(anchor), abs(statement.value), step)
    offsets = np.concatenate([np.arange(0, 50) * step, magnitude * np.geomspace(1e-3, 1e3, SAMPLES)])
    if math.isfinite(lo):
        points = lo + offsets
    elif math.isfinite(hi):
        points = hi - offsets
    else:
        points = np.concatenate([anchor + offsets, anchor - offsets])
    return np.unique(np.round(np.round(points / step) * step, statement.decimals + 2))


# -- projection: the values one figure may take for one relation to hold --------------------------------

def _projection(model: Model, rel: int, statement: Statement) -> tuple[float, float]:
    """Bound on the statement's written value for relation `rel` to hold, the others as stated. Exact for
    a figure that occurs once in the relation (each figure's interval counts independently, as in the
    engine); (-inf, inf) where the relation is not invertible (the values are then tested one by one)."""
    relation = model.relation(rel)
    if isinstance(relation, Duplicate):
        lo, hi = -math.inf, math.inf
        for other in model.statements(statement.slot):
            if other.position != statement.position:
                lo, hi = max(lo, other.lower * other.conv), min(hi, other.upper * other.conv)
        return _written(lo, hi, statement)
    leaves = [node for node in X.walk(relation.node) if statement.slot in _slots(relation, node)]
    if len(leaves) != 1:
        return -math.inf, math.inf
    path = _path(relation.node, leaves[0])
    if path is None:
        return -math.inf, math.inf
    allowed = (-math.inf, math.inf)
    for parent, child in zip(path, path[1:]):
        allowed = _invert(model, rel, parent, child, allowed)
        if allowed is None:
            return -math.inf, math.inf
    lo, hi = _leaf_bound(model, relation, leaves[0], statement, allowed)
    return _written(lo, hi, statement)


def _written(lo: float, hi: float, statement: Statement) -> tuple[float, float]:
    """From the slot's values (its unit) to the statement's written values, whose interval must touch."""
    half = statement.half
    return lo / statement.conv - half, hi / statement.conv + half


def _slots(relation, node) -> tuple[int, ...]:
    occurrence = relation.occurrences.get(id(node))
    return () if occurrence is None or occurrence.count else occurrence.slots


def _path(root: X.Node, target: X.Node) -> list[X.Node] | None:
    if root is target:
        return [root]
    for child in _children(root):
        sub = _path(child, target)
        if sub is not None:
            return [root] + sub
    return None


def _children(node: X.Node) -> tuple[X.Node, ...]:
    if isinstance(node, (X.Binary, X.Compare)):
        return (node.left, node.right)
    if isinstance(node, X.Unary):
        return (node.operand,)
    return ()


def _invert(model: Model, rel: int, parent: X.Node, child: X.Node, allowed):
    """The values `child` may take for `parent` to lie in `allowed` (HC4-revise, one step down)."""
    if isinstance(parent, X.Compare):
        other = parent.right if child is parent.left else parent.left
        o_lo, o_hi = model.interval_of(rel, other)
        op = parent.op if child is parent.left else _MIRROR[parent.op]
        if op == "==":
            return (o_lo, o_hi)
        if op in ("<=", "<"):
            return (-math.inf, o_hi)
        if op in (">=", ">"):
            return (o_lo, math.inf)
        return None
    if isinstance(parent, X.Unary) and parent.op == "-":
        return (-allowed[1], -allowed[0])
    if not isinstance(parent, X.Binary) or parent.op not in ("+", "-", "*", "/"):
        return None
    left_side = child is parent.left
    other = model.interval_of(rel, parent.right if left_side else parent.left)
    a_lo, a_hi = allowed
    if parent.op == "+":
        return (a_lo - other[1], a_hi - other[0])
    if parent.op == "-":
        return (a_lo + other[0], a_hi + other[1]) if left_side else (other[0] - a_hi, other[1] - a_lo)
    if parent.op == "*":
        return _divide(allowed, other)
    # division: x / o = a  ->  x = a * o ;  o / x = a  ->  x = o / a
    return _multiply(allowed, other) if left_side else _divide(other, allowed)


_MIRROR = {"==": "==", "<=": ">=", "<": ">", ">=": "<=", ">": "<", "!=": "!="}


def _multiply(a, b):
    products = [x * y for x in a for y in b if not (math.isinf(x) and y == 0 or math.isinf(y) and x == 0)]
    if not products or any(math.isnan(p) for p in products):
        return (-math.inf, math.inf)
    return (min(products), max(products))


def _divide(a, b):
    if b[0] <= 0 <= b[1]:
        return (-math.inf, math.inf)
    return _multiply(a, (1 / b[1], 1 / b[0]))


def _leaf_bound(model: Model, relation, node, statement: Statement, allowed) -> tuple[float, float]:
    """The target slot's values for the leaf (a figure, or a sum of figures) to lie in `allowed`."""
    occurrence = relation.occurrences[id(node)]
    rest_lo = rest_hi = 0.0
    factor = 1.0
    for slot, f in zip(occurrence.slots, occurrence.factors):
        if slot == statement.slot:
            factor = f
            continue
        rest_lo += model.index.slot_lo[slot] * f
        rest_hi += model.index.slot_hi[slot] * f
    lo, hi = (allowed[0] - rest_hi) / factor, (allowed[1] - rest_lo) / factor
    # the slot is also bound by the statement's other statements (a figure stated twice)
    for other in model.statements(statement.slot):
        if other.position != statement.position:
            lo, hi = max(lo, other.lower * other.conv), min(hi, other.upper * other.conv)
    return lo, hi
