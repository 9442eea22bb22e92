"""Confront a fact table with a rule set: expression rules vectorised, code check kinds called in turn.

A rule that raises becomes an `engine.rule-error` finding naming the rule, never a crash (validate's
`confront` records errors the same way).
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from check_report import facts as F
from check_report.engine import expr as X
from check_report.engine import extensions, kinds, messages
from check_report.engine.evaluate import Domain, Evaluation, domain_for, evaluate
from check_report.engine.model import EngineResult, Labels, Rule, RuleSet
from check_report.engine.points import point_values
from check_report.engine.subsume import drop_subsumed
from check_report.engine.table import FactIndex
from check_report.findings import Figure, Finding, Location, RuleStats, Severity, primary_first

RULE_ERROR = "engine.rule-error"


# id(frame) -> [frame, its FactIndex once built, nesting depth]: frames inside a `sharing_index` block
_SHARED: dict[int, list] = {}


@contextmanager
def sharing_index(facts):
    """Inside the block, every run_rules on this very frame uses one FactIndex, built on first need.

    For callers that run a rule set one rule at a time on the same table (an integration running one check
    per rule). The caller must not change the frame inside the block; outside it nothing is cached, so a
    frame edited between runs is always indexed afresh.
    """
    entry = _SHARED.setdefault(id(facts), [facts, None, 0])
    entry[2] += 1
    try:
        yield
    finally:
        entry[2] -= 1
        if entry[2] == 0:
            _SHARED.pop(id(facts), None)


def _index_of(facts) -> FactIndex:
    entry = _SHARED.get(id(facts))
    if entry is None or entry[0] is not facts:
        return FactIndex(facts)
    if entry[1] is None:
        entry[1] = FactIndex(facts)
    return entry[1]


@lru_cache(maxsize=512)
def parsed(text: str, measures: frozenset[str]) -> X.Node:
    return X.parse(text, measures, F.PERIODIC_MEASURES)


def run_rules(facts, ruleset: RuleSet, *, path: str = "", document=None, lang: str = "en") -> EngineResult:
    result = EngineResult()
    measures = ruleset.measures or _measures_of(facts)
    internal = [rule for rule in ruleset.rules if not rule.external]
    external = [rule for rule in ruleset.rules if rule.external]
    found: dict[str, list[Finding]] = {}
    stats = {rule.id: RuleStats() for rule in internal}
    # the engine's rules first: its index (the size of the fact table) is let go of before the code check
    # kinds read the table, which on a large sheet was the run's peak of memory. Findings and statistics
    # are put back in rule-set order below, so the order rules run in changes no output.
    engine_rules = [rule for rule in internal if not rule.check or rule.check in kinds.ENGINE_KINDS]
    labels = _run_engine_rules(facts, engine_rules, measures, stats, found, path, lang)
    checked_labels: set = set()                    # fact-table labels compared by code check kinds
    for rule in internal:
        if rule.check and rule.check not in kinds.ENGINE_KINDS:
            try:
                found[rule.id] = kinds.run_check_kind(rule, facts, path, document, lang, stats[rule.id],
                                                      checked_labels)
            except Exception as exc:  # noqa: BLE001 - any failure of one rule is reported, not fatal
                found[rule.id] = [_error_finding(rule, exc, path, lang)]
    for rule in internal:
        result.per_rule[rule.id] = stats[rule.id]
        result.findings.extend(found[rule.id])
    result.checked_facts = Labels(labels, checked_labels)
    for key in dict.fromkeys(rule.external for rule in external):
        _run_external(result, facts, [r for r in external if r.external == key], ruleset, path, lang)
    result.findings = drop_subsumed(result.findings, ruleset.rules, result.per_rule)
    result.findings.sort(key=Finding.sort_key)
    return result


def _run_engine_rules(facts, rules: list[Rule], measures, stats: dict, found: dict, path: str,
                      lang: str) -> np.ndarray:
    """Expression rules and the engine's own kinds, on one index built on first need; the fact-table labels
    of the figures that took part are returned (the index is gone when this returns)."""
    index, index_error, checked = None, None, None   # checked: the slots that took part (_TookPart)
    for rule in rules:
        try:
            if index is None and index_error is None:
                try:
                    index = _index_of(facts)
                    checked = _TookPart(len(index.slot_fact))
                except Exception as exc:  # noqa: BLE001 - a malformed fact table fails every rule needing it
                    index_error = exc
            if index_error is not None:
                raise index_error
            if rule.check:
                found[rule.id] = kinds.ENGINE_KINDS[rule.check](index, rule, lang, stats[rule.id], checked)
            else:
                found[rule.id] = _expression_rule(index, rule, measures, lang, stats[rule.id], checked)
        except Exception as exc:  # noqa: BLE001 - any failure of one rule is reported, not fatal
            found[rule.id] = [_error_finding(rule, exc, path, lang)]
    if index is None or not checked.marked:
        return np.zeros(0, dtype=np.int64)
    return index.labels[index.rows[checked.mask[index.fact_slot]]].to_numpy()


def _run_external(result: EngineResult, facts, rules: list[Rule], ruleset: RuleSet, path: str,
                  lang: str) -> None:
    """Rules of a kind an integration registered run through its runner (engine.extensions)."""
    try:
        kind = extensions.get(rules[0].external)
        if kind is None:
            raise RuntimeError(f"no integration is registered for '{rules[0].external}:' rules")
        extra = kind.run(facts, rules, path=path, lang=lang, measures=ruleset.measures)
    except Exception as exc:  # noqa: BLE001 - integration missing, bad settings: reported per rule, never a crash
        for rule in rules:
            result.per_rule[rule.id] = RuleStats()
            result.findings.append(_error_finding(rule, exc, path, lang))
        return
    result.findings.extend(extra.findings)
    result.per_rule.update(extra.per_rule)
    result.checked_facts |= set(extra.checked_facts)
    # stats in rule-set order, whichever engine computed them
    result.per_rule = {r.id: result.per_rule[r.id] for r in ruleset.rules if r.id in result.per_rule}


class _TookPart:
    """The slots that took part in some rule, marked as each rule names them (`append`, `extend`): holding
    every rule's arrays of slots until the end held a 100k-row sheet's slots many times over."""

    def __init__(self, slots: int):
        self.mask = np.zeros(slots, dtype=bool)
        self.marked = False

    def append(self, slots: np.ndarray) -> None:
        self.mask[slots] = True
        self.marked = True

    def extend(self, arrays) -> None:
        for slots in arrays:
            self.append(slots)


def _measures_of(facts) -> frozenset[str]:
    """For a RuleSet built in code (no loader): the known measures plus any the table itself states."""
    try:
        stated = {str(m) for m in facts[F.MEASURE].dropna().unique()}
    except (KeyError, TypeError, AttributeError):
        stated = set()
    return frozenset(F.MEASURES) | stated


def _error_finding(rule: Rule, exc: BaseException, path: str, lang: str) -> Finding:
    where = f"rule {rule.id} ({rule.source}:{rule.line})" if rule.source else f"rule {rule.id}"
    return Finding(rule=RULE_ERROR, severity=Severity.ERROR, message=messages.rule_error(rule.id, exc, lang),
                   extra_locations=(Location(path=path, where=where),),
                   details={"rule": rule.id, "error": f"{type(exc).__name__}: {exc}"})


def _expression_rule(index: FactIndex, rule: Rule, measures, lang, stats: RuleStats, checked) -> list[Finding]:
    found: list[Finding] = []
    missing_subjects, checked_subjects = [], []
    for expr_text, when_text, bindings in rule.variants():
        node = parsed(expr_text, measures)
        when_node = parsed(when_text, measures) if when_text else None
        for domain in _blocks(domain_for(index, [node] + ([when_node] if when_node else []))):
            truth, ev = evaluate(index, domain, node, expr_text, rule.tolerance_abs, rule.tolerance_rel)
            applies, undecided = np.ones(domain.size, dtype=bool), np.zeros(domain.size, dtype=bool)
            if when_node is not None:
                condition, when_ev = evaluate(index, domain, when_node, when_text)
                applies, undecided = condition.certain, ~condition.known
            evaluated = applies & truth.known
            failed = evaluated & ~truth.possible
            # not evaluated: the figure under test is stated but a figure it needs, or one that decides
            # whether the rule applies, is missing
            subject = _subject(ev, domain, index)
            missing = ((applies & ~truth.known) | undecided) & (subject >= 0)
            stats.evaluated += int(evaluated.sum())
            stats.failed += int(failed.sum())
            stats.passed += int((evaluated & truth.possible).sum())
            missing_subjects.append(subject[missing])
            checked_subjects.append(subject[evaluated])
            leaves = ev.leaves + (when_ev.leaves if when_node is not None else [])
            checked.extend(leaf.slot[evaluated[leaf.app]] for leaf in leaves)
            found.extend(_findings(index, rule, ev, domain, np.flatnonzero(failed), bindings, lang))
    # a figure under test counts once as not evaluated, and not at all when another variant of the rule
    # (foreach) did check it
    if any(len(m) for m in missing_subjects):
        unchecked = np.zeros(len(index.slot_fact), dtype=bool)
        for subjects in missing_subjects:
            unchecked[subjects] = True
        for subjects in checked_subjects:
            unchecked[subjects[subjects >= 0]] = False
        stats.not_evaluated += int(unchecked.sum())
    return found


def _blocks(domain: Domain, size: int = 1 << 16):
    """The applications a block at a time. Each application's value is its own (`points` evaluates a few
    alone), so blocks change no result; they bound the temporaries, a dozen arrays per node the size of
    the domain (a 100k-row sheet's months are over a million applications, at the run's peak of memory)."""
    if domain.size <= size:
        yield domain
        return
    for first in range(0, domain.size, size):
        part = slice(first, first + size)
        yield Domain(domain.ent[part], domain.per[part], None if domain.anchor is None else domain.anchor[part])


def _subject(ev: Evaluation, domain: Domain, index: FactIndex) -> np.ndarray:
    """Per application, the figure under test (a slot of the comparison's left side; -1 when none is
    stated or the structure it needs is absent). Only where it is stated is a missing figure elsewhere
    worth counting as 'not evaluated': an indicator with no parent is outside a parent rule, not missing
    data."""
    left_ids: set[int] = set()
    uses_parent = uses_children = False
    for comp in ev.comparisons:
        left_ids |= {id(n) for n in X.walk(comp.node.left)}
    none = np.iinfo(np.int64).max
    subject = np.full(domain.size, none, dtype=np.int64)
    for leaf in ev.leaves:
        if id(leaf.node) in left_ids:
            if isinstance(leaf.node, X.Ref):        # one member per application
                subject[leaf.app] = np.minimum(subject[leaf.app], leaf.slot)
            else:
                np.minimum.at(subject, leaf.app, leaf.slot)
        uses_parent |= isinstance(leaf.node, X.Ref) and leaf.node.scope == "parent"
        uses_children |= isinstance(leaf.node, X.Children)
    subject[subject == none] = -1
    if uses_parent:
        subject[index.parent[domain.ent] < 0] = -1
    if uses_children:
        subject[index.n_children[domain.ent] == 0] = -1
    return subject


def _findings(index, rule, ev: Evaluation, domain: Domain, failed_apps, bindings, lang) -> list[Finding]:
    if not len(failed_apps):
        return []
    members: dict[int, list[tuple[str, X.Node, int]]] = {int(a): [] for a in failed_apps}
    for leaf in ev.leaves:
        hit = np.isin(leaf.app, failed_apps)
        for app, slot in zip(leaf.app[hit].tolist(), leaf.slot[hit].tolist()):
            members[app].append((leaf.role, leaf.node, slot))
    return [_finding(index, rule, ev, domain, int(app), members[int(app)], bindings, lang) for app in failed_apps]


def _finding(index: FactIndex, rule: Rule, ev: Evaluation, domain: Domain, app: int, members, bindings,
             lang) -> Finding:
    comp = next((c for c in ev.comparisons if c.truth.known[app] and not c.truth.possible[app]),
                ev.comparisons[0])
    # read from the figure the relation is about: `sum(children.plan) <= plan` is about the total
    swap = messages.stated_on_right(comp.node)
    stated_node, other_node = (comp.node.right, comp.node.left) if swap else (comp.node.left, comp.node.right)
    stated_iv, other_iv = (comp.right, comp.left) if swap else (comp.left, comp.right)
    stated = (float(stated_iv.lo[app]), float(stated_iv.hi[app]))
    implied = (float(other_iv.lo[app]), float(other_iv.hi[app]))
    about = {id(n) for n in X.walk(stated_node)}
    figures, primary = _figures(index, members, about)
    period = str(index.periods[domain.per[app]]) if domain.per[app] >= 0 else ""
    base = max((f.decimals for f in figures), default=0)
    stated_value, implied_value = (point_values(index, domain, [app], node, ev.text)[0]
                                   for node in (stated_node, other_node))
    decimals = messages.display_decimals(stated_value, implied_value, base)
    unit = figures[min(primary)].unit if primary else ""
    ent = int(domain.ent[app])
    subject = messages.side_name(stated_node, lang, period)
    op = messages.flipped(comp.node.op) if swap else comp.node.op
    if isinstance(other_node, X.Num):
        message = messages.bound(rule.describe(lang), op, subject, stated_value, decimals, other_node.value, lang,
                                 unit)
    else:
        message = messages.relation(rule.describe(lang), op, subject, other_node, stated_value, implied_value,
                                    decimals, lang, unit, period)
    return Finding(
        rule=rule.id, severity=rule.severity, indicator=index.indicator(ent),
        figures=primary_first(figures, primary), message=message, stated=stated, implied=implied,
        values=(stated_value, implied_value), decimals=decimals, formula=ev.text,
        details={"expr": ev.text, "period": period, "bindings": dict(bindings),
                 "entity": index.entity_key(ent)})


def _figures(index: FactIndex, members, about: set[int]) -> tuple[tuple[Figure, ...], frozenset[int]]:
    """The figures of a finding, and the positions of those on the side the relation is about."""
    figures, seen, primary = [], set(), set()
    for role, node, slot in members:
        if slot in seen:
            continue
        seen.add(slot)
        position = int(index.slot_fact[slot])
        value, decimals, raw = index.fact_value(position)
        lower, upper = index.fact_bounds(position)
        if id(node) in about:
            primary.add(len(figures))
        figures.append(Figure(role=_role(index, role, node, slot), value=value, lower=lower, upper=upper,
                              raw=raw, location=index.location(position), decimals=decimals,
                              unit=kinds.fact_unit(index, position)))
    return tuple(figures), frozenset(primary)


def _role(index: FactIndex, role: str, node: X.Node, slot: int) -> str:
    period = index.period_label(slot)
    if isinstance(node, X.Children):
        return f"children.{node.measure}: {index.indicator(int(index.slot_ent[slot]))}"
    if isinstance(node, X.SumMonths):
        return f"{node.measure} {period}"
    if isinstance(node, X.Ref) and node.measure in index.periodic and period:
        return f"{role} {period}"
    return role
