"""Tables -> facts: one row per stated figure, with its cell, indicator, parent, measure, period.

`grid_facts` finds every table in a grid (`extract.layout`): each with its own header and column plan
(`extract.columns`), never another table's. An indicator table (rows are indicators) gives one entity per
row, its parents from the STT codes (`extract.hierarchy`). A consolidation table (rows are reporting
units, `extract.unitrows`) gives one entity per unit and indicator column, whose parent is the same
column of the total row ("Toàn huyện"): the core rules then check total = sum of the units, and rates
are never summed. Relations the table declares (formula labels, "Trong đó" sub-columns, a rate beside
its numerator and denominator) ride on the figure they concern (facts.FORMULA).

Notes for the user: per table the columns read and ignored; tables not read and why; sheets without
tables; readings chosen for ambiguous numbers. Rows under the table starting with "Ghi chú", "Nguồn" ...
end it, and so does the header of the next table.
"""

from __future__ import annotations

import gc
import re

from check_report import facts as F
from check_report.extract.cells import Figure, text_style
from check_report.extract.columns import build_plan
from check_report.extract.figures import FigureBlock
from check_report.extract.formulas import find_formula
from check_report.extract.headers import Period, years_in
from check_report.extract.hierarchy import Hierarchy, clean_code, code_from_label, code_rank
from check_report.extract.layout import (
    Layout,
    MergeMap,
    Unread,
    block_end,
    cell_value,
    next_table,
    starts_new_table,
    table_period,
)
from check_report.extract.sink import FactSink, letters
from check_report.extract.tablerows import own as _own, read_plain, words as _words
from check_report.extract.unitrows import is_total_label, rows_are_units
from check_report.extract.vocabulary import Vocabulary, fold, load_vocabulary
from check_report.folding import fold_many, fold_words
from check_report.numbers import EN, VI
from check_report.readers.base import Grid

_UNIT_NOTE = re.compile(r"\b(?:đơn vị tính|đơn vị|đvt|unit)\s*:\s*(.+)$", re.IGNORECASE)
TITLE_ROWS_FOR_YEAR = 12
SAMPLE_ROWS = 40
# rows whose figures are read together: the first blocks are small (a short table reads few rows past its
# end), a long table's large (a column's repeated figures are written once per block)
FIRST_BLOCK, MAX_BLOCK = 64, 32768
_VERDICTS = (("khong dat", -1), ("chua dat", -1), ("khong hoan thanh", -1), ("chua hoan thanh", -1),
             ("vuot", 1), ("hoan thanh vuot", 1), ("dat", 0), ("hoan thanh", 0))


def grid_facts(path: str, grid: Grid, vocabulary=None, plans: list | None = None, release: bool = False):
    """(facts DataFrame, notes) of every table in one grid (a sheet, or a document's table). `plans`, a
    list, receives each table's column plan (for `check-report extract`). `release`: nobody reads the
    grid's cells afterwards, so they are let go of before the facts are made into a table (a 100k-row
    sheet's cells and its fact table were the peak of memory while both lived)."""
    # a large table holds its rows until it ends (parents need the whole table), then the sheet's facts
    # are made into columns: the cyclic garbage collector would walk them again and again (none of them
    # forms a cycle), so it pauses while the grid is read
    paused = gc.isenabled()
    gc.disable()
    try:
        return _grid_facts(path, grid, vocabulary, plans, release)
    finally:
        if paused:
            gc.enable()


def _grid_facts(path: str, grid: Grid, vocabulary, plans: list | None, release: bool):
    vocab = load_vocabulary(vocabulary)
    merges = MergeMap(grid)
    sink = FactSink()
    notes: list[str] = []
    start, found, year = 0, 0, None
    while start < len(grid.rows):
        table = next_table(grid, start, vocab, merges)
        if table is None:
            break
        found += 1
        if isinstance(table, Unread):
            notes.append(_unread_note(path, grid, table.top, table.title, table.reason))
            _plan_rows(plans, grid, f"row {table.top + 1}", table.title, [("", "", f"not read: {table.reason}")])
            start = max(table.end, start + 1)
            continue
        context = _TableContext(path, grid, table, vocab, _title_above(grid, table, start), year, merges)
        if not context.plan.plans and context.plan.assessment is None:
            reason = "no column of figures has a role or an indicator its header names"
            notes.append(_unread_note(path, grid, table.header_top, context.title, reason))
            _plan_rows(plans, grid, f"row {table.header_top + 1}", context.title, [("", "", f"not read: {reason}")])
            start = max(block_end(grid, table.data_start), start + 1)
            continue
        notes.extend(context.plan_notes())
        _plan_rows(plans, grid, f"rows {table.header_top + 1}-{table.header_bottom + 1}", context.title,
                   context.plan.listing(table), context.units_mode)
        start = context.read_rows(sink)
        notes.extend(context.style_notes())
        year = context.year  # a later table on the sheet without a year of its own shares this one
    if not found:
        notes.append(f"{path}: {_kind(grid)} {grid.name!r} skipped: no indicator table")
    if release:
        grid.rows = []
    return sink.frame(), notes


