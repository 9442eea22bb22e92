"""Large .xlsx workbooks, fast: values from python-calamine (Rust), display formats from a streamed scan.

openpyxl needs about a minute for a 100k-row sheet; calamine reads the values in seconds but knows no
display formats, and formats carry the precision (and tell an Excel percent 0.2189 from a plain 0.2189).
So the cells' style ids come from the screen's pass over the sheet XML (`readers.xlsx_scan`: chunks,
bounded memory, Python work only for cells that have a style attribute) and are resolved through
styles.xml. The container has already been screened by `readers.safety` (no DOCTYPE anywhere, sizes
within the limits: calamine builds a dense grid of the cells' bounding box, which the scan bounded), and
XML parts are parsed with defusedxml all the same.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import zipfile
from operator import itemgetter

from check_report.readers.base import Cell, ColumnarRows, Grid
from check_report.readers.styles import StyleMap

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def read_grids(path: str, parts: dict[str, str], scans: dict) -> list[Grid]:
    """Grids of the worksheets `parts` names ({sheet name: zip part}), each screened by its `scans` entry."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    with zipfile.ZipFile(path) as archive:
        formats = style_formats(archive)
        grids = []
        for name in book.sheet_names:
            if name not in parts or parts[name] not in scans:
                continue  # a chart sheet or dialog sheet: no cells
            sheet = book.get_sheet_by_name(name)
            values = sheet.to_python(skip_empty_area=False)
            rows = SheetRows(values, scans[parts[name]].styles, formats)
            merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            grids.append(Grid(name=name, rows=rows, merged=merged))
    return grids


def iso_date(value) -> str:
    """A date as text: "2024-03-31" (a datetime at midnight is a date), "2024-03-31T08:30:00" otherwise."""
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
        return value.date().isoformat()
    return value.isoformat()


class SheetRows(ColumnarRows):
    """A sheet's rows as calamine gives them (a list of values per row), made into `Cell`s on access: a
    whole number as an int, a date as ISO text, "" as empty, the format of the cell's style ("General"
    when it has none). A few recent rows are kept made: the layout reads its header rows again and again."""

    KEEP = 256

    def __init__(self, values: list[list], styles: StyleMap, formats: list[str | None]):
        self._data, self.styles, self.formats = values, styles, formats
        self._made: dict[int, list[Cell]] = {}
        width = len(values[0]) if values else 0
        self._square = all(len(row) == width for row in values)   # calamine's range: every row as wide
        self._columns: list[list] | None = None
        self._kinds: dict[int, frozenset] = {}

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._data)))]
        if index < 0:
            index += len(self._data)
        made = self._made.get(index)
        if made is None:
            made = _row(index, self._data[index], self.styles, self.formats)
            if len(self._made) >= self.KEEP:
                del self._made[next(iter(self._made))]
            self._made[index] = made
        return made

    def value(self, row: int, col: int):
        if row < 0 or col < 0:
            return super().value(row, col)
        if row >= len(self._data):
            return None
        values = self._data[row]
        return _plain(values[col]) if col < len(values) else None

    def values(self, col: int, start: int, stop: int) -> list:
        if start < 0 or col < 0:
            return super().values(col, start, stop)
        kinds = self._as_read(col)
        if kinds is not None and float not in kinds:     # labels, codes: what _plain keeps, "" as None
            return [value or None for value in self._raw(col, start, stop)]
        return list(map(_plain, self._raw(col, start, stop)))

    def _raw(self, col: int, start: int, stop: int) -> list:
        if self._square and self._data and col < len(self._data[0]):
            if self._columns is None:
                # the extractor reads a sheet by columns, each several times (the text style, the figures
                # block by block, labels and codes): the rows turned into columns once cost less. A column
                # at a time: zip(*rows) makes an iterator per row, and a 100k-row sheet's made the cyclic
                # garbage collector walk every cell held
                self._columns = [list(map(itemgetter(c), self._data)) for c in range(len(self._data[0]))]
            return self._columns[col][start:stop]        # a list of its own
        return [row[col] if col < len(row) else None for row in self._data[start:stop]]

    def _as_read(self, col: int) -> frozenset | None:
        """The kinds of values the whole column holds when they are all as `column` hands them on (the
        text style, then every block of figures, asks it of each part): None when it may hold others."""
        if not (self._square and self._data and 0 <= col < len(self._data[0])):
            return None
        kinds = self._kinds.get(col)
        if kinds is None:
            self._raw(col, 0, 0)
            kinds = self._kinds[col] = frozenset(map(type, self._columns[col]))
        return kinds if kinds <= _AS_READ else None

    def texts(self, col: int, start: int, stop: int) -> list[str]:
        kinds = self._as_read(col)
        if kinds is not None and str not in kinds:
            return []
        values = self._raw(col, start, stop)
        if kinds is not None or _AS_READ.issuperset(map(type, values)):       # as `column` hands them on
            return [value for value in values if type(value) is str]
        return super().texts(col, start, stop)

    def column(self, col: int, start: int, stop: int) -> tuple[list, list[tuple[int, int, str | None]]]:
        values = self._raw(col, start, stop)
        if self._as_read(col) is None and not _AS_READ.issuperset(map(type, values)):   # dates: as cells hold them
            values = [value if type(value) in _AS_READ else _plain(value) for value in values]
        if 0.0 in values:          # a cell holds a whole number as an int: -0.0 is 0
            values = [0 if type(value) is float and value == 0.0 else value for value in values]
        known = len(self.formats)
        runs = [(first, end, (self.formats[style] if 0 <= style < known else None) or "General")
                for first, end, style in self.styles.runs(col, start, start + len(values))]
        return values, runs


