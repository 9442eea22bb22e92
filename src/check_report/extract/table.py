"""Indicator tables -> facts: one row per stated figure, with its cell, indicator, parent, measure, period.

`grid_facts` finds every indicator table in a grid (`extract.layout`), reads each data row (codes and
hierarchy from `extract.hierarchy`, figures and their precision from `extract.cells`) and returns the fact
table of `check_report.facts` plus one-line notes: sheets without an indicator table, header words that
name no known column role. Rows under the table starting with "Ghi chú", "Nguồn" ... end it.
"""

from __future__ import annotations

import re

from check_report import facts as F
from check_report.extract.cells import read_figure, text_style
from check_report.extract.headers import Column, Period, years_in
from check_report.extract.hierarchy import (
    Hierarchy,
    clean_code,
    code_from_label,
    code_rank,
)
from check_report.extract.layout import (
    Layout,
    MergeMap,
    cell_value,
    find_layout,
    table_period,
)
from check_report.extract.vocabulary import Vocabulary, fold, load_vocabulary
from check_report.numbers import EN, VI
from check_report.readers.base import Grid, a1

PERCENT_MEASURES = frozenset({F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH,
                              F.SHARE, F.RATIO_PCT})
_UNIT_NOTE = re.compile(r"\b(?:đơn vị tính|đơn vị|đvt|unit)\s*:\s*(.+)$", re.IGNORECASE)
TITLE_ROWS_FOR_YEAR = 12


def grid_facts(path: str, grid: Grid, vocabulary=None):
    """(facts DataFrame, notes) of every indicator table in one grid (a sheet, or a document's table)."""
    vocab = load_vocabulary(vocabulary)
    merges = MergeMap(grid)
    sink = FactSink()
    notes: list[str] = []
    start, found, year = 0, 0, None
    while start < len(grid.rows):
        layout = find_layout(grid, start, vocab, merges)
        if layout is None:
            break
        found += 1
        context = _TableContext(path, grid, layout, vocab, _title_above(grid, layout, start), year, merges)
        notes.extend(context.unmapped_notes())
        start = context.read_rows(sink)
        notes.extend(context.style_notes())
        year = context.year  # a later table on the sheet without a year of its own shares this one
    if not found:
        notes.append(f"{path}: {_kind(grid)} {grid.name!r} skipped: no indicator table")
    return sink.frame(), notes


def _title_above(grid: Grid, layout: Layout, start: int) -> list[str]:
    first = max(start, layout.header_top - TITLE_ROWS_FOR_YEAR)
    texts = []
    for row in grid.rows[first:layout.header_top]:
        texts.extend(str(c.value) for c in row if isinstance(c.value, str) and c.value.strip())
    return texts


