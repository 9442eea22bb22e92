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

from check_report.readers.base import Cell, Grid

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def read_grids(path: str, parts: dict[str, str], scans: dict) -> list[Grid]:
    """Grids of the worksheets `parts` names ({sheet name: zip part}), each screened by its `scans` entry."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    with zipfile.ZipFile(path) as archive:
        formats = _style_formats(archive)
        grids = []
        for name in book.sheet_names:
            if name not in parts or parts[name] not in scans:
                continue  # a chart sheet or dialog sheet: no cells
            sheet = book.get_sheet_by_name(name)
            values = sheet.to_python(skip_empty_area=False)
            styles = scans[parts[name]].styles
            rows = [_row(r, row, styles, formats) for r, row in enumerate(values)]
            merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            grids.append(Grid(name=name, rows=rows, merged=merged))
    return grids


def iso_date(value) -> str:
    """A date as text: "2024-03-31" (a datetime at midnight is a date), "2024-03-31T08:30:00" otherwise."""
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
        return value.date().isoformat()
    return value.isoformat()


def _row(r: int, values: list, styles: dict[int, int], formats: list[str | None]) -> list[Cell]:
    cells: list[Cell] = []
    append, style_of, base, known = cells.append, styles.get, r << 14, len(formats)
    for c, value in enumerate(values):
        kind = type(value)
        if kind is str:
            if not value:
                append(_EMPTY)  # calamine's empty cell
                continue
        elif kind is float:
            if value.is_integer() and -_EXACT < value < _EXACT:
                value = int(value)
        elif value is None:
            append(_EMPTY)
            continue
        elif isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
            value = iso_date(value)
        elif isinstance(value, _dt.timedelta):
            value = str(value)
        style = style_of(base | c)
        append(Cell(value, (formats[style] if style is not None and style < known else None) or "General"))
    end = len(cells)
    while end and cells[end - 1].value is None:
        end -= 1
    return cells if end == len(cells) else cells[:end]


_EXACT = 2**53
_EMPTY = Cell(None)


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


def _style_formats(archive: zipfile.ZipFile) -> list[str | None]:
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
