"""Fact rows of tables, collected column-wise and turned into the fact table of `check_report.facts`."""

from __future__ import annotations

from check_report import facts as F
from check_report.readers.base import a1
from check_report.units import is_count

PERCENT_MEASURES = frozenset({F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH,
                              F.SHARE, F.RATIO_PCT})


def letters(col: int) -> str:
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
        self.exact: list[bool] = []        # a whole count of things (hộ, người): no rounding interval
        self.complete_rows: set[int] = set()
        self.formulas: dict[int, str] = {}  # figure -> the relation the table declares for it
        self._letters: list[str] = []

    def __len__(self) -> int:
        return len(self.row_of)

    def add_row(self, path: str, grid, row: int, values: tuple, figures, counted: bool = False) -> int:
        """One entity's figures of one sheet row. `values`: (entity, code, indicator, parent, unit, scale,
        text); `figures`: (plan, figure) pairs, the plan giving col, measure, period, start, end and year
        (extract.columns.Plan); `counted`: the unit counts things one by one (units.is_count), so its whole
        numbers are exact. Returns the first figure's index."""
        index = len(self.rows[F.ENTITY])
        first = len(self.row_of)
        for name, value in zip(self.ROW_FIELDS, (path, grid.name, *values)):
            self.rows[name].append(value)
        is_sheet = grid.origin == "sheet"
        f = self.figs
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
            self.row_of.append(index)
            pct = measure in PERCENT_MEASURES
            self.is_pct.append(pct)
            self.exact.append(counted and not pct and not figure.percent and figure.decimals == 0
                              and float(figure.value).is_integer() and _counts(plan))
        return first

    def column_letters(self, col: int) -> str:
        while len(self._letters) <= col:
            self._letters.append(letters(len(self._letters)))
        return self._letters[col]

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
        if any(self.exact):
            half = np.where(np.asarray(self.exact, dtype=bool), 0.0, half)
        data[F.LOWER], data[F.UPPER] = value - half, value + half
        nothing = [None] * len(take)          # one list for the columns tables never fill (pandas copies it)
        data[F.PHRASING] = data[F.BASE] = data[F.DOUBT] = nothing
        data[F.SOURCE] = ["table"] * len(take)
        data[F.SCOPE] = [""] * len(take)
        data[F.CERTAIN] = np.ones(len(take), dtype=bool)   # a cell's row and column say what it is
        if self.formulas:
            formula = list(nothing)
            for position, text in self.formulas.items():
                formula[position] = text
            data[F.FORMULA] = formula
        else:
            data[F.FORMULA] = nothing
        frame = pd.DataFrame({name: _column(data[name]) for name in F.COLUMNS})
        return frame.astype({F.VALUE: "float64", F.LOWER: "float64", F.UPPER: "float64", F.SCALE: "float64"})


def _column(values):
    """numpy object arrays back to lists, so pandas infers the same dtypes as `facts.new_table`."""
    return values.tolist() if hasattr(values, "tolist") and getattr(values, "dtype", None) == object else values


def _counts(plan) -> bool:
    """A column of the row's counted things: not a rate, average or index (4 persons per household is no
    count even when whole), nor a column headed with a unit of its own that counts nothing ("triệu đồng")."""
    rate, unit = getattr(plan, "rate", False), getattr(plan, "unit", None)
    return not rate and (not unit or is_count(unit))
