"""Spreadsheet readers: .xlsx/.xlsm (openpyxl), .xls (xlrd), .ods (content.xml), .csv (text).

Each returns a `Source` whose `Grid`s hold every cell as the user sees it: numbers as numbers with their
display format (precision lives there: `#,##0` states whole units, `0.00%` two decimals of a percent), text
as typed, merged ranges, row 0 = the sheet's first row so A1 addresses match Excel's. Interpretation (where
the table is, what a column means) is left to `extract.table`.

Containers are screened by `readers.safety` before any library parses them.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import unicodedata
import zipfile

from check_report.readers.base import Cell, Grid, InputError, Source
from check_report.readers.safety import (
    OLE2_MAGIC,
    ZIP_MAGIC,
    check_zip_container,
    file_head,
)
from check_report.readers.xlsx_fast import iso_date

# The fast path (`readers.xlsx_fast`: calamine values + scanned formats) reads a 100k-row sheet in seconds
# and spares importing openpyxl (start-up time matters: `check-report q1.xlsx` must cost little more than
# importing pandas). openpyxl is the fallback when it fails: full mode, or above this much sheet XML
# read-only mode, which streams rows but hides merged ranges (`_merged_from_xml` reads them).
READ_ONLY_ABOVE_BYTES = 8 * 1024 * 1024
FAST_XLSX = True
_MERGE_REF = re.compile(rb'<mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_UNCALCULATED = re.compile(rb"(?:</(?:\w+:)?f>|<(?:\w+:)?f\s[^>]*/>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?"
                          rb"\s*</(?:\w+:)?c>")
CSV_ENCODINGS = ("utf-8-sig", "cp1258")
CSV_DELIMITERS = ",;\t|"


# ---------------------------------------------------------------------------------------------- xlsx


def read_xlsx(path: str) -> Source:
    check_zip_container(path, "xlsx")
    large = _sheet_xml_bytes(path) > READ_ONLY_ABOVE_BYTES
    grids = _read_fast(path) if FAST_XLSX else None
    source = _source(path, "xlsx", grids) if grids is not None else _read_openpyxl(path, read_only=large)
    if not large:
        source.notes.extend(_formula_notes(path))
    return source


def _read_fast(path: str) -> list[Grid] | None:
    """Values from calamine, formats from a streamed scan; None to fall back to openpyxl."""
    try:
        from check_report.readers.xlsx_fast import read_grids

        return read_grids(path)
    except Exception:  # noqa: BLE001 - any trouble in the fast path: the careful path decides
        return None


def _read_openpyxl(path: str, read_only: bool) -> Source:
    # a file object, so that openpyxl judges the content, not the extension (.xlsx saved as .xls)
    with open(path, "rb") as handle:
        book = _open_book(path, handle, read_only)
        try:
            grids = [_xlsx_grid(book, sheet, read_only) for sheet in book.worksheets]
        except Exception as exc:  # noqa: BLE001 - libraries raise many kinds for damaged files
            raise InputError(f"{path}: cannot read workbook: {_one_line(exc)}") from None
        finally:
            book.close()
    return _source(path, "xlsx", grids)


def _open_book(path: str, handle, read_only: bool):
    import openpyxl

    try:
        return openpyxl.load_workbook(handle, read_only=read_only, data_only=True)
    except Exception as exc:  # noqa: BLE001 - libraries raise many kinds for damaged files
        raise InputError(f"{path}: cannot read workbook: {_one_line(exc)}") from None


def _formula_notes(path: str) -> list[str]:
    """Formulas saved without their result (a file written by a script, never opened in a spreadsheet
    program) read as empty cells: say so, or the user wonders why those figures were never checked."""
    from check_report.readers.xlsx_fast import sheet_parts

    notes = []
    try:
        with zipfile.ZipFile(path) as archive:
            for name, part in sheet_parts(archive).items():
                count = len(_UNCALCULATED.findall(archive.read(part)))
                if count:
                    notes.append(f"{path}: sheet {name!r}: {count} formula cell(s) have no saved result (never "
                                 "calculated by a spreadsheet program); open and save the file in Excel or "
                                 "LibreOffice so their figures can be checked")
    except (KeyError, zipfile.BadZipFile, ValueError):
        return []
    return notes


def _sheet_xml_bytes(path: str) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/"))


def _xlsx_grid(book, sheet, read_only: bool) -> Grid:
    rows: list[list[Cell]] = []
    for row in sheet.iter_rows():
        if read_only:
            # read-only rows skip leading empty cells; place each cell at its own column
            cells: list[Cell] = []
            for item in row:
                column = getattr(item, "column", None)
                if column is None:
                    continue
                while len(cells) < column - 1:
                    cells.append(Cell(None))
                cells.append(_xlsx_cell(item))
            row_index = getattr(row[0], "row", None) if row else None
            while row_index is not None and len(rows) < row_index - 1:
                rows.append([])
            rows.append(cells)
        else:
            rows.append([_xlsx_cell(item) for item in row])
    if read_only:
        merged = _merged_from_xml(book, sheet)
    else:
        merged = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                  for r in sheet.merged_cells.ranges]
    return Grid(name=sheet.title, rows=_trim(rows), merged=merged)


def _xlsx_cell(item) -> Cell:
    value = item.value
    if value is None:
        return Cell(None)
    fmt = getattr(item, "number_format", None)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return Cell(iso_date(value), fmt)
    if isinstance(value, (bool, int, float, str)):
        return Cell(value, fmt)
    return Cell(str(value), fmt)


def _merged_from_xml(book, sheet) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a read-only sheet, scanned from its XML in chunks (bounded memory)."""
    from openpyxl.utils.cell import column_index_from_string as col_index

    merged, tail = [], b""
    with book._archive.open(sheet._worksheet_path) as part:
        while chunk := part.read(1 << 20):
            data = tail + chunk
            last = 0
            for m in _MERGE_REF.finditer(data):
                c1, r1 = col_index(m.group(1).decode()), int(m.group(2))
                c2 = col_index(m.group(3).decode()) if m.group(3) else c1
                r2 = int(m.group(4)) if m.group(4) else r1
                merged.append((r1 - 1, c1 - 1, r2 - 1, c2 - 1))
                last = m.end()
            tail = data[max(last, len(data) - 256):]
    return merged


