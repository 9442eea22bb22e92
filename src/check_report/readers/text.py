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
from bisect import bisect_left
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
# one pass over the inline markup, alternatives in priority order at each position:
#   a footnote mark <sup>n</sup> or [^n]
#   emphasis ***x***, **x**, __x__, *x*, _x_ (underscores only at word edges: snake_case stays): the
#     delimiter, then at least one character, the first non-space character before the same delimiter
#     followed by no word character (as the regex `(D)(?=\S)(.+?)(?<=\S)\1(?!\w)` would match it)
#   a backslash escape \* \_ \- ... (the character is kept)
# The closing delimiters are found once per line and looked up by binary search: the regex retried every
# opening `*` against the rest of the line, quadratic on a line of `*x ` (90 KB took over a minute).
FOOTNOTE_AT = re.compile(r"<sup>\s*+(\d+)\s*+</sup>|\[\^(\d+)\]")
ESCAPED = frozenset("\\`*_{}[]()#+-.!|<>")
DELIMITERS = ("***", "**", "__", "*", "_")
_CANDIDATE = re.compile(r"[<\[*_\\]")
MAX_EMPHASIS_NESTING = 4       # emphasis inside emphasis deeper than this stays as written
PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
PIPE_SEPARATOR = re.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*+$")


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
    paragraph: _Paragraph | None = None      # the block being built, hard-wrapped lines joined once
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
        if paragraph is not None and paragraph.continued_by(block, raw):
            paragraph.add(block)
            continue
        if paragraph is not None:
            document.blocks.extend(split_long(paragraph.block()))
        paragraph = _Paragraph(block)
    if paragraph is not None:
        document.blocks.extend(split_long(paragraph.block()))
    if table_rows:
        tables.append((table_rows, row_lines))
    document.tables = [rows for rows, _ in tables]
    return document, tables


# a line that starts a block of its own: a bullet, a heading, a footnote, list numbering, a "Trong đó:" line
# (possessive quantifiers: a line of spaces is not tried once per way of splitting it between two \s*)
NEW_BLOCK = re.compile(r"^\s*+(?:[-+•–*]\s|#|<sup>|\[\^|\d++[.)]\s|[IVXL]++\.\s|\|)"
                       r"|^\s*+(?:\*\s*+)?trong\s++đó\s*+:?\s*+(?:\*\s*+)?$", re.IGNORECASE)


class _Paragraph:
    """A block and the hard-wrapped lines that continue it, joined once when it is complete (joining line
    by line copies the text so far for every line: 20,000 wrapped lines took 52 s)."""

    def __init__(self, block: Block):
        self.first = block
        self.parts = [block.text]
        self.length = len(block.text)
        self.markers = list(block.markers)
        self.emphasis = list(block.emphasis)
        self.starts = [(0, block.line)]
        self.last_line = block.line

    def continued_by(self, block: Block, raw: str) -> bool:
        """A hard-wrapped paragraph: the line right after the last one, not starting a block of its own.
        A line that opens with a capital after a finished sentence or a short line (a heading such as
        "1. Khánh Hòa", a title) starts a paragraph of its own: web pages write one paragraph a line."""
        if not (self.last_line == block.line - 1 and self.first.kind in (PARAGRAPH, LIST_ITEM, FOOTNOTE)
                and block.kind == PARAGRAPH and not NEW_BLOCK.match(raw)):
            return False
        last_part = self.parts[-1]
        opens = block.text[:1]
        finished = last_part.rstrip().endswith((".", "!", "?", ":", ";", "…")) or len(last_part) < SHORT_LINE
        return not (finished and (opens.isupper() or opens in "\"“"))

    def add(self, block: Block) -> None:
        shift = self.length + 1
        self.parts.append(block.text)
        self.length = shift + len(block.text)
        self.markers.extend((o + shift, n) for o, n in block.markers)
        self.emphasis.extend((a + shift, b + shift, st) for a, b, st in block.emphasis)
        self.starts.append((shift, block.line))
        self.last_line = block.line

    def block(self) -> Block:
        if len(self.parts) == 1:
            return self.first
        return replace(self.first, text=" ".join(self.parts), markers=tuple(self.markers),
                       emphasis=tuple(self.emphasis), line_starts=tuple(self.starts))


SHORT_LINE = 60   # a line this short that ends a paragraph is a heading or a title, not a wrapped line


# The longest paragraph of the real reports is under 2,000 characters. One far longer (20,000 hard-wrapped
# lines of one paragraph, 78 KB of document codes run together) is read in pieces of at most this many
# characters, cut after a sentence (else a clause, else a word): the prose readers weigh each figure
# against the others of its block, so a block's size must stay bounded for their cost to stay linear in
# the document's.
MAX_BLOCK_CHARS = 6_000
_PIECE_END = (re.compile(r"[.!?;:]\s"), re.compile(r"[,)]\s"), re.compile(r"\s"))


