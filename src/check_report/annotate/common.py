"""What both annotated forms say about a finding: severity colours and the explanation text."""

from __future__ import annotations

from check_report.findings import Finding, Severity
from check_report.i18n import severity_label as _severity_word
from check_report.i18n import t

# Excel's own "bad", "neutral" and a light blue: reviewers know them from conditional formatting
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}


def severity_label(severity: Severity, lang: str) -> str:
    return _severity_word(Severity(severity).label, lang)


def comparison(finding: Finding, lang: str) -> str:
    """"stated … · implied … · difference … · ±… from rounding", in the reader's number style."""
    from check_report.reporters.records import finding_record
    from check_report.wording import comparison_line

    return comparison_line(finding_record(finding, lang=lang), lang)


def explanation(finding: Finding, lang: str) -> str:
    """`[error] rule: message` and the figures compared, the text a comment or a side note shows."""
    known = f" ({t('report.known', lang)})" if finding.details.get("known") else ""
    lines = [f"[{severity_label(finding.severity, lang)}{known}] {finding.rule}: {finding.message}"]
    compared = comparison(finding, lang)
    if compared:
        lines.append(compared)
    return "\n".join(lines)
