"""Where an indicator table sits in a grid: header rows, the column numbers row, column roles, its end.

A header row names the indicator column ("Chỉ tiêu", "Nội dung", "Indicator") beside at least one column
of figures, or names two or more columns of figures. Title rows above it (one merged cell, or long
sentences) are not headers. The header continues downwards while the next row has only words, sits under
the header's cells (its label cell empty or merged from above) and is not the "(1) (2) (3)" row.

Every table on a sheet is its own table: a table ends where a new header row starts (a row of words over
the figure columns, or a column-number row) and the next table's roles are read from its own header.
Figures met before any header we can read are a table of their own that was not read (`Unread`): the
caller says so, with the reason, rather than reading it with another table's roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from check_report.extract.headers import (
    NON_MEASURE_ROLES,
    Column,
    Period,
    classify,
    is_column_number_row,
    pair_years,
)
from check_report.extract.vocabulary import Vocabulary, fold
from check_report.readers.base import Grid

HEADER_SEARCH_ROWS = 40     # a header further down than this below the previous table is not looked for
MAX_HEADER_ROWS = 3
MAX_HEADER_WORDS = 8        # header cells are short; titles are sentences


@dataclass
class Unread:
    """Figures under a header we could not read (or under none): reported, never read with other roles."""
    top: int               # first row of the block (its header or title, else its first figure row)
    end: int               # first row after it
    reason: str
    title: str = ""


@dataclass
class Layout:
    header_top: int
    header_bottom: int
    data_start: int
    columns: list[Column]
    code_col: int | None
    label_col: int | None
    unit_col: int | None
    number_row: int | None = None      # the "(1) (2) (3)=(1)+(2)" row under the header, if any
    group_col: int | None = None       # words left of the labels naming a group of rows ("Lúa" merged down)

    @property
    def measures(self) -> list[Column]:
        return [c for c in self.columns if c.role and c.role not in NON_MEASURE_ROLES]


class MergeMap:
    """(row, col) -> top-left of the merged range it belongs to."""

    def __init__(self, grid: Grid):
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        self.ranges: list[tuple[int, int, int, int]] = []
        for r1, c1, r2, c2 in grid.merged:
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 20_000:
                continue  # a whole-sheet merge says nothing about headers
            self.ranges.append((r1, c1, r2, c2))
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self.origin[(r, c)] = (r1, c1)

    def source(self, row: int, col: int) -> tuple[int, int]:
        return self.origin.get((row, col), (row, col))

    def right_edge(self, top: int, bottom: int) -> int:
        """One past the last column a merged cell of rows top..bottom reaches (a reader's row stops at its
        last written cell, not at the merged header cell "Tỷ lệ (%)" drawn over the rows below)."""
        return max((c2 + 1 for r1, _c1, r2, c2 in self.ranges if r1 <= bottom and r2 >= top), default=0)

    def top_of_header(self, row: int, limit: int) -> int:
        """The first row of a header whose cells in `row` are merged down from above ("STT" over three
        rows): at most `limit` rows up."""
        return min((r1 for r1, _c1, r2, _c2 in self.ranges if r1 < row <= r2 and row - r1 < limit), default=row)


def cell_value(grid: Grid, row: int, col: int):
    return grid.value(row, col)


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
    found = next_table(grid, start, vocab, merges)
    return found if isinstance(found, Layout) else None


def next_table(grid: Grid, start: int, vocab: Vocabulary, merges: MergeMap) -> Layout | Unread | None:
    """The next table at or below `start`: a Layout; an Unread block when figures come before any header
    we can read; None when there is nothing more."""
    stop = min(len(grid.rows), start + HEADER_SEARCH_ROWS)
    for row in range(start, stop):
        if _looks_like_header(grid, merges, row, vocab):
            layout = _build_layout(grid, merges, row, vocab)
            if layout is not None:
                return layout
        if has_figures(grid.rows[row]) and not _is_number_row(grid.rows[row]):
            header = _header_above(grid, merges, start, row)
            if header is not None:
                layout = _build_layout(grid, merges, header, vocab)   # a header without role words
                if layout is not None:
                    return layout
            top = header if header is not None else row
            reason = "its header names no column" if header is not None else "no header row above the figures"
            return Unread(top, block_end(grid, row), reason, _first_text(grid, start, top))
    return None


_TYPED_NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)*\s*%?")


def has_figures(cells) -> bool:
    """A number that is not a year, stored as a number or typed as text ("1.234", "21,5", "2000")."""
    for cell in cells:
        value = cell.value
        if _is_figure(value):
            return True
        if isinstance(value, str) and len(value) < 24 and any(ch.isdigit() for ch in value):
            text = value.strip()
            if _TYPED_NUMBER.fullmatch(text) and not (text.isdigit() and _is_year(int(text))):
                return True
    return False


def _header_above(grid, merges, start: int, row: int) -> int | None:
    """The nearest row above a first figure row (not below `start`) with two or more words cells."""
    for r in range(row - 1, max(start, row - MAX_HEADER_ROWS - 2) - 1, -1):
        cells = grid.rows[r]
        if _is_number_row(cells):
            continue
        if has_figures(cells):
            return None
        if _text_cells(grid, merges, r) >= 2:
            top = r
            while top - 1 >= start and top > r - MAX_HEADER_ROWS + 1 and _text_cells(grid, merges, top - 1) >= 2 \
                    and not has_figures(grid.rows[top - 1]):
                top -= 1
            return top
    return None


def _text_cells(grid, merges, row: int) -> int:
    return len({merges.source(row, c) for c in range(len(grid.rows[row]))
                if isinstance(cell_value(grid, row, c), str) and header_text(grid, merges, row, c)})


def block_end(grid: Grid, row: int) -> int:
    """The first blank row at or after `row` (the end of a block of figures)."""
    while row < len(grid.rows) and any(c.value is not None and str(c.value).strip() for c in grid.rows[row]):
        row += 1
    return row


def _first_text(grid: Grid, start: int, top: int) -> str:
    for r in range(start, top + 1):
        for cell in grid.rows[r]:
            if isinstance(cell.value, str) and cell.value.strip():
                return " ".join(cell.value.split())[:60]
    return ""


def starts_new_table(grid: Grid, merges: MergeMap, row: int, vocab: Vocabulary, figure_cols: set[int]) -> bool:
    """Inside a table's data, a row that begins another table: a header row of role words, a column-number
    row, or words (no figures, no "no data" marks) written over two or more of this table's figure columns."""
    cells = grid.rows[row]
    if has_figures(cells):
        return False
    if _is_number_row(cells):
        return True
    over = [c for c in figure_cols if c < len(cells) and isinstance(cells[c].value, str)
            and cells[c].value.strip() and cells[c].value.strip() not in vocab.no_data
            and merges.source(row, c)[0] == row]
    if len(over) >= 2:
        return True
    return _text_cells(grid, merges, row) >= 3 and _looks_like_header(grid, merges, row, vocab)


