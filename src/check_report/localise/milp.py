"""Several figures must change: the cheapest set, found by a mixed-integer programme (SciPy's HiGHS).

Why SciPy's `milp`: HiGHS is a maintained, fast open-source MILP solver; SciPy ships it in binary wheels
for every platform we support, needs no service or licence, and is already installed with pandas' usual
companions. OR-Tools would add a 30 MB dependency for the same job. SciPy costs about half a second to
import, so this module is imported only when no single figure explains a component (never on a clean
input, nor for the common single slip).

The programme (Fellegi–Holt error localisation with typo-aware costs):

- each candidate statement j (the figures of the failing relations and of the relations next to them)
  may stay as written, take one of its typo candidates k (binary y_jk, a fixed shift δ_jk), or change
  freely (binary φ_j, shift d_j with |d_j| ≤ M φ_j); at most one of these; the cost is 1 per change plus
  the pattern's cost (`typos.COSTS`, `typos.FREE`), plus a small penalty for a base figure;
- every relation reads its own copy of each figure, within that figure's (shifted) rounding interval:
  figures count independently in each relation, as they do in the engine;
- a relation linear in its figures (sums, components, growth = ratio − 100) is a linear row;
- a ratio, once cross-multiplied, has one product of two figures (pct × plan = 100 × cumulative). It is
  linearised exactly while one factor e is unchanged: "some e in [lo, hi] satisfies e·A + B op 0" is the
  linear pair lo·A + B ≤ 0 ≤ hi·A + B (A of known sign). Each factor gives such rows, active (big-M)
  while that factor is unchanged. Only when both factors change is the relation left out; every answer
  is then checked exactly (the engine's interval arithmetic) before it is named, so a relaxed answer that
  does not hold is dropped, never reported.

The cheapest set is the answer when the second cheapest (a no-good cut excludes the first) costs more by
at least the tie margin; otherwise there is no unique suspect. A time limit bounds every solve.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from check_report.engine import expr as X
from check_report.localise import algebra, corrections, typos
from check_report.localise.model import Duplicate, Model, Statement
from check_report.localise.single import BASE_PENALTY

MAX_STATEMENTS = 150     # candidate statements per component; beyond, only the failing relations' figures
MAX_CHANGES = 4          # more changes than this in one component is not "a slip" any more


@dataclass
class Found:
    suspects: list = field(default_factory=list)   # [(Statement, suggested|None, decimals, pattern|None)]
    reason: str = ""


def solve(model: Model, failing: list[int], deadline: float, margin: float = 0.05) -> Found:
    try:
        from scipy.optimize import Bounds, LinearConstraint, milp  # noqa: F401 - imported here on purpose
    except ImportError:
        return Found(reason="no solver")
    problem = _Problem(model, failing)
    if not problem.build():
        return Found(reason="too large")
    first = problem.solve(deadline)
    if first is None:
        return Found(reason="infeasible" if time.perf_counter() < deadline else "time")
    changed, cost, solution = first
    if len(changed) > MAX_CHANGES:
        return Found(reason="too many changes")
    second = problem.solve(deadline, exclude=[set(changed)])
    if second is not None and second[1] - cost < margin:
        return Found(reason="tie")
    suspects = problem.answer(changed, solution)
    if suspects is None:
        return Found(reason="not verified")
    return Found(suspects=suspects, reason="")


@dataclass
class _Var:
    lb: float
    ub: float
    integer: bool = False
    cost: float = 0.0
    scale: float = 1.0     # the solver sees value / scale: every variable near 1 in magnitude


class _Problem:
    def __init__(self, model: Model, failing: list[int]):
        self.model = model
        self.failing = failing
        self.vars: list[_Var] = []
        self.rows: list[tuple[dict[int, float], float, float]] = []   # (coefs, lower, upper)
        self.choices: dict[int, dict] = {}    # statement position -> its variables
        self.statements: dict[int, Statement] = {}
        self.relations: list[int] = []

    # -- variables ------------------------------------------------------------------------------------
    def var(self, lb: float, ub: float, integer: bool = False, cost: float = 0.0, scale: float = 1.0) -> int:
        self.vars.append(_Var(lb, ub, integer, cost, max(scale, 1e-12)))
        return len(self.vars) - 1

    def row(self, coefs: dict[int, float], lower: float, upper: float) -> None:
        coefs = {k: v for k, v in coefs.items() if v}
        if coefs:
            self.rows.append((coefs, lower, upper))

    # -- building -------------------------------------------------------------------------------------
    def build(self) -> bool:
        model = self.model
        fail_slots = set().union(*(model.slots_of(r) for r in self.failing))
        near = model.relations_of(fail_slots)
        slots = set().union(*(model.slots_of(r) for r in near)) if near else set(fail_slots)
        candidates = [s for slot in sorted(slots) for s in model.statements(slot)]
        if len(candidates) > MAX_STATEMENTS:
            slots = fail_slots
            candidates = [s for slot in sorted(slots) for s in model.statements(slot)]
            if len(candidates) > MAX_STATEMENTS:
                return False
        for statement in candidates:
            self._choice(statement)
        self.relations = model.relations_of(slots)
        for rel in self.relations:
            self._relation(rel)
        return True

    def _choice(self, statement: Statement) -> None:
        penalty = 0.0 if statement.derived else BASE_PENALTY
        # a free change stays within ten times the figure (a percentage: within 1000 points); a figure
        # wrong by more than that is a unit or separator slip, which the typo candidates cover. Tight
        # bounds keep the big-M rows numerically sound.
        magnitude = max(abs(statement.value), 100.0 if statement.derived else 10.0 * statement.half, 1e-9)
        big = 10.0 * magnitude
        phi = self.var(0, 1, True, 1.0 + typos.FREE + penalty)
        free = self.var(-big, big, scale=magnitude)
        self.row({free: 1.0, phi: -big}, -math.inf, 0.0)      # d <= M phi
        self.row({free: 1.0, phi: big}, 0.0, math.inf)        # d >= -M phi
        picks = []
        for cand in self._useful(statement):
            y = self.var(0, 1, True, 1.0 + cand.cost + penalty)
            picks.append((y, cand.value - statement.value, 0.5 * 10.0 ** -cand.decimals - statement.half))
        self.row({phi: 1.0, **{y: 1.0 for y, _, _ in picks}}, -math.inf, 1.0)
        self.choices[statement.position] = {"phi": phi, "free": free, "picks": picks, "big": big}
        self.statements[statement.position] = statement

    def _useful(self, statement: Statement) -> list[typos.Candidate]:
        """Typo candidates that repair at least one relation the figure takes part in, the others as
        stated: a pattern earns its place in the programme by explaining something."""
        found = typos.candidates(statement.raw, statement.value, statement.decimals, statement.measure)
        if not found:
            return []
        values = np.array([c.value for c in found])
        halves = np.array([0.5 * 10.0 ** -c.decimals for c in found])
        changed = {statement.position: (values - halves, values + halves)}
        useful = np.zeros(len(found), dtype=bool)
        for rel in self.model.relations_of([statement.slot]):
            if self.model.relation(rel).failed:
                useful |= self.model.holds(rel, changed, len(found))
        return [c for c, keep in zip(found, useful) if keep]

    def changed_vars(self, statement: Statement) -> dict[int, float]:
        choice = self.choices.get(statement.position)
        if choice is None:
            return {}
        return {choice["phi"]: 1.0, **{y: 1.0 for y, _, _ in choice["picks"]}}

    def _copy(self, slot: int) -> int:
        """A relation's own copy of a slot's value, within every statement's (possibly shifted) interval."""
        model = self.model
        lows, highs = [], []
        for statement in model.statements(slot):
            choice = self.choices.get(statement.position)
            if choice is None:
                lows.append(statement.lower * statement.conv)
                highs.append(statement.upper * statement.conv)
            else:
                spread = max([abs(d) + abs(w) for _, d, w in choice["picks"]] + [choice["big"]])
                lows.append((statement.lower - spread) * statement.conv)
                highs.append((statement.upper + spread) * statement.conv)
        lb, ub = (max(lows), min(highs)) if max(lows) <= min(highs) else (min(lows), max(highs))
        stated = self.model.index
        x = self.var(lb, ub, scale=max(abs(stated.slot_lo[slot]), abs(stated.slot_hi[slot]), 1e-9))
        for statement in model.statements(slot):
            choice = self.choices.get(statement.position)
            if choice is None:
                self.row({x: 1.0}, statement.lower * statement.conv, statement.upper * statement.conv)
                continue
            c = statement.conv
            # c (lo + d + Σ δ y − Σ w y) <= x <= c (hi + d + Σ δ y + Σ w y)
            low = {x: 1.0, choice["free"]: -c, **{y: -c * (d - w) for y, d, w in choice["picks"]}}
            high = {x: 1.0, choice["free"]: -c, **{y: -c * (d + w) for y, d, w in choice["picks"]}}
            self.row(low, c * statement.lower, math.inf)
            self.row(high, -math.inf, c * statement.upper)
        return x

    def _relation(self, rel: int) -> None:
        relation = self.model.relation(rel)
        if isinstance(relation, Duplicate):
            self._copy(relation.slot)       # one common value within every statement's interval
            return
        if not isinstance(relation.node, X.Compare):
            return                          # a logical combination: checked exactly at the end only
        copies: dict[int, dict[int, float]] = {}    # occurrence -> linear form over copies
        ranges: dict[int, tuple[float, float]] = {}
        changers: dict[int, dict[int, float]] = {}
        for key, occurrence in relation.occurrences.items():
            if occurrence.count:
                continue
            form: dict[int, float] = {}
            lo = hi = 0.0
            change: dict[int, float] = {}
            for slot, factor in zip(occurrence.slots, occurrence.factors):
                x = self._copy(slot)
                form[x] = form.get(x, 0.0) + factor
                lo += self.model.index.slot_lo[slot] * factor
                hi += self.model.index.slot_hi[slot] * factor
                for statement in self.model.statements(slot):
                    change.update(self.changed_vars(statement))
            copies[key], ranges[key], changers[key] = form, (lo, hi), change
        try:
            left = algebra.rational(relation.node.left, relation)
            right = algebra.rational(relation.node.right, relation)
        except algebra.Unsupported:
            return
        poly, op = algebra.cross(left, right, relation.node.op, ranges)
        if poly is None or op == "!=":
            return
        for denominator in (left[1], right[1]):
            if any(len(m) == 2 for m in denominator):
                return
            if any(m for m in denominator):        # a changed denominator keeps its sign
                self._sign_row(algebra.expand(denominator, copies), algebra.sign_of(denominator, ranges))
        quadratic = [m for m in poly if len(m) == 2]
        if not quadratic:
            self._linear_row(poly, op, copies)
            return
        for e in set(quadratic[0]):
            if not all(e in m for m in quadratic) or any(m == (e, e) for m in quadratic):
                continue
            a_poly = {tuple(k for k in m if k != e) or (): c for m, c in poly.items() if e in m}
            b_poly = {m: c for m, c in poly.items() if e not in m}
            sign = algebra.sign_of(a_poly, ranges)
            if sign == 0:
                continue
            a_form = algebra.expand(a_poly, copies)
            b_form = algebra.expand(b_poly, copies)
            self._sign_row(a_form, sign)
            # e as stated, or e written as one of its typo candidates: e is then an interval, and the
            # relation is linear in the rest; rows active only while that option is the one taken
            for (lo, hi), active in self._options(relation.occurrences[e], ranges[e], changers.get(e, {})):
                near, far = (lo, hi) if sign > 0 else (hi, lo)
                if op == "==":
                    self._active_row(algebra.combine(a_form, near, b_form), -math.inf, 0.0, active)
                    self._active_row(algebra.combine(a_form, far, b_form), 0.0, math.inf, active)
                elif op in ("<=", "<"):
                    self._active_row(algebra.combine(a_form, near, b_form), -math.inf, 0.0, active)
                elif op in (">=", ">"):
                    self._active_row(algebra.combine(a_form, far, b_form), 0.0, math.inf, active)

    def _options(self, occurrence, stated: tuple[float, float], changers: dict[int, float]):
        """The intervals an eliminated factor can take without a free change, each with the binaries
        whose sum is 0 exactly when that option is taken (`active` as the big-M rows read it)."""
        yield stated, changers
        if len(occurrence.slots) != 1:
            return
        slot, factor = occurrence.slots[0], occurrence.factors[0]
        statements = self.model.statements(slot)
        if len(statements) != 1 or statements[0].position not in self.choices:
            return
        statement = statements[0]
        choice = self.choices[statement.position]
        for y, shift, widen in choice["picks"]:
            lo = (statement.lower + shift - widen) * statement.conv * factor
            hi = (statement.upper + shift + widen) * statement.conv * factor
            # active when y = 1: the rows read Σ z - ... ; use (1 - y) through a complement below
            yield (lo, hi), {y: -1.0, None: 1.0}

    def _linear_row(self, poly: dict, op: str, copies: dict) -> None:
        form = algebra.expand(poly, copies)
        const = form.pop(None, 0.0)
        if op == "==":
            self.row(form, -const, -const)
        elif op in ("<=", "<"):
            self.row(form, -math.inf, -const)
        elif op in (">=", ">"):
            self.row(form, -const, math.inf)

    def _sign_row(self, form: dict, sign: int) -> None:
        const = form.get(None, 0.0)
        coefs = {k: v for k, v in form.items() if k is not None}
        if coefs:
            self.row(coefs, -const, math.inf) if sign > 0 else self.row(coefs, -math.inf, -const)

    def _active_row(self, form: dict, lower: float, upper: float, activate: dict) -> None:
        """form + const within [lower, upper] while the linear expression `activate` (binaries, and a
        constant under the key None) is 0; relaxed by big-M when it is 1."""
        form = dict(form)
        const = form.pop(None, 0.0)
        bound = abs(const) + sum(abs(c) * max(abs(self.vars[k].lb), abs(self.vars[k].ub)) for k, c in form.items())
        big = 2.0 * bound + 1.0
        offset = activate.get(None, 0.0)
        binaries = {z: c for z, c in activate.items() if z is not None}
        if math.isfinite(upper):
            coefs = dict(form)
            for z, c in binaries.items():
                coefs[z] = coefs.get(z, 0.0) - big * c
            self.row(coefs, -math.inf, upper - const + big * offset)
        if math.isfinite(lower):
            coefs = dict(form)
            for z, c in binaries.items():
                coefs[z] = coefs.get(z, 0.0) + big * c
            self.row(coefs, lower - const - big * offset, math.inf)

    # -- solving --------------------------------------------------------------------------------------
    def solve(self, deadline: float, exclude: list[set[int]] = ()) -> tuple[list[int], float, np.ndarray] | None:
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_matrix

        remaining = deadline - time.perf_counter()
        if remaining <= 0.01:
            return None
        rows = list(self.rows)
        for changed in exclude:
            coefs, rhs = {}, 1.0
            for position, statement in self.statements.items():
                for z in self.changed_vars(statement):
                    if position in changed:
                        coefs[z] = coefs.get(z, 0.0) - 1.0
                    else:
                        coefs[z] = coefs.get(z, 0.0) + 1.0
                rhs -= 1.0 if position in changed else 0.0
            rows.append((coefs, rhs, math.inf))
        n = len(self.vars)
        scale = np.array([var.scale for var in self.vars])
        r, c, v, lower, upper = [], [], [], [], []
        for i, (coefs, lo, hi) in enumerate(rows):
            # variables scaled to about 1, then the row divided by its largest coefficient
            scaled = {k: value * scale[k] for k, value in coefs.items()}
            norm = max(abs(x) for x in scaled.values())
            for k, value in scaled.items():
                r.append(i)
                c.append(k)
                v.append(value / norm)
            lower.append(lo / norm)
            upper.append(hi / norm)
        matrix = coo_matrix((v, (r, c)), shape=(len(rows), n)).tocsr()
        result = milp(c=np.array([var.cost for var in self.vars]),
                      integrality=np.array([1 if var.integer else 0 for var in self.vars]),
                      bounds=Bounds([var.lb / var.scale for var in self.vars],
                                    [var.ub / var.scale for var in self.vars]),
                      constraints=LinearConstraint(matrix, lower, upper),
                      options={"time_limit": max(remaining, 0.05), "presolve": True})
        if result.x is None or result.status != 0:     # not proven optimal (time limit): no answer
            return None
        x = result.x * scale
        changed = [p for p, st in self.statements.items() if sum(x[z] for z in self.changed_vars(st)) > 0.5]
        return changed, float(result.fun), x

    def answer(self, changed: list[int], x: np.ndarray):
        """The suspects with their corrections, checked exactly; None when the answer does not hold."""
        model = self.model
        values: dict[int, tuple[float, int, str | None]] = {}
        free = []
        for position in changed:
            statement, choice = self.statements[position], self.choices[position]
            pick = next(((y, d) for y, d, _ in choice["picks"] if x[y] > 0.5), None)
            if pick is not None:
                cand = next(c for c in typos.candidates(statement.raw, statement.value, statement.decimals,
                                                        statement.measure)
                            if abs(c.value - statement.value - pick[1]) < 1e-9 * max(1.0, abs(c.value)))
                values[position] = (cand.value, cand.decimals, cand.pattern)
            else:
                step = 10.0 ** -statement.decimals
                values[position] = (round((statement.value + x[choice["free"]]) / step) * step, statement.decimals,
                                    None)
                free.append(position)
        rels = model.relations_of({self.statements[p].slot for p in changed})
        determined: dict[int, float | None] = {}
        for position in free:     # the solver's value sits on an edge: the written values near it, tested
            found = corrections.values_near(model, self.statements[position], position, values, rels)
            if found is None and len(free) == 2:
                if not corrections.pair_near(model, self.statements, free, values, rels):
                    return None
                found = corrections.values_near(model, self.statements[position], position, values, rels)
            if found is None:
                return None
            values[position] = (found[0], self.statements[position].decimals, None)
            determined[position] = found[1]
        if not corrections.holds(model, rels, values):
            return None
        for position in changed:
            statement = self.statements[position]
            if values[position][2] and not corrections.specific(model, statement, position, values, rels):
                values[position] = (values[position][0], statement.decimals, None)
                determined[position] = None
        suspects = []
        # the cheapest change first: a typo the relations explain before the figures it dragged along
        cost = {p: sum(x[z] * self.vars[z].cost for z in self.changed_vars(self.statements[p])) for p in changed}
        for position in sorted(changed, key=lambda p: (cost[p], p)):
            value, decimals, pattern = values[position]
            suggested = value if pattern else determined.get(position)
            suspects.append((self.statements[position], suggested, decimals, pattern))
        return suspects
