"""Fact rows of tables, collected column-wise and turned into the fact table of `check_report.facts`."""

from __future__ import annotations

import functools
import itertools
from typing import NamedTuple

import numpy as np

from check_report import facts as F
from check_report.readers.base import a1
from check_report.units import is_count

PERCENT_MEASURES = frozenset({F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH,
                              F.SHARE, F.RATIO_PCT})


def letters(col: int) -> str:
    return a1(0, col)[:-1]


class FactSink:
    """Fact rows collected column-wise: what a row shares is stored once per row, what a figure has once
    per figure (a 100k-row sheet gives a million facts: no dict per fact, bounds computed vectorised).
    Figures come one row at a time (`add_row`) or a block of rows at a time (`add_figures`, arrays), kept
    in segments in the order they came."""

    ROW_FIELDS = (F.FILE, F.SHEET, F.ENTITY, F.CODE, F.INDICATOR, F.PARENT, F.UNIT, F.SCALE, F.TEXT)
    FIGURE_FIELDS = (F.CELL, F.LINE, F.WHERE, F.MEASURE, F.PERIOD, F.PERIOD_START, F.PERIOD_END, F.YEAR,
                     F.VALUE, F.DECIMALS, F.RAW)
    # per figure besides the fact columns: its row in self.rows, a percentage measure, an exact count
    _OWN = ("row", "pct", "exact")

    def __init__(self) -> None:
        self.rows: dict[str, list] = {name: [] for name in self.ROW_FIELDS}
        self._row_lists = list(self.rows.values())
        self._segments: list[dict[str, list | np.ndarray]] = []
        self._open: dict[str, list] | None = None     # the segment add_row appends to
        self._count = 0
        self.complete_rows: set[int] = set()
        self.formulas: dict[int, str] = {}  # figure -> the relation the table declares for it
        self._letters: list[str] = []

    def __len__(self) -> int:
        return self._count

    def add_entity(self, path: str, grid, values: tuple) -> int:
        """One entity of one sheet row: `values` (entity, code, indicator, parent, unit, scale, text).
        Returns its index in self.rows."""
        files, sheets, entities, codes, indicators, parents, units, scales, texts = self._row_lists
        files.append(path)
        sheets.append(grid.name)
        entities.append(values[0])
        codes.append(values[1])
        indicators.append(values[2])
        parents.append(values[3])
        units.append(values[4])
        scales.append(values[5])
        texts.append(values[6])
        return len(files) - 1

    def add_entities(self, path: str, grid, values: list[tuple]) -> None:
        """`add_entity` for each of `values`, in order (a block of a table's rows at once)."""
        files, sheets, *fields = self._row_lists
        files.extend([path] * len(values))
        sheets.extend([grid.name] * len(values))
        for field, column in zip(fields, zip(*values)):
            field.extend(column)

    def entities(self) -> int:
        return len(self._row_lists[0])

    def add_row(self, path: str, grid, row: int, values: tuple, figures, counted: bool = False) -> int:
        """One entity's figures of one sheet row. `values`: (entity, code, indicator, parent, unit, scale,
        text); `figures`: (plan, figure) pairs, the plan giving col, measure, period, start, end and year
        (extract.columns.Plan); `counted`: the unit counts things one by one (units.is_count), so its whole
        numbers are exact. Returns the first figure's index."""
        index = self.add_entity(path, grid, values)
        first = self._count
        if self._open is None:
            self._open = {name: [] for name in (*self.FIGURE_FIELDS, *self._OWN)}
            self._segments.append(self._open)
        is_sheet = grid.origin == "sheet"
        f = self._open
        cells, lines, wheres = f[F.CELL], f[F.LINE], f[F.WHERE]
        for plan, figure in figures:
            col, measure = plan.col, plan.measure
            if is_sheet:
                cells.append(self.column_letters(col) + str(row + 1))
                lines.append(None)
                wheres.append(None)
            else:
                cells.append(None)
                lines.append(grid.line_of(row))
                wheres.append(f"{grid.name}, {grid.cell_name(row, col)}")
            f[F.MEASURE].append(measure)
            f[F.PERIOD].append(plan.period)
            f[F.PERIOD_START].append(plan.start)
            f[F.PERIOD_END].append(plan.end)
            f[F.YEAR].append(plan.year)
            f[F.VALUE].append(figure.value)
            f[F.DECIMALS].append(figure.decimals)
            f[F.RAW].append(figure.raw)
            f["row"].append(index)
            pct = measure in PERCENT_MEASURES
            f["pct"].append(pct)
            f["exact"].append(counted and not pct and not figure.percent and figure.decimals == 0
                              and float(figure.value).is_integer() and _counts(plan))
            self._count += 1
        return first

    def add_figures(self, grid, block, picked: list[tuple[int, int, int, bool]]) -> None:
        """The figures of whole rows of a block (`extract.figures.FigureBlock`), row by row as `add_row`
        would add them: `picked` lists (position in the block, sheet row, index in self.rows, counted)."""
        if not picked:
            return
        at, sheet_rows, owners, counted = np.fromiter(itertools.chain.from_iterable(picked), dtype=np.int64,
                                                      count=4 * len(picked)).reshape(-1, 4).T
        counted = counted.astype(bool)
        present = block.present[:, at]                        # plans x picked rows
        row_k, plan_k = np.nonzero(present.T)                  # row by row, each row in the plans' order
        if not len(row_k):
            return
        self._open = None
        pos = at[row_k]
        plans, columns = block.plans, block.columns
        value = np.stack([c.value for c in columns])[plan_k, pos]
        decimals = np.stack([c.decimals for c in columns])[plan_k, pos]
        percent = np.stack([c.percent for c in columns])[plan_k, pos]
        raw = np.empty(len(pos), dtype=object)
        for k, c in enumerate(columns):      # texts column by column: a stack of them all copied each
            mine = plan_k == k
            raw[mine] = c.raw[pos[mine]]
        pct = np.array([p.measure in PERCENT_MEASURES for p in plans])[plan_k]
        segment: dict = {
            F.RAW: raw, F.VALUE: value, F.DECIMALS: decimals, "row": owners[row_k], "pct": pct,
            "exact": counted[row_k] & ~pct & ~percent & (decimals == 0) & (np.floor(value) == value)
            & np.array([_counts(p) for p in plans], dtype=bool)[plan_k],
        }
        # the kinds of values each array holds, known without looking at each (`_inferred` needs them)
        kinds = segment["kinds"] = {F.RAW: {str}, F.VALUE: {float}, F.DECIMALS: {int}}
        # what a figure has from its column is kept once per column the block fills, with each figure's
        # column: the fact table's columns are then made from a few values (`_shared`)
        filled = np.flatnonzero(present.any(axis=1))
        used = [plans[k] for k in filled.tolist()]
        of_used = np.zeros(len(plans), dtype=np.int64)
        of_used[filled] = np.arange(len(filled))
        column = of_used[plan_k]
        for name, attr in ((F.MEASURE, "measure"), (F.PERIOD, "period"), (F.PERIOD_START, "start"),
                           (F.PERIOD_END, "end"), (F.YEAR, "year")):
            segment[name] = Shared(_objects([getattr(plan, attr) for plan in used]), column)
            kinds[name] = {type(getattr(plan, attr)) for plan in used}
        if grid.origin == "sheet":
            letters_ = _objects([self.column_letters(p.col) for p in plans])
            numbers = _objects([str(r + 1) for r in sheet_rows.tolist()])
            segment[F.CELL] = letters_[plan_k] + numbers[row_k]
            none = Shared(_objects([None]), np.zeros(len(row_k), dtype=np.int64))
            segment[F.LINE], segment[F.WHERE] = none, none
            kinds.update({F.CELL: {str}, F.LINE: {type(None)}, F.WHERE: {type(None)}})
        else:
            rows_ = sheet_rows[row_k].tolist()
            cols_ = [plans[k].col for k in plan_k.tolist()]
            segment[F.CELL] = [None] * len(rows_)
            segment[F.LINE] = [grid.line_of(r) for r in rows_]
            segment[F.WHERE] = [f"{grid.name}, {grid.cell_name(r, c)}" for r, c in zip(rows_, cols_)]
        self._segments.append(segment)
        self._count += len(row_k)

    def cells_from(self, start: int) -> list:
        """The cell (A1) of every figure from index `start` on."""
        return self._field(F.CELL)[0][start:].tolist()

    def _field(self, name: str, consume: bool = False, kinds: bool = False) -> tuple[np.ndarray, set | None]:
        """One field of every figure, and with `kinds` the kinds of its values (looking at each value of a
        segment that does not say them: only when asked); `consume`: the segments let go of it."""
        if any(isinstance(segment.get(name), Shared) for segment in self._segments):
            values, take, found = self._shared(name, consume, kinds)
            return values[take], found
        parts, found = [], set() if kinds else None
        for segment in self._segments:
            values = segment.pop(name) if consume else segment[name]
            if kinds:
                known = segment.get("kinds", {}).get(name)
                found |= known if known is not None else set(map(type, values))
            parts.append(values if isinstance(values, np.ndarray) else _objects(values))
        return (parts[0] if len(parts) == 1 else np.concatenate(parts)), found

    def _shared(self, name: str, consume: bool = False, kinds: bool = False):
        """One field of every figure as (values, take, kinds): figure i has values[take[i]]."""
        tables, takes, found, size = [], [], set() if kinds else None, 0
        for segment in self._segments:
            values = segment.pop(name) if consume else segment[name]
            if kinds:
                known = segment.get("kinds", {}).get(name)
                found |= known if known is not None else set(map(type, values))
            if isinstance(values, Shared):
                tables.append(values.values)
                takes.append(values.take + size)
                size += len(values.values)
            else:
                tables.append(values if isinstance(values, np.ndarray) else _objects(values))
                takes.append(np.arange(size, size + len(values)))
                size += len(values)
        if len(tables) == 1:
            return tables[0], takes[0], found
        return np.concatenate(tables), np.concatenate(takes), found

    def column_letters(self, col: int) -> str:
        while len(self._letters) <= col:
            self._letters.append(letters(len(self._letters)))
        return self._letters[col]

    def frame(self):
        """The fact table, built once: the sink lets go of each field as its column is made (a million
        figures' fields and their columns are not held at once)."""
        if not len(self):
            return F.new_table()
        import pandas as pd

        field = functools.partial(self._field, consume=True)
        take = field("row")[0].astype(np.int64)
        count = len(take)
        data: dict[str, object] = {}
        seen = _taken(take, len(self.rows[F.ENTITY]))
        for name, values in self.rows.items():
            if name not in (F.UNIT, F.SCALE):      # once per row, repeated per figure
                data[name] = _column(name, _objects(values), None, take, seen)
        for name in self.FIGURE_FIELDS:
            if name != F.VALUE and any(isinstance(segment.get(name), Shared) for segment in self._segments):
                values, which, kinds = self._shared(name, consume=True, kinds=True)
                data[name] = _column(name, values, kinds, which)
            elif name != F.VALUE:
                data[name] = _column(name, *field(name, kinds=True))
        pct = field("pct")[0].astype(bool)
        units = _objects([*self.rows[F.UNIT], "%"])        # a percentage's unit is "%", whatever its row's
        data[F.UNIT] = _column(F.UNIT, units, None, np.where(pct, len(units) - 1, take))
        data[F.SCALE] = np.where(pct, 1.0, _objects(self.rows[F.SCALE]).astype("float64")[take])
        complete = np.zeros(len(self.rows[F.ENTITY]), dtype=bool)
        complete[list(self.complete_rows)] = True
        data[F.COMPLETE] = complete[take]
        data[F.VALUE] = value = field(F.VALUE)[0].astype("float64")
        half = 0.5 * np.power(10.0, -np.asarray(data[F.DECIMALS], dtype="float64"))
        exact = field("exact")[0].astype(bool)
        if exact.any():
            half = np.where(exact, 0.0, half)
        data[F.LOWER], data[F.UPPER] = value - half, value + half
        every = np.zeros(count, dtype=np.int64)
        for name, text in ((F.PHRASING, None), (F.BASE, None), (F.DOUBT, None), (F.FORMULA, None),
                           (F.SOURCE, "table"), (F.SCOPE, "")):      # the same for every figure of a table
            data[name] = F.labels(_objects([text]), every)
        if self.formulas:
            formula = np.empty(count, dtype=object)
            for position, text in self.formulas.items():
                formula[position] = text
            data[F.FORMULA] = F.labels(formula)
        data[F.CERTAIN] = np.ones(count, dtype=bool)   # a cell's row and column say what it is
        frame = pd.DataFrame({name: data[name] for name in F.COLUMNS}, copy=False)
        return frame.astype({F.VALUE: "float64", F.LOWER: "float64", F.UPPER: "float64", F.SCALE: "float64"})


