"""`--format markdown`: a report a reviewer pastes into a ticket (GitHub, GitLab, Jira's markdown).

A summary table (one row per file), then the findings per file as a table: severity, rule, place,
message, the stated figure and what the other figures give. Cells are escaped so a `|` in a quoted sentence never breaks the
table. Figures are written the way the report's readers write them (`--lang vi`: 1.138,5).
"""

from __future__ import annotations

from check_report.i18n import severity_label, t
from check_report.reporters.machine import findings_by_file, locations_in, relative_display
from check_report.wording import comparison_texts, place_in_file

_ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def _t(key: str, lang: str) -> str:
    return t(f"markdown.{key}", lang)


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
        label = severity_label(severity, lang) + (f" ({_t('known', lang)})" if finding.get("known") else "")
        compared = comparison_texts(finding, lang) or {}
        lines.append(_row([
            f"{_ICONS.get(severity, '')} {label}".strip(), f"`{finding['rule']}`", _places(finding, path, lang),
            _message(finding, lang), compared.get("stated", ""), compared.get("implied", "")]))
    return lines


def _message(finding: dict, lang: str) -> str:
    """The message, then the likely wrong figure and the other relations the mistake breaks."""
    from check_report.reporters.suspects import related_lines, suspects_line

    extra = [line for line in [suspects_line(finding, lang)] + related_lines(finding, lang) if line]
    return "<br>".join([finding["message"]] + [_cell(line) for line in extra]) if extra else finding["message"]


def _places(finding: dict, path: str, lang: str) -> str:
    """This file's places first, then the other files' (cross-file findings)."""
    here = [place_in_file(loc, lang) for loc in locations_in(finding, path)]
    elsewhere = [f"{relative_display(loc['path'])} {place_in_file(loc, lang)}".strip()
                 for loc in finding.get("locations") or () if (loc.get("path") or "") != path]
    return "<br>".join(dict.fromkeys(p for p in here + elsewhere if p))  # each place once, in order


def _row(cells) -> str:
    return "| " + " | ".join(_cell(str(c)) for c in cells) + " |"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
