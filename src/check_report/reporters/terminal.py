"""The report a reviewer reads in the terminal (rich): findings grouped by file and sheet, then a summary.

Built only from the report record. Styles have semantic names in one Theme, so colours change in one
place; user text is always wrapped in `Text` (never parsed as markup: a label like "[1]" stays as is).
rich itself honours NO_COLOR and writes plain text when the output is not a terminal.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable

from check_report.i18n import severity_label, t
from check_report.numbers import EN, VI, format_interval, format_number

STYLES = {
    "severity.error": "bold red",
    "severity.warning": "bold yellow",
    "severity.info": "bold cyan",
    "rule.id": "magenta",
    "file.header": "bold underline",
    "sheet.header": "bold",
    "location": "blue",
    "figure.raw": "bold",
    "label": "dim",
    "quote": "italic",
    "note": "dim",
    "status.ok": "green",
    "status.error": "bold red",
    "summary.clean": "bold green",
    "summary.dirty": "bold red",
    "suspect": "bold magenta",
}
_QUOTE_WIDTH = 70
_NOTES_SHOWN = 12   # per file; the JSON report keeps them all


def theme():
    from rich.theme import Theme

    return Theme(STYLES)


def make_console(file=None, *, width: int | None = None, force_plain: bool = False):
    """A console with the report theme; `force_plain` for files and tests (no colour, no terminal)."""
    from rich.console import Console

    if force_plain:
        return Console(file=file, width=width or 100, theme=theme(), color_system=None,
                       force_terminal=False, no_color=True, highlight=False, soft_wrap=True)
    console = Console(file=file, width=width, theme=theme(), highlight=False)
    if not console.is_terminal:   # piped: one finding stays one line, tables get room for grep
        console.soft_wrap = True
        if width is None and "COLUMNS" not in os.environ:
            console.width = 120
    return console


def render(report: dict, *, lang: str = "en") -> str:
    """Plain text of the terminal report (for `--output` and tests)."""
    buffer = io.StringIO()
    print_report(report, make_console(buffer, force_plain=True), lang=lang)
    return buffer.getvalue()


def print_report(report: dict, console, *, lang: str = "en", quiet: bool = False) -> None:
    style = VI if lang == "vi" else EN
    files = report["files"]
    for path, findings in _by_file(report):
        _print_file(console, path, findings, lang, style)
    if quiet:
        return
    failed = [f for f in files if f["status"] != "ok"]
    for record in failed:
        console.print(_line(("✗ ", "status.error"), (record["error"] or record["path"], "")))
    if len(files) > 1:
        console.print()
        console.print(file_table(files, lang))
    _print_notes(console, files, lang)
    _print_unchecked(console, files, lang)
    _print_summary(console, report, lang)


def _by_file(report: dict) -> list[tuple[str, list[dict]]]:
    order = [f["path"] for f in report["files"]]
    groups: dict[str, list[dict]] = {path: [] for path in order}
    for finding in report["findings"]:
        groups.setdefault(finding["path"], []).append(finding)
    return [(path, items) for path, items in groups.items() if items]


def _print_file(console, path: str, findings: list[dict], lang: str, style: str) -> None:
    console.print(_line((path or t("no_file", lang), "file.header")))
    sheet = object()
    for finding in findings:
        first = finding["locations"][0] if finding["locations"] else {}
        if first.get("sheet") != sheet:
            sheet = first.get("sheet")
            if sheet:
                console.print(_line(("  ", ""), (t("sheet", lang, name=sheet), "sheet.header")))
        for row in finding_lines(finding, lang, style, owner=path):
            console.print(row)
    console.print()


def finding_lines(finding: dict, lang: str, style: str, owner: str = "") -> list:
    """The lines of one finding: headline, stated vs implied, then every figure with its place
    (prefixed by its file when it lies in another file than the one the finding is listed under)."""
    severity = finding["severity"]
    lines = [_line(("  ", ""), (f"{severity_label(severity, lang):<9}", f"severity.{severity}"),
                   (finding["rule"], "rule.id"), ("  ", ""), (finding["message"], ""))]
    if finding["indicator"]:
        lines.append(_line(("    ", ""), (f"{t('indicator', lang)}: ", "label"), (finding["indicator"], "")))
    lines += _suspect_lines(finding, lang)
    compared = _comparison(finding, lang, style)
    if compared is not None:
        lines.append(compared)
    for figure in finding["figures"]:
        lines.append(_figure_line(figure, style, owner))
    figure_places = {_place(f["location"], owner) for f in finding["figures"]}
    for location in finding["locations"]:
        if _place(location, owner) not in figure_places:
            lines.append(_line(("    ", ""), (_place(location, owner), "location"),
                               *_quote(location.get("text") or "")))
    lines += _related_lines(finding, lang)
    return lines


def _suspect_lines(finding: dict, lang: str) -> list:
    """`likely wrong: H16 = 1.297.400, suggested 1.279.400 (swapped digits)` (check_report.localise)."""
    from check_report.reporters.suspects import suspects_line

    line = suspects_line(finding, lang)
    return [_line(("    ", ""), (line, "suspect"))] if line else []


def _related_lines(finding: dict, lang: str) -> list:
    """The other relations the same mistake breaks, one line each."""
    from check_report.reporters.suspects import related_lines

    return [_line(("    ", ""), (line, "label")) for line in related_lines(finding, lang)]


def _comparison(finding: dict, lang: str, style: str):
    stated, implied = finding["stated"], finding["implied"]
    if stated is None and implied is None:
        return None
    decimals = interval_decimals([stated, implied], max((f["decimals"] for f in finding["figures"]), default=0))
    parts = [("    ", "")]
    if stated is not None:
        parts += [(f"{t('stated', lang)} ", "label"), (_interval(stated, decimals, style), "figure.raw")]
    if implied is not None:
        parts += [("  ·  " if stated is not None else "", "label"), (f"{t('implied', lang)} ", "label"),
                  (_interval(implied, decimals, style), "figure.raw")]
    return _line(*parts)


def interval_decimals(intervals: list, base: int) -> int:
    """Decimals that show an interval's width (two significant digits of it); the figures' own decimals
    when every interval is a single point."""
    import math

    widths = [pair[1] - pair[0] for pair in intervals if pair is not None and None not in pair]
    widths = [w for w in widths if w > 0 and math.isfinite(w)]
    if not widths:
        return base
    return max(0, min(6, max(math.ceil(-math.log10(w) - 1e-9) + 1 for w in widths)))


def _place(location: dict, owner: str) -> str:
    """Where a figure is, as short as the heading above it allows: the file is named only when it is
    not the one the finding is listed under, and a place that is only that file is left out."""
    short = location["short"]
    path = location.get("path") or ""
    if path and path != owner and not short.startswith(path):
        return f"{path} {short}"
    return "" if short == owner else short


def _figure_line(figure: dict, style: str, owner: str = ""):
    location = figure["location"]
    value = figure["raw"] or format_number(figure["value"] or 0.0, figure["decimals"], style)
    place = _place(location, owner)
    return _line(("    ", ""), (f"{place:<10} " if place else "", "location"),
                 (figure["role"], "label"), (" = ", "label"), (value, "figure.raw"),
                 *(_quote(location.get("text") or "") if location.get("cell") is None else ()))


def _quote(text: str) -> tuple:
    text = " ".join(text.split())
    if not text:
        return ()
    if len(text) > _QUOTE_WIDTH:
        text = text[: _QUOTE_WIDTH - 1] + "…"
    return (("  ", ""), (f"“{text}”", "quote"))


def _interval(pair: list, decimals: int, style: str) -> str:
    lower = float("-inf") if pair[0] is None else pair[0]
    upper = float("inf") if pair[1] is None else pair[1]
    return format_interval(lower, upper, decimals, style)


def file_table(files: list[dict], lang: str):
    from rich.table import Table

    table = Table(title=t("files", lang), title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(t("col_file", lang))
    table.add_column(t("col_status", lang))
    for key in ("col_facts", "col_errors", "col_warnings", "col_infos"):
        table.add_column(t(key, lang), justify="right")
    for record in files:
        status = record["status"]
        table.add_row(
            _text(record["path"], ""), _text(t(f"status_{status}", lang), f"status.{status}"),
            str(record["facts"]), str(record["errors"]), str(record["warnings"]), str(record["infos"]),
        )
    return table


def _print_notes(console, files: list[dict], lang: str) -> None:
    empty = [f["path"] for f in files if f["status"] == "ok" and not f["facts"]]
    if not empty and not any(f["notes"] for f in files):
        return
    console.print()
    console.print(_line((t("notes", lang), "sheet.header")))
    for path in empty:   # read without error, yet nothing to check: say so, a clean summary would mislead
        console.print(_line(("  ! ", "severity.warning"), (t("no_facts", lang, path=path), "severity.warning")))
    for record in files:
        path, notes = record["path"], record["notes"]
        for note in notes[:_NOTES_SHOWN]:
            text = note if note.startswith(path) else f"{path}: {note}"
            console.print(_line(("  - ", "note"), (text, "note")))
        if len(notes) > _NOTES_SHOWN:
            console.print(_line(("  … ", "note"),
                                (t("more_notes", lang, path=path, count=len(notes) - _NOTES_SHOWN), "note")))


def _print_unchecked(console, files: list[dict], lang: str) -> None:
    for record in files:
        coverage = record.get("coverage") or {}
        if "numbers" in coverage:
            line = t("coverage_line", lang, path=record["path"], numbers=coverage["numbers"],
                     read=coverage.get("read", 0), checked=coverage.get("checked", 0))
            if coverage.get("uncertain"):
                line += t("coverage_uncertain", lang, uncertain=coverage["uncertain"])
            console.print(_line((line, "note")))
        items = record.get("unchecked") or []
        if items:
            console.print(_line((f"{t('unchecked', lang)} ({record['path']})", "sheet.header")))
            for item in items:
                console.print(_line(("  ", ""), (item["where"], "location"), ("  ", ""),
                                    (item["raw"], "figure.raw"), *_quote(item["context"])))


def _print_summary(console, report: dict, lang: str) -> None:
    summary = report["summary"]
    console.print()
    console.print(_line((t("summary", lang), "sheet.header")))
    console.print(_line(("  ", ""), (t("summary_facts", lang, files=summary["files"], facts=summary["facts"],
                                       rules=summary["rules_evaluated"]), "")))
    console.print(_line(("  ", ""), (t("summary_checks", lang, evaluated=summary["checks_evaluated"],
                                       passed=summary["passed"], failed=summary["failed"],
                                       not_evaluated=summary["not_evaluated"]), "")))
    if summary.get("subsumed"):
        console.print(_line(("  ", ""), (t("summary_subsumed", lang, subsumed=summary["subsumed"]), "")))
    _print_localised(console, summary, lang)
    clean = not report["findings"]
    counts = t("no_findings", lang) if clean else t("counts_line", lang, errors=summary["errors"],
                                                     warnings=summary["warnings"], infos=summary["infos"])
    console.print(_line(("  ", ""), (counts, "summary.clean" if clean else "summary.dirty")))


def _print_localised(console, summary: dict, lang: str) -> None:
    """Mistakes and failed checks counted apart: failures grouped by mistake, findings with a suspect."""
    from check_report.reporters.suspects import summary_lines

    for line in summary_lines(summary, lang):
        console.print(_line(("  ", ""), (line, "")))


def _line(*parts: Iterable):
    from rich.text import Text

    return Text.assemble(*[(text, style) if style else text for text, style in parts])


def _text(text: str, style: str):
    from rich.text import Text

    return Text(text, style=style)


# --- extract, rules, explain -------------------------------------------------------------------------

def render_plain(renderable, width: int = 160) -> str:
    buffer = io.StringIO()
    make_console(buffer, width=width, force_plain=True).print(renderable)
    return buffer.getvalue()


def facts_table(records: list[dict], columns: tuple[str, ...]):
    """The fact table as a rich table: the columns a user needs to see what was read, and where."""
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    shown = [c for c in columns if any(r.get(c) not in (None, "") for r in records)] or list(columns)
    for column in shown:
        table.add_column(column, justify="right" if column == "value" else "left", overflow="fold")
    for record in records:
        table.add_row(*[_text(_cell_text(record.get(column)), "") for column in shown])
    return table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def print_rules(ruleset, console, *, lang: str = "en") -> None:
    """Rules per pack: id, severity, one-line description."""
    from rich.table import Table

    packs: dict[str, list] = {}
    for rule in ruleset.rules:
        packs.setdefault(rule.pack or "", []).append(rule)
    for pack, rules in packs.items():
        table = Table(title=f"{t('rules_pack', lang, pack=pack)} · {t('rules_count', lang, count=len(rules))}",
                      title_justify="left", show_edge=False, pad_edge=False, show_header=False)
        table.add_column("id", style="rule.id", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("description", overflow="fold")
        for rule in rules:
            level = _level(rule.severity)
            table.add_row(_text(rule.id, "rule.id"), _text(severity_label(level, lang), f"severity.{level}"),
                          _text(_one_line(_pick(rule.description, lang)), ""))
        console.print(table)
        console.print()


def print_explanation(rule, console, *, lang: str = "en") -> None:
    """What a rule checks, why it matters, a failing and a passing example (sqlfluff's shape)."""
    level = _level(rule.severity)
    console.print(_line((rule.id, "rule.id"), ("  ", ""), (severity_label(level, lang), f"severity.{level}")))
    console.print(_line((_pick(rule.description, lang), "")))
    doc = dict(getattr(rule, "doc", None) or {})
    what = [(t("explain_expr", lang), getattr(rule, "expr", None)),
            (t("explain_when", lang), getattr(rule, "when", None)),
            (t("explain_check", lang), getattr(rule, "check", None))]
    console.print()
    console.print(_line((t("explain_what", lang), "sheet.header")))
    what_text = _pick(doc.get("what"), lang) or _kind_section(getattr(rule, "check", None), "what")
    for row in what_text.rstrip().splitlines():
        console.print(_line(("  ", ""), (row, "")))
    for label, value in what:
        if value:
            console.print(_line(("  ", ""), (f"{label}: ", "label"), (str(value), "")))
    for key, heading in (("why", "explain_why"), ("fail", "explain_fail"), ("pass", "explain_pass")):
        console.print()
        console.print(_line((t(heading, lang), "sheet.header")))
        body = (_pick(doc.get(key), lang) or _kind_section(getattr(rule, "check", None), key)
                or t("explain_none", lang))
        for row in body.rstrip().splitlines():
            console.print(_line(("  ", ""), (row, "")))
    if getattr(rule, "source", ""):
        console.print()
        console.print(_line((f"{t('explain_defined', lang)}: ", "label"), (f"{rule.source}:{rule.line}", "note")))


_KIND_HEADINGS = {"what": "What it checks", "why": "Why it matters", "fail": "Failing example",
                  "pass": "Passing example"}


def _kind_section(check_id: str | None, key: str) -> str:
    """A section of a code check kind's module docstring (the fixed shape checks.base documents)."""
    if not check_id:
        return ""
    from check_report import checks

    if check_id not in checks.REGISTRY:
        return ""
    doc = checks.load(check_id).__doc__ or ""
    sections: dict[str, list[str]] = {}
    current = None
    for raw in doc.splitlines():
        heading = raw.strip().rstrip(":")
        if heading in _KIND_HEADINGS.values():
            current = heading
            sections[current] = []
        elif current:
            sections[current].append(raw)
    import textwrap

    return textwrap.dedent("\n".join(sections.get(_KIND_HEADINGS[key], []))).strip("\n")


def _pick(texts, lang: str) -> str:
    if texts is None:
        return ""
    if isinstance(texts, dict):
        from check_report.reporters.records import pick_text

        return pick_text(texts, lang)
    return str(texts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _level(severity) -> str:
    from check_report.findings import Severity

    return Severity(severity).label if not isinstance(severity, str) else severity.lower()
