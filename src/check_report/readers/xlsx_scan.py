"""One streamed pass over each sheet's XML before any library parses it: the size of the sheet as its
cells say (and as its <dimension> declares), its merged area, and what the fast reader needs from the
XML anyway (each styled cell's style id, formulas saved without a result).

Why before: a reader that builds a dense grid allocates rows x columns of the cells' bounding box, so one
value in A1 and one in XFD1048576 make calamine ask for 17 billion cells (512 GiB, an abort that kills
the process) and openpyxl iterate them for hours. The cells' own positions are the evidence, judged from
the XML in C-speed regex scans; Python touches each row (to read its number) and each styled cell, never
each plain cell. Only when a cheap bound cannot clear the sheet (a cell placed beyond every row number,
cells without an `r` attribute, a column beyond what the limits allow) is the sheet walked cell by cell
to get exact numbers for the refusal, or to clear it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from check_report.readers.base import InputError, a1
from check_report.readers.limits import Limits
from check_report.readers.styles import StyleCollector, StyleMap

CHUNK = 4 << 20
FORMULA_NOTES_UP_TO = 8 << 20      # sheet XML above this is not searched for uncalculated formulas
_P = rb"(?:\w+:)?"                 # an optional namespace prefix (x:row, x:c)
# a cell tag with a style: r before s (Excel, openpyxl, LibreOffice) or s before r
_STYLED_CELL = re.compile(rb"<" + _P + rb'c\s(?:[^>]*?\s)?r="([A-Z]{1,3})(\d{1,9})"[^>]*?\ss="(\d{1,9})"'
                          rb"|<" + _P + rb'c\s(?:[^>]*?\s)?s="(\d{1,9})"[^>]*?\sr="([A-Z]{1,3})(\d{1,9})"')
_STYLED_PLAIN = re.compile(rb'<c r="([A-Z]{1,3}\d{1,9}" s="\d{1,9})"')     # one group: a bytes a cell
_ROW_STYLED = re.compile(rb'<row [^>]*? s="')
_ROW_PLAIN = re.compile(rb'<row r="(\d{1,12})"')
_PREFIXED = re.compile(rb":(?:row|c)[ >/]")      # a form `_count` counts with a namespace prefix
_ROW_NUMBER = re.compile(rb"<" + _P + rb'row\s[^>]*?\br="(\d{1,12})"')
_DIMENSION = re.compile(rb"<" + _P + rb'dimension\s[^>]*?\bref="([A-Z]{0,8})(\d{0,12})(?::([A-Z]{1,8})(\d{1,12}))?"')
_MERGE = re.compile(rb"<" + _P + rb'mergeCell\s[^>]*?\bref="([A-Z]{1,8})(\d{1,12})(?::([A-Z]{1,8})(\d{1,12}))?"')
_UNCALCULATED = re.compile(rb"(?:</" + _P + rb"f>|<" + _P + rb"f\s[^>]*/>)\s*+(?:<" + _P + rb"v\s*/>|<" + _P +
                           rb"v>\s*+</" + _P + rb"v>)?\s*+</" + _P + rb"c>")
# the exact walk: every row and cell tag in order, with its attributes
_TAG = re.compile(rb"<" + _P + rb"(row|c)(?=[\s/>])([^>]*)>")
_LONGER = {1: re.compile(rb' r="[A-Z]{2}'), 2: re.compile(rb' r="[A-Z]{3}')}
_R_ATTR = re.compile(rb'\br="([A-Z]{0,8})(\d{0,12})"')


@dataclass
class SheetScan:
    part: str
    size: int = 0                                   # bytes of XML
    rows: int = 0                                   # the last row holding a cell tag (1-based)
    columns: int = 0                                # the last column in use, or a bound on it
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)   # 0-based, inclusive
    merged_cells: int = 0
    styles: StyleMap = field(default_factory=StyleMap)     # each cell's style id, as runs down columns
    uncalculated: int = 0                           # formula cells saved without a result


def scan_parts(path: str, archive: zipfile.ZipFile, parts: list[str], limits: Limits,
               names: dict[str, str] | None = None, styles: bool = True) -> dict[str, SheetScan]:
    """Scan every sheet part; raise InputError naming the file and sheet when one is beyond the limits.
    `styles`: collect the styled cells' style ids (not when no style gives a format but General)."""
    names = names or {}
    sized = {i.filename: i.file_size for i in archive.infolist()}
    notes = sum(sized.get(p, 0) for p in parts) <= FORMULA_NOTES_UP_TO
    scans = {}
    for part in parts:
        if part not in sized:
            continue
        where = f"{path}: sheet {names[part]!r}" if part in names else f"{path}: part {part!r}"
        scans[part] = _scan(archive, part, limits, where, notes, styles)
        scans[part].size = sized[part]
    return scans


