"""The localiser's view of one input: statements (stated figures), the relations over them, and the exact
test "do all these relations hold if this figure had been written so".

A *statement* is one row of the fact table; a *slot* is what the engine compares (one indicator, measure
and period), the intersection of its statements' intervals. Relations are evaluated with the engine's own
interval arithmetic (`engine.intervals`), vectorised over candidate values, so "would 1.279.400 satisfy
every relation H16 takes part in" is answered exactly as the engine would answer it after the correction:
a suspect or a suggestion is never named on an approximation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from check_report import facts as F
from check_report.engine import expr as X
from check_report.engine import intervals as I
from check_report.engine.evaluate import Evaluation
from check_report.engine.relations import Bound, Relation
from check_report.engine.table import PERCENT_MEASURES

# the duplicate-figure check kind's failures take part as relations of their own ("these statements of
# one figure agree"); ids above every expression relation's
DUPLICATE_KIND = "duplicate-figure"


@dataclass(frozen=True)
class Statement:
    position: int          # row position in the fact table (iloc)
    slot: int
    value: float
    lower: float           # the stated interval in the statement's own unit
    upper: float
    conv: float            # factor to the slot's unit (a figure in tỷ among triệu đồng)
    decimals: int
    raw: str
    measure: str
    source: str            # "table" | "text"
    phrasing: str | None
    certain: bool = True   # prose: its identity (indicator, measure, period, base) was read for sure

    @property
    def half(self) -> float:
        return (self.upper - self.lower) / 2

    @property
    def derived(self) -> bool:
        """A percentage computed from other figures: preferred as the suspect when both fit equally."""
        return self.measure in PERCENT_MEASURES


@dataclass(frozen=True)
class Duplicate:
    """A slot stated more than once whose statements cannot agree: a failure of its own."""
    id: int
    slot: int
    failed: bool = True

    @property
    def slots(self) -> frozenset[int]:
        return frozenset({self.slot})


class Model:
    def __init__(self, facts, bound: Bound):
        self.facts = facts
        self.bound = bound
        index = self.index = bound.index
        rows = index.rows
        self.conv = np.where(index.fact_unscaled, 1.0, index.fact_scale / index.ent_scale[index.fact_ent])
        order = np.argsort(index.fact_slot, kind="stable")
        self._stmt_order = order
        self._stmt_slot = index.fact_slot[order]
        self._rows = rows
        self._relations: dict[int, Relation | Duplicate] = {}
        self._statements: dict[int, list[Statement]] = {}
        conflict = np.flatnonzero(index.conflict)
        self.duplicates = {len(bound) + k: Duplicate(len(bound) + k, int(s)) for k, s in enumerate(conflict)}

    # -- relations --------------------------------------------------------------------------------------
    def relation(self, rel: int) -> Relation | Duplicate:
        if rel not in self._relations:
            self._relations[rel] = self.duplicates[rel] if rel in self.duplicates else self.bound.relation(rel)
        return self._relations[rel]

    def failed_relations(self) -> list[int]:
        return np.flatnonzero(self.bound.failed).tolist() + sorted(self.duplicates)

    def relations_of(self, slots) -> list[int]:
        slots = set(slots)
        found = self.bound.relations_of(slots).tolist()
        found += [d.id for d in self.duplicates.values() if d.slot in slots]
        return found

    def slots_of(self, rel: int) -> frozenset[int]:
        if rel in self.duplicates:
            return self.duplicates[rel].slots
        return frozenset(self.bound.slots_of(rel).tolist())

    # -- statements -------------------------------------------------------------------------------------
    def statements(self, slot: int) -> list[Statement]:
        if slot not in self._statements:
            left = np.searchsorted(self._stmt_slot, slot, side="left")
            right = np.searchsorted(self._stmt_slot, slot, side="right")
            self._statements[slot] = [self._statement(int(k)) for k in self._stmt_order[left:right]]
        return self._statements[slot]

    def _statement(self, k: int) -> Statement:
        position = int(self._rows[k])
        row = self.facts.iloc[position]
        lower, upper = float(row[F.LOWER]), float(row[F.UPPER])
        decimals = row[F.DECIMALS]
        phrasing = row[F.PHRASING] if F.PHRASING in row.index and isinstance(row[F.PHRASING], str) else None
        source = row[F.SOURCE] if F.SOURCE in row.index and isinstance(row[F.SOURCE], str) else "table"
        certain = row[F.CERTAIN] if F.CERTAIN in row.index else True
        return Statement(position=position, slot=int(self.index.fact_slot[k]), value=float(row[F.VALUE]),
                         lower=min(lower, upper), upper=max(lower, upper), conv=float(self.conv[k]),
                         decimals=0 if decimals is None or decimals != decimals else int(decimals),
                         raw=str(row[F.RAW]) if isinstance(row[F.RAW], str) else "",
                         measure=str(row[F.MEASURE]), source=source, phrasing=phrasing,
                         certain=True if certain is None or certain != certain else bool(certain))

    def slot_interval(self, slot: int, changed: dict | None = None):
        """The slot's interval (entity unit) when the statements in `changed` (position -> (lo, hi) arrays
        in their own unit) are written otherwise; the engine's own interval when none of them is."""
        statements = self.statements(slot)
        if not changed or not any(s.position in changed for s in statements):
            return self.index.slot_lo[slot], self.index.slot_hi[slot]
        lo, hi = -np.inf, np.inf
        for s in statements:
            a, b = changed.get(s.position, (s.lower, s.upper))
            lo, hi = np.maximum(lo, np.asarray(a) * s.conv), np.minimum(hi, np.asarray(b) * s.conv)
        return lo, hi

    # -- exact judgement --------------------------------------------------------------------------------
    def holds(self, rel: int, changed: dict | None = None, n: int = 1) -> np.ndarray:
        """Whether relation `rel` holds (as the engine judges it) for each of n alternatives; `changed`
        maps statement positions to (lo, hi) arrays of length n in the statement's own unit."""
        relation = self.relation(rel)
        if isinstance(relation, Duplicate):
            lo, hi = self.slot_interval(relation.slot, changed)
            lo, hi = np.broadcast_to(lo, (n,)), np.broadcast_to(hi, (n,))
            scale = np.maximum(np.abs(lo), np.abs(hi))
            return lo <= hi + I.FLOAT_SLACK * (1 + np.nan_to_num(scale))
        touched = {}
        for slot in relation.slots:
            if changed and any(s.position in changed for s in self.statements(slot)):
                touched[slot] = self.slot_interval(slot, changed)
        value = _Evaluator(self, relation, touched, n).run(relation.node)
        return value.possible & value.known

    def all_hold(self, rels, changed: dict, n: int) -> np.ndarray:
        ok = np.ones(n, dtype=bool)
        for rel in rels:
            ok &= self.holds(rel, changed, n)
            if not ok.any():
                break
        return ok

    def interval_of(self, rel: int, node: X.Node) -> tuple[float, float]:
        """The interval of one sub-expression of a relation, on the figures as stated."""
        value = _Evaluator(self, self.relation(rel), {}, 1).run(node)
        return float(value.lo[0]), float(value.hi[0])


