"""Reading a column of cells at once gives what reading each cell gives (extract.figures vs extract.cells),
and the fast reader's lazy rows and style runs give the cells the per-cell reader gave."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from check_report.extract.cells import read_figure
from check_report.extract.figures import FigureBlock, read_column
from check_report.numbers import EN, VI
from check_report.readers.base import Cell, Grid
from check_report.readers.styles import StyleMap

NO_DATA = {"-", "x", "..."}
FORMATS = ["General", None, "0", "0.0", "0.00", "0.000", "#,##0", "#,##0.00", "0.00%", "0%", "#,##0,",
           "#,##0,,", "0.00E+00", "@", "#,##0.00_);(#,##0.00)", '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
           "0.0000000000", "0." + "0" * 25, "#,##0.0,"]
TIES = [0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 1.015, 0.045, 123.455, 1e15, 1e16 + 2, -0.0, 0.0,
        1e-10, 5e-324, 1.7976931348623157e308, 1e307, -1e307, 4503599627370496.5, 2.0**52, 2.0**53 + 2,
        float("inf"), float("nan"), 99.995, 99.994999, 0.3, 1 / 3, 2 / 3, 1e22, 1e23]
TEXTS = ["1.234", "21,89", "21,89%", "14,560", "1.500", "-", "x", "", "  7  ", "abc", "1.2.3,4", "3(*)",
         "12,5 %", "−4,2", "2024-03-31"]


def _values(seed: int, size: int) -> list:
    rng = random.Random(seed)
    out = []
    for _ in range(size):
        pick = rng.random()
        if pick < 0.35:
            out.append(float(rng.randint(-10**9, 10**9)))
        elif pick < 0.6:
            out.append(round(rng.uniform(-1000, 1000), rng.randint(0, 6)))
        elif pick < 0.75:
            out.append(rng.uniform(-1e6, 1e6) * 10 ** rng.randint(-8, 8))
        elif pick < 0.85:
            out.append(rng.choice(TIES))
        elif pick < 0.95:
            out.append(rng.choice(TEXTS))
        else:
            out.append(rng.choice([None, True, False, 7, -3, 2**60]))
    return out


def _cell_by_cell(values, formats, style):
    return [read_figure(v, f, NO_DATA, style) for v, f in zip(values, formats)]


@pytest.mark.parametrize("style", [VI, EN])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_column_reads_as_its_cells_do(fmt, style):
    values = _values(hash((fmt, style)) & 0xFFFF, 600)
    got = read_column(values, [(0, len(values), fmt)], NO_DATA, style)
    want = _cell_by_cell(values, [fmt] * len(values), style)
    for i, figure in enumerate(want):
        assert bool(got.present[i]) == (figure is not None), (values[i], fmt)
        if figure is None:
            continue
        assert np.float64(figure.value).tobytes() == got.value[i].tobytes(), (values[i], fmt, figure)
        assert (int(got.decimals[i]), got.raw[i], bool(got.percent[i]), bool(got.ambiguous[i])) == \
            (figure.decimals, figure.raw, figure.percent, figure.ambiguous), (values[i], fmt)


def test_runs_of_formats_and_exact_rounding_of_many_values():
    rng = random.Random(7)
    values = [rng.uniform(-1e4, 1e4) for _ in range(20_000)] + [k / 1000 + 0.0005 for k in range(-3000, 3000)]
    runs, formats, first = [], [], 0
    while first < len(values):
        end = min(len(values), first + rng.randint(1, 3000))
        fmt = rng.choice(FORMATS)
        runs.append((first, end, fmt))
        formats += [fmt] * (end - first)
        first = end
    got = read_column(values, runs, NO_DATA)
    want = _cell_by_cell(values, formats, VI)
    assert [None if f is None else (f.value, f.decimals, f.raw, f.percent) for f in want] == \
        [(float(got.value[i]), int(got.decimals[i]), got.raw[i], bool(got.percent[i])) if got.present[i] else None
         for i in range(len(values))]


@pytest.mark.parametrize("fmt", ["General", "0", "0.00", "#,##0.000", "0.0%", "0." + "0" * 15, "0." + "0" * 16])
def test_texts_and_general_digits_written_from_integers_read_as_the_cells_do(fmt):
    """The integer paths (10 significant digits of General, digits written from k / 10^d) at their edges:
    around 10^9..10^10 after scaling, halves and near-halves, tiny and huge values, signs that round to 0."""
    rng = random.Random(fmt)
    values = [0.0, -0.0, 99999.999995, 9999999999.5, 999999999.95, -0.004, -0.0004, 1e-5, 1.5e-5, 1e15, -1e15,
              123456789012.5, 2.0**52, 2.0**53, 1e22, 0.1, 1 / 3, -2 / 3]
    for _ in range(3000):
        digits = rng.randint(1, 17)
        value = rng.randint(-10**digits, 10**digits) / 10 ** rng.randint(0, 20)
        values.append(rng.choice([value, float(np.nextafter(value, rng.choice([np.inf, -np.inf]))),
                                  value + rng.choice([5e-11, 0.5, -0.5]) / 10 ** rng.randint(0, 12)]))
    values += values[:500]                     # repeated figures share their text
    got = read_column(values, [(0, len(values), fmt)], NO_DATA)
    want = _cell_by_cell(values, [fmt] * len(values), VI)
    assert [None if f is None else (np.float64(f.value).tobytes(), f.decimals, f.raw, f.percent) for f in want] == \
        [(got.value[i].tobytes(), int(got.decimals[i]), got.raw[i], bool(got.percent[i])) if got.present[i] else None
         for i in range(len(values))]


def test_a_block_gives_each_row_its_figures_in_the_plans_order():
    class Plan:
        def __init__(self, col):
            self.col = col

    rows = [[Cell("a"), Cell(1.0, "0.00"), Cell("14,560")], [Cell(None), Cell(None), Cell("-")],
            [Cell("b"), Cell(2.5, "#,##0"), Cell(3, "0%")]]
    plans = [Plan(1), Plan(2)]
    block = FigureBlock(Grid("s", rows), plans, 0, 3, NO_DATA, VI)
    assert block.any == [True, False, True]
    assert [(p.col, f.raw) for p, f in block.row(0)] == [(1, "1,00"), (2, "14,560")]
    assert [(p.col, f.raw) for p, f in block.row(2)] == [(1, "2"), (2, "300%")]
    assert block.ambiguous(3) == ["14,560"]


def test_style_runs_answer_as_a_map_of_every_cell():
    rng = random.Random(3)
    cells = {}
    for _ in range(3000):
        cells[(rng.randint(0, 400), rng.randint(0, 30))] = rng.choice([0, 1, 2, 5, 9])
    order = list(cells.items())
    rng.shuffle(order)
    order.append((order[0][0], 7))          # a cell given twice keeps its last style
    cells[order[0][0]] = 7
    styles = StyleMap.from_cells(np.array([c for (_r, c), _s in order]), np.array([r for (r, _c), _s in order]),
                                 np.array([s for _k, s in order]))
    for r in range(-1, 402):
        for c in range(0, 32):
            assert styles.get(r, c) == cells.get((r, c), -1)
    for c in range(0, 32):
        for start, stop in ((0, 402), (17, 18), (100, 300), (399, 420)):
            spelled = [s for first, end, s in styles.runs(c, start, stop) for _ in range(first, end)]
            assert spelled == [cells.get((r, c), -1) for r in range(start, stop)]


def test_lazy_rows_hold_the_cells_the_sheet_gives(tmp_path):
    from openpyxl import Workbook

    from check_report.readers import read

    book = Workbook()
    sheet = book.active
    sheet.append(["Chỉ tiêu", "Kế hoạch", "Ngày"])
    sheet.append(["A", 1500.0, dt.datetime(2024, 3, 31)])
    sheet.append(["B", -0.0, dt.datetime(2024, 3, 31, 8, 30)])
    sheet.append(["C", 12.345, None])
    sheet["B2"].number_format = "#,##0"
    sheet["B4"].number_format = "0.00"
    path = tmp_path / "lazy.xlsx"
    book.save(path)
    grid = read(str(path)).grids[0]
    assert grid.rows[1] == [Cell("A", "General"), Cell(1500, "#,##0"), Cell("2024-03-31", "yyyy-mm-dd h:mm:ss")]
    assert type(grid.rows[1][1].value) is int and grid.rows[2][1] == Cell(0, "General")
    assert grid.rows[2][2].value == "2024-03-31T08:30:00"
    assert grid.rows[3] == [Cell("C", "General"), Cell(12.345, "0.00")]
    assert [grid.value(r, 2) for r in range(5)] == ["Ngày", "2024-03-31", "2024-03-31T08:30:00", None, None]
    values, runs = grid.column(1, 1, 4)
    assert values == [1500.0, 0, 12.345] and runs == [(0, 1, "#,##0"), (1, 2, "General"), (2, 3, "0.00")]
    assert grid.column(2, 1, 3)[0] == ["2024-03-31", "2024-03-31T08:30:00"]
    assert grid.rows[-1] == grid.rows[3] and grid.rows[1:3] == [grid.rows[1], grid.rows[2]]
