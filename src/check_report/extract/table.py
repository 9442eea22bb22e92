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

import re
from dataclasses import dataclass, field

from check_report import facts as F
from check_report.extract.cells import Figure, read_figure, text_style
from check_report.extract.columns import (
    ColumnPlan,
    Plan,
    column_numbers,
    header_unit,
    indicator_name,
    is_rate,
    is_whole,
    part_cue,
    period_label,
    rate_relation,
)
from check_report.extract.formulas import find_formula, relation
from check_report.extract.headers import Column, Period, years_in
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
from check_report.extract.unitrows import is_total_label, rows_are_units
from check_report.extract.vocabulary import Vocabulary, fold, load_vocabulary
from check_report.numbers import EN, VI
from check_report.readers.base import Grid

_UNIT_NOTE = re.compile(r"\b(?:đơn vị tính|đơn vị|đvt|unit)\s*:\s*(.+)$", re.IGNORECASE)
TITLE_ROWS_FOR_YEAR = 12
SAMPLE_ROWS = 40
_VERDICTS = (("khong dat", -1), ("chua dat", -1), ("khong hoan thanh", -1), ("chua hoan thanh", -1),
             ("vuot", 1), ("hoan thanh vuot", 1), ("dat", 0), ("hoan thanh", 0))


def grid_facts(path: str, grid: Grid, vocabulary=None):
    """(facts DataFrame, notes) of every table in one grid (a sheet, or a document's table)."""
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
            start = max(table.end, start + 1)
            continue
        context = _TableContext(path, grid, table, vocab, _title_above(grid, table, start), year, merges)
        if not context.plan.plans and context.plan.assessment is None:
            ignored = "; ".join(f"{letters(c)} {h!r}" for c, h, _ in context.plan.ignored)
            reason = "no column of figures has a role or an indicator its header names" + \
                (f" ({ignored})" if ignored else "")
            notes.append(_unread_note(path, grid, table.header_top, context.title, reason))
            start = max(block_end(grid, table.data_start), start + 1)
            continue
        notes.append(context.plan_note())
        start = context.read_rows(sink)
        notes.extend(context.style_notes())
        year = context.year  # a later table on the sheet without a year of its own shares this one
    if not found:
        notes.append(f"{path}: {_kind(grid)} {grid.name!r} skipped: no indicator table")
    return sink.frame(), notes


def _unread_note(path: str, grid: Grid, top: int, title: str, reason: str) -> str:
    named = f" ({title!r})" if title else ""
    return f"{path}: {_kind(grid)} {grid.name!r} table at row {top + 1}{named} not read: {reason}"


def _title_above(grid: Grid, layout: Layout, start: int) -> list[str]:
    first = max(start, layout.header_top - TITLE_ROWS_FOR_YEAR)
    texts = []
    for row in grid.rows[first:layout.header_top]:
        texts.extend(str(c.value) for c in row if isinstance(c.value, str) and c.value.strip())
    return texts


