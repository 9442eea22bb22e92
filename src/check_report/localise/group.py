"""One finding per mistake: the failures a suspect explains become one finding that names the suspect,
suggests the correction and lists every relation it breaks.

The finding kept is the most severe one (the rule-set order breaks ties); it lists the suspect's figure
first (SARIF and the terminal name it first), then the other figures of every grouped failure, each once,
and carries the other failures in `related`. Failures no unique suspect explains stay as they were.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from check_report.findings import Finding, Severity, Suspect, fact_figure, fact_location
from check_report.numbers import EN, VI, format_number, parse_number


def finding_key(finding: Finding) -> tuple:
    return (finding.rule, frozenset(f.location for f in finding.figures))


def merge(findings: list[tuple[Finding, bool]], suspects: tuple[Suspect, ...], facts, position: int,
          rule_order: dict[str, int]) -> Finding:
    """The findings of one mistake as one finding, the suspect's figure first. The one kept is the most
    severe, then one where the suspect is the figure under test (the stated side: 'cumulative is ... but
    the months give ...'), then the first in the rule set. `findings` pairs each with that flag."""
    findings = [f for f, _ in sorted(findings, key=lambda pair: (-int(Severity(pair[0].severity)), not pair[1],
                                                                 rule_order.get(pair[0].rule, 1 << 30)))]
    primary, others = findings[0], findings[1:]
    own = next((fig for f in findings for fig in f.figures if fig.location == suspects[0].location), None)
    first = own or fact_figure(facts.iloc[position], suspects[0].role)
    figures, seen = [first], {first.location}
    for finding in findings:
        for figure in finding.figures:
            if figure.location not in seen:
                seen.add(figure.location)
                figures.append(figure)
    # the stated and implied figures stay the primary relation's: so does their unit (a % of plan, not
    # the tấn of the suspect now listed first)
    details = {**primary.details, "unit": primary.figures[0].unit} if primary.figures else primary.details
    return replace(primary, figures=tuple(figures), suspects=suspects, related=tuple(others), details=details)


def suspect_of(facts, statement, suggested: float | None, decimals: int, pattern: str | None,
               style: str) -> Suspect:
    row = facts.iloc[statement.position]
    stated = statement.raw or format_number(statement.value, statement.decimals, style)
    text = None
    percent = stated.rstrip().endswith("%")
    shown = decimals if suggested is None or not float(suggested).is_integer() or decimals > 0 else 0
    if suggested is not None:
        text = format_number(suggested, shown, style) + ("%" if percent else "")
    return Suspect(location=fact_location(row), stated=stated, suggested=text, pattern=pattern,
                   role=statement.measure, value=float(statement.value), decimals=int(statement.decimals),
                   suggested_value=None if suggested is None else float(suggested), suggested_decimals=int(shown),
                   percent=percent)


def number_style(raws) -> str:
    """The report's own convention, from the figures as written (Vietnamese when they do not say)."""
    styles = Counter(p.style for raw in raws if (p := parse_number(_body(raw))) and p.style and not p.ambiguous)
    if not styles:
        return VI
    return EN if styles.get(EN, 0) > styles.get(VI, 0) else VI


def _body(raw: str) -> str:
    return (raw or "").strip().rstrip("%").strip()
