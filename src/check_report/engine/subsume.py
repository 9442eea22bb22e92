"""`subsumed_by`: a weaker rule stays quiet where a stronger rule already reported the same figures.

A rule may list stronger rules (`subsumed_by: [core.children-within-parent]`). A finding of that rule is
dropped when one finding of a listed rule involves every place the weaker finding points to (its figures'
locations and extra locations, compared whole: file, sheet, cell, line, where and the quoted text). One
error is then reported once, by the rule that shows all of its figures (the components' sum above the
total, rather than the one component above it as well). Where the stronger rule could not be evaluated
(a component lacks the figure) or did not fail, the weaker rule still reports.

The weaker relation was evaluated and did fail, so it stays counted as failed; `RuleStats.subsumed`
counts how many of those failures are shown within a stronger rule's finding, so the summary adds up. The stronger finding lists what it stands for in `details["subsumes"]` ({rule, message}).
The loader rejects unknown ids, a rule naming itself and cycles, so two rules never silence each other.
"""

from __future__ import annotations

from dataclasses import replace

from check_report.findings import Finding


def drop_subsumed(findings: list[Finding], rules, per_rule: dict | None = None) -> list[Finding]:
    """The findings without those a finding of a stronger rule (the rule's `subsumed_by`) covers, in order.
    With `per_rule` (rule id -> RuleStats), each dropped finding is counted in its rule's `subsumed`."""
    stronger = {rule.id: set(rule.subsumed_by) for rule in rules if getattr(rule, "subsumed_by", ())}
    if not stronger or not findings:
        return list(findings)
    wanted = set().union(*stronger.values())
    places = [frozenset(f.locations) for f in findings]
    # place -> indices of findings of a stronger rule pointing there: candidates without a full scan
    by_place: dict = {}
    for i, finding in enumerate(findings):
        if finding.rule in wanted:
            for place in places[i]:
                by_place.setdefault(place, []).append(i)
    covered_by: dict[int, int] = {}
    for i, finding in enumerate(findings):
        rules_over = stronger.get(finding.rule)
        if not rules_over or not places[i]:
            continue
        first = next(iter(places[i]))
        # (a rule set built in code may hold a cycle the loader would refuse: never drop both sides)
        cover = next((j for j in by_place.get(first, ()) if j != i and findings[j].rule in rules_over
                      and places[i] <= places[j] and covered_by.get(j) != i), None)
        if cover is not None:
            covered_by[i] = cover
    if not covered_by:
        return list(findings)
    subsumes: dict[int, list[dict]] = {}
    for i, j in covered_by.items():
        seen = {i}
        while j in covered_by and j not in seen:     # a stronger finding itself covered: the one kept
            seen.add(j)
            j = covered_by[j]
        subsumes.setdefault(j, []).append({"rule": findings[i].rule, "message": findings[i].message})
    kept = []
    for i, finding in enumerate(findings):
        if i in covered_by:
            if per_rule is not None and finding.rule in per_rule:
                per_rule[finding.rule].subsumed += 1
            continue
        if i in subsumes:
            finding = replace(finding, details={**finding.details, "subsumes": subsumes[i]})
        kept.append(finding)
    return kept
