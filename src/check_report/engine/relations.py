"""Relations bound to the figures they read: what error localisation (check_report.localise) needs.

The engine judges every application of a rule (one indicator, one period) on intervals and keeps only the
failures. To say *which* figure is wrong, the localiser needs more: every application that was evaluated,
failing or not, with the slots each leaf of the expression read and the factor each slot's interval was
multiplied by (a child's figure in tỷ under a total in triệu đồng). `bind` evaluates the expression rules
once more and records exactly that, as flat numpy arrays (a relation is built as an object only on
request, so a large clean table costs one evaluation pass and no Python loop per row).

The relations a table declares for its own cells (the `table-relation` check kind: formula labels,
"Trong đó" sub-columns, a consolidation table's rates) are bound too, one relation per declared line, so
one typo in a unit's cell that breaks its column's total and its row's rate is one mistake with one
suspect. A declared relation whose figures the check converts between scales is left out (it keeps its
finding, without a suspect). Other code check kinds (citations, cross-mention, derived plans) are not
relations in this sense: their failures stay as they are. Conditions (`when`) are not part of a
relation: an application is bound when its condition certainly held on the figures as stated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from check_report.engine import expr as X
from check_report.engine.evaluate import domain_for, evaluate
from check_report.engine.runner import _measures_of, parsed
from check_report.engine.table import FactIndex


@dataclass(frozen=True)
class Occurrence:
    """One leaf of a relation: one figure, or the figures a sum reads (children, months of a period)."""
    slots: tuple[int, ...]
    factors: tuple[float, ...]
    count: bool = False            # count(children.m): how many figures are stated, not their values


@dataclass(frozen=True)
class Relation:
    id: int
    rule: object                   # engine.model.Rule
    node: X.Node                   # the parsed expression
    text: str
    occurrences: dict = field(compare=False, hash=False)   # id(leaf node) -> Occurrence
    failed: bool = False
    ent: int = -1
    bindings: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def slots(self) -> frozenset[int]:
        return frozenset(s for occ in self.occurrences.values() if not occ.count for s in occ.slots)


@dataclass
class _Variant:
    rule: object
    text: str
    node: X.Node
    bindings: dict
    apps: np.ndarray               # the applications bound, in relation-id order
    ent: np.ndarray
    leaves: list                   # evaluate.Leaf of the expression (not of the condition)
    _sorted: list | None = None

    def sorted_leaves(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per leaf, (order, apps in that order): a relation's members are found by binary search."""
        if self._sorted is None:
            self._sorted = []
            for leaf in self.leaves:
                order = np.argsort(leaf.app, kind="stable")
                self._sorted.append((order, leaf.app[order]))
        return self._sorted


class Bound:
    """Every evaluated application of every expression rule, with its member slots."""

    def __init__(self, index: FactIndex):
        self.index = index
        self._variants: list[_Variant] = []
        self._first: list[int] = []          # first relation id of each variant
        self.failed = np.zeros(0, dtype=bool)
        self.member_rel = np.zeros(0, dtype=np.int64)
        self.member_slot = np.zeros(0, dtype=np.int64)
        self._by_slot: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.failed)

    def relation(self, rel: int) -> Relation:
        v = int(np.searchsorted(self._first, rel, side="right")) - 1
        variant = self._variants[v]
        app = int(variant.apps[rel - self._first[v]])
        occurrences = {}
        for leaf, (order, apps) in zip(variant.leaves, variant.sorted_leaves()):
            hit = order[np.searchsorted(apps, app, side="left"):np.searchsorted(apps, app, side="right")]
            if isinstance(leaf.node, X.Children) and leaf.node.func == "count":
                occurrences[id(leaf.node)] = Occurrence(tuple(leaf.slot[hit].tolist()), (), count=True)
                continue
            factors = np.ones(len(hit)) if leaf.factor is None else leaf.factor[hit]
            occurrences[id(leaf.node)] = Occurrence(tuple(leaf.slot[hit].tolist()), tuple(factors.tolist()))
        return Relation(rel, variant.rule, variant.node, variant.text, occurrences, bool(self.failed[rel]),
                        int(variant.ent[rel - self._first[v]]), dict(variant.bindings))

    def relations_of(self, slots) -> np.ndarray:
        """Ids of the relations reading any of these slots (sorted, unique)."""
        if self._by_slot is None:
            self._by_slot = np.argsort(self.member_slot, kind="stable")
        slots = np.unique(np.asarray(list(slots), dtype=np.int64))
        ordered = self.member_slot[self._by_slot]
        left = np.searchsorted(ordered, slots, side="left")
        right = np.searchsorted(ordered, slots, side="right")
        picked = [self._by_slot[a:b] for a, b in zip(left.tolist(), right.tolist()) if b > a]
        if not picked:
            return np.zeros(0, dtype=np.int64)
        return np.unique(self.member_rel[np.concatenate(picked)])

    def slots_of(self, rel: int) -> np.ndarray:
        start = np.searchsorted(self.member_rel, rel, side="left")
        end = np.searchsorted(self.member_rel, rel, side="right")
        return np.unique(self.member_slot[start:end])