def _plan_rows(plans, grid: Grid, rows: str, title: str, columns, units_mode: bool = False) -> None:
    if plans is None:
        return
    table = f"{rows}" + (f" {title!r}" if title else "") + (" (rows are reporting units)" if units_mode else "")
    plans.extend({"sheet": grid.name, "table": table, "column": col, "header": header, "read as": reading}
                 for col, header, reading in columns)


def _unread_note(path: str, grid: Grid, top: int, title: str, reason: str) -> str:
    named = f" ({title!r})" if title else ""
    return f"{path}: {_kind(grid)} {grid.name!r}, table at row {top + 1}{named}: not read: {reason}"


def _title_above(grid: Grid, layout: Layout, start: int) -> list[str]:
    first = max(start, layout.header_top - TITLE_ROWS_FOR_YEAR)
    texts = []
    for row in grid.rows[first:layout.header_top]:
        texts.extend(str(c.value) for c in row if isinstance(c.value, str) and c.value.strip())
    return texts


class _Row:
    """One data row as read: its label, code(s), figures as (plan, figure) and verdict."""

    __slots__ = ("row", "label", "code", "codes", "verdict", "total", "has_figures", "entities", "folded")

    def __init__(self, row: int, label: str, code: str | None, codes: tuple, verdict: Figure | None = None,
                 total: bool = False, folded: str | None = None):
        self.row, self.label, self.code, self.codes = row, label, code, codes   # codes: STT and "Mã số"
        self.verdict, self.total = verdict, total
        self.folded = fold(label) if folded is None else folded
        # set by rows.Emitter: whether it states figures, its entities in the sink (group, row, first figure)
        self.has_figures, self.entities = False, []


