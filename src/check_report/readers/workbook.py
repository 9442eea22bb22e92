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
import unicodedata
import zipfile

from check_report.readers.base import Cell, Grid, InputError, Source
from check_report.readers.limits import DEFAULT, Limits
from check_report.readers.safety import (
    DAMAGE,
    OLE2_MAGIC,
    ZIP_MAGIC,
    check_zip_container,
    file_head,
    one_line,
    read_bounded,
)
from check_report.readers.xlsx_fast import MAX_FORMAT_CHARS, iso_date

# The fast path (`readers.xlsx_fast`: calamine values + scanned formats) reads a 100k-row sheet in seconds
# and spares importing openpyxl (start-up time matters: `check-report q1.xlsx` must cost little more than
# importing pandas). openpyxl is the fallback when it fails: full mode, or above this much sheet XML
# read-only mode, which streams rows but hides merged ranges (the scan of the sheet XML gives them).
READ_ONLY_ABOVE_BYTES = 8 * 1024 * 1024
FAST_XLSX = True
CSV_ENCODINGS = ("utf-8-sig", "cp1258")
CSV_DELIMITERS = ",;\t|"


# ---------------------------------------------------------------------------------------------- xlsx


def read_xlsx(path: str, limits: Limits = DEFAULT) -> Source:
    check_zip_container(path, "xlsx", limits)
    names, scans = _scan(path, limits)
    large = sum(scan.size for scan in scans.values()) > READ_ONLY_ABOVE_BYTES
    grids = _read_fast(path, names, scans) if FAST_XLSX else None
    source = _source(path, "xlsx", grids) if grids is not None else \
        _read_openpyxl(path, read_only=large, scans=scans)
    for name, part in names.items():
        count = scans[part].uncalculated if part in scans else 0
        if count:
            source.notes.append(f"{path}: sheet {name!r}: {count} formula cell(s) have no saved result (never "
                                "calculated by a spreadsheet program); open and save the file in Excel or "
                                "LibreOffice so their figures can be checked")
    return source


def _scan(path: str, limits: Limits):
    """({sheet name: part}, {part: SheetScan}) for every worksheet part, the screen of their sizes."""
    from check_report.readers.xlsx_fast import sheet_parts
    from check_report.readers.xlsx_scan import scan_parts

    try:
        with zipfile.ZipFile(path) as archive:
            try:
                names = sheet_parts(archive)
            except Exception:  # noqa: BLE001 - a broken workbook.xml: the readers will say so; screen every part
                names = {}
            parts = sorted(set(names.values()) | {i.filename for i in archive.infolist()
                                                   if i.filename.startswith("xl/worksheets/")
                                                   and i.filename.endswith(".xml")})
            return names, scan_parts(path, archive, parts, limits, {p: n for n, p in names.items()},
                                     styles=_styles_matter(archive))
    except InputError:
        raise
    except DAMAGE as exc:
        raise InputError(f"{path}: damaged xlsx file ({one_line(exc)})") from None


def _styles_matter(archive: zipfile.ZipFile) -> bool:
    """Whether a cell's style may give it a display format other than General: else the scan need not
    collect the styled cells (a cell without a style reads as General all the same)."""
    from check_report.readers.xlsx_fast import style_formats

    try:
        return any(code not in (None, "General") for code in style_formats(archive))
    except Exception:  # noqa: BLE001 - a broken styles.xml: the readers will say so; collect as ever
        return True


def _read_fast(path: str, names, scans) -> list[Grid] | None:
    """Values from calamine, formats from the scan; None to fall back to openpyxl."""
    try:
        from check_report.readers.xlsx_fast import read_grids

        return read_grids(path, names, scans)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - any trouble in the fast path (a Rust panic is a BaseException):
        return None        # the careful path decides


def _read_openpyxl(path: str, read_only: bool, scans=None) -> Source:
    # a file object, so that openpyxl judges the content, not the extension (.xlsx saved as .xls)
    with open(path, "rb") as handle:
        book = _open_book(path, handle, read_only)
        try:
            grids = [_xlsx_grid(book, sheet, read_only, scans or {}) for sheet in book.worksheets]
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


