"""OpenDocument spreadsheet content.xml -> Grids, streamed.

ODS keeps, beside each number, the text the user sees (`<text:p>21,89%</text:p>`). The decimals shown are
read from that text and handed on as an equivalent Excel format code ("0.00%"), so precision works the
same way as for .xlsx. Repeated empty rows and cells (Calc pads sheets to a million rows) are counted,
never materialised, unless real content follows them. What is materialised is bounded by the limits
(rows, columns, cells of a sheet): a 2 KB file may ask for 100,000 x 100,000 copies of a non-empty cell,
and is refused when the count passes the limit, before the copies are made.
"""

from __future__ import annotations

from check_report.readers.base import Cell, Grid
from check_report.readers.limits import DEFAULT, Limits

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_T = f"{{{TABLE}}}"
_O = f"{{{OFFICE}}}"
_P = f"{{{TEXT}}}p"
MAX_DECIMALS = 10


class TooLarge(Exception):
    """A sheet past a limit: `key` names the limit, `what` says what was found."""

    def __init__(self, sheet: str, key: str, what: str):
        super().__init__(what)
        self.sheet, self.key, self.what = sheet, key, what


def read_content(stream, limits: Limits = DEFAULT) -> list[Grid]:
    """Parse content.xml (already screened for DOCTYPE by readers.safety) into one Grid per table."""
    from defusedxml.ElementTree import iterparse

    grids: list[Grid] = []
    state = None
    for event, elem in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        tag = elem.tag
        if event == "start":
            if tag == _T + "table":
                state = _SheetState(elem.get(_T + "name") or f"Sheet{len(grids) + 1}", limits)
            continue
        if state is None:
            continue
        if tag in (_T + "table-cell", _T + "covered-table-cell"):
            state.add_cell(elem, covered=tag.endswith("covered-table-cell"))
            elem.clear()
        elif tag == _T + "table-row":
            state.end_row(_count(elem, "number-rows-repeated"))
            elem.clear()
        elif tag == _T + "table":
            grids.append(state.grid())
            state = None
            elem.clear()
    return grids


class _SheetState:
    def __init__(self, name: str, limits: Limits):
        self.name = name
        self.limits = limits
        self.rows: list[list[Cell]] = []
        self.pending_empty_rows = 0
        self.row: list[Cell] = []
        self.pending_empty_cells = 0
        self.merged: list[tuple[int, int, int, int]] = []
        self.cells = 0               # cells materialised in the rows so far
        self.merged_cells = 0

    def add_cell(self, elem, covered: bool) -> None:
        repeat = _count(elem, "number-columns-repeated")
        cell = _EMPTY if covered else _cell(elem)
        if cell.value is None:
            self.pending_empty_cells += repeat
            return
        width = len(self.row) + self.pending_empty_cells + repeat
        if width > self.limits.columns:
            raise TooLarge(self.name, "columns", f"a row reaches column {width:,} (repeated cells)")
        self.row.extend([_EMPTY] * self.pending_empty_cells)
        self.pending_empty_cells = 0
        row_index = len(self.rows) + self.pending_empty_rows
        for _ in range(repeat):
            self._note_span(elem, row_index, len(self.row))
            self.row.append(cell)

    def _note_span(self, elem, row: int, col: int) -> None:
        cols = _count(elem, "number-columns-spanned")
        rows = _count(elem, "number-rows-spanned")
        if cols > 1 or rows > 1:
            self.merged_cells += cols * rows
            if self.merged_cells > self.limits.merged_cells:
                raise TooLarge(self.name, "merged_cells", f"merged ranges cover {self.merged_cells:,} cells")
            self.merged.append((row, col, row + rows - 1, col + cols - 1))

    def end_row(self, repeat: int) -> None:
        # spans start on empty cells too (a merged header block whose text sits elsewhere is rare); only
        # spans of non-empty cells are recorded, which is what header reading needs
        if not self.row:
            self.pending_empty_rows += repeat
        else:
            last = len(self.rows) + self.pending_empty_rows + repeat
            cells = self.cells + len(self.row) * repeat
            if last > self.limits.rows:
                raise TooLarge(self.name, "rows", f"content reaches row {last:,} (repeated rows)")
            if cells > self.limits.cells:
                raise TooLarge(self.name, "cells", f"repeated rows and cells make {cells:,} cells")
            self.rows.extend([[] for _ in range(self.pending_empty_rows)])
            self.pending_empty_rows = 0
            for _ in range(repeat):
                self.rows.append(list(self.row))
            self.cells = cells
        self.row = []
        self.pending_empty_cells = 0

    def grid(self) -> Grid:
        return Grid(name=self.name, rows=self.rows, merged=self.merged)


def _count(elem, attribute: str) -> int:
    """A repeat or span count: a whole number >= 1 (anything else counts once, as Calc reads it)."""
    text = elem.get(_T + attribute)
    if not text or not (text.isascii() and text.isdigit()):
        return 1
    return max(int(text), 1) if len(text) <= 12 else 10 ** 12


_EMPTY = Cell(None)


def _cell(elem) -> Cell:
    kind = elem.get(_O + "value-type")
    shown = "\n".join("".join(p.itertext()) for p in elem if p.tag == _P)
    if kind in ("float", "percentage", "currency"):
        value = float(elem.get(_O + "value"))
        if value.is_integer() and abs(value) < 2**53:
            value = int(value)
        return Cell(value, _format_from_display(value, shown, kind == "percentage"))
    if kind == "boolean":
        return Cell(elem.get(_O + "boolean-value") == "true")
    if kind in ("date", "time"):
        return Cell(elem.get(_O + "date-value") or elem.get(_O + "time-value") or shown or None)
    return Cell(shown if shown.strip() else None)


def _format_from_display(value: float, shown: str, percent: bool) -> str | None:
    """An Excel format code with the decimals the displayed text shows, or None when they cannot be told."""
    digits = "".join(ch for ch in shown if ch.isdigit())
    if not digits:
        return None
    scaled = abs(value) * (100 if percent else 1)
    for decimals in range(MAX_DECIMALS + 1):
        written = f"{scaled:.{decimals}f}".replace(".", "")
        if written.lstrip("0") == digits.lstrip("0"):
            body = "0" if decimals == 0 else "0." + "0" * decimals
            return body + ("%" if percent else "")
    return None