def _plain(value):
    """A calamine value as a `Cell` holds it."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        return int(value) if value.is_integer() and -_EXACT < value < _EXACT else value
    if value is None:
        return None
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return iso_date(value)
    if isinstance(value, _dt.timedelta):
        return str(value)
    return value


def _row(r: int, values: list, styles: StyleMap, formats: list[str | None]) -> list[Cell]:
    cells: list[Cell] = []
    append, known = cells.append, len(formats)
    style_of = styles.of_row(r)
    for c, value in enumerate(values):
        value = _plain(value)
        if value is None:
            append(_EMPTY)
            continue
        style = style_of(c)
        append(Cell(value, (formats[style] if 0 <= style < known else None) or "General"))
    end = len(cells)
    while end and cells[end - 1].value is None:
        end -= 1
    return cells if end == len(cells) else cells[:end]


_EXACT = 2**53
_EMPTY = Cell(None)
_AS_READ = frozenset({float, str, type(None)})   # what `Grid.column` may hand on as calamine gives it


def _parse(archive: zipfile.ZipFile, name: str):
    from defusedxml.ElementTree import fromstring

    return fromstring(archive.read(name))


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name -> its part in the zip, through workbook.xml and its relationships."""
    book = _parse(archive, "xl/workbook.xml")
    rels = _parse(archive, "xl/_rels/workbook.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{_NS_PKG}Relationship")
               if rel.get("Type", "").endswith("/worksheet")}
    parts = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"))
        if target:
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            parts[sheet.get("name")] = part
    return parts


# The number formats every spreadsheet knows by id (ECMA-376 part 1, 18.8.30), so openpyxl need not be
# imported for them.
BUILTIN_FORMATS: dict[int, str] = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)', 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)", 41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)', 45: "mm:ss", 46: "[h]:mm:ss",
    47: "mmss.0", 48: "##0.0E+0", 49: "@",
}


# Excel allows 255 characters in a number format; a longer one is not a format a person wrote, and the
# format readers downstream need not be linear on it
MAX_FORMAT_CHARS = 255


def style_formats(archive: zipfile.ZipFile) -> list[str | None]:
    """Style id (cellXfs index) -> number format code."""
    try:
        styles = _parse(archive, "xl/styles.xml")
    except KeyError:
        return []
    custom = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.iter(f"{_NS_MAIN}numFmt")}
    cell_xfs = styles.find(f"{_NS_MAIN}cellXfs")
    if cell_xfs is None:
        return []
    formats = []
    for xf in cell_xfs.findall(f"{_NS_MAIN}xf"):
        fmt_id = int(xf.get("numFmtId") or 0)
        code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id)
        formats.append(code if code is None or len(code) <= MAX_FORMAT_CHARS else None)
    return formats