def _row_roles(grid, merges, row, vocab) -> dict[int, str]:
    roles, seen = {}, set()
    for col in range(len(grid.rows[row])):
        origin = merges.source(row, col)
        text = header_text(grid, merges, row, col)
        if not text or origin in seen or _is_figure(cell_value(grid, row, col)):
            continue
        seen.add(origin)
        folded = fold(text)
        if len(folded.split()) > MAX_HEADER_WORDS or _NOT_HEADER.match(text):
            continue
        role = classify([text], vocab)[0]
        if role:
            roles[col] = role
    return roles


# "Đơn vị tính: triệu đồng" beside a title, "2. Chi ngân sách địa phương" over a table: notes and titles
_NOT_HEADER = re.compile(r"^\s*(?:(?:đơn vị tính|đơn vị|đvt|unit)\s*:|(?:[IVX]{1,4}|\d{1,2}|[A-Z])\.\s+\S)",
                         re.IGNORECASE)


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
    above = merges.top_of_header(top, MAX_HEADER_ROWS)
    if above < top and not any(has_figures(grid.rows[r]) or _is_number_row(grid.rows[r]) for r in range(above, top)):
        top = above
    while bottom - top + 1 < MAX_HEADER_ROWS and _continues_header(grid, merges, top, bottom + 1):
        bottom += 1
    if top > 0 and _is_group_row_above(grid, merges, top):
        top -= 1
    ncols = max(width(grid, top, bottom), merges.right_edge(top, bottom))
    columns = []
    for col in range(ncols):
        texts, origins = _column_texts(grid, merges, top, bottom, col)
        role, period, year = classify(texts, vocab)
        columns.append(Column(col, " / ".join(texts), role, period, year, tuple(texts), tuple(origins)))
    pair_years(columns)
    _resolve_duplicates(columns)
    data_start = bottom + 1
    number_row = None
    if data_start < len(grid.rows) and _is_number_row(grid.rows[data_start]):
        number_row = data_start
        data_start += 1
    code_col = _first(columns, "code")
    label_col = _first(columns, "indicator")
    unit_col = _first(columns, "unit")
    if label_col is not None and _mostly_figures(grid, label_col, data_start):
        columns[label_col].role = None     # "Chỉ tiêu giao năm 2024" over figures: not the labels
        label_col = _first(columns, "indicator")
    if label_col is None and unit_col is not None and _names_not_units(grid, unit_col, data_start):
        label_col, unit_col = unit_col, None          # "Đơn vị" over "Xã An Bình ...": the units' names
        columns[label_col].role = "indicator"
    if label_col is None:
        label_col = _guess_label_col(grid, columns, data_start)
    if label_col is None or not any(c.role is None or c.role not in NON_MEASURE_ROLES or c.role == "assessment"
                                    for c in columns):
        return None
    group_col = _group_label_col(grid, merges, columns, label_col, data_start)
    return Layout(top, bottom, data_start, columns, code_col, label_col, unit_col, number_row, group_col)


