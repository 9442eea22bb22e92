"""Evaluate a parsed expression over every application of a rule at once (numpy, no Python loop per row).

An *application* is one entity (or one (entity, period) pair when the rule names a periodic measure
bare). Each leaf reads its slots through the FactIndex and records its *members*: (application, slot)
pairs, which say which stated figures took part, for findings and for the checked-facts count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from check_report.engine import expr as X
from check_report.engine import intervals as I
from check_report.engine.table import MONTHS, FactIndex


@dataclass
class Leaf:
    node: X.Node
    role: str
    app: np.ndarray      # member pairs: application index ...
    slot: np.ndarray     # ... and the slot that took part
    # ... and the factor its interval was multiplied by (a parent's or child's figure in another scale);
    # None when every factor is 1. Error localisation (check_report.localise) rebuilds relations from it.
    factor: np.ndarray | None = None


@dataclass
class Comparison:
    node: X.Compare
    left: I.Iv
    right: I.Iv
    truth: I.Truth


@dataclass
class Domain:
    ent: np.ndarray
    per: np.ndarray      # period code per application, -1 when the rule is not periodic
    # period code of the figure under test, for indicators stating a measure for several periods
    # (quý I and 6 tháng): the other figures are taken from that same period; None when periodic
    anchor: np.ndarray | None = None

    @property
    def size(self) -> int:
        return len(self.ent)


def domain_for(index: FactIndex, nodes: list[X.Node]):
    """All entities; or every (entity, period) stating one of the periodic measures used bare."""
    own: set[str] = set()
    for node in nodes:
        own |= X.periodic_in(node, index.periodic)[0]
    if not own:
        ent = np.arange(index.n_ent, dtype=np.int64)
        subject = _subject_measure(nodes[0], index.periodic) if nodes else None
        anchor = np.full(index.n_ent, -1, dtype=np.int64)
        if subject is not None:
            slot = index.chosen(subject)
            anchor = np.where(slot >= 0, index.slot_per[slot] if len(index.slot_per) else -1, -1)
        return Domain(ent, np.full(index.n_ent, -1, dtype=np.int64), anchor)
    return index.periodic_domain(tuple(sorted(own)))


def _subject_measure(node: X.Node, periodic) -> str | None:
    """The measure of the first figure on the left of the first comparison: the figure under test."""
    compare = next((n for n in X.walk(node) if isinstance(n, X.Compare)), None)
    if compare is None:
        return None
    ref = next((n for n in X.walk(compare.left) if isinstance(n, X.Ref) and n.scope == "self"
                and n.measure not in periodic), None)
    return ref.measure if ref is not None else None


@dataclass
class Evaluation:
    index: FactIndex
    domain: Domain
    text: str
    tol_abs: float = 0.0
    tol_rel: float = 0.0
    leaves: list[Leaf] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)

    def run(self, node: X.Node):
        method = getattr(self, "_" + type(node).__name__.lower())
        return method(node)

    # -- leaves --------------------------------------------------------------------------------------
    def _from_slots(self, node: X.Node, slot: np.ndarray, rescale: bool = False) -> I.Iv:
        # slot -1 picks the sentinel at the end of the *_ext arrays: NaN bounds, scale 1
        lo, hi = self.index.lo_ext[slot], self.index.hi_ext[slot]
        factor = None
        if rescale and not self.index.one_unit:
            factor = self._factor(slot, self._own_scale(), self._own_dim())
            converted = I.scaled(lo, hi, factor)
            lo, hi = converted.lo, converted.hi
        apps = np.flatnonzero(slot >= 0)
        self.leaves.append(Leaf(node, self.text[node.start:node.end], apps, slot[apps],
                                None if factor is None else factor[apps]))
        return I.Iv(lo, hi)

    def _slots_of(self, measure: str, ent: np.ndarray, anchor: np.ndarray | None = None) -> np.ndarray:
        index = self.index
        if measure in index.periodic:
            return index.lookup(measure, ent, self.domain.per)
        chosen = index.chosen(measure)
        if not len(chosen):
            return np.full(len(ent), -1, dtype=np.int64)
        slot = np.where(ent >= 0, chosen[np.maximum(ent, 0)], -1)
        several = index.several_periods(measure)
        if anchor is not None and several.any():
            # stated for several periods: only the figure of the period under test will do
            ambiguous = (ent >= 0) & several[np.maximum(ent, 0)]
            slot = np.where(ambiguous, index.lookup(measure, ent, anchor), slot)
        return slot

    def _ref(self, node: X.Ref) -> I.Iv:
        ent = self.domain.ent
        if node.scope == "parent":
            ent = self.index.parent[ent] if len(ent) else ent
        slot = self._slots_of(node.measure, ent, self.domain.anchor)
        return self._from_slots(node, slot, rescale=node.scope == "parent")

    def _own_scale(self) -> np.ndarray:
        """Scale of each application's own figures (triệu vs tỷ đồng): figures of other indicators are
        converted to it before they meet. 0 for an indicator stated in percentages only."""
        if not hasattr(self, "_scale_cache"):
            self._scale_cache = self.index.ent_unit[self.domain.ent] if self.domain.size else np.ones(0)
        return self._scale_cache

    def _own_dim(self) -> np.ndarray:
        """Dimension code of each application's amounts (-1: a count or none)."""
        return self.index.ent_dim[self.domain.ent] if self.domain.size else np.zeros(0, dtype=np.int64)

    def _factor(self, slot: np.ndarray, own: np.ndarray, own_dim: np.ndarray) -> np.ndarray:
        """Only amounts meet amounts in another scale: a percentage (by measure or '%' unit) on either side
        is never rescaled (a share of 60% under a total in tỷ đồng stays 60). Amounts of two different
        dimensions (tấn and ha) do not meet at all: NaN, so the relation is not evaluated."""
        if self.index.one_unit:
            return np.ones(len(slot))
        unit = self.index.scale_ext[slot]
        dim = self.index.dim_ext[slot]
        convert = (unit > 0) & (own > 0)
        factor = np.where(convert, unit / np.where(convert, own, 1.0), 1.0)
        return np.where((dim >= 0) & (own_dim >= 0) & (dim != own_dim), np.nan, factor)

    def _num(self, node: X.Num) -> I.Iv:
        return I.const(node.value, self.domain.size)

    def _flag(self, node: X.Flag) -> I.Truth:
        if node.name == "in_cumulative":
            return self._in_cumulative()
        flags = {"complete": self.index.complete, "rate_unit": self.index.rate_unit,
                 "negative_parts": self.index.negative_parts,
                 "negative_siblings": self.index.negative_siblings}[node.name]
        values = flags[self.domain.ent] if self.domain.size else np.zeros(0, dtype=bool)
        return I.boolean(values, np.ones(self.domain.size, dtype=bool))

    def _in_cumulative(self) -> I.Truth:
        """The application's period lies inside the cumulative period (unknown without periods)."""
        index, ent, per = self.index, self.domain.ent, self.domain.per
        if not self.domain.size:
            return I.boolean(np.zeros(0, dtype=bool), np.zeros(0, dtype=bool))
        cum = index.chosen("cumulative")[ent]
        periodic = per >= 0
        safe_per = np.maximum(per, 0)
        start, end, year = index.per_start[safe_per], index.per_end[safe_per], index.per_year[safe_per]
        c_start, c_end, c_year = (np.where(cum >= 0, arr, np.nan) for arr in index.slot_period(cum))
        known = ~(np.isnan(start) | np.isnan(end) | np.isnan(c_start) | np.isnan(c_end))
        same_year = np.isnan(year) | np.isnan(c_year) | (year == c_year)
        with np.errstate(invalid="ignore"):
            inside = (start >= c_start) & (end <= c_end) & same_year
        return I.boolean(np.where(periodic, inside, True), np.where(periodic, known, True))

    def _children(self, node: X.Children) -> I.Iv:
        """sum/count over the children: a sum is known only when every child states the measure."""
        index, n = self.index, self.domain.size
        child = np.flatnonzero(index.parent >= 0)
        owner = index.parent[child]
        # applications of each parent entity: sort them once, then expand (parent -> apps) pairs
        app_order = np.argsort(self.domain.ent, kind="stable")
        app_ents = self.domain.ent[app_order]
        left = np.searchsorted(app_ents, owner, side="left")
        right = np.searchsorted(app_ents, owner, side="right")
        reps = right - left
        pair_app = app_order[_ranges(left, reps)]
        pair_child = np.repeat(child, reps)
        per = self.domain.per[pair_app]
        anchor = self.domain.anchor[pair_app] if self.domain.anchor is not None else None
        slot = self._slots_of(node.measure, pair_child, anchor) if node.measure not in index.periodic else \
            index.lookup(node.measure, pair_child, per)
        stated = slot >= 0
        own_dim = self._own_dim()[pair_app] if n else np.zeros(0, dtype=np.int64)
        factor = self._factor(slot, self._own_scale()[pair_app] if n else np.ones(0), own_dim)[stated]
        apps, picked = pair_app[stated], slot[stated]
        converted = I.scaled(index.slot_lo[picked], index.slot_hi[picked], factor)
        n_stated = np.bincount(apps, minlength=n).astype(float)
        self.leaves.append(Leaf(node, self.text[node.start:node.end], apps, picked, factor))
        if node.func == "count":
            return I.Iv(n_stated, n_stated.copy())
        total = _exact_sum(apps, converted, n)
        if node.func == "sum_stated":    # the components that state the measure, however many do not
            known = n_stated > 0
        else:                            # every component must state it
            n_children = index.n_children[self.domain.ent] if n else np.zeros(0)
            known = (n_children > 0) & (n_stated == n_children)
        return I.Iv(np.where(known, total.lo, np.nan), np.where(known, total.hi, np.nan))

    def _summonths(self, node: X.SumMonths) -> I.Iv:
        """Sum of the months inside the indicator's cumulative period; unknown when one is missing."""
        index, ent = self.index, self.domain.ent
        cum = index.chosen("cumulative")[ent] if len(ent) else np.zeros(0, dtype=np.int64)
        has_cum = cum >= 0
        start, end, year = index.slot_period(cum)
        start, end = np.where(has_cum, start, np.nan), np.where(has_cum, end, np.nan)
        year_of_ent = np.full(index.n_ent, np.nan)
        year_of_ent[ent[has_cum]] = year[has_cum]
        grid = index.month_grid(node.measure, year_of_ent)[ent]
        months = np.arange(1, MONTHS + 1)
        inside = (months[None, :] >= start[:, None]) & (months[None, :] <= end[:, None])
        used = inside & (grid >= 0)
        complete = has_cum & ~np.isnan(start) & (inside.sum(axis=1) == used.sum(axis=1)) & inside.any(axis=1)
        total = _month_sums(index, grid, used)
        apps, cols = np.nonzero(used)
        self.leaves.append(Leaf(node, self.text[node.start:node.end], apps, grid[apps, cols]))
        return I.Iv(np.where(complete, total.lo, np.nan), np.where(complete, total.hi, np.nan))

    # -- operators -----------------------------------------------------------------------------------
    def _call(self, node: X.Call) -> I.Iv:
        args = [self.run(a) for a in node.args]
        if node.func == "abs":
            return I.absolute(args[0])
        combine = I.minimum if node.func == "min" else I.maximum
        result = args[0]
        for arg in args[1:]:
            result = combine(result, arg)
        return result

    def _unary(self, node: X.Unary):
        value = self.run(node.operand)
        return I.t_not(value) if node.op == "not" else I.neg(value)

    def _binary(self, node: X.Binary):
        left, right = self.run(node.left), self.run(node.right)
        op = {"+": I.add, "-": I.sub, "*": I.mul, "/": I.div, "and": I.t_and, "or": I.t_or}[node.op]
        return op(left, right)

    def _compare(self, node: X.Compare) -> I.Truth:
        left, right = self.run(node.left), self.run(node.right)
        truth = I.compare(node.op, left, right, self.tol_abs, self.tol_rel)
        self.comparisons.append(Comparison(node, left, right, truth))
        return truth


