"""Which style each cell of a sheet has, kept as runs down each column.

A sheet saved by a spreadsheet program gives (nearly) every cell a style attribute, `<c r="D5" s="3">`, and
a column keeps one style over long runs of rows. So the style ids are kept per column as runs (first row,
style id): a few numbers per column instead of an entry per cell, and the extractor reads a column's figures a run at a time, one number format per run. The
cells come from the screen's scan of the sheet XML (`readers.xlsx_scan`).
"""

from __future__ import annotations

import numpy as np

MAX_COLUMNS = 1 << 14          # Excel's last column, XFD
_NONE = -1


class StyleMap:
    """(row, column) -> style id, as runs down each column: `starts[c]` the first row of each run (ascending),
    `ids[c]` its style id, -1 for cells without one."""

    def __init__(self, runs: dict[int, tuple[np.ndarray, np.ndarray]] | None = None):
        self._runs = runs or {}

    @classmethod
    def from_cells(cls, cols: np.ndarray, rows: np.ndarray, ids: np.ndarray) -> StyleMap:
        """From the styled cells in document order (0-based); a cell given twice keeps its last style."""
        runs = {}
        for col in np.unique(cols).tolist():
            mine = cols == col
            rows_c, ids_c = rows[mine], ids[mine]
            if len(rows_c) > 1 and not (np.diff(rows_c) > 0).all():     # out of order, or a cell twice
                order = np.argsort(rows_c, kind="stable")
                rows_c, ids_c = rows_c[order], ids_c[order]
                last = np.r_[rows_c[1:] != rows_c[:-1], True]
                rows_c, ids_c = rows_c[last], ids_c[last]
            runs[col] = _column_runs(rows_c, ids_c)
        return cls(runs)

    def get(self, row: int, col: int) -> int:
        runs = self._runs.get(col)
        if runs is None:
            return _NONE
        at = int(np.searchsorted(runs[0], row, side="right")) - 1
        return int(runs[1][at]) if at >= 0 else _NONE

    def of_row(self, row: int):
        """col -> style id of the cells of one row."""
        return lambda col: self.get(row, col)

    def runs(self, col: int, start: int, stop: int) -> list[tuple[int, int, int]]:
        """The runs of one column over rows [start, stop), as (first, end, style id) relative to `start`."""
        if stop <= start:
            return []
        runs = self._runs.get(col)
        if runs is None:
            return [(0, stop - start, _NONE)]
        starts, ids = runs
        first = max(int(np.searchsorted(starts, start, side="right")) - 1, 0)
        last = int(np.searchsorted(starts, stop, side="left"))
        out = []
        if starts[first] > start:     # rows above the column's first styled cell
            out.append((0, int(starts[first]) - start, _NONE))
        for k in range(first, last):
            lo = max(int(starts[k]), start)
            hi = min(int(starts[k + 1]), stop) if k + 1 < len(starts) else stop
            if hi > lo:
                out.append((lo - start, hi - start, int(ids[k])))
        return out


def _column_runs(rows: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Runs of one column from its styled rows (ascending, distinct): a new run where the style changes or
    a row without a style comes between (a run of -1 from the row after the gap, and after the last)."""
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (np.diff(rows) != 1) | (ids[1:] != ids[:-1])
    gaps = np.flatnonzero(np.diff(rows) != 1)
    starts = np.concatenate([rows[new], rows[gaps] + 1, rows[-1:] + 1])
    values = np.concatenate([ids[new], np.full(len(gaps) + 1, _NONE, dtype=ids.dtype)])
    order = np.argsort(starts, kind="stable")
    return starts[order], values[order]


class StyleCollector:
    """The styled cells of one sheet as its scan finds them, chunk by chunk (`readers.xlsx_scan`), kept as
    arrays (three numbers a cell while scanning, not a dict entry) until `done` makes them runs."""

    def __init__(self) -> None:
        self._cols: list[np.ndarray] = []
        self._rows: list[np.ndarray] = []
        self._ids: list[np.ndarray] = []
        self._letters: dict[bytes, int] = {}

    def add(self, found: list[tuple[bytes, bytes, bytes]]) -> None:
        """(column letters, row number, style id) of styled cells in document order; numbers of at most 9
        digits (the scan's patterns say so)."""
        if not found:
            return
        letters = self._letters
        names = [cell[0] for cell in found]
        letters.update((name, _column_index(name)) for name in set(names) - letters.keys())
        cols = np.array(list(map(letters.__getitem__, names)), dtype=np.int64)
        keep = cols < MAX_COLUMNS
        self._cols.append(cols[keep])
        self._rows.append((_numbers([cell[1] for cell in found]) - 1)[keep])
        self._ids.append(_numbers([cell[2] for cell in found])[keep])

    def add_written(self, found: list[bytes]) -> None:
        """The styled cells as Excel writes them, `B12" s="3` each (a place of 1 to 3 letters and at most 9
        digits, a style id of at most 9), in document order: parsed all at once, as one text (a tuple of
        three parts per cell cost more than the scan's counting)."""
        if not found:
            return
        text = b"\n".join(found)
        numbers = _numbers([text.translate(None, _NOT_NUMBERS)], 2 * len(found))
        chars = np.frombuffer(text, dtype=np.uint8)
        starts = np.concatenate([[0], np.flatnonzero(chars == 10) + 1])     # each cell's first letter
        cols = np.zeros(len(found), dtype=np.int64)
        more = np.ones(len(found), dtype=bool)
        for k in range(3):         # a letter of at most three, each one more base-26 place of the column
            byte = chars[starts + k].astype(np.int64)
            more &= (byte >= 65) & (byte <= 90)
            cols = np.where(more, cols * 26 + byte - 64, cols)
        cols -= 1
        keep = cols < MAX_COLUMNS
        self._cols.append(cols[keep])
        self._rows.append((numbers[0::2] - 1)[keep])
        self._ids.append(numbers[1::2][keep])

    def done(self) -> StyleMap:
        if not self._cols:
            return StyleMap()
        return StyleMap.from_cells(np.concatenate(self._cols), np.concatenate(self._rows),
                                   np.concatenate(self._ids))


_NOT_NUMBERS = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ"=s'     # what `add_written` drops, leaving "12 3\n13 3"


def _numbers(texts: list[bytes], count: int | None = None) -> np.ndarray:
    """The `count` (default: one a text) decimal numbers of at most 9 digits the texts write in ASCII,
    apart by whitespace, parsed in one call."""
    parsed = np.fromstring(b" ".join(texts), dtype=np.int64, sep=" ")
    if len(parsed) == (len(texts) if count is None else count):
        return parsed
    return np.array([int(number) for text in texts for number in text.split()], dtype=np.int64)


def _column_index(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + (byte - 64)
    return index - 1