class _TableContext:
    """One table being read: its layout, year, default unit, column plan and rows."""

    def __init__(self, path: str, grid: Grid, layout: Layout, vocab: Vocabulary, titles: list[str],
                 fallback_year: int | None, merges: MergeMap):
        self.path, self.grid, self.layout, self.vocab, self.merges = path, grid, layout, vocab, merges
        self.title = _table_title(titles)
        header_years = [y for c in layout.measures for y in years_in(fold(c.header))]
        title_years = [y for t in titles for y in years_in(t)]
        self.year = max(header_years or title_years or years_in(grid.name) or [fallback_year],
                        key=lambda y: y or 0)
        self.default_unit = next((m.group(1).strip() for t in titles if (m := _UNIT_NOTE.search(t.strip()))),
                                 None)
        self.cumulative = table_period(layout) or _cumulative_from_months(layout)
        self.complete: dict[str, bool] = {}
        label_header = layout.columns[layout.label_col].header if layout.label_col is not None else ""
        self.units_mode = rows_are_units(self._sample_labels(), label_header, vocab)
        self.plan = build_plan(self)
        self.cue_ends = {c.rpartition(" ")[2] for c in (*vocab.breakdown_partial, *vocab.breakdown_complete)}
        self.cues = frozenset((*vocab.breakdown_partial, *vocab.breakdown_complete))
        self.cue_starts = {c.partition(" ")[0] for c in self.cues}
        self.style, self.style_votes = self._text_style()
        self.ambiguous: list[str] = []   # typed figures that read both ways, as written
        self._near_start, self._near = 0, {}   # the block's label, code and unit cells (`_prefetch`)
        self._units: dict = {}

    # -- the column plan -----------------------------------------------------------------------------
    def sample(self) -> list:
        return self.grid.rows[self.layout.data_start:self.layout.data_start + SAMPLE_ROWS]

    def _sample_labels(self) -> list[str]:
        col = self.layout.label_col
        return [_words(r[col].value) for r in self.sample() if col is not None and col < len(r)
                and isinstance(r[col].value, str)]

    def plan_notes(self) -> list[str]:
        """The table's columns of figures read (the letters: `check-report extract` says as what), then one
        note per column ignored, with why (the English templates of locale note.* translate them)."""
        rows = f"{self.layout.header_top + 1}-{self.layout.header_bottom + 1}"
        named = f" ({self.title!r})" if self.title else ""
        place = f"{self.path}: {_kind(self.grid)} {self.grid.name!r}, table at rows {rows}"
        read = [p.col for p in self.plan.plans] + ([self.plan.assessment] if self.plan.assessment is not None else [])
        units = "; rows are reporting units, under their total" if self.units_mode else ""
        notes = [f"{place}{named}: columns of figures read: {', '.join(letters(c) for c in sorted(read))}{units}"]
        notes += [f"{place}: column {letters(col)} ({header!r}) not read: {why}"
                  for col, header, why in self.plan.ignored]
        return notes

    def _text_style(self) -> tuple[str, dict[str, int]]:
        """The number style of the figures typed as text: VI unless unambiguous English ones prevail."""
        votes = {VI: 0, EN: 0}
        for col in [p.col for p in self.plan.plans]:
            for value in self.grid.texts(col, self.layout.data_start, len(self.grid.rows)):
                style = text_style(value, self.vocab.no_data)
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

    # -- rows ----------------------------------------------------------------------------------------
    def read_rows(self, sink: FactSink) -> int:
        """Read data rows into `sink` in blocks (a block's figures a column at a time), judged one by one
        until the notes under the table or the next table's header; returns where the next may start."""
        from check_report.extract.rows import Emitter

        rows: list[_Row] = []
        emitter = Emitter(self, sink)
        plans = self.plan.plans
        figure_cols = {p.col for p in plans}
        grid, data_start, total = self.grid, self.layout.data_start, len(self.grid.rows)
        start, last, stop, size = data_start, data_start - 1, None, FIRST_BLOCK  # last: the last row with figures
        while start < total and stop is None:
            end = min(total, start + size)
            size = min(2 * size, MAX_BLOCK)     # a short table reads few rows past its end
            block = FigureBlock(grid, plans, start, end, self.vocab.no_data, self.style)
            self._prefetch(start, end)
            reads = self._read_block(start, end, block.any)
            taken = []          # (row read, position in the block): added to the sink at once
            row = start
            for row in range(start, end):
                has_figures = block.any[row - start]
                if not has_figures and self._is_note(grid.rows[row]):
                    stop = row + 1
                    break
                if not has_figures and row > data_start and \
                        starts_new_table(grid, self.merges, row, self.vocab, figure_cols):
                    stop = last + 1
                    break
                read = reads[row - start]
                if read is not None:
                    taken.append((read, row - start))
                    rows.append(read)
                    if has_figures:
                        last = row
            else:
                row = end
            self.ambiguous.extend(block.ambiguous(row - start))
            emitter.add(taken, block)
            emitter.flush(block)
            start = end
        emitter.finish(rows)
        if stop is None:
            return total
        return max(stop, data_start)

    def _prefetch(self, start: int, end: int) -> None:
        """The label, code, unit and verdict cells of rows [start, end), read a column at a time."""
        layout = self.layout
        cols = {c for c in (layout.label_col, layout.code_col, layout.unit_col, self.plan.assessment,
                            *self.plan.extra_codes) if c is not None}
        self._near_start, self._near = start, {col: self.grid.values(col, start, end) for col in cols}

    def _cell(self, row: int, col: int):
        """cell_value(self.grid, row, col), from the block's columns when it is there."""
        near = self._near.get(col)
        if near is not None and 0 <= row - self._near_start < len(near):
            return near[row - self._near_start]
        return cell_value(self.grid, row, col)

    def _is_note(self, cells) -> bool:
        """A row without figures that opens with "Ghi chú:", "Nguồn:", "*" ...: the notes under the table.
        The words must stand alone or before a colon: "Nguồn vốn đầu tư" is an indicator, not a note."""
        lead = next((c.value for c in cells[:4] if isinstance(c.value, str) and c.value.strip()), None)
        if lead is None:
            return False
        if lead.lstrip().startswith("*"):
            return True
        return fold(lead.split(":", 1)[0]) in self.vocab.notes_markers

    def _read_block(self, start: int, end: int, figures: list[bool]) -> list[_Row | None]:
        """`_read_row` of each row of [start, end) (rows past the table's end too: reading one is all it
        does), their labels folded together."""
        layout, plan = self.layout, self.plan
        if plan.extra_codes or plan.assessment is not None or layout.group_col is not None or \
                layout.label_col is None or layout.label_col == layout.code_col:
            reads = [self._read_row(row, figures[row - start], "") for row in range(start, end)]
        else:
            reads = read_plain(self, start, end, figures, _Row)
        made = [read for read in reads if read is not None]
        for read, folded in zip(made, fold_many([read.label for read in made])):
            read.folded = folded
        return reads

    def _read_row(self, row: int, figures: bool, folded: str | None = None) -> _Row | None:
        """The row's label, codes and verdict; `folded`: its label folded, when the caller folds it."""
        label, code = map(_own, self._label_and_code(row))
        verdict = self._verdict(row)
        if not label and not code and not figures:
            return None
        codes = (code,) if code else ()
        if self.plan.extra_codes:
            codes += tuple(c for c in (clean_code(self._cell(row, col)) for col in self.plan.extra_codes)
                           if c)
        return _Row(row, label, code, codes, verdict, self.units_mode and is_total_label(label, self.vocab), folded)

    def _verdict(self, row: int) -> Figure | None:
        col = self.plan.assessment
        if col is None:
            return None
        value = self._cell(row, col)
        if not isinstance(value, str) or not value.strip():
            return None
        folded = fold(value)
        for words, code in _VERDICTS:
            if folded == words or folded.startswith(words + " "):
                return Figure(float(code), 0, " ".join(value.split()), False)
        return None

    def indicator_name(self, label: str, folded: str | None = None) -> str:
        """The label without a trailing breakdown cue: "Tổng thu, trong đó:" names "Tổng thu"; without a
        leading one and its bullet: "Trong đó: - Cá" names "Cá". `folded`, fold(label) when known, spares
        folding its last word: a cue word is the last word of the folded label too."""
        head, colon, rest = label.partition(":")
        if colon and rest.strip() and fold(head) in self.cues:
            label = code_from_label(rest.strip())[1]
            folded = None                      # it was the folding of the whole label
        if folded is not None and "" not in self.cue_ends and folded.rpartition(" ")[2] not in self.cue_ends:
            return label
        words = label.split()
        folds = fold_words(words[-3:])      # fold(" ".join(words[-n:])) is the last n of them joined
        if not words or folds[-1] not in self.cue_ends:
            return label
        for n in (3, 2, 1):            # (a phrase of the last n words starts with the first one's folding)
            if len(words) <= n or folds[-n] and folds[-n].partition(" ")[0] not in self.cue_starts:
                continue
            if " ".join([f for f in folds[-n:] if f]) in self.cues:
                return " ".join(words[:-n]).rstrip(" ,;:-–")
        return label

    def _label_and_code(self, row: int) -> tuple[str, str | None]:
        layout = self.layout
        raw_label, code = None, None
        if layout.label_col is not None:
            origin = self.merges.source(row, layout.label_col)
            raw_label = self._cell(*origin)  # "TỔNG SỐ" merged across the STT and label cells
            if origin[1] == layout.code_col:
                return _words(raw_label), None
        if layout.code_col is not None:
            code = clean_code(self._cell(row, layout.code_col))
        label = _words(raw_label)
        if code is None and label:
            code, label = code_from_label(label)
        elif code is not None and not label and code_rank(code) is None:
            code, label = None, code  # words in the STT column: the row's label
        if layout.group_col is not None and label:
            group = _words(cell_value(self.grid, *self.merges.source(row, layout.group_col)))
            if group and group != label:
                label = f"{group} – {label}"   # "Ngô – Sản lượng": the crop merged down over its rows
        return label, code

    def unit_of(self, row: int) -> str | None:
        if self.layout.unit_col is not None:
            value = self._cell(row, self.layout.unit_col)
            if value is not None:
                text = str(value)
                unit = self._units.get(text)
                if unit is None:
                    unit = self._units[text] = " ".join(text.split())
                if unit:
                    return unit
        return self.default_unit

    def hierarchy(self) -> Hierarchy:
        return Hierarchy()

    def row_formula(self, label: str):
        return find_formula(label, rows=True)


_TITLE_WORDS = ("bieu", "bang", "phu luc", "bao cao", "ket qua", "tong hop", "table", "annex")


def _table_title(titles: list[str]) -> str:
    """The line that names the table ("BIỂU 02: SẢN XUẤT NÔNG NGHIỆP"), else the last one above it."""
    lines = [" ".join(t.split()) for t in titles if t.strip() and not _UNIT_NOTE.search(t.strip())]
    named = [t for t in lines if fold(t).startswith(_TITLE_WORDS)]
    plain = [t for t in lines if not (t.startswith("(") and t.endswith(")"))]   # not "(Số liệu đến ...)"
    title = (named or plain or lines or [""])[-1]
    return title if len(title) <= 70 else title[:67] + "..."


def _kind(grid: Grid) -> str:
    return "sheet" if grid.origin == "sheet" else "table"


def _cumulative_from_months(layout: Layout) -> Period | None:
    months = [c.period for c in layout.columns if c.role == F.MONTH and c.period is not None]
    if not months:
        return None
    return Period("cumulative", 1, max(p.end for p in months), months[0].year)
