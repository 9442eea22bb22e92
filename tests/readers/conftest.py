"""Fixtures of the workbook reader and table extraction tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from wb_helpers import REPO, WORKBOOKS, load_script


@pytest.fixture(scope="session")
def q1_build():
    """samples/build_q1.py as a module (its INJECTED dict documents the sample's discrepancies)."""
    return load_script(REPO / "samples" / "build_q1.py", "build_q1")


@pytest.fixture(scope="session")
def workbooks() -> Path:
    return WORKBOOKS


@pytest.fixture
def make_xlsx(tmp_path):
    """make_xlsx(rows, merges=(), formats={}, title="Sheet1", name="t.xlsx") -> path of a new workbook.

    rows: lists of cell values from A1; merges: "A1:C1" strings; formats: {"D5": "0.00%"}."""
    from openpyxl import Workbook

    def make(rows, merges=(), formats=None, title="Sheet1", name="t.xlsx", extra_sheets=()):
        book = Workbook()
        sheet = book.active
        sheet.title = title
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(r, c, value)
        for ref in merges:
            sheet.merge_cells(ref)
        for ref, fmt in (formats or {}).items():
            sheet[ref].number_format = fmt
        for extra_title, extra_rows in extra_sheets:
            extra = book.create_sheet(extra_title)
            for row in extra_rows:
                extra.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return make
