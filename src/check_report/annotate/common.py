"""What both annotated forms say about a finding: severity colours and the explanation text."""

from __future__ import annotations

from check_report.findings import Finding, Severity
from check_report.reporters.machine import interval_text

# Excel's own "bad", "neutral" and a light blue: reviewers know them from conditional formatting
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
SUSPECT_BORDER = "9C0006"   # Excel's "bad" text colour: the likely wrong figure stands out from its finding
LABELS = {
    Severity.ERROR: {"en": "error", "vi": "lỗi"},
    Severity.WARNING: {"en": "warning", "vi": "cảnh báo"},
    Severity.INFO: {"en": "info", "vi": "thông tin"},
}
WORDS = {
    "stated": {"en": "stated", "vi": "số báo cáo"},
    "implied": {"en": "implied", "vi": "số suy ra"},
    "also": {"en": "also", "vi": "liên quan"},
    "likely": {"en": "LIKELY WRONG", "vi": "NHIỀU KHẢ NĂNG SAI"},
}


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang) or WORDS[key]["en"]


def severity_label(severity: Severity, lang: str) -> str:
    labels = LABELS[Severity(severity)]
    return labels.get(lang) or labels["en"]


def intervals_line(finding: Finding, lang: str) -> str:
    if finding.stated is None or finding.implied is None:
        return ""
    return (f"{word('stated', lang)} {interval_text(list(finding.stated), lang)}, "
            f"{word('implied', lang)} {interval_text(list(finding.implied), lang)}")


def explanation(finding: Finding, lang: str) -> str:
    """`[error] rule: message` and the intervals, the text a comment or a side note shows; then the
    likely wrong figure and the other relations the same mistake breaks (check_report.localise)."""
    lines = [f"[{severity_label(finding.severity, lang)}] {finding.rule}: {finding.message}"]
    intervals = intervals_line(finding, lang)
    if intervals:
        lines.append(intervals)
    return "\n".join(lines + localised_lines(finding, lang))


def localised_lines(finding: Finding, lang: str) -> list[str]:
    from check_report.reporters.records import finding_record
    from check_report.reporters.suspects import related_lines, suspects_line

    if not finding.suspects and not finding.related:
        return []
    record = finding_record(finding)
    return [line for line in [suspects_line(record, lang)] + related_lines(record, lang) if line]


def suspect_locations(finding: Finding) -> set:
    """The places of the finding's likely wrong figures."""
    return {s.location for s in finding.suspects}
