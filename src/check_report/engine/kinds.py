"""Check kinds the engine runs itself (they need the indexed fact table), and the bridge to the code
check kinds of `check_report.checks` (they get a CheckContext and yield Problems)."""

from __future__ import annotations

from check_report import facts as F
from check_report.checks import NEEDS_DOCUMENT, REGISTRY, load
from check_report.checks.base import CheckContext
from check_report.engine import messages
from check_report.findings import Figure, Finding, RuleStats

DUPLICATE_FIGURE = "duplicate-figure"
_ASSESSMENT_OPTIONS = {"lower_is_better": [], "higher_is_better": []}   # lists of words (defaults: the module)


def duplicate_figures(index, rule, lang: str, stats: RuleStats, checked: list) -> list[Finding]:
    """The same (indicator, measure, period) stated more than once must agree within rounding."""
    import numpy as np      # here: loading rules (`rules`, `explain`) needs no numpy

    multi = np.flatnonzero(index.slot_count > 1)
    if F.CERTAIN in index.facts.columns and len(multi):
        # a figure read from prose whose identity is unsure is never held against another (issue 9); and two
        # figures of one prose statement with one identity ("tăng trưởng 11,5%, tăng 2,2% so cùng kỳ", "tăng
        # 9,65% (KH cả năm 8,3%)") are two measures read as one: across statements, cross-mention compares
        certain = index.facts[F.CERTAIN].fillna(True).astype(bool).to_numpy()
        if F.SOURCE in index.facts.columns:
            certain = certain & (index.facts[F.SOURCE] != "text").to_numpy()
        sure = np.array([bool(certain[index.slot_facts(slot)].all()) for slot in multi.tolist()], dtype=bool)
        stats.not_evaluated += int((~sure).sum())
        multi = multi[sure]
    stats.evaluated += len(multi)
    stats.failed += int(index.conflict[multi].sum())
    stats.passed += int((~index.conflict[multi]).sum())
    checked.append(multi)
    found = []
    for slot in multi[index.conflict[multi]].tolist():
        positions = index.slot_facts(slot)
        figures = []
        for k, position in enumerate(positions.tolist()):
            value, decimals, raw = index.fact_value(position)
            lo, hi = index.fact_bounds(position)
            figures.append(Figure(role=f"statement {k + 1}", value=value, lower=lo, upper=hi, raw=raw,
                                  location=index.location(position), decimals=decimals,
                                  unit=fact_unit(index, position)))
        measure = str(index.measures[index.slot_meas[slot]])
        indicator = index.indicator(int(index.slot_ent[slot]))
        message = messages.duplicate(rule.describe(lang), indicator, measure, index.period_label(slot),
                                     [f.raw for f in figures], lang)
        found.append(Finding(rule=rule.id, severity=rule.severity, message=message, indicator=indicator,
                             figures=tuple(figures), stated=(figures[0].lower, figures[0].upper),
                             implied=(figures[1].lower, figures[1].upper),
                             values=(figures[0].value, figures[1].value),
                             decimals=max(figures[0].decimals, figures[1].decimals),
                             details={"measure": measure, "period": index.period_label(slot),
                                      "entity": index.entity_key(int(index.slot_ent[slot]))}))
    return found


def fact_unit(index, position: int) -> str:
    """The unit written beside one fact ("triệu đồng", "%"), or ""."""
    unit = index.facts[F.UNIT].iat[position] if F.UNIT in index.facts.columns else None
    return unit if isinstance(unit, str) else ""


def _assessment(index, rule, lang: str, stats: RuleStats, checked: list) -> list[Finding]:
    """Written verdicts against the rows' ratio to plan (check_report.checks.assessment)."""
    if index.measure_code(F.ASSESSMENT) < 0:
        return []                     # no verdict stated: nothing to judge, nothing to import
    import numpy as np

    from check_report.checks.assessment import judge

    problems, labels = judge(index.facts, rule.options, lang)
    judged = index.labels.get_indexer(list(labels))
    judged = judged[judged >= 0]
    slot_of = np.full(len(index.facts), -1, dtype=np.int64)
    slot_of[index.rows] = index.fact_slot
    checked.append(slot_of[judged][slot_of[judged] >= 0])
    verdicts = int((index.facts[F.MEASURE].to_numpy(dtype=object)[judged] == F.ASSESSMENT).sum())
    stats.evaluated += verdicts
    stats.failed += len(problems)
    stats.passed += verdicts - len(problems)
    return [Finding(rule=rule.id, severity=p.severity or rule.severity, message=p.message, figures=tuple(p.figures),
                    stated=p.stated, implied=p.implied, extra_locations=tuple(p.locations), details=dict(p.details))
            for p in problems]


def _table_relations(index, rule, lang: str, stats: RuleStats, checked: list) -> list[Finding]:
    from check_report.engine.declared import table_relations

    return table_relations(index, rule, lang, stats, checked)


# id -> (function, OPTIONS). Engine kinds take no options yet; the loader validates against OPTIONS.
ENGINE_KINDS = {DUPLICATE_FIGURE: duplicate_figures, "table-relation": _table_relations, "assessment": _assessment}
ENGINE_OPTIONS: dict[str, dict] = {DUPLICATE_FIGURE: {}, "table-relation": {}, "assessment": _ASSESSMENT_OPTIONS}


def known_kinds() -> list[str]:
    return sorted(set(ENGINE_KINDS) | set(REGISTRY))


def run_check_kind(rule, facts, path: str, document, lang: str, stats: RuleStats,
                   checked_labels: set | None = None) -> list[Finding]:
    """Run one code check kind. A module exposing `checked_rows(facts, options)` (the fact-table labels it
    compared) adds them to `checked_labels`, so coverage counts the facts such checks confront."""
    if document is None and (rule.check in NEEDS_DOCUMENT or facts is None or not len(facts)):
        return []  # nothing the check could look at: not applicable, not counted as passed
    module = load(rule.check)
    options = {**getattr(module, "OPTIONS", {}), **rule.options}
    rows = getattr(module, "checked_rows", None)
    if rows is not None and checked_labels is not None and facts is not None:
        checked_labels |= set(rows(facts, options))
    ctx = CheckContext(path=path, document=document, facts=facts, lang=lang)
    found = []
    for problem in module.check(ctx, options):
        severity = rule.severity if rule.severity_set else (problem.severity or rule.severity)
        found.append(Finding(rule=rule.id, severity=severity, message=problem.message, indicator=problem.indicator,
                             figures=tuple(problem.figures), stated=problem.stated, implied=problem.implied,
                             values=problem.values, decimals=problem.decimals,
                             extra_locations=tuple(problem.locations), details=dict(problem.details)))
    if found and checked_labels is not None and facts is not None and len(facts):
        checked_labels |= _named_facts(facts, found)
    stats.evaluated += 1
    stats.failed += 1 if found else 0   # one application, however many problems it found
    stats.passed += 0 if found else 1
    return found


def _named_facts(facts, found: list[Finding]) -> set:
    """The text facts a check that reads the text itself (not the fact table) named in its findings, by line
    and figure as written: the figures it found wrong were checked, and coverage says so."""
    named = {(figure.location.line, str(figure.raw)) for finding in found for figure in finding.figures
             if figure.location is not None and figure.location.line is not None and figure.raw is not None}
    if not named or F.LINE not in facts or F.RAW not in facts:
        return set()
    lines = {line for line, _ in named}
    near = facts[facts[F.LINE].isin(lines)]
    return {label for label, line, raw in zip(near.index, near[F.LINE], near[F.RAW]) if (line, str(raw)) in named}