def _inferred(values: np.ndarray, kinds: set | None, take: np.ndarray | None = None, seen=None):
    """The column pandas infers from the list of `values` (or of values[take], each value repeated where
    `take` names it), built in one call when the kinds of values make its dtype plain: text (pandas' str),
    whole numbers, numbers, whole numbers with gaps (float, NaN), nothing at all (object). Anything else
    is the list itself, for pandas to infer as it always did. `kinds`: the types of the values, when known;
    `seen`: which values take names (`_taken`), when known."""
    import pandas as pd

    if kinds is None:
        if take is not None and len(take) != len(values):
            seen = _taken(take, len(values)) if seen is None else seen
        else:
            seen = None
        kinds = set(map(type, values if seen is None or seen is True else values[seen]))
    none = type(None)
    column = None
    if kinds == {str} or kinds == {str, none}:
        column = pd.array(values.astype(object, copy=False), dtype="str")
    elif kinds == {none}:   # as an object Series, which pandas takes as it is (see `frame`)
        return pd.Series(values if take is None else values[take], dtype=object, copy=False)
    elif kinds == {float}:
        column = values.astype(np.float64)
    elif kinds == {int}:
        try:
            column = values.astype(np.int64)
        except OverflowError:
            pass
    elif kinds == {int, none}:
        missing = values == None  # noqa: E711 - elementwise
        try:
            column = np.full(len(values), np.nan)
            column[~missing] = values[~missing].astype(np.float64)
        except OverflowError:
            column = None
        if column is not None and not (np.abs(column[~missing]) < 2.0**53).all():
            column = None                   # beyond exact floats: pandas' own conversion decides
    if column is None:
        return values.tolist() if take is None else values[take].tolist()
    return column if take is None else column[take]