def _scan(archive: zipfile.ZipFile, part: str, limits: Limits, where: str, notes: bool,
          styles: bool = True) -> SheetScan:
    scan = SheetScan(part)
    state = _Bounds()
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            data = tail + chunk
            cut = _cut(data) if chunk else len(data)
            state.chunk(data, cut, scan, notes, styles)
            if state.merged_cells > limits.merged_cells:
                raise InputError(f"{where}: " + limits.refusal(
                    "merged_cells", f"merged ranges cover {state.merged_cells:,} cells"))
            _check_dimension(state, limits, where)
            tail = data[cut:]
            if not chunk:
                break
    scan.merged, scan.merged_cells = state.merged, state.merged_cells
    scan.styles = state.styles.done()
    scan.rows, scan.columns = state.settle(archive, part, limits)
    _check_size(scan.rows, scan.columns, limits, where, "holds a cell at")
    return scan


def _cut(data: bytes) -> int:
    """Where a chunk may end: after its last complete cell (a formula note spans a cell's tags), else its
    last complete tag."""
    end = data.rfind(b"</c>")
    if end >= 0:
        return end + 4
    return data.rfind(b">") + 1


class _Bounds:
    """Cheap evidence on a sheet's extent, gathered chunk by chunk."""

    def __init__(self):
        self.row_max = 0
        self.rows_bare = 0             # row tags without r: each continues from the one before
        self.cells = 0                 # cell tags
        self.cell_refs = 0             # cell tags' r attributes
        self.misplaced = False         # a cell placed below every row seen so far
        self.letters = 1               # the longest column name seen (A: 1, AA: 2, AAA: 3)
        self.dimension: tuple[int, int] | None = None
        self.first = True
        self.merged: list[tuple[int, int, int, int]] = []
        self.merged_cells = 0
        self.styles = StyleCollector()

    def chunk(self, data: bytes, cut: int, scan: SheetScan, notes: bool, styles: bool = True) -> None:
        # Counting is done with bytes.count where a literal says it (C speed, no match objects): the tags
        # Excel, LibreOffice and openpyxl write. A sheet written otherwise (namespace prefixes, attributes
        # on new lines) makes the counts disagree, and settle() walks it exactly instead.
        # Most chunks hold no prefixed tag (one search says so) and only the tags Excel writes, `<row r="`
        # and `<c `: then the counts of their stems (`<row`, `<c`) say it, in fewer passes over the chunk
        prefixed = _PREFIXED.search(data, 0, cut) is not None
        numbers = _ROW_PLAIN.findall(data, 0, cut)
        stem = -1 if prefixed else data.count(b"<row", 0, cut)
        # every `<row r="` is a `<row ` and a `<row`: as many `<row` as those leave no `<row>`
        tags = stem if stem == len(numbers) else _count(data, cut, b":row", (b"<row ", b"<row>"), (b":row ", b":row>"))
        if len(numbers) != tags:
            numbers = _ROW_NUMBER.findall(data, 0, cut)
        if numbers:
            self.row_max = max(self.row_max, max(map(int, numbers)))
        self.rows_bare += max(0, tags - len(numbers))
        # prefixed tags (<x:c>) counted too: a count too high only sends the sheet to the exact walk.
        # Excel, LibreOffice and openpyxl write every cell `<c r="` (r first): when each `<c` is one, they
        # are the cells and each has its r, which spares counting the other forms and the r attributes
        stem = -1 if prefixed else data.count(b"<c", 0, cut)
        if stem >= 0 and stem == data.count(b'<c r="', 0, cut):
            self.cells += stem
            self.cell_refs += stem
        else:
            spaced = data.count(b"<c ", 0, cut)
            self.cells += spaced if stem == spaced else \
                _count(data, cut, b":c", (b"<c ", b"<c>", b"<c/>"), (b":c ", b":c>", b":c/>"))
            self.cell_refs += data.count(b' r="', 0, cut) - len(numbers)     # the rows' r counted there too
        if not self.misplaced or self.letters < 3:
            self._places(data, cut)
        if styles:
            _styles(data, cut, self.styles)
        if notes:
            scan.uncalculated += len(_UNCALCULATED.findall(data, 0, cut))
        if self.first:
            self.first = False
            dimension = _DIMENSION.search(data, 0, cut)      # it stands before the cells (ECMA-376 order)
            if dimension:
                letters, digits = dimension.group(3) or dimension.group(1), dimension.group(4) or dimension.group(2)
                self.dimension = (int(digits or 0), column_number(letters) if letters else 0)
        if data.find(b"mergeCell", 0, cut) < 0:
            return
        for m in _MERGE.finditer(data, 0, cut):
            r1, c1 = int(m.group(2)), column_number(m.group(1))
            r2, c2 = (int(m.group(4)), column_number(m.group(3))) if m.group(3) else (r1, c1)
            r1, r2, c1, c2 = min(r1, r2), max(r1, r2), min(c1, c2), max(c1, c2)
            if r1 >= 1 and c1 >= 1:
                self.merged.append((r1 - 1, c1 - 1, r2 - 1, c2 - 1))
                self.merged_cells += (r2 - r1 + 1) * (c2 - c1 + 1)

    def _places(self, data: bytes, cut: int) -> None:
        """Whether a cell is placed below every row so far (`misplaced`), the longest column name. Most
        chunks have neither, and one search for both says so (a place of as many letters as the longest so
        far, then one more letter or a row beyond); else each is searched for on its own."""
        beyond = b"(?:%s)\"" % _greater(str(self.row_max + self.rows_bare), _DIGITS)
        if not self.misplaced and self.letters < 3 and \
                not re.compile(b' r="[A-Z]{1,%d}+(?:[A-Z]|%s)' % (self.letters, beyond)).search(data, 0, cut):
            return
        if not self.misplaced:     # the letters before a row number are never part of it: possessive
            self.misplaced = re.compile(b' r="[A-Z]{1,8}+' + beyond).search(data, 0, cut) is not None
        while self.letters < 3 and _LONGER[self.letters].search(data, 0, cut):
            self.letters += 1

    def settle(self, archive: zipfile.ZipFile, part: str, limits: Limits) -> tuple[int, int]:
        """(rows, columns): the sheet's extent, or a bound on its columns that keeps it within the limits.
        From the cheap evidence when it suffices, else by one more search, else by walking every tag."""
        if not self.cells and not self.cell_refs:
            return 0, 0
        rows = self.row_max + self.rows_bare
        if self.misplaced or self.cells != self.cell_refs or rows > limits.rows:
            return _walk(archive, part, limits)
        bound = min((26, 702, 18_278)[self.letters - 1], limits.columns)
        if rows * bound <= limits.cells and self.letters < 3:
            return rows, bound
        allowed = min(limits.columns, limits.cells // max(rows, 1))
        if allowed < 1:
            return _walk(archive, part, limits)
        beyond = re.compile(rb' r="(?:' + _greater(column_letters(allowed), _LETTERS) + rb')\d')
        return _walk(archive, part, limits) if _found(archive, part, beyond) else (rows, allowed)


def _count(data: bytes, cut: int, prefixed: bytes, plain: tuple, forms: tuple) -> int:
    """The occurrences of the `plain` and prefixed `forms` of a tag in data[:cut]; the prefixed ones only
    when `prefixed` (what they all contain) occurs at all: most sheets have no prefix, and each count is a
    pass over the chunk."""
    found = sum(data.count(tag, 0, cut) for tag in plain)
    if data.find(prefixed, 0, cut) >= 0:
        found += sum(data.count(tag, 0, cut) for tag in forms)
    return found


def _styles(data: bytes, cut: int, styles: StyleCollector) -> None:
    """Every styled cell's style id: the form Excel, LibreOffice and openpyxl write (`<c r="B2" s="3"`) by a
    literal-led pattern; any other form (s before r, a prefix, more attributes between) by the general one,
    when the styles found fall short of the ` s="` attributes of cells."""
    attributes = data.count(b' s="', 0, cut)
    if not attributes:
        return                     # no style attribute at all: neither pattern can match (an unstyled sheet)
    found = _STYLED_PLAIN.findall(data, 0, cut)
    if len(found) != attributes:   # (as many: then no row has a style, nor any cell another form)
        attributes -= len(_ROW_STYLED.findall(data, 0, cut))
    if len(found) == attributes:
        styles.add_written(found)
        return
    styles.add([(m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6), m.group(4))
                for m in _STYLED_CELL.finditer(data, 0, cut)])


