"""What readers hand to the extractors: raw grids of cells and prose documents, nothing interpreted yet.

A reader knows file formats, not reports: it turns a workbook into `Grid`s (values, display formats, merged
ranges, A1 addresses) and a text file into a `Document`. Finding the indicator table inside a grid, and the
figures inside prose, is the extractors' job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from check_report.document import Document


class InputError(Exception):
    """An input that cannot be read. The message is one line and names the file (and line or cell)."""


@dataclass(frozen=True)
class Cell:
    value: str | float | int | bool | None   # numbers as numbers; text as written; None when empty
    number_format: str | None = None         # Excel display format ("#,##0", "0.00%"); None if unknown


class ColumnarRows(Sequence):
    """Rows a reader keeps in its own form and turns into `Cell`s only when asked (a large sheet holds a
    million cells; the extractor reads its figures a column at a time through `Grid.column`)."""

    def __eq__(self, other):
        if isinstance(other, (list, ColumnarRows)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def value(self, row: int, col: int):
        """What `self[row][col].value` gives, or None outside the grid."""
        if row >= len(self):
            return None
        cells = self[row]
        return cells[col].value if col < len(cells) else None

    def column(self, col: int, start: int, stop: int) -> tuple[list, list[tuple[int, int, str | None]]]:
        raise NotImplementedError

    def values(self, col: int, start: int, stop: int) -> list:
        """[self.value(row, col) for row in range(start, stop)], for rows within the grid."""
        return [self.value(row, col) for row in range(start, min(stop, len(self)))]

    def texts(self, col: int, start: int, stop: int) -> list[str]:
        """The text values among `column(col, start, stop)`'s."""
        return [value for value in self.column(col, start, stop)[0] if isinstance(value, str)]


@dataclass
class Grid:
    """One sheet (or one table inside a document) as a rectangle of cells, row 0 = the sheet's first row."""
    name: str
    rows: list[list[Cell]]
    # merged ranges as (first_row, first_col, last_row, last_col), 0-based inclusive
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # how a cell is named to the user; workbooks give A1 addresses, documents "table 2, row 3, column 4"
    origin: str = "sheet"                    # "sheet" | "document-table"
    line: int | None = None                  # for a table inside a text file: line of its first row
    # for a table inside a text file: the line of each row (a Markdown table's |---| line is not a row)
    row_lines: list[int] | None = None

    def line_of(self, row: int) -> int | None:
        """The file line of a row of a table inside a text file (None for a sheet)."""
        if self.row_lines is not None and row < len(self.row_lines):
            return self.row_lines[row]
        return None if self.line is None else self.line + row

    def value(self, row: int, col: int):
        """One cell's value; None when it is empty or beyond its row."""
        rows = self.rows
        if isinstance(rows, ColumnarRows):
            return rows.value(row, col)
        if row >= len(rows) or col >= len(rows[row]):
            return None
        return rows[row][col].value

    def values(self, col: int, start: int, stop: int) -> list:
        """The values of one column over rows [start, stop) (as `value` gives them), rows beyond the grid
        left out."""
        rows = self.rows
        if isinstance(rows, ColumnarRows):
            return rows.values(col, start, stop)
        return [cells[col].value if col < len(cells) else None for cells in rows[start:stop]]

    def column(self, col: int, start: int, stop: int) -> tuple[list, list[tuple[int, int, str | None]]]:
        """Rows [start, stop) of one column: the values as the reader holds them (a `ColumnarRows` may hold
        an empty cell as "" and a date as a date: `extract.figures` reads both), and the display formats as
        runs (first, end, format) over positions in that list."""
        rows = self.rows
        if isinstance(rows, ColumnarRows):
            return rows.column(col, start, stop)
        values, runs = [], []
        for i, cells in enumerate(rows[start:stop]):
            cell = cells[col] if col < len(cells) else _NO_CELL
            values.append(cell.value)
            if runs and runs[-1][2] == cell.number_format:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1, cell.number_format])
        return values, [tuple(run) for run in runs]

    def texts(self, col: int, start: int, stop: int) -> list[str]:
        """The values of one column over rows [start, stop) that are text, as `column` gives them (a reader
        can find them without making the column)."""
        rows = self.rows
        if isinstance(rows, ColumnarRows):
            return rows.texts(col, start, stop)
        return [value for value in self.column(col, start, stop)[0] if isinstance(value, str)]

    def cell_name(self, row: int, col: int) -> str:
        if self.origin == "sheet":
            return a1(row, col)
        return f"row {row + 1}, column {col + 1}"


_NO_CELL = Cell(None)


def a1(row: int, col: int) -> str:
    """0-based (row, col) -> the address Excel shows: (8, 7) -> 'H9'."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


@dataclass
class Source:
    """Everything read from one input file."""
    path: str
    kind: str                                  # "xlsx" | "xls" | "ods" | "csv" | "md" | "txt" | "docx"
    grids: list[Grid] = field(default_factory=list)
    document: Document | None = None
    notes: list[str] = field(default_factory=list)