def split_long(block: Block, limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """The block, or its pieces of at most `limit` characters, each keeping its own lines and marks."""
    if len(block.text) <= limit:
        return [block]
    pieces, start, text = [], 0, block.text
    while start < len(text):
        end = len(text) if len(text) - start <= limit else _piece_end(text, start, start + limit)
        pieces.append(_piece(block, start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    return [piece for piece in pieces if piece.text]


def _piece_end(text: str, start: int, stop: int) -> int:
    """Where a piece of text[start:stop] ends: after the last sentence end in its second half, else ..."""
    for pattern in _PIECE_END:
        last = None
        for last in pattern.finditer(text, start + (stop - start) // 2, stop):
            pass
        if last is not None:
            return last.start() + 1
    return stop


def _piece(block: Block, start: int, end: int) -> Block:
    first = block.line_at(start) if block.line is not None else block.line
    inside = block.line_starts[bisect_left(block.line_starts, (start + 1,)):bisect_left(block.line_starts, (end,))]
    lines = [(0, first)] + [(at - start, line) for at, line in inside]
    return replace(block, text=block.text[start:end], line=first,
                   markers=tuple((o - start, n) for o, n in block.markers if start <= o <= end),
                   emphasis=tuple((max(a, start) - start, min(b, end) - start, st) for a, b, st in block.emphasis
                                  if a < end and b > start),
                   line_starts=tuple(lines) if len(lines) > 1 else ())


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


def strip_markup(line: str, depth: int = 0) -> tuple[str, tuple, tuple]:
    """Remove emphasis, footnote marks and tags; return (text, markers, emphasis) with offsets in text."""
    markers: list[tuple[int, int]] = []
    emphasis: list[tuple[int, int, str]] = []
    if "<" in line:
        line = HTML_TAG.sub(lambda m: m.group(0) if m.group(0).lower().startswith(("<sup", "</sup")) else "", line)
    if not _CANDIDATE.search(line):
        return line, (), ()
    closers = _Closers(line)
    out: list[str] = []
    offset = pos = 0
    for candidate in _CANDIDATE.finditer(line):
        at = candidate.start()
        if at < pos:
            continue
        found = _inline_at(line, at, closers)
        if found is None:
            continue
        end, kind, value = found
        out.append(line[pos:at])
        offset += at - pos
        if kind == "mark":
            markers.append((offset, value))
        elif kind == "escape":
            out.append(value)
            offset += 1
        else:
            inner, style = value
            if depth < MAX_EMPHASIS_NESTING:
                inner, inner_markers, inner_emphasis = strip_markup(inner, depth + 1)
                markers.extend((offset + o, n) for o, n in inner_markers)
                emphasis.extend((offset + a, offset + b, st) for a, b, st in inner_emphasis)
            emphasis.append((offset, offset + len(inner), style))
            out.append(inner)
            offset += len(inner)
        pos = end
    out.append(line[pos:])
    return "".join(out), tuple(markers), tuple(sorted(emphasis))


class _Closers(dict):
    """Per delimiter (found when first asked for), the sorted positions where it may close emphasis:
    after a non-space character and before no word character."""

    def __init__(self, line: str):
        super().__init__()
        self.line = line

    def __missing__(self, delimiter: str) -> list[int]:
        line, size = self.line, len(delimiter)
        found = self[delimiter] = [
            q for q in (m.start() for m in _OCCURRENCES[delimiter].finditer(line))
            if q > 0 and not line[q - 1].isspace() and not _is_word(line, q + size)]
        return found


_OCCURRENCES = {d: re.compile(f"(?={re.escape(d)})") for d in DELIMITERS}


def _inline_at(line: str, at: int, closers: _Closers):
    """(end, kind, value) of the markup starting at `at`, or None: kind "mark" (value: the footnote
    number), "escape" (value: the character) or "emphasis" (value: (inner text, style))."""
    char = line[at]
    if char in "<[":
        mark = FOOTNOTE_AT.match(line, at)
        return (mark.end(), "mark", int(mark.group(1) or mark.group(2))) if mark else None
    if char == "\\":
        following = line[at + 1:at + 2]
        return (at + 2, "escape", following) if following and following in ESCAPED else None
    for delimiter in DELIMITERS:
        size = len(delimiter)
        if not line.startswith(delimiter, at) or (delimiter == "_" and _is_word(line, at - 1)):
            continue
        if at + size >= len(line) or line[at + size].isspace():
            continue
        positions = closers[delimiter]
        k = bisect_left(positions, at + size + 1)
        if k < len(positions):
            close = positions[k]
            return close + size, "emphasis", (line[at + size:close], "bold" if size >= 2 else "italic")
    return None


def _is_word(line: str, index: int) -> bool:
    """Whether line[index] exists and is a word character (as the regex \\w: letter, digit or '_')."""
    if index < 0 or index >= len(line):
        return False
    char = line[index]
    return char.isalnum() or char == "_"


def _grid(index: int, rows: list[list[str]], lines: list[int]) -> Grid:
    width = max(len(r) for r in rows)
    cells = [[Cell(value=v if v != "" else None) for v in r] + [Cell(None)] * (width - len(r)) for r in rows]
    return Grid(name=f"table {index}", rows=cells, origin="document-table", line=lines[0], row_lines=list(lines))