def _group_label_col(grid, merges, columns, label_col: int, data_start: int) -> int | None:
    """A column without a role left of the labels whose cells, merged down over several rows, name the
    group of those rows ("Lúa cả năm" over "Diện tích | Năng suất | Sản lượng")."""
    sample = [r for r in range(data_start, min(len(grid.rows), data_start + 50)) if has_figures(grid.rows[r])]
    for column in columns[:label_col]:
        if column.role is not None or not sample:
            continue
        merged = sum(1 for r in sample if merges.source(r, column.index)[0] < r)
        named = sum(1 for r in sample if isinstance(cell_value(grid, *merges.source(r, column.index)), str)
                    and any(ch.isalpha() for ch in str(cell_value(grid, *merges.source(r, column.index)))))
        if merged and named * 2 > len(sample):
            return column.index
    return None


def _mostly_figures(grid: Grid, col: int, data_start: int) -> bool:
    values = [r[col].value for r in grid.rows[data_start:data_start + 30] if col < len(r) and r[col].value is not None]
    return len(values) >= 2 and sum(1 for v in values if _is_figure(v)) * 2 > len(values)


def _names_not_units(grid: Grid, col: int, data_start: int) -> bool:
    """A column headed "Đơn vị" holding names ("Xã An Bình") rather than units ("tấn", "hộ")."""
    from check_report.units import parse_unit

    values = [r[col].value for r in grid.rows[data_start:data_start + 30] if col < len(r)]
    words = [v for v in values if isinstance(v, str) and v.strip()]
    if len(words) < 2:
        return False
    unit_like = sum(1 for v in words if len(v.split()) <= 2 and
                    (parse_unit(v).dimension is not None or parse_unit(v).scale != 1.0 or len(v) <= 6))
    return unit_like * 2 < len(words)


def _column_texts(grid, merges, top, bottom, col) -> tuple[list[str], list[tuple[int, int]]]:
    texts: list[str] = []
    origins: list[tuple[int, int]] = []
    for row in range(top, bottom + 1):
        text = header_text(grid, merges, row, col)
        if text and (not texts or texts[-1] != text):
            texts.append(text)
            origins.append(merges.source(row, col))
    return texts, origins


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
    if is_unit_row(values):
        return True
    for col, value in enumerate(values):
        if value is None or merges.source(row, col)[0] < row:
            continue
        above = [merges.source(r, col) for r in range(top, row) if header_text(grid, merges, r, col)]
        if above and not any(_spans_columns(grid, merges, origin) for origin in above):
            return False
    return True


def is_unit_row(values) -> bool:
    """A row of units under the header ("Hộ | Hộ | % | Người", "Tấn | Ha | Triệu đồng"): part of it."""
    from check_report.units import is_count, parse_unit

    words = [" ".join(str(v).split()) for v in values if v is not None and str(v).strip()]
    return len(words) >= 2 and all(len(w) <= 20 and (w in ("%", "‰") or is_count(w) or
                                                     parse_unit(w).dimension is not None) for w in words)


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


_LEADING_NUMBER = re.compile(r"\(?(\d{1,2})\b")


def _is_number_row(cells) -> bool:
    values = []
    for cell in cells:
        v = cell.value
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        values.append(None if v is None else str(v))
    if not is_column_number_row(values):
        return False
    # each cell's own column number ("3=2/1*100" is column 3): consecutive numbers, or a formula or a
    # bracketed number, make a numbering row; a row of plain figures 1, 2, 4, 6 does not
    plain = [int(m.group(1)) for v in values if v is not None and (m := _LEADING_NUMBER.match(v.strip()))]
    return len(plain) < 3 or plain == list(range(plain[0], plain[0] + len(plain))) or \
        any(v is not None and ("(" in v or "=" in v) for v in values)


def _resolve_duplicates(columns: list[Column]) -> None:
    """Two code or unit columns: keep the first, leave the other unmapped."""
    for role in ("code", "indicator", "unit"):
        found = [c for c in columns if c.role == role]
        for extra in found[1:]:
            extra.role, extra.duplicate_of = None, role


def _first(columns, role) -> int | None:
    return next((c.index for c in columns if c.role == role), None)


def _guess_label_col(grid, columns, data_start) -> int | None:
    """Without an "indicator" header: the leftmost unmapped column whose data cells are mostly words."""
    sample = grid.rows[data_start:data_start + 50]
    sample = [r for r in sample if has_figures(r)] or sample   # not the signature block under the table
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
