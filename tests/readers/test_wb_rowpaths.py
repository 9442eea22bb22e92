"""The block reader of plain tables (`extract.tablerows.read_plain`) repeats what the cell-by-cell reader of
a row (`_TableContext._read_row`) does, for speed: both must give the same facts, on every workbook the tests
ship (codes in the STT column or in the label, words in the STT column, merged labels, blank rows, notes)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from check_report import readers
from check_report.extract import extract, table

WORKBOOKS = sorted(p for p in (Path(__file__).parents[1]).rglob("*.xlsx") if "hostile" not in p.parts)


def _cell_by_cell(ctx, start: int, end: int, figures: list[bool], make) -> list:
    return [ctx._read_row(row, figures[row - start], "") for row in range(start, end)]


def _facts(path: Path):
    try:
        source = readers.read(str(path))
    except readers.InputError:
        pytest.skip("a workbook the readers refuse")
    return extract(source)[0]


@pytest.mark.parametrize("path", WORKBOOKS, ids=[str(p.relative_to(Path(__file__).parents[1])) for p in WORKBOOKS])
def test_block_reader_gives_the_facts_of_the_row_reader(path, monkeypatch):
    fast = _facts(path)
    monkeypatch.setattr(table, "read_plain", _cell_by_cell)
    slow = _facts(path)
    pd.testing.assert_frame_equal(fast, slow)


def test_the_fixtures_have_plain_tables_to_compare():
    assert len(WORKBOOKS) >= 50