# ----------------------------------------------------------------------------------------------- xls


def read_xls(path: str) -> Source:
    head = file_head(path)
    if head.startswith(ZIP_MAGIC):
        return read_xlsx(path)  # an .xlsx saved with the old extension: read what it really is
    if not head.startswith(OLE2_MAGIC):
        raise InputError(f"{path}: not a valid xls file (no Excel 97-2003 signature)")
    try:
        import xlrd
    except ImportError:
        raise InputError(f"{path}: reading .xls needs xlrd (pip install xlrd)") from None
    try:
        book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    except Exception as exc:  # noqa: BLE001 - libraries raise many kinds for damaged files
        text = _one_line(exc)
        if "encrypt" in text.lower():
            raise InputError(f"{path}: workbook is encrypted (password-protected); save an unprotected "
                             "copy and retry") from None
        raise InputError(f"{path}: cannot read xls workbook: {text}") from None
    try:
        grids = [_xls_grid(book, book.sheet_by_index(i)) for i in range(book.nsheets)]
    finally:
        book.release_resources()
    return _source(path, "xls", grids)


def _xls_grid(book, sheet) -> Grid:
    import xlrd

    rows = []
    for r in range(sheet.nrows):
        cells = []
        for c in range(sheet.row_len(r)):
            kind, value = sheet.cell_type(r, c), sheet.cell_value(r, c)
            fmt = _xls_format(book, sheet.cell_xf_index(r, c))
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                cells.append(Cell(None))
            elif kind == xlrd.XL_CELL_DATE:
                stamp = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                cells.append(Cell(iso_date(stamp), fmt))
            elif kind == xlrd.XL_CELL_BOOLEAN:
                cells.append(Cell(bool(value), fmt))
            else:
                cells.append(Cell(value if value != "" else None, fmt))
        rows.append(cells)
    merged = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells]
    return Grid(name=sheet.name, rows=_trim(rows), merged=merged)


def _xls_format(book, xf_index: int) -> str | None:
    try:
        return book.format_map[book.xf_list[xf_index].format_key].format_str
    except (IndexError, KeyError):
        return None


# ----------------------------------------------------------------------------------------------- ods


def read_ods(path: str) -> Source:
    check_zip_container(path, "ods")
    from check_report.readers.ods_content import read_content

    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as part:
            grids = read_content(part)
    except KeyError:
        raise InputError(f"{path}: not a valid ods file (no content.xml)") from None
    except Exception as exc:  # noqa: BLE001 - libraries raise many kinds for damaged files
        raise InputError(f"{path}: cannot read ods workbook: {_one_line(exc)}") from None
    return _source(path, "ods", grids)


# ----------------------------------------------------------------------------------------------- csv


def read_csv(path: str) -> Source:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None
    if b"\x00" in data[:65536]:
        raise InputError(f"{path}: not a text CSV file (binary content)")
    text = unicodedata.normalize("NFC", _decode(data))
    dialect_delimiter = _sniff_delimiter(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect_delimiter)
    try:
        rows = [[Cell(v.strip() or None) for v in record] for record in reader]
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: malformed CSV ({exc})") from None
    return _source(path, "csv", [Grid(name=_csv_sheet_name(path), rows=_trim(rows))])


def _decode(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # unreachable for cp1258 in practice; never fail on bytes


def _sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
        counts = {d: sum(ln.count(d) for ln in lines) for d in CSV_DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _csv_sheet_name(path: str) -> str:
    from pathlib import Path

    return Path(path).stem


# -------------------------------------------------------------------------------------------- common


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Drop trailing empty cells of each row and trailing empty rows (formatting leaves many)."""
    out = []
    for row in rows:
        end = len(row)
        while end and row[end - 1].value is None:
            end -= 1
        out.append(row[:end])
    while out and not out[-1]:
        out.pop()
    return out


def _source(path: str, kind: str, grids: list[Grid]) -> Source:
    if not any(grid.rows for grid in grids):
        raise InputError(f"{path}: empty workbook (no sheet has any data)")
    source = Source(path=path, kind=kind)
    for grid in grids:
        if grid.rows:
            source.grids.append(grid)
        else:
            source.notes.append(f"{path}: sheet {grid.name!r} skipped: empty")
    return source


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
