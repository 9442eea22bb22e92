"""Where an indicator table sits in a grid: header rows, the column numbers row, column roles.

A header row names the indicator column ("Chỉ tiêu", "Nội dung", "Indicator") beside at least one column
of figures, or names two or more columns of figures. Title rows above it (one merged cell, or long
sentences) are not headers. The header continues downwards while the next row has only words, sits under
the header's cells (its label cell empty or merged from above) and is not the "(1) (2) (3)" row.
"""

from __future__ import annotations

from dataclasses import dataclass

from check_report.extract.headers import (
    NON_MEASURE_ROLES,
    Column,
    Period,
    classify,
    is_column_number_row,
)
from check_report.extract.vocabulary import Vocabulary, fold
from check_report.readers.base import Grid

HEADER_SEARCH_ROWS = 40     # a header further down than this below the previous table is not looked for
MAX_HEADER_ROWS = 3
MAX_HEADER_WORDS = 8        # header cells are short; titles are sentences


@dataclass
class Layout:
    header_top: int
    header_bottom: int
    data_start: int
    columns: list[Column]
    code_col: int | None
    label_col: int | None
    unit_col: int | None

    @property
    def measures(self) -> list[Column]:
        return [c for c in self.columns if c.role and c.role not in NON_MEASURE_ROLES]


class MergeMap:
    """(row, col) -> top-left of the merged range it belongs to."""

    def __init__(self, grid: Grid):
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in grid.merged:
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 20_000:
                continue  # a whole-sheet merge says nothing about headers
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self.origin[(r, c)] = (r1, c1)

    def source(self, row: int, col: int) -> tuple[int, int]:
        return self.origin.get((row, col), (row, col))


def cell_value(grid: Grid, row: int, col: int):
    if row >= len(grid.rows) or col >= len(grid.rows[row]):
        return None
    return grid.rows[row][col].value


def header_text(grid: Grid, merges: MergeMap, row: int, col: int) -> str:
    value = cell_value(grid, *merges.source(row, col))
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())  # "Kế hoạch\nnăm 2024" as one line


def width(grid: Grid, top: int, bottom: int) -> int:
    return max((len(grid.rows[r]) for r in range(top, min(bottom + 1, len(grid.rows)))), default=0)


def find_layout(grid: Grid, start: int, vocab: Vocabulary, merges: MergeMap) -> Layout | None:
    """The first indicator table whose header begins at or below `start`."""
    stop = min(len(grid.rows), start + HEADER_SEARCH_ROWS)
    for row in range(start, stop):
        if _looks_like_header(grid, merges, row, vocab):
            layout = _build_layout(grid, merges, row, vocab)
            if layout is not None:
                return layout
    return None


def _row_roles(grid, merges, row, vocab) -> dict[int, str]:
    roles, seen = {}, set()
    for col in range(len(grid.rows[row])):
        origin = merges.source(row, col)
        text = header_text(grid, merges, row, col)
        if not text or origin in seen or _is_figure(cell_value(grid, row, col)):
            continue
        seen.add(origin)
        folded = fold(text)
        if len(folded.split()) > MAX_HEADER_WORDS:
            continue
        role = classify([text], vocab)[0]
        if role:
            roles[col] = role
    return roles