@dataclass
class _Row:
    row: int
    label: str
    code: str | None
    codes: tuple[str, ...]                 # every code the row carries (STT, "Mã số") for row formulas
    figures: list = field(default_factory=list)   # (plan, figure)
    verdict: Figure | None = None
    parent: int | None = None              # index in the table's rows
    total: bool = False


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
        self.plan = self._build_plan()
        self.style, self.style_votes = self._text_style()
        self.ambiguous: list[str] = []   # typed figures that read both ways, as written

    # -- the column plan -----------------------------------------------------------------------------
    def _sample(self) -> list:
        return self.grid.rows[self.layout.data_start:self.layout.data_start + SAMPLE_ROWS]

    def _sample_labels(self) -> list[str]:
        col = self.layout.label_col
        return [_words(r[col].value) for r in self._sample() if col is not None and col < len(r)
                and isinstance(r[col].value, str)]

    def _figure_share(self, col: int) -> tuple[int, int]:
        """(figures, non-empty cells) of a column in the first data rows."""
        figures = filled = 0
        for cells in self._sample():
            if col < len(cells) and cells[col].value is not None and str(cells[col].value).strip():
                filled += 1
                if read_figure(cells[col].value, cells[col].number_format, self.vocab.no_data) is not None:
                    figures += 1
        return figures, filled

    def _build_plan(self) -> ColumnPlan:
        layout = self.layout
        number_row = [c.value for c in self.grid.rows[layout.number_row]] if layout.number_row is not None else None
        numbers, formulas = column_numbers(layout.columns, number_row)
        plan = ColumnPlan([], [])
        structural = {layout.code_col, layout.label_col, layout.unit_col}
        for column in layout.columns:
            if column.index in structural:
                continue
            figures, filled = self._figure_share(column.index)
            if column.duplicate_of:
                if column.duplicate_of == "code":
                    plan.extra_codes.append(column.index)
                if filled:
                    plan.ignored.append((column.index, column.header, f"a second {column.duplicate_of} column"))
                continue
            if column.role == "notes":
                plan.ignored.append((column.index, column.header, "notes"))
            elif column.role == "assessment" and figures * 2 > filled:
                plan.ignored.append((column.index, column.header, "scores, not verdict words"))
            elif column.role == "assessment":
                plan.assessment = column.index
            elif column.role is not None:
                plan.plans.append(self._measure_plan(column))
            elif not column.header.strip():
                if figures:
                    plan.ignored.append((column.index, "", "no header"))
            elif figures * 2 <= filled or not figures:
                if filled:
                    plan.ignored.append((column.index, column.header, "holds no figures"))
            else:
                unnamed = self._unnamed_plan(column)
                if unnamed is None:
                    plan.ignored.append((column.index, column.header, "header not understood"))
                else:
                    plan.plans.append(unnamed)
        self._link_parts(plan.plans)
        self._formulas(plan, numbers, formulas)
        return plan

    def _measure_plan(self, column: Column) -> Plan:
        """A column whose header names a measure (plan, a month, % of plan ...)."""
        role, period = column.role, column.period
        year = column.year or self.year
        if role in (F.MONTH, F.CUMULATIVE) and column.year and self.year and column.year == self.year - 1:
            role = F.PREVIOUS_MONTH if role == F.MONTH else F.PREVIOUS
        if role == F.PREVIOUS:
            year = column.year if column.year and self.year and column.year < self.year else \
                (self.year - 1 if self.year else None)
        elif role == F.PREVIOUS_MONTH:
            year = self.year or (column.year + 1 if column.year else None)   # the month it is compared with
        if period is None and role not in (F.MONTH, F.PLAN):
            period = self.cumulative if role not in (F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH) else None
        label, start, end = ("", None, None) if role == F.PLAN else period_label(period, year)
        plan = Plan(column.index, column.header, role, label, start, end, year)
        plan.unit = header_unit(column.texts)
        if self.units_mode and len(column.texts) > 1 and self._names_indicator(column.texts[0]):
            plan.group, plan.name = column.origins[0][1], indicator_name(column.texts[:-1], self.vocab)
        plan.rate = plan.percent or is_rate(column.texts, plan.unit, self.vocab)
        return plan

    def _names_indicator(self, text: str) -> bool:
        """A group header that names an indicator ("Diện tích lúa (ha)"), not a measure or a period."""
        folded = fold(text)
        role, _ = self.vocab.best_role(folded)
        from check_report.extract.headers import parse_period

        return role is None and parse_period(folded, self.vocab) is None and \
            not self.vocab.any_phrase(folded, "compare") and bool(folded)

    def _unnamed_plan(self, column: Column) -> Plan | None:
        """A column of figures whose header names no measure: an indicator of a consolidation table, the
        whole ("Tổng số") of an indicator table's row, or a part of it ("Trong đó: Nữ")."""
        unit = header_unit(column.texts)
        label, start, end = period_label(column.period, column.year or self.year) \
            if column.period is not None and column.period.kind == "cumulative" else ("", None, None)
        plan = Plan(column.index, column.header, F.AMOUNT, label, start, end, column.year or self.year,
                    unit=unit, name=indicator_name(column.texts, self.vocab) or column.header)
        plan.rate = is_rate(column.texts, unit, self.vocab)
        if self.units_mode:
            plan.group = column.index
            return plan
        if is_whole(column.texts, self.vocab) and not part_cue(column.texts, self.vocab):
            plan.name = None
            return plan
        if part_cue(column.texts, self.vocab) or len(column.texts) > 1:
            plan.group = column.index          # linked to its whole by _link_parts, or dropped there
            return plan
        return None

    def _link_parts(self, plans: list[Plan]) -> None:
        """"Tổng số | Trong đó: Nữ | ...": each part is linked to the whole on its left, in the same group."""
        columns = self.layout.columns
        by_col = {p.col: p for p in plans}
        for plan in plans:
            texts = columns[plan.col].texts
            cue = part_cue(texts, self.vocab)
            if plan.measure != F.AMOUNT or (cue is None and not self._beside_whole(plan, by_col)):
                continue
            whole = self._whole_left_of(plan, by_col)
            if whole is not None:
                plan.whole = whole.col
        if not self.units_mode:       # an indicator table keeps only parts with a whole
            plans[:] = [p for p in plans if p.group is None or p.whole is not None or p.measure != F.AMOUNT]

    def _beside_whole(self, plan: Plan, by_col: dict[int, Plan]) -> bool:
        whole = self._whole_left_of(plan, by_col)
        return whole is not None and len(self.layout.columns[plan.col].texts) > 1

    def _whole_left_of(self, plan: Plan, by_col: dict[int, Plan]) -> Plan | None:
        columns = self.layout.columns
        top = columns[plan.col].origins[0] if columns[plan.col].origins else None
        for col in range(plan.col - 1, -1, -1):
            other = by_col.get(col)
            if other is None:
                return None
            texts = columns[col].texts
            same_group = not top or not columns[col].origins or columns[col].origins[0] == top or \
                len(texts) == 1
            if is_whole(texts, self.vocab) and same_group:
                return other
            if not part_cue(texts, self.vocab) and not same_group:
                return None
        return None

    def _formulas(self, plan: ColumnPlan, numbers: dict[str, int], formulas: dict) -> None:
        by_col = {p.col: p for p in plan.plans}
        for col, formula in formulas.items():
            target = by_col.get(col)
            if target is None:
                continue
            if all(r in numbers and numbers[r] in by_col for r in formula.refs):
                target.formula, target.refs = formula, {r: numbers[r] for r in formula.refs}
                if target.measure in (F.GROWTH, F.GROWTH_MONTH) and not formula.is_ratio:
                    target.measure = F.CHANGE          # "(5)=(3)-(4)": an absolute change, not a growth rate
            else:
                plan.ignored.append((col, formula.text, "a formula naming columns not numbered in the header"))
        for part in [p for p in plan.plans if p.whole is not None and p.formula is None]:
            whole = by_col[part.whole]
            cue = part_cue(self.layout.columns[part.col].texts, self.vocab)
            part.formula, part.refs = relation(["w"], "<=", f"{part.name} ≤ {whole.header}"), {"w": whole.col}
            if cue == "complete" and whole.formula is None:
                parts = [p for p in plan.plans if p.whole == whole.col]
                whole.formula = relation([letters(p.col) for p in parts], "==",
                                         f"{whole.header} = " + " + ".join(p.name or p.header for p in parts))
                whole.refs = {letters(p.col): p.col for p in parts}
        if self.units_mode:
            amounts = [p for p in plan.plans if not p.rate and p.measure == F.AMOUNT]
            for rate in [p for p in plan.plans if p.rate and p.formula is None]:
                found = rate_relation(rate, amounts, self.vocab)
                if found:
                    num, den = found
                    rate.formula = relation(["num", "den"], "==", f"{num.name} / {den.name} × 100", "/")
                    rate.refs = {"num": num.col, "den": den.col}

    def plan_note(self) -> str:
        rows = f"rows {self.layout.header_top + 1}-{self.layout.header_bottom + 1}"
        named = f" ({self.title!r})" if self.title else ""
        return f"{self.path}: {_kind(self.grid)} {self.grid.name!r} table at {rows}{named}: " + \
            self.plan.describe(self.units_mode)

    def _text_style(self) -> tuple[str, dict[str, int]]:
        """The number style of the figures typed as text: VI unless unambiguous English ones prevail."""
        votes = {VI: 0, EN: 0}
        cols = [p.col for p in self.plan.plans]
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

    # -- rows ----------------------------------------------------------------------------------------
    def read_rows(self, sink: FactSink) -> int:
        """Read data rows into `sink`; returns the row where the next table may start."""
        from check_report.extract.rows import emit_rows

        rows: list[_Row] = []
        figure_cols = {p.col for p in self.plan.plans}
        row, last = self.layout.data_start, self.layout.data_start - 1   # last: the last row with figures
        stop = None
        while row < len(self.grid.rows):
            cells = self.grid.rows[row]
            figures = self._row_figures(row)
            if not figures and self._is_note(cells):
                stop = row + 1
                break
            if row > self.layout.data_start and starts_new_table(self.grid, self.merges, row, self.vocab,
                                                                 figure_cols):
                stop = last + 1
                break
            read = self._read_row(row, figures)
            if read is not None:
                rows.append(read)
                if figures:
                    last = row
            row += 1
        emit_rows(self, rows, sink)
        if stop is None:
            return len(self.grid.rows)
        return max(stop, self.layout.data_start)

    def _is_note(self, cells) -> bool:
        """A row without figures that opens with "Ghi chú:", "Nguồn:", "*" ...: the notes under the table.
        The words must stand alone or before a colon: "Nguồn vốn đầu tư" is an indicator, not a note."""
        lead = next((c.value for c in cells[:4] if isinstance(c.value, str) and c.value.strip()), None)
        if lead is None:
            return False
        if lead.lstrip().startswith("*"):
            return True
        return fold(lead.split(":", 1)[0]) in self.vocab.notes_markers

    def _read_row(self, row: int, figures: list) -> _Row | None:
        label, code = self._label_and_code(row)
        verdict = self._verdict(row)
        if not label and not code and not figures:
            return None
        codes = tuple(c for c in (code, *(clean_code(cell_value(self.grid, row, c)) for c in self.plan.extra_codes))
                      if c)
        return _Row(row, label, code, codes, figures, verdict, total=self.units_mode and is_total_label(label, self.vocab))

    def _verdict(self, row: int) -> Figure | None:
        col = self.plan.assessment
        if col is None:
            return None
        value = cell_value(self.grid, row, col)
        if not isinstance(value, str) or not value.strip():
            return None
        folded = fold(value)
        for words, code in _VERDICTS:
            if folded == words or folded.startswith(words + " "):
                return Figure(float(code), 0, " ".join(value.split()), False)
        return None

    def indicator_name(self, label: str) -> str:
        """The label without a trailing breakdown cue: "Tổng thu, trong đó:" names "Tổng thu"."""
        words = label.split()
        cues = (*self.vocab.breakdown_partial, *self.vocab.breakdown_complete)
        for n in (3, 2, 1):
            if len(words) > n and fold(" ".join(words[-n:])) in cues:
                return " ".join(words[:-n]).rstrip(" ,;:-–")
        return label

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
        for plan in self.plan.plans:
            col = plan.col
            if col >= len(cells):
                continue
            figure = read_figure(cells[col].value, cells[col].number_format, self.vocab.no_data, self.style)
            if figure is not None:
                if figure.ambiguous:
                    self.ambiguous.append(figure.raw)
                out.append((plan, figure))
        return out

    def unit_of(self, row: int) -> str | None:
        if self.layout.unit_col is not None:
            value = cell_value(self.grid, row, self.layout.unit_col)
            if value is not None and str(value).strip():
                return " ".join(str(value).split())
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
    title = (named or lines or [""])[-1]
    return title if len(title) <= 70 else title[:67] + "..."


def _kind(grid: Grid) -> str:
    return "sheet" if grid.origin == "sheet" else "table"


def _words(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _cumulative_from_months(layout: Layout) -> Period | None:
    months = [c.period for c in layout.columns if c.role == F.MONTH and c.period is not None]
    if not months:
        return None
    return Period("cumulative", 1, max(p.end for p in months), months[0].year)
