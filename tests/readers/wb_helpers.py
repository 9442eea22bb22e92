"""Helpers of the workbook reader and table extraction tests (fixtures live in conftest.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORKBOOKS = REPO / "tests" / "fixtures" / "workbooks"
SAMPLE = REPO / "samples" / "q1.xlsx"


def load_script(path: Path, name: str):
    """Import a script that is not part of the package (samples/build_q1.py, the fixture builder)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fixture_builder():
    return load_script(WORKBOOKS / "build.py", "workbook_fixtures")


def cell(source, sheet: str, ref: str):
    """The Cell at an A1 reference of a read Source."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    grid = next(g for g in source.grids if g.name == sheet)
    letters, row = coordinate_from_string(ref)
    return grid.rows[row - 1][column_index_from_string(letters) - 1]
