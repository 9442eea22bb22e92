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
    builder = load_script(WORKBOOKS / "build_offices.py", "office_fixtures")

    def make(rows, merges=(), formats=None, title="Sheet1", name="t.xlsx", extra_sheets=()):
        sheets = {title: (rows, list(merges), dict(formats or {}))}
        sheets.update((extra_title, (extra_rows, [], {})) for extra_title, extra_rows in extra_sheets)
        return builder.write(tmp_path / name, sheets)

    return make
