""".md / .txt reader: one Block per paragraph, and every figure keeps its exact file line.

A paragraph is a line, plus the lines right below it when the text is hard-wrapped (a line that does not
start a bullet, heading, footnote or numbered item continues the one above); `Block.line_starts` maps each
part of the text back to its own line.

Markdown markup is stripped from `Block.text` but recorded: `**bold**` / `*italic*` spans go to
`Block.emphasis`, footnote marks `<sup>n</sup>` and `[^n]` go to `Block.markers` (offset just after the
anchor). A line that starts with a footnote mark (`<sup>3</sup> text` or `[^3]: text`) is the body of
footnote 3. Bullets (`-`, `+`, `•`) are content here, not markup: the `-` / `+` levels carry the report's
own breakdowns ("Trong đó:" followed by `+` items), so they stay in the text. Pipe tables become grids
for the table reader and are not repeated as blocks.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from check_report.document import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, Block, Document
from check_report.readers.base import Cell, Grid, InputError, Source
from check_report.readers.encodings import decode_bytes
from check_report.readers.limits import DEFAULT, Limits
from check_report.readers.safety import read_bounded

# a footnote body: "<sup>3</sup> text", "<sup>3</sup>text", "[^3]: text"
FOOTNOTE_BODY = re.compile(r"^\s*(?:<sup>\s*(\d+)\s*</sup>|\[\^(\d+)\]:)\s*")
# a footnote mark inside text: "<sup>3</sup>", "[^3]"
FOOTNOTE_MARK = re.compile(r"<sup>\s*(\d+)\s*</sup>|\[\^(\d+)\]")
# any other inline HTML tag (<br>, <u>, </sub> ...): dropped
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
BULLET = re.compile(r"^\s*[-+•–]\s+")
# one pass over the inline markup, alternatives in priority order:
#   groups 1,2  a footnote mark <sup>n</sup> or [^n]
#   groups 3,4  emphasis ***x***, **x**, __x__, *x*, _x_ (underscores only at word edges: snake_case stays)
#   group 5     a backslash escape \* \_ \- ... (the character is kept)
INLINE = re.compile(
    r"<sup>\s*(\d+)\s*</sup>|\[\^(\d+)\]"
    r"|(\*\*\*|\*\*|__|\*|(?<!\w)_)(?=\S)(.+?)(?<=\S)\3(?!\w)"
    r"|\\([\\`*_{}\[\]()#+\-.!|<>])"
)
PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_text(path: str, limits: Limits = DEFAULT) -> Source:
    data = read_bounded(path, limits)
    try:
        text, notes = decode_bytes(data)
    except UnicodeError as exc:
        raise InputError(f"{path}: {exc}") from None
    kind = "md" if Path(path).suffix.lower() in (".md", ".markdown") else "txt"
    document, tables = parse_with_tables(text, path=path, kind=kind)
    document.notes.extend(notes)
    for i, (rows, _lines) in enumerate(tables, 1):
        limits.check_table(f"{path}: table {i}", len(rows), max(len(r) for r in rows))
    grids = [_grid(i, rows, lines) for i, (rows, lines) in enumerate(tables, 1)]
    return Source(path=path, kind=kind, grids=grids, document=document, notes=list(notes))


def parse_text(text: str, *, path: str = "<text>", kind: str = "md") -> Document:
    """A Document from the text of a .md/.txt file (also used by tests and other readers)."""
    return parse_with_tables(text, path=path, kind=kind)[0]


def parse_with_tables(text: str, *, path: str = "<text>", kind: str = "md"):
    """(Document, [(table rows, line of each row)]): pipe tables with the lines their rows stand on."""
    document = Document(path=path, kind=kind)
    tables: list[tuple[list[list[str]], list[int]]] = []
    table_rows: list[list[str]] = []
    row_lines: list[int] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if PIPE_ROW.match(raw):
            if not PIPE_SEPARATOR.match(raw):
                table_rows.append([c.strip() for c in raw.strip().strip("|").split("|")])
                row_lines.append(number)
            continue
        if table_rows:
            tables.append((table_rows, row_lines))
            table_rows, row_lines = [], []
        block = parse_line(raw, number)
        if block is None:
            continue
        previous = document.blocks[-1] if document.blocks else None
        if previous is not None and _continues(previous, block, raw):
            document.blocks[-1] = _join(previous, block)
        else:
            document.blocks.append(block)
    if table_rows:
        tables.append((table_rows, row_lines))
    document.tables = [rows for rows, _ in tables]
    return document, tables


# a line that starts a block of its own: a bullet, a heading, a footnote, list numbering, a "Trong đó:" line
NEW_BLOCK = re.compile(r"^\s*(?:[-+•–*]\s|#|<sup>|\[\^|\d+[.)]\s|[IVXL]+\.\s|\|)|^\s*\*?\s*trong\s+đó\s*:?\s*\*?\s*$",
                       re.IGNORECASE)


def _continues(previous: Block, block: Block, raw: str) -> bool:
    """A hard-wrapped paragraph: the line right after the previous one, not starting a block of its own.
    A line that opens with a capital after a finished sentence or a short line (a heading such as
    "1. Khánh Hòa", a title) starts a paragraph of its own: web pages write one paragraph a line."""
    last_line = previous.line_starts[-1][1] if previous.line_starts else previous.line
    if not (last_line == block.line - 1 and previous.kind in (PARAGRAPH, LIST_ITEM, FOOTNOTE)
            and block.kind == PARAGRAPH and not NEW_BLOCK.match(raw)):
        return False
    last_part = previous.text[previous.line_starts[-1][0]:] if previous.line_starts else previous.text
    opens = block.text[:1]
    finished = last_part.rstrip().endswith((".", "!", "?", ":", ";", "…")) or len(last_part) < SHORT_LINE
    return not (finished and (opens.isupper() or opens in "\"“"))


SHORT_LINE = 60   # a line this short that ends a paragraph is a heading or a title, not a wrapped line


def _join(previous: Block, block: Block) -> Block:
    shift = len(previous.text) + 1
    starts = previous.line_starts or ((0, previous.line),)
    return replace(previous, text=previous.text + " " + block.text,
                   markers=previous.markers + tuple((o + shift, n) for o, n in block.markers),
                   emphasis=previous.emphasis + tuple((a + shift, b + shift, st) for a, b, st in block.emphasis),
                   line_starts=starts + ((shift, block.line),))


def parse_line(raw: str, number: int) -> Block | None:
    """One physical line -> a Block (None for a blank line or one holding only markup)."""
    line = raw.replace("\t", " ").rstrip()
    kind, footnote = PARAGRAPH, None
    body = FOOTNOTE_BODY.match(line)
    if body:
        footnote = int(body.group(1) or body.group(2))
        kind, line = FOOTNOTE, line[body.end():]
    elif HEADING_MARK.match(line):
        kind, line = HEADING, HEADING_MARK.sub("", line)
    elif BULLET.match(line):
        kind = LIST_ITEM
    text, markers, emphasis = strip_markup(line.strip())
    if not text.strip(" *_#>"):
        return None
    if kind == PARAGRAPH and emphasis and emphasis[0][:2] == (0, len(text)) and len(text) < 200:
        kind = HEADING  # a whole line in bold is a heading in these reports
    return Block(text=text, kind=kind, line=number, footnote=footnote, markers=markers, emphasis=emphasis)


def strip_markup(line: str) -> tuple[str, tuple, tuple]:
    """Remove emphasis, footnote marks and tags; return (text, markers, emphasis) with offsets in text."""
    markers: list[tuple[int, int]] = []
    emphasis: list[tuple[int, int, str]] = []
    line = HTML_TAG.sub(lambda m: m.group(0) if m.group(0).lower().startswith(("<sup", "</sup")) else "", line)
    out: list[str] = []
    pos = 0
    for match in INLINE.finditer(line):
        out.append(line[pos:match.start()])
        offset = len("".join(out))
        if match.group(1) or match.group(2):
            markers.append((offset, int(match.group(1) or match.group(2))))
        elif match.group(3):
            inner, inner_markers, inner_emphasis = strip_markup(match.group(4))
            style = "bold" if len(match.group(3)) >= 2 else "italic"
            emphasis.append((offset, offset + len(inner), style))
            markers.extend((offset + o, n) for o, n in inner_markers)
            emphasis.extend((offset + s, offset + e, st) for s, e, st in inner_emphasis)
            out.append(inner)
        else:
            out.append(match.group(5))
        pos = match.end()
    out.append(line[pos:])
    return "".join(out), tuple(markers), tuple(sorted(emphasis))


def _grid(index: int, rows: list[list[str]], lines: list[int]) -> Grid:
    width = max(len(r) for r in rows)
    cells = [[Cell(value=v if v != "" else None) for v in r] + [Cell(None)] * (width - len(r)) for r in rows]
    return Grid(name=f"table {index}", rows=cells, origin="document-table", line=lines[0], row_lines=list(lines))
