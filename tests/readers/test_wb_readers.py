"""Readers: cells as the user sees them in .xlsx, .xls, .ods and .csv (values, formats, merges, A1)."""

from __future__ import annotations

import datetime as dt

import pytest
from wb_helpers import cell as _cell
from wb_helpers import fixture_builder

from check_report.readers import read, workbook
from check_report.readers.base import Cell


def test_xlsx_keeps_values_formats_and_title_rows(make_xlsx):
    path = make_xlsx(
        [["BÁO CÁO QUÝ I"], [], ["STT", "Chỉ tiêu", "Quý I", "% KH", "Ngày"],
         [1, "Thu", 1138000, 0.2189, dt.datetime(2024, 3, 31)]],
        merges=["A1:E1"], formats={"C4": "#,##0", "D4": "0.00%"},
    )
    source = read(path)
    assert source.kind == "xlsx"
    grid = source.grids[0]
    assert grid.merged == [(0, 0, 0, 4)]
    assert _cell(source, "Sheet1", "C4") == Cell(1138000, "#,##0")
    assert _cell(source, "Sheet1", "D4") == Cell(0.2189, "0.00%")
    assert _cell(source, "Sheet1", "E4").value == "2024-03-31"
    assert grid.cell_name(3, 2) == "C4"   # title rows counted, as Excel shows it
    assert grid.rows[1] == []             # the empty row is kept so rows stay aligned


@pytest.mark.parametrize("mode", ["fast", "read-only"])
def test_xlsx_paths_read_the_same_grid(make_xlsx, monkeypatch, mode):
    """The calamine path (values + scanned formats) and, for big sheets when it fails, openpyxl read-only
    mode (merged ranges from the sheet XML) see what openpyxl's full mode sees."""
    path = make_xlsx(
        [["Title"], [None, None, "x"], ["A", None, "B", "C"], [None, 2.5, None, "t", 0.2189, 1138000],
         [], [None, None, None, None, dt.date(2024, 3, 31), True]],
        merges=["A1:D1", "B3:B4", "C3:D3"], formats={"B4": "0.0", "E4": "0.00%", "F4": "#,##0"},
    )
    full = workbook._read_openpyxl(str(path), read_only=False)
    if mode == "fast":
        monkeypatch.setattr(workbook, "_read_openpyxl", None)  # prove the fast path did the reading
    else:
        monkeypatch.setattr(workbook, "READ_ONLY_ABOVE_BYTES", 0)
        monkeypatch.setattr(workbook, "FAST_XLSX", False)
    other = read(path)
    assert [g.rows for g in other.grids] == [g.rows for g in full.grids]
    assert sorted(other.grids[0].merged) == sorted(full.grids[0].merged)
    assert _cell(other, "Sheet1", "E4") == Cell(0.2189, "0.00%")


def test_fast_path_falls_back_to_openpyxl(make_xlsx, monkeypatch):
    from check_report.readers import xlsx_fast

    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I"], [1, "Thu", 5]], formats={"C2": "#,##0"})
    monkeypatch.setattr(xlsx_fast, "read_grids", lambda p: 1 / 0)
    assert _cell(read(path), "Sheet1", "C2") == Cell(5, "#,##0")


@pytest.mark.parametrize("name", ["samples/q1.xlsx", "tests/fixtures/workbooks/english.xlsx",
                                  "tests/fixtures/workbooks/half_year.xlsx"])
def test_both_xlsx_paths_give_the_same_facts(monkeypatch, name):
    from wb_helpers import REPO

    from check_report.extract import extract

    fast, _ = extract(read(REPO / name))
    monkeypatch.setattr(workbook, "FAST_XLSX", False)
    careful, _ = extract(read(REPO / name))
    assert fast.equals(careful)


def test_xls_and_ods_read_like_xlsx(workbooks):
    """The same tables saved as .xlsx, .xls (xlrd) and .ods (content.xml) give the same figures."""
    reference = read(workbooks / "half_year.xlsx")
    for name in ("half_year.xls", "half_year.ods"):
        other = read(workbooks / name)
        assert [g.name for g in other.grids] == [g.name for g in reference.grids]
        for ref_grid, grid in zip(reference.grids, other.grids):
            assert sorted(grid.merged) == sorted(ref_grid.merged), name
            assert _values(grid) == _values(ref_grid), name


def _values(grid):
    """Cell values, floats to 12 significant digits (xlsx keeps 15, xls and ods the full double)."""
    return [[float(f"{c.value:.12g}") if isinstance(c.value, float) else c.value for c in row]
            for row in grid.rows]


def test_xls_keeps_number_formats(workbooks):
    source = read(workbooks / "half_year.xls")
    assert _cell(source, "6 thang", "L6").number_format == "0.00%"
    assert _cell(source, "6 thang", "D6").number_format == "#,##0"


def test_ods_precision_comes_from_the_displayed_text(workbooks):
    source = read(workbooks / "half_year.ods")
    assert _cell(source, "6 thang", "L6").number_format == "0.00%"   # shown as "49,02%"
    assert _cell(source, "6 thang", "M6").number_format == "0.0%"
    assert _cell(source, "6 thang", "D6").number_format == "0"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1258"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_encodings_and_delimiters(tmp_path, encoding, delimiter):
    rows = [["STT", "Chỉ tiêu", "Quý I", "% KH"], ["1", "Thu ngân sách", "1.138.000", "21,89"]]
    if delimiter == ",":
        rows = [[f'"{v}"' if "," in v else v for v in row] for row in rows]
    text = "\n".join(delimiter.join(row) for row in rows) + "\n"
    path = tmp_path / "t.csv"
    if encoding == "cp1258":
        path.write_bytes(fixture_builder().to_cp1258(text))
    else:
        path.write_bytes(text.encode(encoding))
    source = read(path)
    values = [[c.value for c in row] for row in source.grids[0].rows]
    assert values == [["STT", "Chỉ tiêu", "Quý I", "% KH"], ["1", "Thu ngân sách", "1.138.000", "21,89"]]


def test_csv_values_stay_text(workbooks):
    source = read(workbooks / "semicolon.csv")
    assert source.grids[0].name == "semicolon"
    row = [c.value for c in source.grids[0].rows[2]]
    assert row[:5] == ["2", "Khách du lịch, chia ra:", "lượt", "96.000", "24.700"]


def test_empty_sheets_are_noted_not_fatal(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu"]], extra_sheets=[("Trong", [])])
    source = read(path)
    assert [g.name for g in source.grids] == ["Sheet1"]
    assert any("'Trong'" in n and "empty" in n for n in source.notes)


def test_input_file_is_not_modified(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I"], [1, "Thu", 5]])
    before = path.read_bytes(), path.stat().st_mtime_ns
    read(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_formulas_without_saved_results_are_noted(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Tháng 01", "Tháng 02", "Quý I"], [1, "Thu", 2, 3, "=C2+D2"]])
    source = read(path)
    assert all(c.value is None for c in source.grids[0].rows[1][4:])
    expected = (f"{path}: sheet 'Sheet1': 1 formula cell(s) have no saved result (never calculated by a "
                "spreadsheet program); open and save the file in Excel or LibreOffice so their figures can be "
                "checked")
    assert source.notes == [expected]


def test_no_formula_note_for_plain_values(make_xlsx):
    assert read(make_xlsx([["STT", "Chỉ tiêu", "Quý I"], [1, "Thu", 5]])).notes == []


def test_builtin_formats_match_openpyxl():
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    from check_report.readers.xlsx_fast import BUILTIN_FORMATS as OURS

    assert {k: BUILTIN_FORMATS[k] for k in OURS} == OURS