def _check_dimension(state: _Bounds, limits: Limits, where: str) -> None:
    if state.dimension is not None:
        rows, columns = state.dimension
        _check_size(rows, columns, limits, where, "declares its size (<dimension>) as")


def _check_size(rows: int, columns: int, limits: Limits, where: str, what: str) -> None:
    place = a1(max(rows, 1) - 1, max(columns, 1) - 1)
    if rows > limits.rows:
        raise InputError(f"{where}: " + limits.refusal("rows", f"it {what} {place}, row {rows:,}"))
    if columns > limits.columns:
        raise InputError(f"{where}: " + limits.refusal("columns", f"it {what} {place}, column {columns:,}"))
    if rows * columns > limits.cells:
        raise InputError(f"{where}: " + limits.refusal(
            "cells", f"it {what} {place}: {rows:,} rows x {columns:,} columns = {rows * columns:,} cells"))


def _found(archive: zipfile.ZipFile, part: str, pattern: re.Pattern) -> bool:
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            cut = data.rfind(b">") + 1
            if pattern.search(data, 0, cut):
                return True
            tail = data[cut:]
    return bool(pattern.search(tail))


def _walk(archive: zipfile.ZipFile, part: str, limits: Limits) -> tuple[int, int]:
    """Exact (rows, columns) in use, placing every row and cell tag as a reader would (a tag without r
    follows the one before it); stops as soon as the sheet is past the limits (the caller refuses it)."""
    rows = columns = row = column = 0
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            data = tail + chunk
            cut = data.rfind(b">") + 1 if chunk else len(data)
            for m in _TAG.finditer(data, 0, cut):
                ref = _R_ATTR.search(m.group(2))
                if m.group(1) == b"row":
                    row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                    column = 0
                    continue
                if ref and ref.group(1):
                    column = column_number(ref.group(1))
                    row = int(ref.group(2)) if ref.group(2) else row
                else:
                    column += 1
                if row > rows or column > columns:
                    rows, columns = max(rows, row), max(columns, column)
                    if rows > limits.rows or columns > limits.columns or rows * columns > limits.cells:
                        return rows, columns
            tail = data[cut:]
            if not chunk:
                return rows, columns


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"


def _greater(text: str, alphabet: str) -> bytes:
    """A regex alternation matching the strings over `alphabet` (a positional system without leading
    zeros, or column letters) that stand for a larger number than `text`: longer ones, or as long and
    greater at the first differing place. The places as a trie ("5(?:[8-9]..|7(?:...))"): a string is
    tried against each place once, not against every prefix of `text` (the scan tries every cell's row)."""
    size, low, high = len(text), alphabet[0], alphabet[-1]
    tail = None              # the greater strings of text[i:]'s length from place i on; None: there are none
    for i in reversed(range(size)):
        above = alphabet[alphabet.index(text[i]) + 1:]
        rest = f"[{low}-{high}]{{{size - i - 1}}}" if size - i - 1 else ""
        options = [f"[{above[0]}-{above[-1]}]{rest}"] if above else []
        if tail is not None:
            options.append(f"{re.escape(text[i])}{tail}")
        tail = None if not options else options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"
    longer = f"[{low}-{high}]{{{size + 1},}}"
    return (longer if tail is None else f"{longer}|{tail}").encode()


def column_number(letters: bytes | str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    number = 0
    for char in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"