def _column(name: str, values: np.ndarray, kinds: set | None, take: np.ndarray | None = None, seen=None):
    """The fact table's column `name` of these values (see `_inferred`): a categorical for the columns
    the fact table holds so (facts.LABELS), when its values are texts."""
    if name in F.LABELS and (kinds is None or kinds <= {str, type(None)}):
        column = F.labels(values, take)
        if column is not None:
            return column
    return _inferred(values, kinds, take, seen)


def _taken(take: np.ndarray, size: int):
    """Which of `size` values `take` names, or True when it names them all."""
    seen = np.zeros(size, dtype=bool)
    seen[take] = True
    return True if seen.all() else seen


class Shared(NamedTuple):
    """A field of a segment's figures held as a few values and, per figure, which of them it has."""
    values: np.ndarray
    take: np.ndarray


def _objects(values: list) -> np.ndarray:
    """A 1-d object array of `values` (never a 2-d array of tuples or strings' characters)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _counts(plan) -> bool:
    """A column of the row's counted things: not a rate, average or index (4 persons per household is no
    count even when whole), nor a column headed with a unit of its own that counts nothing ("triệu đồng")."""
    rate, unit = getattr(plan, "rate", False), getattr(plan, "unit", None)
    return not rate and (not unit or is_count(unit))
