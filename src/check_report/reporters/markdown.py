"""`--format markdown`: a report a reviewer pastes into a ticket (GitHub, GitLab, Jira's markdown).

A summary table (one row per file), then the findings per file as a table: severity, rule, place,
message, stated and implied intervals. Cells are escaped so a `|` in a quoted sentence never breaks the
table. Numbers are written the way the report's readers write them (`--lang vi`: 1.138,5).
"""

from __future__ import annotations

from check_report.reporters.machine import (
    findings_by_file, interval_text, locations_in, place, relative_display,
)

LABELS = {
    "title": {"en": "check-report findings", "vi": "Kết quả kiểm tra check-report"},
    "summary": {"en": "Summary", "vi": "Tổng hợp"},
    "file": {"en": "File", "vi": "Tệp"},
    "status": {"en": "Status", "vi": "Trạng thái"},
    "facts": {"en": "Figures", "vi": "Số liệu"},
    "errors": {"en": "Errors", "vi": "Lỗi"},
    "warnings": {"en": "Warnings", "vi": "Cảnh báo"},
    "infos": {"en": "Info", "vi": "Thông tin"},
    "total": {"en": "Total", "vi": "Tổng"},
    "severity": {"en": "Severity", "vi": "Mức độ"},
    "rule": {"en": "Rule", "vi": "Quy tắc"},
    "where": {"en": "Where", "vi": "Vị trí"},
    "message": {"en": "Finding", "vi": "Nội dung"},
    "stated": {"en": "Stated", "vi": "Số báo cáo"},
    "implied": {"en": "Implied", "vi": "Số suy ra"},
    "ok": {"en": "checked", "vi": "đã kiểm tra"},
    "unreadable": {"en": "not read", "vi": "không đọc được"},
    "clean": {"en": "No discrepancies found.", "vi": "Không phát hiện sai lệch."},
    "cross": {"en": "(several files)", "vi": "(nhiều tệp)"},
    "error": {"en": "error", "vi": "lỗi"},
    "warning": {"en": "warning", "vi": "cảnh báo"},
    "info": {"en": "info", "vi": "thông tin"},
}
_ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def _t(key: str, lang: str) -> str:
    return LABELS[key].get(lang) or LABELS[key]["en"]


def render(report: dict, *, lang: str = "en") -> str:
    lines = [f"# {_t('title', lang)}", "", f"## {_t('summary', lang)}", ""]
    lines += _summary_table(report, lang)
    grouped = findings_by_file(report)
    errors = {f["path"]: f.get("error") for f in report.get("files") or () if f.get("status") == "error"}
    for path, findings in grouped.items():
        lines += ["", f"## {_cell(relative_display(path) or _t('cross', lang))}", ""]
        if path in errors:
            lines.append(f"> {_t('unreadable', lang)}: {_cell(errors[path] or '')}")
        elif findings:
            lines += _findings_table(findings, path, lang)
        else:
            lines.append(_t("clean", lang))
    return "\n".join(lines) + "\n"


def _summary_table(report: dict, lang: str) -> list[str]:
    keys = ("file", "status", "facts", "errors", "warnings", "infos")
    lines = [_row(_t(k, lang) for k in keys), _row(["---", "---", "---:", "---:", "---:", "---:"])]
    for file in report.get("files") or ():
        status = _t("ok" if file.get("status") == "ok" else "unreadable", lang)
        lines.append(_row([f"`{relative_display(file['path'])}`", status, file.get("facts", 0),
                           file.get("errors", 0), file.get("warnings", 0), file.get("infos", 0)]))
    summary = report.get("summary") or {}
    lines.append(_row([f"**{_t('total', lang)}**", "", summary.get("facts", 0), summary.get("errors", 0),
                       summary.get("warnings", 0), summary.get("infos", 0)]))
    return lines


def _findings_table(findings: list[dict], path: str, lang: str) -> list[str]:
    keys = ("severity", "rule", "where", "message", "stated", "implied")
    lines = [_row(_t(k, lang) for k in keys), _row(["---"] * len(keys))]
    for finding in findings:
        severity = finding["severity"]
        lines.append(_row([
            f"{_ICONS.get(severity, '')} {_t(severity, lang) if severity in LABELS else severity}".strip(),
            f"`{finding['rule']}`", _places(finding, path), _message(finding, lang),
            interval_text(finding.get("stated"), lang), interval_text(finding.get("implied"), lang)]))
    return lines


def _message(finding: dict, lang: str) -> str:
    """The message, then the likely wrong figure and the other relations the mistake breaks."""
    from check_report.reporters.suspects import related_lines, suspects_line

    extra = [line for line in [suspects_line(finding, lang)] + related_lines(finding, lang) if line]
    return "<br>".join([finding["message"]] + [_cell(line) for line in extra]) if extra else finding["message"]


def _places(finding: dict, path: str) -> str:
    """This file's places first, then the other files' (cross-file findings)."""
    here = [place(loc) for loc in locations_in(finding, path)]
    elsewhere = [f"{relative_display(loc['path'])} {place(loc)}".strip()
                 for loc in finding.get("locations") or () if (loc.get("path") or "") != path]
    return "<br>".join(dict.fromkeys(p for p in here + elsewhere if p))  # each place once, in order


def _row(cells) -> str:
    return "| " + " | ".join(_cell(str(c)) for c in cells) + " |"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
