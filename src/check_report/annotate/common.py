"""What both annotated forms say about a finding: severity colours and the explanation text."""

from __future__ import annotations

from check_report.findings import Finding, Severity
from check_report.i18n import severity_label as _severity_word
from check_report.i18n import t

# Excel's own "bad", "neutral" and a light blue: reviewers know them from conditional formatting
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
SUSPECT_BORDER = "9C0006"   # Excel's "bad" text colour: the likely wrong figure stands out from its finding


def severity_label(severity: Severity, lang: str) -> str:
    return _severity_word(Severity(severity).label, lang)


def comparison(finding: Finding, lang: str) -> str:
    """"stated … · implied … · difference … · ±… from rounding", in the reader's number style."""
    from check_report.reporters.records import finding_record
    from check_report.wording import comparison_line

    return comparison_line(finding_record(finding, lang=lang), lang)


def explanation(finding: Finding, lang: str) -> str:
    """`[error] rule: message` and the figures compared, the text a comment or a side note shows; then
    the likely wrong figure and the other relations the same mistake breaks (check_report.localise)."""
    known = f" ({t('report.known', lang)})" if finding.details.get("known") else ""
    lines = [f"[{severity_label(finding.severity, lang)}{known}] {finding.rule}: {finding.message}"]
    compared = comparison(finding, lang)
    if compared:
        lines.append(compared)
    return "\n".join(lines + localised_lines(finding, lang))


def localised_lines(finding: Finding, lang: str) -> list[str]:
    from check_report.reporters.records import finding_record
    from check_report.reporters.suspects import related_lines, suspects_line

    if not finding.suspects and not finding.related:
        return []
    record = finding_record(finding, lang=lang)
    return [line for line in [suspects_line(record, lang)] + related_lines(record, lang) if line]


def suspect_locations(finding: Finding) -> set:
    """The places of the finding's likely wrong figures."""
    return {s.location for s in finding.suspects}