class _Evaluator(Evaluation):
    """A relation's expression on intervals, with some slots' intervals replaced (n alternatives): the
    engine's own evaluation (operators, comparison and its slack), reading leaves from the relation's bound
    slots instead of the whole table."""

    def __init__(self, model: Model, relation: Relation, touched: dict, n: int):
        rule = relation.rule
        super().__init__(model.index, None, relation.text, rule.tolerance_abs, rule.tolerance_rel)
        self.model, self.relation, self.touched, self.n = model, relation, touched, n

    def _leaf(self, node) -> I.Iv:
        occurrence = self.relation.occurrences.get(id(node))
        n = self.n
        if occurrence is None:
            return I.Iv(np.full(n, np.nan), np.full(n, np.nan))
        if occurrence.count:
            return I.const(float(len(occurrence.slots)), n)
        lo, hi = np.zeros(n), np.zeros(n)
        index = self.model.index
        for slot, factor in zip(occurrence.slots, occurrence.factors):
            a, b = self.touched.get(slot, (index.slot_lo[slot], index.slot_hi[slot]))
            lo = lo + np.asarray(a) * factor
            hi = hi + np.asarray(b) * factor
        return I.Iv(lo, hi)

    _ref = _children = _summonths = _leaf

    def _num(self, node: X.Num) -> I.Iv:
        return I.const(node.value, self.n)

    def _flag(self, node: X.Flag) -> I.Truth:
        index, ent = self.model.index, self.relation.ent
        value = True if node.name == "in_cumulative" else bool(
            (index.complete if node.name == "complete" else index.rate_unit)[ent])
        return I.boolean(np.full(self.n, value), np.ones(self.n, dtype=bool))