def _exact_sum(apps: np.ndarray, terms: I.Iv, n: int) -> I.Iv:
    """Σ of each application's terms (exact where the figures allow: `intervals.split_sum`)."""
    return I.split_sum(lambda values: np.bincount(apps, values, minlength=n), terms.lo, terms.hi)


def _month_sums(index: FactIndex, grid: np.ndarray, used: np.ndarray, rows: int = 1 << 15) -> I.Iv:
    """Σ of the used months of each row of the (applications, 12) grid. The terms (0 where a month is not
    used) are made a block of rows at a time: on a large indicator table, whole-grid terms and an exact
    sum's temporaries were the run's peak of memory. Each row's sum is its own, so blocks change nothing."""
    lo, hi = np.empty(len(grid)), np.empty(len(grid))
    for first in range(0, len(grid), rows):
        block, mine = grid[first:first + rows], used[first:first + rows]
        picked = block[mine]
        terms_lo, terms_hi = np.zeros(block.shape), np.zeros(block.shape)
        terms_lo[mine], terms_hi[mine] = index.slot_lo[picked], index.slot_hi[picked]
        total = I.split_sum(lambda values: values.sum(axis=1), terms_lo, terms_hi)
        lo[first:first + rows], hi[first:first + rows] = total.lo, total.hi
    return I.Iv(lo, hi)


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated aranges [s, s + c) for each pair, vectorised."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + np.arange(total) - offsets


def evaluate(index: FactIndex, domain: Domain, node: X.Node, text: str,
             tol_abs: float = 0.0, tol_rel: float = 0.0) -> tuple[I.Truth, Evaluation]:
    ev = Evaluation(index, domain, text, tol_abs, tol_rel)
    return ev.run(node), ev