class _TableContext:
    """One table being read: its layout, year, default unit and the rows' hierarchy."""

    def __init__(self, path: str, grid: Grid, layout: Layout, vocab: Vocabulary, titles: list[str],
                 fallback_year: int | None, merges: MergeMap):
        self.path, self.grid, self.layout, self.vocab, self.merges = path, grid, layout, vocab, merges
        header_years = [y for c in layout.measures for y in years_in(fold(c.header))]
        title_years = [y for t in titles for y in years_in(t)]
        self.year = max(header_years or title_years or years_in(grid.name) or [fallback_year],
                        key=lambda y: y or 0)
        self.default_unit = next((m.group(1).strip() for t in titles if (m := _UNIT_NOTE.search(t.strip()))),
                                 None)
        self.cumulative = table_period(layout) or _cumulative_from_months(layout)
        self.hierarchy = Hierarchy()
        self.complete: dict[str, bool] = {}
        self.columns = [self._column_plan(c) for c in layout.measures]
        self.style, self.style_votes = self._text_style()
        self.ambiguous: list[str] = []   # typed figures that read both ways, as written

    def _text_style(self) -> tuple[str, dict[str, int]]:
        """The number style of the figures typed as text: VI unless unambiguous English ones prevail."""
        votes = {VI: 0, EN: 0}
        cols = [c[0] for c in self.columns]
        for cells in self.grid.rows[self.layout.data_start:]:
            for col in cols:
                if col < len(cells) and isinstance(cells[col].value, str):
                    style = text_style(cells[col].value, self.vocab.no_data)
                    if style:
                        votes[style] += 1
        return (EN if votes[EN] > votes[VI] else VI), votes

    def style_notes(self) -> list[str]:
        """Say which reading was chosen for "14,560"-like text when the sheet is not plainly Vietnamese."""
        if not self.ambiguous or (self.style == VI and not self.style_votes[EN]):
            return []
        reading = "English style (the comma groups thousands)" if self.style == EN else \
            "Vietnamese style (the dot groups thousands)"
        mixed = "; the sheet mixes Vietnamese and English number styles" if all(self.style_votes.values()) else ""
        examples = ", ".join(repr(t) for t in self.ambiguous[:3])
        note = (f"{self.path}: {_kind(self.grid)} {self.grid.name!r}: {len(self.ambiguous)} typed figure(s) such as {examples} "
                f"read both ways; read in {reading}, as the sheet's other figures are{mixed}")
        return [note]

    # -- columns -------------------------------------------------------------------------------------

    def _column_plan(self, column: Column) -> tuple[int, str, str, int | None, int | None, int | None]:
        """(col, measure, period label, start, end, year) of one column of figures."""
        role, period = column.role, column.period
        year = column.year or self.year
        if role in (F.MONTH, F.CUMULATIVE) and column.year and self.year and column.year == self.year - 1:
            role = F.PREVIOUS_MONTH if role == F.MONTH else F.PREVIOUS
        if role in (F.PREVIOUS, F.PREVIOUS_MONTH):
            year = column.year if column.year and self.year and column.year < self.year else \
                (self.year - 1 if self.year else None)
        if role == F.PLAN:
            return column.index, role, "", None, None, year
        if period is None and role != F.MONTH:
            period = self.cumulative if role not in (F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH) else None
        if period is None:
            return column.index, role, "", None, None, year
        return column.index, role, _period_label(period, year), period.start, period.end, year

    def unmapped_notes(self) -> list[str]:
        notes = []
        for column in self.layout.columns:
            if column.role is None and column.header.strip():
                name = _letters(column.index) if self.grid.origin == "sheet" else str(column.index + 1)
                notes.append(f"{self.path}: {_kind(self.grid)} {self.grid.name!r} column {name} "
                             f"({column.header!r}): role not recognised from the header; column ignored")
        return notes

    # -- rows ----------------------------------------------------------------------------------------

    def read_rows(self, sink: FactSink) -> int:
        """Read data rows into `sink`; returns the row where the next table may start."""
        first_fact = len(sink)
        row = self.layout.data_start
        last_entity = None
        while row < len(self.grid.rows):
            figures = self._row_figures(row)
            if not figures and self._is_note(self.grid.rows[row]):
                break
            last_entity = self._read_row(row, figures, sink, last_entity)
            row += 1
        sink.set_complete(first_fact, self.complete)
        return max(row, self.layout.data_start) + (1 if row < len(self.grid.rows) else 0)

    def _is_note(self, cells) -> bool:
        """A row without figures that opens with "Ghi chú:", "Nguồn:", "*" ...: the notes under the table.
        The words must stand alone or before a colon: "Nguồn vốn đầu tư" is an indicator, not a note."""
        lead = next((c.value for c in cells[:4] if isinstance(c.value, str) and c.value.strip()), None)
        if lead is None:
            return False
        if lead.lstrip().startswith("*"):
            return True
        return fold(lead.split(":", 1)[0]) in self.vocab.notes_markers

    def _read_row(self, row: int, figures: list, sink: FactSink, last_entity: str | None) -> str | None:
        label, code = self._label_and_code(row)
        if not label and not code and not figures:
            return last_entity
        entity = f"{self.grid.name}!{row + 1}"
        folded = fold(label)
        if not figures and code is None:
            self._breakdown_cue(last_entity, folded)  # "Chia ra:", "Trong đó:" under the parent row
            return last_entity
        parent = self.hierarchy.add(entity, code, label)
        if parent and any(_starts_with_phrase(folded, p) for p in self.vocab.breakdown_partial):
            self.complete[parent] = False
        self._breakdown_cue(entity, folded)
        if figures:
            unit = self._unit(row)
            sink.add_row(self, row, entity, code, label, parent, unit, figures)
        return entity

    def indicator_name(self, label: str) -> str:
        """The label without a trailing breakdown cue: "Tổng thu, trong đó:" names "Tổng thu"."""
        words = label.split()
        cues = (*self.vocab.breakdown_partial, *self.vocab.breakdown_complete)
        for n in (3, 2, 1):
            if len(words) > n and fold(" ".join(words[-n:])) in cues:
                return " ".join(words[:-n]).rstrip(" ,;:-–")
        return label

    def _breakdown_cue(self, entity: str | None, folded: str) -> None:
        """A label ending in "gồm:"/"chia ra:" declares a whole breakdown, "trong đó:" a part of one."""
        if entity is None:
            return
        if any(_ends_with_phrase(folded, p) for p in self.vocab.breakdown_partial):
            self.complete[entity] = False
        elif any(_ends_with_phrase(folded, p) for p in self.vocab.breakdown_complete):
            self.complete.setdefault(entity, True)

    def _label_and_code(self, row: int) -> tuple[str, str | None]:
        layout = self.layout
        raw_label, code = None, None
        if layout.label_col is not None:
            origin = self.merges.source(row, layout.label_col)
            raw_label = cell_value(self.grid, *origin)  # "TỔNG SỐ" merged across the STT and label cells
            if origin[1] == layout.code_col:
                return _words(raw_label), None
        if layout.code_col is not None:
            code = clean_code(cell_value(self.grid, row, layout.code_col))
        label = _words(raw_label)
        if code is None and label:
            code, label = code_from_label(label)
        elif code is not None and not label and code_rank(code) is None:
            code, label = None, code  # words in the STT column: the row's label
        return label, code

    def _row_figures(self, row: int) -> list:
        cells = self.grid.rows[row]
        out = []
        for col, measure, period, start, end, year in self.columns:
            if col >= len(cells):
                continue
            figure = read_figure(cells[col].value, cells[col].number_format, self.vocab.no_data, self.style)
            if figure is not None:
                if figure.ambiguous:
                    self.ambiguous.append(figure.raw)
                out.append((col, measure, period, start, end, year, figure))
        return out

    def _unit(self, row: int) -> str | None:
        if self.layout.unit_col is not None:
            value = cell_value(self.grid, row, self.layout.unit_col)
            if value is not None and str(value).strip():
                return " ".join(str(value).split())
        return self.default_unit


