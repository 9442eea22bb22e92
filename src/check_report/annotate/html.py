"""The annotated page for text and .docx inputs: the document as written, figures highlighted, findings
beside the lines they are on.

One self-contained HTML file: inline CSS, no script, no font or image from anywhere, so it opens the same
on an office machine without network and can be attached to a ticket. Text files are shown line by line
with the file's own line numbers (the numbers findings quote); .docx files paragraph by paragraph with the
reader's "paragraph N" names. A finding whose place is not a shown line (a table cell, a footnote the page
does not list) is listed under "Other findings" with its quoted text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from check_report.annotate import same_file
from check_report.annotate.common import explanation, suspect_locations
from check_report.findings import FileResult, Finding, Location, Severity
from check_report.i18n import place_name, t
from check_report.readers.base import InputError

QUOTE_MAX = 60
# A grid per row, not a table: the margin is as wide as its longest label (set per page, in ch of its
# monospace font), the text column takes the rest and may wrap anywhere, and below 760px the notes move
# under the text instead of squeezing it; nothing is positioned, so nothing can overlap.
STYLE = """
*{box-sizing:border-box}
body{font-family:"Segoe UI",Arial,"Noto Sans",sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:12px 20px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
h1{font-size:18px;margin:0 0 4px;overflow-wrap:anywhere}h2{font-size:16px;margin:20px}
.summary{font-size:14px}
.doc{padding:4px 0}
.row{display:grid;grid-template-columns:var(--gutter) minmax(0,1fr) minmax(0,38%);column-gap:8px;
  padding:2px 8px;font-size:14px;line-height:1.5}
.ln{text-align:right;color:#8c959f;font-family:monospace;white-space:nowrap;overflow:hidden;user-select:none}
.text{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
.notes{min-width:0;overflow-wrap:anywhere}
.row.hit .text{background:#fffbe6}
@media (max-width:760px){.row{grid-template-columns:var(--gutter) minmax(0,1fr)}.notes{grid-column:2}}
mark{padding:0 2px;border-radius:3px;font-weight:600}
mark.error{background:#ffc7ce}mark.warning{background:#ffeb9c}mark.info{background:#ddebf7}
mark.suspect{outline:2px solid #9c0006;color:#9c0006}
.note{border-left:4px solid;padding:4px 8px;margin:2px 0 6px;white-space:pre-wrap;font-size:13px}
.note.error{border-color:#cf222e;background:#fff0f1}.note.warning{border-color:#bf8700;background:#fff8e1}
.note.info{border-color:#0969da;background:#eef6ff}
.note .n{font-weight:700;margin-right:4px}
ul.other{margin:0 20px 20px;padding:0;list-style:none}
"""


@dataclass
class Row:
    label: str                   # what the reviewer sees in the margin: a line number or "paragraph 12"
    text: str
    line: int | None = None
    where: str | None = None
    marks: list[tuple[int, int, Severity, int]] = field(default_factory=list)   # start, end, severity, no.
    notes: list[int] = field(default_factory=list)                               # finding numbers
    suspects: set[tuple[int, int]] = field(default_factory=set)   # spans of likely wrong figures


def _t(key: str, lang: str, **values) -> str:
    return t(f"annotate.{key}", lang, **values)


def annotated_page(result: FileResult, source_path: str, lang: str) -> str:
    rows = document_rows(source_path)
    findings = reading_order(list(result.findings), rows, result.path, source_path)
    unplaced = _place_findings(findings, rows, result.path, source_path)
    for row in rows:
        row.label = place_name(row.where, lang) if row.where else row.label
    return _page(result, source_path, rows, findings, unplaced, lang)


def reading_order(findings: list[Finding], rows: list[Row], result_path: str, source_path: str) -> list[Finding]:
    """Findings in the order a reader meets them: by the first row (and place in it) one of their figures
    is marked on; findings placed on no row come last, in their own order. Numbers follow this order."""
    probe = [Row(row.label, row.text, line=row.line, where=row.where) for row in rows]
    _place_findings(findings, probe, result_path, source_path)
    first: dict[int, tuple[int, int]] = {}
    for index, row in enumerate(probe):
        for start, _end, _severity, number in row.marks:
            first[number] = min(first.get(number, (index, start)), (index, start))
        for number in row.notes:
            first.setdefault(number, (index, len(row.text)))
    ranked = sorted(range(1, len(findings) + 1), key=lambda n: (n not in first, first.get(n, (0, 0)), n))
    return [findings[n - 1] for n in ranked]


# --- the document as rows -------------------------------------------------------------------------

def document_rows(source_path: str) -> list[Row]:
    if Path(source_path).suffix.lower() == ".docx":
        return _docx_rows(source_path)
    from check_report.readers.encodings import decode_bytes

    try:
        text, _notes = decode_bytes(Path(source_path).read_bytes())
    except OSError as exc:
        raise InputError(f"{source_path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeError as exc:
        raise InputError(f"{source_path}: {exc}") from None
    # the same line numbering as the text reader (str.splitlines), so findings' lines land right
    return [Row(str(n), line, line=n) for n, line in enumerate(text.splitlines(), 1)]


def _docx_rows(source_path: str) -> list[Row]:
    """Paragraphs as the .docx reader names them; python-docx's paragraph order when no reader is there."""
    from check_report import readers

    try:
        document = readers.read(source_path).document
    except ModuleNotFoundError:
        document = None
    if document is not None:
        return [Row(b.where or str(b.line or ""), b.text, line=b.line, where=b.where) for b in document.blocks]
    try:
        import docx
        paragraphs = docx.Document(source_path).paragraphs
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise InputError(f"{source_path}: cannot open: {' '.join(str(exc).split())}") from None
    return [Row(f"paragraph {i}", p.text, where=f"paragraph {i}") for i, p in enumerate(paragraphs, 1)]


# --- placing findings on rows ---------------------------------------------------------------------

def _place_findings(findings: list[Finding], rows: list[Row], result_path: str, source_path: str) -> list[int]:
    """Mark each finding's figures on their rows; returns the numbers of findings placed nowhere."""
    by_line = {row.line: row for row in rows if row.line is not None}
    by_where = {row.where: row for row in rows if row.where}
    unplaced = []
    for number, finding in enumerate(findings, 1):
        placed = False
        for location, raw in _places(finding):
            if not same_file(location.path, result_path, source_path):
                continue
            row = by_line.get(location.line) if location.line is not None else by_where.get(location.where)
            if row is None:
                continue
            placed = True
            span = _mark(row, raw or "", Severity(finding.severity), number)
            if span is not None and location in suspect_locations(finding):
                row.suspects.add(span)
            if number not in row.notes:
                row.notes.append(number)
        if not placed:
            unplaced.append(number)
    return unplaced


def _places(finding: Finding) -> list[tuple[Location, str]]:
    # a place that is not a figure (a citation, a date) is highlighted by its quoted text when that is short
    extra = [(loc, loc.text if 0 < len(loc.text) <= QUOTE_MAX else "") for loc in finding.extra_locations]
    return [(f.location, f.raw) for f in finding.figures] + extra


def _mark(row: Row, raw: str, severity: Severity, number: int) -> tuple[int, int] | None:
    """Highlight the first whole-number occurrence of the figure not yet marked: `9,1` in `tăng 9,1%`,
    not inside `109,1%`; a line may state a figure twice. Returns the span marked."""
    if not raw:
        return None
    whole = re.compile(r"(?<![\d.,])" + re.escape(raw) + r"(?![\d]|[.,]\d)")
    spans = [m.span() for m in whole.finditer(row.text)] or _plain_spans(row.text, raw)
    for start, end in spans:
        clash = [m for m in row.marks if m[0] < end and start < m[1]]
        if not clash:
            row.marks.append((start, end, severity, number))
            return start, end
        if clash[0][:2] == (start, end) and len(clash) == 1:  # one figure, two findings: the louder colour
            row.marks.remove(clash[0])
            row.marks.append((start, end, max(severity, clash[0][2]), clash[0][3]))
            return start, end
    return None


def _plain_spans(text: str, raw: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(raw)
    while start >= 0:
        spans.append((start, start + len(raw)))
        start = text.find(raw, start + 1)
    return spans


# --- HTML -----------------------------------------------------------------------------------------

def _page(result: FileResult, source_path: str, rows: list[Row], findings: list[Finding],
          unplaced: list[int], lang: str) -> str:
    name = Path(source_path).name
    counts = {k: sum(1 for f in findings if Severity(f.severity) == s)
              for k, s in (("errors", Severity.ERROR), ("warnings", Severity.WARNING), ("infos", Severity.INFO))}
    first_row = {n: i for i, row in reversed(list(enumerate(rows))) for n in row.notes}
    parts = [
        "<!DOCTYPE html>", f'<html lang="{"vi" if lang == "vi" else "en"}">', "<head>", '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        f"<title>{_esc(_t('title', lang, name=name))}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        f"<header><h1>{_esc(_t('title', lang, name=name))}</h1>",
        f'<div class="summary">{_esc(_summary(counts, lang) if findings else _t("clean", lang))}</div>',
        "</header>", f'<div class="doc" style="--gutter:{_gutter(rows)}ch">',
    ]
    for index, row in enumerate(rows):
        parts.append(_row_html(row, index, findings, first_row, lang))
    parts.append("</div>")
    if unplaced:
        parts.append(f"<h2>{_esc(_t('other', lang))}</h2>")
        parts.append('<ul class="other">')
        for number in unplaced:
            parts.append(f"<li>{_note(findings[number - 1], number, lang, anchor=True, quote=True)}</li>")
        parts.append("</ul>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _row_html(row: Row, index: int, findings: list[Finding], first_row: dict[int, int], lang: str) -> str:
    notes = []
    for number in row.notes:
        if first_row.get(number) == index:
            notes.append(_note(findings[number - 1], number, lang, anchor=True))
        else:
            notes.append(f'<div class="note {_sev(findings[number - 1])}"><span class="n">{number}</span>'
                         f'{_esc(_t("see", lang))} <a href="#f{number}">#{number}</a></div>')
    css = "row hit" if row.notes else "row"
    return (f'<div class="{css}" id="r{index + 1}"><div class="ln">{_esc(row.label)}</div>'
            f'<div class="text">{_highlighted(row)}</div><div class="notes">{"".join(notes)}</div></div>')


def _gutter(rows: list[Row]) -> int:
    """The margin's width in ch: its longest label, plus room; a monospace font makes ch exact."""
    return max([len(row.label) for row in rows] + [3]) + 1


def _summary(counts: dict[str, int], lang: str) -> str:
    return ", ".join([t("report.counts_errors", lang, count=counts["errors"]),
                      t("report.counts_warnings", lang, count=counts["warnings"]),
                      t("report.counts_infos", lang, count=counts["infos"])])


def _highlighted(row: Row) -> str:
    out, cursor = [], 0
    for start, end, severity, number in sorted(row.marks):
        out.append(_esc(row.text[cursor:start]))
        css = Severity(severity).label + (" suspect" if (start, end) in row.suspects else "")
        out.append(f'<mark class="{css}" title="#{number}">{_esc(row.text[start:end])}</mark>'
                   f'<sup><a href="#f{number}">{number}</a></sup>')
        cursor = end
    out.append(_esc(row.text[cursor:]))
    return "".join(out)


def _note(finding: Finding, number: int, lang: str, *, anchor: bool, quote: bool = False) -> str:
    ident = f' id="f{number}"' if anchor else ""
    body = explanation(finding, lang)
    if quote:
        from check_report.reporters.records import location_record

        places = [location_record(loc, lang)["label"] + (f": {loc.text}" if loc.text else "")
                  for loc in finding.locations]
        body = "\n".join([body] + places)
    return (f'<div class="note {_sev(finding)}"{ident}><span class="n">{number}</span>'
            f'{_esc(body)}</div>')


def _sev(finding: Finding) -> str:
    return Severity(finding.severity).label


def _esc(text: str) -> str:
    return html.escape(text, quote=True)
