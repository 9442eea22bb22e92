"""The report a reviewer reads in the terminal (rich): findings grouped by file and sheet, then a summary.

Built only from the report record. Styles have semantic names in one Theme, so colours change in one
place; user text is always wrapped in `Text` (never parsed as markup: a label like "[1]" stays as is).
rich itself honours NO_COLOR and writes plain text when the output is not a terminal.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable

from check_report.i18n import severity_label, t, translate_note
from check_report.known import stale_text
from check_report.wording import comparison_line, figure_value_text, place_label, quote_around

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
_QUOTE_WIDTH = 72
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
    files = report["files"]
    for path, findings in _by_file(report):
        _print_file(console, path, findings, lang)
    if quiet:
        return
    failed = [f for f in files if f["status"] != "ok"]
    for record in failed:
        _emit(console, _line(("✗ ", "status.error")), _line((record["error"] or record["path"], "")))
    if len(files) > 1:
        console.print()
        console.print(file_table(files, lang))
    _print_notes(console, files, lang)
    _print_unchecked(console, files, lang)
    _print_stale(console, report, lang)
    _print_summary(console, report, lang)


def _emit(console, prefix, body) -> None:
    """One line of the report, wrapped with a hanging indent: continuation lines start under the body,
    never at column 0. Piped output (soft wrap) keeps a finding on one line for grep."""
    from rich.text import Text

    if console.soft_wrap:
        console.print(Text.assemble(prefix, body))
        return
    hang = prefix.cell_len
    lines = body.wrap(console, max(12, console.width - hang))
    for number, line in enumerate(lines):
        console.print(Text.assemble(prefix if number == 0 else " " * hang, line), soft_wrap=True)


def _by_file(report: dict) -> list[tuple[str, list[dict]]]:
    order = [f["path"] for f in report["files"]]
    groups: dict[str, list[dict]] = {path: [] for path in order}
    for finding in report["findings"]:
        groups.setdefault(finding["path"], []).append(finding)
    return [(path, items) for path, items in groups.items() if items]


def _print_file(console, path: str, findings: list[dict], lang: str) -> None:
    console.print(_line((path or t("report.no_file", lang), "file.header")))
    sheet = object()
    for finding in findings:
        first = finding["locations"][0] if finding["locations"] else {}
        if first.get("sheet") != sheet:
            sheet = first.get("sheet")
            if sheet:
                name = place_label({"sheet": sheet, "cell": "A1"}, lang).rsplit("!", 1)[0]
                _emit(console, _line(("  ", "")), _line((t("report.sheet", lang, name=name), "sheet.header")))
        for prefix, body in finding_lines(finding, lang, owner=path):
            _emit(console, prefix, body)
    console.print()


def finding_lines(finding: dict, lang: str, owner: str = "") -> list[tuple]:
    """(prefix, body) of each line of one finding: headline, the indicator, stated vs implied, then every
    figure with its place (prefixed by its file when it lies in another file than the one it is listed
    under). The prefix is what continuation lines hang under."""
    severity = finding["severity"]
    label = severity_label(severity, lang) + (f" ({t('report.known', lang)})" if finding.get("known") else "")
    lines = [(_line(("  ", ""), (f"{label:<8} ", f"severity.{severity}")),
              _line((finding["rule"], "rule.id"), ("  ", ""), (finding["message"], "")))]
    if finding["indicator"]:
        lines.append((_line(("    ", ""), (f"{t('report.indicator', lang)}: ", "label")),
                      _line((finding["indicator"], ""))))
    lines += _suspect_lines(finding, lang)
    compared = comparison_line(finding, lang)
    if compared:
        lines.append((_line(("    ", "")), _line((compared, "label"))))
    for figure in finding["figures"]:
        lines.append(_figure_line(figure, lang, owner))
    figure_places = {place_label(f["location"], lang, owner) for f in finding["figures"]}
    for location in finding["locations"][len(finding["figures"]):]:
        place = place_label(location, lang, owner)
        if place not in figure_places or not finding["figures"]:
            lines.append((_line(("    ", ""), (f"{place} " if place else "", "location")),
                          _line(*_quote(location.get("text") or ""))))
    return lines + _related_lines(finding, lang)


def _suspect_lines(finding: dict, lang: str) -> list[tuple]:
    """`likely wrong: H16 = 1.297.400, suggested 1.279.400 (swapped digits)` (check_report.localise)."""
    from check_report.reporters.suspects import suspects_line

    line = suspects_line(finding, lang)
    return [(_line(("    ", "")), _line((line, "suspect")))] if line else []


def _related_lines(finding: dict, lang: str) -> list[tuple]:
    """The other relations the same mistake breaks, one line each."""
    from check_report.reporters.suspects import related_lines

    return [(_line(("    ", "")), _line((line, "label"))) for line in related_lines(finding, lang)]


def _figure_line(figure: dict, lang: str, owner: str = "") -> tuple:
    location = figure["location"]
    place = place_label(location, lang, owner)
    quote = () if location.get("cell") else _quote(location.get("text") or "", figure.get("raw") or "")
    return (_line(("    ", ""), (f"{place:<10} " if place else "", "location")),
            _line((figure.get("label") or figure["role"], "label"), (" = ", "label"),
                  (figure_value_text(figure, lang), "figure.raw"), *quote))


def _quote(text: str, raw: str = "") -> tuple:
    text = quote_around(text, raw, _QUOTE_WIDTH)
    if not text:
        return ()
    return (("  ", ""), (f"“{text}”", "quote"))


def file_table(files: list[dict], lang: str):
    from rich.table import Table

    table = Table(title=t("report.files", lang), title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(t("report.col_file", lang))
    table.add_column(t("report.col_status", lang))
    keys = ["col_facts", "col_errors", "col_warnings", "col_infos"]
    known = any(record.get("known") for record in files)
    for key in keys + (["col_known"] if known else []):
        table.add_column(t(f"report.{key}", lang), justify="right")
    for record in files:
        status = record["status"]
        cells = [str(record["facts"]), str(record["errors"]), str(record["warnings"]), str(record["infos"])]
        table.add_row(_text(record["path"], ""), _text(t(f"report.status_{status}", lang), f"status.{status}"),
                      *cells, *([str(record.get("known", 0))] if known else []))
    return table


def _print_notes(console, files: list[dict], lang: str) -> None:
    empty = [f["path"] for f in files if f["status"] == "ok" and not f["facts"]]
    if not empty and not any(f["notes"] for f in files):
        return
    console.print()
    console.print(_line((t("report.notes", lang), "sheet.header")))
    for path in empty:   # read without error, yet nothing to check: say so, a clean summary would mislead
        _emit(console, _line(("  ! ", "severity.warning")), _line((t("report.no_facts", lang, path=path),
                                                                   "severity.warning")))
    for record in files:
        path, notes = record["path"], record["notes"]
        for note in notes[:_NOTES_SHOWN]:
            text = translate_note(note if note.startswith(path) else f"{path}: {note}", lang)
            _emit(console, _line(("  - ", "note")), _line((text, "note")))
        if len(notes) > _NOTES_SHOWN:
            more = t("report.more_notes", lang, path=path, count=len(notes) - _NOTES_SHOWN)
            _emit(console, _line(("  … ", "note")), _line((more, "note")))


def _print_unchecked(console, files: list[dict], lang: str) -> None:
    for record in files:
        coverage = record.get("coverage") or {}
        if "numbers" in coverage:
            text = t("report.coverage_line", lang, path=record["path"], numbers=coverage["numbers"],
                     read=coverage.get("read", 0), checked=coverage.get("checked", 0))
            if coverage.get("uncertain"):
                text += t("report.coverage_uncertain", lang, count=coverage["uncertain"])
            _emit(console, _line(("", "")), _line((text, "note")))
        items = record.get("unchecked") or []
        if items:
            console.print(_line((f"{t('report.unchecked', lang)} ({record['path']})", "sheet.header")))
            for item in items:
                # a pair left uncompared says with what and why: its words are no quote to cut around the figure
                # (told by the record, not guessed: the figure's digits may stand in the other mention's path)
                said = not item["quoted"]
                _emit(console, _line(("  ", ""), (item["where"], "location"), ("  ", "")),
                      _line((item["raw"], "figure.raw"), *((("  ", ""), (item["context"], "note")) if said
                                                           else _quote(item["context"], item["raw"]))))


def _print_stale(console, report: dict, lang: str) -> None:
    stale = report.get("baseline", {}).get("stale") or []
    if not stale:
        return
    console.print()
    console.print(_line((t("report.stale_heading", lang), "sheet.header")))
    for entry in stale:
        text = stale_text(entry, lang)
        _emit(console, _line(("  - ", "note")), _line((" ".join(text.split()), "note")))


def _print_summary(console, report: dict, lang: str) -> None:
    summary = report["summary"]
    console.print()
    console.print(_line((t("report.summary", lang), "sheet.header")))
    read = ", ".join([t("report.summary_files", lang, count=summary["files"]),
                      t("report.summary_facts", lang, count=summary["facts"]),
                      t("report.summary_rules", lang, count=summary["rules_evaluated"])])
    checks = t("report.summary_checks", lang, count=summary["checks_evaluated"]) + ": " + t(
        "report.summary_outcomes", lang, passed=summary["passed"], failed=summary["failed"],
        not_evaluated=summary["not_evaluated"])
    lines = [(read, ""), (checks, "")]
    if summary.get("subsumed"):
        lines.append((t("report.summary_subsumed", lang, count=summary["subsumed"]), ""))
    from check_report.reporters.suspects import summary_lines

    lines += [(line, "") for line in summary_lines(summary, lang)]
    clean = not (summary["errors"] or summary["warnings"] or summary["infos"] or summary.get("known"))
    counts = t("report.no_findings", lang) if clean else ", ".join([
        t("report.counts_errors", lang, count=summary["errors"]),
        t("report.counts_warnings", lang, count=summary["warnings"]),
        t("report.counts_infos", lang, count=summary["infos"])])
    lines.append((counts, "summary.clean" if clean else "summary.dirty"))
    if summary.get("known"):
        lines.append((t("report.counts_known", lang, count=summary["known"]), "note"))
    for text, style in lines:
        _emit(console, _line(("  ", "")), _line((text, style)))



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
        title = f"{t('rules.pack', lang, pack=pack)} · {t('rules.count', lang, count=len(rules))}"
        table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, show_header=False)
        table.add_column("id", style="rule.id", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("description", overflow="fold")
        for rule in rules:
            level = _level(rule.severity)
            table.add_row(_text(rule.id, "rule.id"), _text(severity_label(level, lang), f"severity.{level}"),
                          _text(_one_line(rule_text(rule, "description", lang)), ""))
        console.print(table)
        console.print()


def print_explanation(rule, console, *, lang: str = "en") -> None:
    """What a rule checks, why it matters, a failing and a passing example (sqlfluff's shape). The
    expression is shown as written in the rule: it is the rule's exact definition."""
    level = _level(rule.severity)
    console.print(_line((rule.id, "rule.id"), ("  ", ""), (severity_label(level, lang), f"severity.{level}")))
    console.print(_line((rule_text(rule, "description", lang), "")))
    what = [(t("explain.expr", lang), getattr(rule, "expr", None)),
            (t("explain.when", lang), getattr(rule, "when", None)),
            (t("explain.check", lang), getattr(rule, "check", None))]
    console.print()
    console.print(_line((t("explain.what", lang), "sheet.header")))
    for row in rule_text(rule, "what", lang).rstrip().splitlines():
        _emit(console, _line(("  ", "")), _line((row, "")))
    for label, value in what:
        if value:
            _emit(console, _line(("  ", ""), (f"{label}: ", "label")), _line((str(value), "")))
    for key in ("why", "fail", "pass"):
        console.print()
        console.print(_line((t(f"explain.{key}", lang), "sheet.header")))
        body = rule_text(rule, key, lang) or t("explain.none", lang)
        for row in body.rstrip().splitlines():
            _emit(console, _line(("  ", "")), _line((row, "")))
    if getattr(rule, "source", ""):
        console.print()
        console.print(_line((f"{t('explain.defined', lang)}: ", "label"), (f"{rule.source}:{rule.line}", "note")))


def rule_text(rule, field: str, lang: str) -> str:
    """A rule's description or documentation field in `lang`: the rule file's own text in that language,
    else the translation of a built-in rule (locale/rules.<lang>.yaml), else the rule file's text as
    written (a user's rule documented in one language is shown as its author wrote it)."""
    from check_report.i18n import rule_docs

    texts = getattr(rule, "description", None) if field == "description" else \
        (getattr(rule, "doc", None) or {}).get(field)
    if isinstance(texts, dict) and texts.get(lang):
        return str(texts[lang])
    translated = rule_docs(lang).get(rule.id, {}).get(field)
    if translated and lang != "en":
        return translated
    if field == "what" and not texts:
        return _kind_section(getattr(rule, "check", None), "what") if lang == "en" else (translated or "")
    return _pick(texts, lang) if texts else (_kind_section(getattr(rule, "check", None), field)
                                            if lang == "en" else "")


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
