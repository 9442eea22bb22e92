"""Stage 3b of the pipeline: which figure is wrong (error localisation, Fellegi–Holt style).

    localise(facts, ruleset, findings, *, time_limit=2.0) -> Localised

After the engine has judged every relation, the failing ones are gathered into *components* (failures
that share a figure). For each component the localiser looks for the smallest set of stated figures
whose change makes every relation hold, the other figures staying within their rounding intervals,
weighted by how figures usually go wrong:

- one figure that takes part in every failure of the component explains them all; each such figure is
  tested exactly (`single.py`) with every typo pattern (`typos.py`) and with the values its relations
  leave it. The cheapest wins: one change whatever happens, a typo pattern over an unexplained value, a
  derived figure (a percentage) over a base figure when both fit equally;
- when no single figure does, a mixed-integer programme (`milp.py`, SciPy's HiGHS, imported only then)
  finds the cheapest set of changes, and the second cheapest to tell whether the answer is unique, within a
  time limit per table (TIME_LIMIT solver seconds for each sheet or prose document);
- answers that tie (within TIE, or PROSE_TIE for figures read from prose, where the localiser is more
  careful) give no suspect: "no unique suspect" is said by an empty `suspects`. A prose figure read with
  doubt (the fact table's `certain` is false) is named only when a typo pattern links it to the value the
  relations want: otherwise the slip may be the reading's.

Failures explained by the same suspect become one finding (`group.py`) that lists the relations it
breaks; the others stay as they were. The relations a table declares for its cells (`table-relation`:
formula labels, "Trong đó" sub-columns, a consolidation table's rates) take part like the rules' own.
Other code check kinds (citations, cross-mention, derived plans) are not relations here and are left
alone. Every suspect and suggestion is checked with the engine's own
interval arithmetic before it is named.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from check_report.findings import Finding

TIE = 0.05          # costs closer than this are a tie (tables)
PROSE_TIE = 0.15    # prose: a derived-over-base preference alone never names a suspect
TIME_LIMIT = 2.0    # solver seconds per table (a sheet, or a prose document)


@dataclass
class Outcome:
    """What localising one component found (kept for tests and the benchmark)."""
    failing: list[int]
    suspects: list = field(default_factory=list)     # [(Statement, suggested value|None, decimals, pattern)]
    options: list = field(default_factory=list)      # single-figure options considered (single.Option)
    method: str = ""                                 # "single" | "milp" | "" (no unique suspect)
    reason: str = ""                                 # why there is no suspect
    positions: set = field(default_factory=set)      # fact-table positions of the failing relations' figures


@dataclass
class Localised:
    findings: list[Finding]
    outcomes: list[Outcome] = field(default_factory=list)
    grouped: dict[str, int] = field(default_factory=dict)    # rule id -> failures shown in another finding
    seconds: float = 0.0


def localise(facts, ruleset, findings: list[Finding], *, time_limit: float = TIME_LIMIT) -> Localised:
    """Name the likely wrong figure of each failure and group failures by mistake; never raises for
    a relation it cannot model (that failure simply gets no suspect). `time_limit` is in solver seconds
    per table; the single-figure search is exact and always runs."""
    started = time.perf_counter()
    localisable = {rule.id for rule in ruleset.rules
                   if (rule.expr and not rule.external) or rule.check in ("duplicate-figure", "table-relation")}
    if facts is None or not len(facts) or not any(f.rule in localisable for f in findings):
        return Localised(list(findings))
    from check_report.engine.relations import bind
    from check_report.localise.model import Model

    model = Model(facts, bind(facts, ruleset))
    budgets: dict = {}        # table (file, sheet) -> solver seconds left
    outcomes = [_localise_component(model, failing, budgets, time_limit) for failing in _components(model)]
    result = _apply(model, ruleset, findings, outcomes)
    result.seconds = time.perf_counter() - started
    return result


def _components(model) -> list[list[int]]:
    """Failing relations joined when they share a figure (union-find over slots)."""
    failing = model.failed_relations()
    parent = {rel: rel for rel in failing}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, int] = {}
    for rel in failing:
        for slot in model.slots_of(rel):
            if slot in owner:
                parent[find(rel)] = find(owner[slot])
            else:
                owner[slot] = rel
    groups: dict[int, list[int]] = {}
    for rel in failing:
        groups.setdefault(find(rel), []).append(rel)
    return list(groups.values())


def _localise_component(model, failing: list[int], budgets: dict, time_limit: float) -> Outcome:
    from check_report.localise import single

    outcome = Outcome(failing)
    outcome.positions = {s.position for rel in failing for slot in model.slots_of(rel) for s in model.statements(slot)}
    options = single.options(model, failing)
    outcome.options = options
    if options:
        margin = PROSE_TIE if any(o.statement.source == "text" for o in options) else TIE
        if len(options) > 1 and options[1].cost - options[0].cost < margin:
            outcome.reason = "tie"
            return outcome
        best = options[0]
        if not best.statement.certain and best.pattern is None:
            outcome.reason = "uncertain"    # a prose figure read with doubt: its own slip, or the reading's?
            return outcome
        outcome.suspects = [(best.statement, best.suggested, best.decimals, best.pattern)]
        outcome.method = "single"
        return outcome
    table = _table_of(model, min(outcome.positions))
    left = budgets.setdefault(table, time_limit)
    if left <= 0.01:
        outcome.reason = "time"
        return outcome
    from check_report.localise import milp

    text = any(s.source == "text" for rel in failing for slot in model.slots_of(rel) for s in model.statements(slot))
    started = time.perf_counter()
    found = milp.solve(model, failing, started + left, PROSE_TIE if text else TIE)
    budgets[table] = left - (time.perf_counter() - started)
    outcome.reason = found.reason
    if any(not st.certain and pattern is None for st, _value, _decimals, pattern in found.suspects):
        outcome.reason = "uncertain"
        return outcome
    if found.suspects:
        outcome.suspects = found.suspects
        outcome.method = "milp"
    return outcome


def _table_of(model, position: int) -> tuple:
    """The table a figure belongs to (its file and sheet; a prose document is one table): the solver's
    time limit is per table."""
    from check_report import facts as F

    row = model.facts.iloc[position]
    sheet = row[F.SHEET] if F.SHEET in row.index and isinstance(row[F.SHEET], str) else ""
    return (str(row[F.FILE]), sheet)


def _apply(model, ruleset, findings: list[Finding], outcomes: list[Outcome]) -> Localised:
    from check_report.localise.group import finding_key, merge, number_style, suspect_of

    facts = model.facts
    rule_order = {rule.id: i for i, rule in enumerate(ruleset.rules)}
    duplicate_rule = next((r.id for r in ruleset.rules if r.check == "duplicate-figure"), None)
    by_key: dict[tuple, int] = {}
    for i, finding in enumerate(findings):
        by_key.setdefault(finding_key(finding), i)
    taken: set[int] = set()
    merged: list[Finding] = []
    grouped: dict[str, int] = {}
    for outcome in outcomes:
        if not outcome.suspects:
            continue
        raws = [s.raw for rel in outcome.failing for slot in model.slots_of(rel) for s in model.statements(slot)]
        style = number_style(raws)
        suspects = tuple(suspect_of(facts, st, value, decimals, pattern, style)
                         for st, value, decimals, pattern in outcome.suspects)
        # each failure goes to the first (most likely) suspect it involves
        groups: dict[int, list[int]] = {}
        for rel in outcome.failing:
            slots = model.slots_of(rel)
            k = next((k for k, (st, *_rest) in enumerate(outcome.suspects) if st.slot in slots), None)
            index = by_key.get(_relation_key(model, rel, duplicate_rule))
            if k is not None and index is not None and index not in taken:
                groups.setdefault(k, []).append((index, _under_test(model, rel, outcome.suspects[k][0].slot)))
        for k, members in sorted(groups.items()):
            taken.update(index for index, _ in members)
            # the suspect of these failures first, then the other changes the same answer needs
            mine = (suspects[k],) + tuple(s for j, s in enumerate(suspects) if j != k)
            statement = outcome.suspects[k][0]
            finding = merge([(findings[i], subject) for i, subject in members], mine, facts, statement.position,
                            rule_order)
            for other in finding.related:
                grouped[other.rule] = grouped.get(other.rule, 0) + 1
            merged.append(finding)
    kept = [f for i, f in enumerate(findings) if i not in taken] + merged
    kept.sort(key=Finding.sort_key)
    return Localised(kept, outcomes, grouped)


def _under_test(model, rel: int, slot: int) -> bool:
    """Whether the slot is on the stated (left) side of the relation's comparison."""
    from check_report.engine import expr as X
    from check_report.localise.model import Duplicate

    relation = model.relation(rel)
    if isinstance(relation, Duplicate) or not isinstance(relation.node, X.Compare):
        return True
    for node in X.walk(relation.node.left):
        occurrence = relation.occurrences.get(id(node))
        if occurrence is not None and not occurrence.count and slot in occurrence.slots:
            return True
    return False


def _relation_key(model, rel: int, duplicate_rule: str | None) -> tuple:
    from check_report.findings import fact_location
    from check_report.localise.model import Duplicate

    relation = model.relation(rel)
    facts = model.facts
    if isinstance(relation, Duplicate):
        places = frozenset(fact_location(facts.iloc[s.position]) for s in model.statements(relation.slot))
        return (duplicate_rule, places)
    index = model.index
    places = frozenset(fact_location(facts.iloc[int(index.slot_fact[slot])]) for slot in relation.slots)
    return (relation.rule.id, places)