def _is_figure(value) -> bool:
    """A number that is not a year: header cells never hold one."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not _is_year(value)


def _is_year(value) -> bool:
    return isinstance(value, (int, float)) and float(value).is_integer() and 1950 <= value <= 2199


def _looks_like_header(grid, merges, row, vocab) -> bool:
    roles = _row_roles(grid, merges, row, vocab)
    filled = {merges.source(row, c) for c in range(len(grid.rows[row])) if header_text(grid, merges, row, c)}
    if len(filled) < 2:
        return False  # a title merged across the sheet, or a lone note
    measures = [c for c, r in roles.items() if r not in NON_MEASURE_ROLES]
    has_label = any(r == "indicator" for r in roles.values())
    if has_label and len(roles) >= 2:
        return True
    if has_label:
        # a two-row header whose measure words all sit in the row below
        below = row + 1 < len(grid.rows) and _row_roles(grid, merges, row + 1, vocab)
        return bool(below)
    return len(measures) >= 2


def _build_layout(grid, merges, top, vocab) -> Layout | None:
    bottom = top
    while bottom - top + 1 < MAX_HEADER_ROWS and _continues_header(grid, merges, top, bottom + 1):
        bottom += 1
    if top > 0 and _is_group_row_above(grid, merges, top):
        top -= 1
    ncols = width(grid, top, bottom)
    columns = []
    for col in range(ncols):
        texts = _column_texts(grid, merges, top, bottom, col)
        role, period, year = classify(texts, vocab)
        columns.append(Column(col, " / ".join(texts), role, period, year))
    _resolve_duplicates(columns)
    data_start = bottom + 1
    if data_start < len(grid.rows) and _is_number_row(grid.rows[data_start]):
        data_start += 1
    code_col = _first(columns, "code")
    label_col = _first(columns, "indicator")
    if label_col is None:
        label_col = _guess_label_col(grid, columns, data_start)
    layout = Layout(top, bottom, data_start, columns, code_col, label_col, _first(columns, "unit"))
    if not layout.measures or label_col is None:
        return None
    return layout


def _column_texts(grid, merges, top, bottom, col) -> list[str]:
    texts: list[str] = []
    for row in range(top, bottom + 1):
        text = header_text(grid, merges, row, col)
        if text and (not texts or texts[-1] != text):
            texts.append(text)
    return texts


def _continues_header(grid, merges, top, row) -> bool:
    """Words only, each under an empty header cell or under a group header merged across columns."""
    if row >= len(grid.rows):
        return False
    cells = grid.rows[row]
    values = [c.value for c in cells]
    if not any(v is not None for v in values) or _is_number_row(cells):
        return False
    if any(_is_figure(v) for v in values):
        return False
    for col, value in enumerate(values):
        if value is None or merges.source(row, col)[0] < row:
            continue
        above = [merges.source(r, col) for r in range(top, row) if header_text(grid, merges, r, col)]
        if above and not any(_spans_columns(grid, merges, origin) for origin in above):
            return False
    return True


def _spans_columns(grid, merges, origin) -> bool:
    row, col = origin
    return merges.source(row, col + 1) == origin


def _is_group_row_above(grid, merges, top) -> bool:
    """A row of group headers ("Thực hiện năm 2024") over the figure columns only, above the header row."""
    above = top - 1
    origins = {merges.source(above, c) for c in range(len(grid.rows[above])) if header_text(grid, merges, above, c)}
    first_text_col = min((c for c in range(len(grid.rows[top])) if cell_value(grid, top, c) is not None),
                         default=0)
    if not origins or any(c <= first_text_col for _, c in origins):
        return False
    texts = [header_text(grid, merges, *o) for o in origins]
    if any(":" in t or len(fold(t).split()) > MAX_HEADER_WORDS for t in texts):
        return False  # "Đơn vị tính: triệu đồng" above the table's right edge is a note, not a group
    return any(_spans_columns(grid, merges, o) for o in origins)


def _is_number_row(cells) -> bool:
    values = []
    for cell in cells:
        v = cell.value
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        values.append(None if v is None else str(v))
    if not is_column_number_row(values):
        return False
    plain = [int(v) for v in values if v is not None and v.strip().isdigit()]
    return len(plain) < 3 or plain == list(range(plain[0], plain[0] + len(plain))) or \
        any(v is not None and "(" in v for v in values)


def _resolve_duplicates(columns: list[Column]) -> None:
    """Two code or unit columns: keep the first, leave the other unmapped."""
    for role in ("code", "indicator", "unit"):
        found = [c for c in columns if c.role == role]
        for extra in found[1:]:
            extra.role = None


def _first(columns, role) -> int | None:
    return next((c.index for c in columns if c.role == role), None)


def _guess_label_col(grid, columns, data_start) -> int | None:
    """Without an "indicator" header: the leftmost unmapped column whose data cells are mostly words."""
    sample = grid.rows[data_start:data_start + 50]
    for column in columns:
        if column.role is not None:
            continue
        words = sum(1 for r in sample if column.index < len(r) and isinstance(r[column.index].value, str)
                    and any(ch.isalpha() for ch in r[column.index].value))
        if words >= max(1, len(sample) // 2):
            column.role = "indicator"
            return column.index
    return None


def table_period(layout: Layout) -> Period | None:
    """The period of the table's cumulative column, the one percentages and last year's figures refer to."""
    spans = [c.period for c in layout.columns if c.role == "cumulative" and c.period is not None]
    return spans[0] if spans else None