def _xlsx_grid(book, sheet, read_only: bool, scans) -> Grid:
    rows: list[list[Cell]] = []
    if read_only:
        sheet.reset_dimensions()   # the declared <dimension> is not the evidence: the cells are
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
        scan = scans.get(getattr(sheet, "_worksheet_path", None))
        merged = list(scan.merged) if scan is not None else []
    else:
        merged = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                  for r in sheet.merged_cells.ranges]
    return Grid(name=sheet.title, rows=_trim(rows), merged=merged)


def _xlsx_cell(item) -> Cell:
    value = item.value
    if value is None:
        return Cell(None)
    fmt = getattr(item, "number_format", None)
    if isinstance(fmt, str) and len(fmt) > MAX_FORMAT_CHARS:
        fmt = None
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return Cell(iso_date(value), fmt)
    if isinstance(value, (bool, int, float, str)):
        return Cell(value, fmt)
    return Cell(str(value), fmt)


# ----------------------------------------------------------------------------------------------- xls


def read_xls(path: str, limits: Limits = DEFAULT) -> Source:
    head = file_head(path)
    if head.startswith(ZIP_MAGIC):
        return read_xlsx(path, limits)  # an .xlsx saved with the old extension: read what it really is
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
        grids = []
        for i in range(book.nsheets):
            sheet = book.sheet_by_index(i)
            _check_extent(path, sheet.name, sheet.nrows, sheet.ncols, limits)
            grids.append(_xls_grid(book, sheet))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - xlrd loads sheets on demand and raises many kinds for damage
        raise InputError(f"{path}: cannot read xls workbook: {_one_line(exc)}") from None
    finally:
        book.release_resources()
    return _source(path, "xls", grids)


def _check_extent(path: str, sheet: str, rows: int, columns: int, limits: Limits) -> None:
    limits.check_table(f"{path}: sheet {sheet!r}", rows, columns)


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
        code = book.format_map[book.xf_list[xf_index].format_key].format_str
    except (IndexError, KeyError):
        return None
    return code if code is None or len(code) <= MAX_FORMAT_CHARS else None


# ----------------------------------------------------------------------------------------------- ods


def read_ods(path: str, limits: Limits = DEFAULT) -> Source:
    check_zip_container(path, "ods", limits)
    from check_report.readers.ods_content import TooLarge, read_content

    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as part:
            grids = read_content(part, limits)
    except KeyError:
        raise InputError(f"{path}: not a valid ods file (no content.xml)") from None
    except TooLarge as exc:
        raise InputError(f"{path}: sheet {exc.sheet!r}: " + limits.refusal(exc.key, exc.what)) from None
    except Exception as exc:  # noqa: BLE001 - libraries raise many kinds for damaged files
        raise InputError(f"{path}: cannot read ods workbook: {_one_line(exc)}") from None
    return _source(path, "ods", grids)


# ----------------------------------------------------------------------------------------------- csv


def read_csv(path: str, limits: Limits = DEFAULT) -> Source:
    data = read_bounded(path, limits)
    if b"\x00" in data[:65536]:
        raise InputError(f"{path}: not a text CSV file (binary content)")
    text = unicodedata.normalize("NFC", _decode(data))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text[:65536]))
    rows, cells, width = [], 0, 0
    try:
        for record in reader:
            rows.append([Cell(v.strip()) if v.strip() else _EMPTY for v in record])
            cells, width = cells + len(record), max(width, len(record))
            if cells > limits.cells or width > limits.columns or len(rows) > limits.rows:
                _check_extent(path, _csv_sheet_name(path), len(rows), width, limits)
                raise InputError(f"{path}: " + limits.refusal("cells", f"more than {limits.cells:,} fields"))
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
    """The delimiter most lines agree on: the candidate whose commonest per-line count (outside double
    quotes) is shared by the most lines, then the one used most. Linear in the sample, unlike
    csv.Sniffer, whose quote guesser backtracks over the whole sample from every position (a 60 KB file
    of `a,"` took it seconds)."""
    from collections import Counter

    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in CSV_DELIMITERS:
        counts = [sum(part.count(delimiter) for part in ln.split('"')[::2]) for ln in lines]
        used = [c for c in counts if c]
        if not used:
            continue
        score = (Counter(used).most_common(1)[0][1], sum(used))
        if score > best_score:
            best, best_score = delimiter, score
    return best


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
    return one_line(exc, 200)


_EMPTY = Cell(None)