def bind(facts, ruleset, index: FactIndex | None = None) -> Bound:
    """Bind every expression rule of `ruleset` to the figures of `facts` (a rule that cannot be evaluated
    is left out: the engine reports it as a rule error)."""
    index = FactIndex(facts) if index is None else index
    measures = ruleset.measures or _measures_of(facts)
    bound = Bound(index)
    failed, member_rel, member_slot = [], [], []
    total = 0
    for rule in ruleset.rules:
        if rule.check or rule.external or not rule.expr:
            continue
        for expr_text, when_text, bindings in rule.variants():
            try:
                node = parsed(expr_text, measures)
                when_node = parsed(when_text, measures) if when_text else None
                domain = domain_for(index, [node] + ([when_node] if when_node else []))
                truth, ev = evaluate(index, domain, node, expr_text, rule.tolerance_abs, rule.tolerance_rel)
                applies = np.ones(domain.size, dtype=bool)
                if when_node is not None:
                    applies = evaluate(index, domain, when_node, when_text)[0].certain
            except Exception:  # noqa: BLE001 - the engine reports a rule that cannot be evaluated
                continue
            apps = np.flatnonzero(applies & truth.known)
            if not len(apps):
                continue
            rel_of_app = np.full(domain.size, -1, dtype=np.int64)
            rel_of_app[apps] = total + np.arange(len(apps))
            bound._variants.append(_Variant(rule, expr_text, node, dict(bindings), apps, domain.ent[apps],
                                            list(ev.leaves)))
            bound._first.append(total)
            failed.append(~truth.possible[apps])
            for leaf in ev.leaves:
                if isinstance(leaf.node, X.Children) and leaf.node.func == "count":
                    continue
                rel = rel_of_app[leaf.app]
                keep = rel >= 0
                member_rel.append(rel[keep])
                member_slot.append(leaf.slot[keep])
            total += len(apps)
        # (the loop skips code check kinds; the declared relations of tables are bound below)
    declared = next((r for r in ruleset.rules if r.check == "table-relation" and not r.external), None)
    if declared is not None:
        total = _bind_declared(bound, index, declared, total, failed, member_rel, member_slot)
    if total:
        bound.failed = np.concatenate(failed)
        rel, slot = np.concatenate(member_rel), np.concatenate(member_slot)
        order = np.argsort(rel, kind="stable")
        bound.member_rel, bound.member_slot = rel[order], slot[order]
    return bound


def _bind_declared(bound: Bound, index: FactIndex, rule, total: int, failed: list, member_rel: list,
                   member_slot: list) -> int:
    """Each relation a table declares (engine.declared) as a relation over its cells' slots."""
    from check_report.engine import intervals as I
    from check_report.engine.declared import declared_shapes, factors, template_node
    from check_report.engine.evaluate import Leaf
    from check_report.engine.pointwise import evaluate_names

    facts = index.facts
    shapes, _unresolved = declared_shapes(facts)
    if not shapes:
        return total
    slot_of = np.full(len(facts), -1, dtype=np.int64)
    slot_of[index.rows] = index.fact_slot
    ent_of = np.full(len(facts), -1, dtype=np.int64)
    ent_of[index.rows] = index.fact_ent
    # a statement whose slot holds it in another scale (a figure in tỷ among triệu đồng) is not bound
    same_scale = np.zeros(len(facts), dtype=bool)
    same_scale[index.rows] = index.fact_unscaled | np.isclose(index.fact_scale, index.ent_scale[index.fact_ent])
    for template, items in shapes.items():
        try:
            node, names = template_node(template)
        except X.ExprError:
            continue
        members = np.asarray([m for _, m, _, _ in items], dtype=np.int64)
        slots = slot_of[members]
        usable = (slots >= 0).all(axis=1) & same_scale[members].all(axis=1) & \
            (factors(facts, members) == 1.0).all(axis=1)
        if not usable.any():
            continue
        safe = np.maximum(slots, 0)
        env = {name: I.Iv(index.slot_lo[safe[:, k]], index.slot_hi[safe[:, k]]) for k, name in enumerate(names)}
        holders = np.asarray([p for p, _, _, _ in items], dtype=np.int64)
        for branch, chosen in _branches(node, env, len(items), rule):
            truth = evaluate_names(branch, env, len(items), rule.tolerance_abs, rule.tolerance_rel)
            apps = np.flatnonzero(usable & chosen & truth.known)
            if not len(apps):
                continue
            leaves = [Leaf(ref, ref.measure, apps, slots[apps, names.index(ref.measure)])
                      for ref in X.walk(branch) if isinstance(ref, X.Ref)]
            bound._variants.append(_Variant(rule, template, branch, {}, apps, ent_of[holders[apps]], leaves))
            bound._first.append(total)
            failed.append(~truth.possible[apps])
            rel_of_app = np.full(len(items), -1, dtype=np.int64)
            rel_of_app[apps] = total + np.arange(len(apps))
            for leaf in leaves:
                member_rel.append(rel_of_app[leaf.app])
                member_slot.append(leaf.slot)
            total += len(apps)
    return total


def _branches(node, env: dict, n: int, rule):
    """(relation, rows it is bound for). "p == (a / b) * 100 or p == a / b" (a ratio written without
    "×100" over a column of percentages) is two relations: each row is bound to the reading that holds,
    or, where neither does, to the one nearer the stated figure (54,14 beside 51,44 rather than 0,5144),
    so the localiser inverts one comparison instead of a disjunction it cannot invert."""
    from check_report.engine.pointwise import evaluate_names

    if not (isinstance(node, X.Binary) and node.op == "or" and isinstance(node.left, X.Compare)
            and isinstance(node.right, X.Compare)):
        yield node, np.ones(n, dtype=bool)
        return
    gaps = []
    for branch in (node.left, node.right):
        comparisons: list = []
        truth = evaluate_names(branch, env, n, rule.tolerance_abs, rule.tolerance_rel, comparisons)
        _, left, right, _ = comparisons[0]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.abs(np.log(np.abs((left.lo + left.hi) / (right.lo + right.hi))))
        gaps.append(np.where(truth.possible & truth.known, -1.0, np.nan_to_num(ratio, nan=np.inf)))
    first = gaps[0] <= gaps[1]
    yield node.left, first
    yield node.right, ~first
