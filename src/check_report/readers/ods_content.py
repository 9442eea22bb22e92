"""OpenDocument spreadsheet content.xml -> Grids, streamed.

ODS keeps, beside each number, the text the user sees (`<text:p>21,89%</text:p>`). The decimals shown are
read from that text and handed on as an equivalent Excel format code ("0.00%"), so precision works the
same way as for .xlsx. Repeated empty rows and cells (Calc pads sheets to a million rows) are counted,
never materialised, unless real content follows them.
"""

from __future__ import annotations

from check_report.readers.base import Cell, Grid

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_T = f"{{{TABLE}}}"
_O = f"{{{OFFICE}}}"
_P = f"{{{TEXT}}}p"
MAX_DECIMALS = 10
MAX_REPEAT_MATERIALISED = 100_000  # a repeat count above this only ever pads emptiness


def read_content(stream) -> list[Grid]:
    """Parse content.xml (already screened for DOCTYPE by readers.safety) into one Grid per table."""
    from defusedxml.ElementTree import iterparse

    grids: list[Grid] = []
    state = None
    for event, elem in iterparse(stream, events=("start", "end"), forbid_dtd=True):
        tag = elem.tag
        if event == "start":
            if tag == _T + "table":
                state = _SheetState(elem.get(_T + "name") or f"Sheet{len(grids) + 1}")
            continue
        if state is None:
            continue
        if tag in (_T + "table-cell", _T + "covered-table-cell"):
            state.add_cell(elem, covered=tag.endswith("covered-table-cell"))
            elem.clear()
        elif tag == _T + "table-row":
            state.end_row(int(elem.get(_T + "number-rows-repeated") or 1))
            elem.clear()
        elif tag == _T + "table":
            grids.append(state.grid())
            state = None
            elem.clear()
    return grids


class _SheetState:
    def __init__(self, name: str):
        self.name = name
        self.rows: list[list[Cell]] = []
        self.pending_empty_rows = 0
        self.row: list[Cell] = []
        self.pending_empty_cells = 0
        self.merged: list[tuple[int, int, int, int]] = []

    def add_cell(self, elem, covered: bool) -> None:
        repeat = int(elem.get(_T + "number-columns-repeated") or 1)
        cell = Cell(None) if covered else _cell(elem)
        if cell.value is None:
            self.pending_empty_cells += repeat
            return
        self.row.extend([Cell(None)] * self.pending_empty_cells)
        self.pending_empty_cells = 0
        row_index = len(self.rows) + self.pending_empty_rows
        for _ in range(min(repeat, MAX_REPEAT_MATERIALISED)):
            col = len(self.row)
            self._note_span(elem, row_index, col)
            self.row.append(cell)

    def _note_span(self, elem, row: int, col: int) -> None:
        cols = int(elem.get(_T + "number-columns-spanned") or 1)
        rows = int(elem.get(_T + "number-rows-spanned") or 1)
        if cols > 1 or rows > 1:
            self.merged.append((row, col, row + rows - 1, col + cols - 1))

    def end_row(self, repeat: int) -> None:
        # spans start on empty cells too (a merged header block whose text sits elsewhere is rare); only
        # spans of non-empty cells are recorded, which is what header reading needs
        if not self.row:
            self.pending_empty_rows += repeat
        else:
            self.rows.extend([[] for _ in range(self.pending_empty_rows)])
            self.pending_empty_rows = 0
            for _ in range(min(repeat, MAX_REPEAT_MATERIALISED)):
                self.rows.append(list(self.row))
        self.row = []
        self.pending_empty_cells = 0

    def grid(self) -> Grid:
        return Grid(name=self.name, rows=self.rows, merged=self.merged)


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