def _kind(grid: Grid) -> str:
    return "sheet" if grid.origin == "sheet" else "table"


def _words(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _ends_with_phrase(folded: str, phrase: str) -> bool:
    return folded == phrase or folded.endswith(" " + phrase)


def _starts_with_phrase(folded: str, phrase: str) -> bool:
    return folded == phrase or folded.startswith(phrase + " ")


def _cumulative_from_months(layout: Layout) -> Period | None:
    months = [c.period for c in layout.columns if c.role == F.MONTH and c.period is not None]
    if not months:
        return None
    return Period("cumulative", 1, max(p.end for p in months), months[0].year)


def _period_label(period: Period, year: int | None) -> str:
    def month(m: int) -> str:
        return f"{year}-{m:02d}" if year else f"{m:02d}"

    if period.start is None or period.end is None:
        return ""
    if period.kind == "month":
        return month(period.start)
    return f"{month(period.start)}..{month(period.end)}"


def _letters(col: int) -> str:
    return a1(0, col)[:-1]


class FactSink:
    """Fact rows collected column-wise: what a row shares is stored once per row, what a figure has once
    per figure (a 100k-row sheet gives a million facts: no dict per fact, bounds computed vectorised)."""

    ROW_FIELDS = (F.FILE, F.SHEET, F.ENTITY, F.CODE, F.INDICATOR, F.PARENT, F.UNIT, F.SCALE, F.TEXT)
    FIGURE_FIELDS = (F.CELL, F.LINE, F.WHERE, F.MEASURE, F.PERIOD, F.PERIOD_START, F.PERIOD_END, F.YEAR,
                     F.VALUE, F.DECIMALS, F.RAW)

    def __init__(self) -> None:
        self.rows: dict[str, list] = {name: [] for name in self.ROW_FIELDS}
        self.figs: dict[str, list] = {name: [] for name in self.FIGURE_FIELDS}
        self.row_of: list[int] = []        # figure -> its row in self.rows
        self.is_pct: list[bool] = []
        self.complete_rows: set[int] = set()
        self._letters: list[str] = []

    def __len__(self) -> int:
        return len(self.row_of)

    def add_row(self, ctx: _TableContext, row: int, entity, code, label, parent, unit, figures) -> None:
        grid = ctx.grid
        index = len(self.rows[F.ENTITY])
        name_of = ctx.indicator_name(label)
        for name, value in zip(self.ROW_FIELDS, (ctx.path, grid.name, entity, code, name_of, parent, unit,
                                                 ctx.vocab.scale_of(unit), label)):
            self.rows[name].append(value)
        is_sheet = grid.origin == "sheet"
        f = self.figs
        cells, lines, wheres = f[F.CELL], f[F.LINE], f[F.WHERE]
        for col, measure, period, start, end, year, figure in figures:
            if is_sheet:
                cells.append(self._column_letters(col) + str(row + 1))
                lines.append(None)
                wheres.append(None)
            else:
                cells.append(None)
                lines.append(grid.line_of(row))
                wheres.append(f"{grid.name}, {grid.cell_name(row, col)}")
            f[F.MEASURE].append(measure)
            f[F.PERIOD].append(period)
            f[F.PERIOD_START].append(start)
            f[F.PERIOD_END].append(end)
            f[F.YEAR].append(year)
            f[F.VALUE].append(figure.value)
            f[F.DECIMALS].append(figure.decimals)
            f[F.RAW].append(figure.raw)
            self.row_of.append(index)
            self.is_pct.append(measure in PERCENT_MEASURES)

    def _column_letters(self, col: int) -> str:
        while len(self._letters) <= col:
            self._letters.append(_letters(len(self._letters)))
        return self._letters[col]

    def set_complete(self, first: int, complete: dict[str, bool]) -> None:
        entities = self.rows[F.ENTITY]
        for index in range(self.row_of[first] if first < len(self.row_of) else len(entities), len(entities)):
            if complete.get(entities[index]):
                self.complete_rows.add(index)

    def frame(self):
        if not len(self):
            return F.new_table()
        import numpy as np
        import pandas as pd

        take = np.asarray(self.row_of, dtype=np.int64)
        data: dict[str, object] = {}
        for name, values in self.rows.items():
            data[name] = np.asarray(values, dtype=object)[take]
        data.update(self.figs)
        pct = np.asarray(self.is_pct, dtype=bool)
        data[F.UNIT] = np.where(pct, "%", data[F.UNIT])
        data[F.SCALE] = np.where(pct, 1.0, data[F.SCALE].astype("float64"))
        complete = np.zeros(len(self.rows[F.ENTITY]), dtype=bool)
        complete[list(self.complete_rows)] = True
        data[F.COMPLETE] = complete[take]
        value = np.asarray(self.figs[F.VALUE], dtype="float64")
        half = 0.5 * np.power(10.0, -np.asarray(self.figs[F.DECIMALS], dtype="float64"))
        data[F.LOWER], data[F.UPPER] = value - half, value + half
        data[F.PHRASING] = [None] * len(take)
        data[F.SOURCE] = ["table"] * len(take)
        data[F.BASE], data[F.DOUBT] = [None] * len(take), [None] * len(take)
        data[F.CERTAIN] = np.ones(len(take), dtype=bool)   # a cell's row and column say what it is
        frame = pd.DataFrame({name: _column(data[name]) for name in F.COLUMNS})
        return frame.astype({F.VALUE: "float64", F.LOWER: "float64", F.UPPER: "float64", F.SCALE: "float64"})


def _column(values):
    """numpy object arrays back to lists, so pandas infers the same dtypes as `facts.new_table`."""
    return values.tolist() if hasattr(values, "tolist") and getattr(values, "dtype", None) == object else values
