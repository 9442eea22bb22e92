"""Table extraction: the fact table read from real layouts (the sample and the fixture workbooks)."""

from __future__ import annotations

import pytest
from wb_helpers import SAMPLE

from check_report import facts as F
from check_report.extract import extract
from check_report.extract.table import grid_facts
from check_report.readers import read
from check_report.readers.base import Cell, Grid


@pytest.fixture(scope="module")
def q1():
    facts, notes = extract(read(SAMPLE))
    return facts.set_index([F.SHEET, F.CELL]), notes


def fact(table, sheet, cell):
    return table.loc[(sheet, cell)]


@pytest.mark.parametrize("cell, measure, period, value, decimals, raw", [
    ("D9", F.PLAN, "", 5_840_000, 0, "5.840.000"),
    ("E9", F.MONTH, "2024-01", 402_310, 0, "402.310"),
    ("G9", F.MONTH, "2024-03", 441_600, 0, "441.600"),
    ("H9", F.CUMULATIVE, "2024-01..2024-03", 1_232_860, 0, "1.232.860"),
    ("I9", F.PREVIOUS, "2023-01..2023-03", 1_148_250, 0, "1.148.250"),
    ("J12", F.PCT_PLAN, "2024-01..2024-03", 21.27, 2, "21,27%"),       # an Excel percent 0.2127
    ("K16", F.PCT_PREVIOUS, "2024-01..2024-03", 108.07, 2, "108,07"),   # typed as text
    ("E16", F.MONTH, "2024-01", 438_600, 0, "438.600"),                 # typed as text
    ("L19", F.GROWTH, "2024-01..2024-03", 12.4, 2, "12,40"),
    ("E22", F.MONTH, "2024-01", 12_830.5, 1, "12.830,5"),
])
def test_sample_figures(q1, cell, measure, period, value, decimals, raw):
    row = fact(q1[0], "Bieu 01", cell)
    assert (row[F.MEASURE], row[F.PERIOD], row[F.DECIMALS], row[F.RAW]) == (measure, period, decimals, raw)
    assert row[F.VALUE] == pytest.approx(value)
    half = 0.5 * 10 ** -decimals
    assert (row[F.LOWER], row[F.UPPER]) == pytest.approx((value - half, value + half))


def test_sample_rows_carry_indicator_unit_and_entity(q1):
    row = fact(q1[0], "Bieu 01", "H16")
    assert row[F.INDICATOR] == "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"
    assert row[F.TEXT] == row[F.INDICATOR]
    assert (row[F.ENTITY], row[F.CODE], row[F.UNIT], row[F.SCALE]) == ("Bieu 01!16", "3", "triệu đồng", 1e6)
    assert (row[F.FILE], row[F.SOURCE], row[F.YEAR]) == (str(SAMPLE), "table", 2024)
    assert fact(q1[0], "Bieu 01", "K16")[F.UNIT] == "%"


def test_sample_hierarchy_and_breakdowns(q1):
    table = q1[0]
    parent_of = table.groupby(F.ENTITY)[F.PARENT].first().to_dict()
    assert parent_of["Bieu 01!10"] == parent_of["Bieu 01!11"] == "Bieu 01!9"     # a, b under 1
    assert parent_of["Bieu 01!13"] == parent_of["Bieu 01!15"] == "Bieu 01!12"    # "-" under 2
    assert parent_of["Bieu 01!20"] == "Bieu 01!19"                               # 5.1 under 5
    assert parent_of["Bieu 01!9"] == "Bieu 01!8"                                 # 1 under section I
    complete = table.groupby(F.ENTITY)[F.COMPLETE].first().to_dict()
    assert complete["Bieu 01!9"] and complete["Bieu 01!19"]                      # "gồm:"
    assert not complete["Bieu 01!12"]                                            # "trong đó:"


def test_breakdown_cue_is_not_part_of_the_indicator_name(q1):
    total = q1[0][q1[0][F.ENTITY] == "Bieu 01!12"].iloc[0]
    assert total[F.TEXT].endswith("trong đó:")          # the label as written stays quoted
    assert total[F.INDICATOR] == total[F.TEXT].removesuffix(", trong đó:")
    assert not total[F.INDICATOR].endswith(("trong đó", "gồm", ":", ","))


def test_sample_sheets_and_notes(q1):
    table, notes = q1
    assert set(table.index.get_level_values(0)) == {"Bieu 01", "Bieu 02"}
    assert any("'Ghi chu' skipped: no indicator table" in n for n in notes)
    # header, column numbers, section rows and the note under the table state no figures
    rows_with_facts = {int(cell[1:]) for cell in table.loc["Bieu 01"].index}
    assert rows_with_facts == {9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22}


def test_sample_second_sheet_one_row_header(q1):
    table = q1[0]
    row = fact(table, "Bieu 02", "G5")
    assert (row[F.MEASURE], row[F.RAW], row[F.VALUE]) == (F.PCT_PREVIOUS, "103,1", 103.1)
    assert fact(table, "Bieu 02", "E9")[F.MEASURE] == F.CUMULATIVE
    assert fact(table, "Bieu 02", "F9")[F.PERIOD] == "2023-01..2023-03"


LAYOUT_EXPECTATIONS = {
    "english.xlsx": {("Indicators", "E2"): (F.MONTH, "2024-01"), ("Indicators", "H2"): (F.CUMULATIVE, "2024-01..2024-03"),
                     ("Indicators", "I2"): (F.PREVIOUS, "2023-01..2023-03"), ("Indicators", "K3"): (F.GROWTH, "2024-01..2024-03")},
    "text_numbers.xlsx": {("Thu NS", "C7"): (F.PLAN, ""), ("Thu NS", "D9"): (F.CUMULATIVE, "2024-01..2024-03"),
                          ("Thu NS", "G10"): (F.PCT_PREVIOUS, "2024-01..2024-03")},
    "half_year.xlsx": {("6 thang", "J6"): (F.MONTH, "2025-06"), ("6 thang", "K7"): (F.CUMULATIVE, "2025-01..2025-06"),
                       ("6 thang", "L8"): (F.PCT_PLAN, "2025-01..2025-06"), ("6 thang", "E14"): (F.CUMULATIVE, "2025-01..2025-06")},
    "semicolon.csv": {("semicolon", "E3"): (F.CUMULATIVE, "2024-01..2024-03"), ("semicolon", "G4"): (F.GROWTH, "2024-01..2024-03")},
}


@pytest.mark.parametrize("name", sorted(LAYOUT_EXPECTATIONS))
def test_layouts(workbooks, name):
    facts, notes = extract(read(workbooks / name))
    table = facts.set_index([F.SHEET, F.CELL])
    for (sheet, cell), (measure, period) in LAYOUT_EXPECTATIONS[name].items():
        assert (table.loc[(sheet, cell)][F.MEASURE], table.loc[(sheet, cell)][F.PERIOD]) == (measure, period), cell
    assert not any("role not recognised" in n for n in notes)


def test_codes_from_labels_without_stt_column(workbooks):
    facts, _ = extract(read(workbooks / "text_numbers.xlsx"))
    by_entity = facts.groupby(F.ENTITY).first()
    assert by_entity.loc["Thu NS!10", F.CODE] == "-"
    assert by_entity.loc["Thu NS!10", F.PARENT] == "Thu NS!9"
    assert by_entity.loc["Thu NS!10", F.INDICATOR] == "Thuế giá trị gia tăng"
    assert by_entity.loc["Thu NS!7", F.PARENT] == "Thu NS!6"


def test_two_tables_on_one_sheet(workbooks):
    facts, _ = extract(read(workbooks / "half_year.xlsx"))
    entities = set(facts[F.ENTITY])
    assert {"6 thang!6", "6 thang!9", "6 thang!13", "6 thang!14"} <= entities
    assert "6 thang!10" not in entities   # the note between the tables


def test_unmapped_columns_are_reported(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I", "Điểm đánh giá", "Hệ số K", "Ghi chú"],
                      [1, "Thu", 5, 7, 3, "tạm tính"]])
    facts, notes = extract(read(path))
    assert list(facts[F.MEASURE]) == [F.CUMULATIVE]
    place = f"{path}: sheet 'Sheet1', table at rows 1-1"
    assert notes == [f"{place}: columns of figures read: C",
                     f"{place}: column D ('Điểm đánh giá') not read: scores, not verdict words",
                     f"{place}: column E ('Hệ số K') not read: header not understood",
                     f"{place}: column F ('Ghi chú') not read: notes"]


def test_user_vocabulary_maps_a_column(make_xlsx, tmp_path):
    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I", "Mục tiêu năm"], [1, "Thu", 5, 20]])
    words = tmp_path / "words.yaml"
    words.write_text("roles:\n  plan: [muc tieu nam]\n", encoding="utf-8")
    facts, notes = extract(read(path), vocabulary=[str(words)])
    assert sorted(facts[F.MEASURE]) == [F.CUMULATIVE, F.PLAN]
    assert notes == [f"{path}: sheet 'Sheet1', table at rows 1-1: columns of figures read: C, D"]


def test_no_data_marks_and_words_state_nothing(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Tháng 01", "Tháng 02", "Quý I", "KH năm"],
                      [1, "Thu", "-", "x", None, "Đạt"], [2, "Chi", 3, 4, 7, "..."]])
    facts, _ = extract(read(path))
    assert sorted(facts[F.CELL]) == ["C3", "D3", "E3"]


def test_frame_matches_the_contract_dtypes(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I"], [1, "Thu", 5]])
    facts, _ = extract(read(path))
    reference = F.new_table([facts.iloc[0].to_dict()])
    assert list(facts.columns) == list(F.COLUMNS)
    assert dict(facts.dtypes) == dict(reference.dtypes)


def test_document_table_names_cells_by_row_and_column():
    """A table inside a document (origin "document-table") has no A1 cells: it is placed by `where`."""
    rows = [[Cell("STT"), Cell("Chỉ tiêu"), Cell("Quý I"), Cell("KH năm"), Cell("% KH")],
            [Cell("1"), Cell("Thu"), Cell("250"), Cell("1.000"), Cell("25,0")]]
    grid = Grid(name="table 1", rows=rows, origin="document-table", line=40)
    facts, _ = grid_facts("r.md", grid)
    first = facts.iloc[0]
    assert first[F.CELL] is None or first[F.CELL] != first[F.CELL]
    assert first[F.WHERE] == "table 1, row 2, column 3"
    assert first[F.LINE] == 41


def test_notes_end_the_table_but_similar_labels_do_not(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I"], [1, "Thu", 5], ["", "Nguồn vốn đầu tư:"], [2, "Vốn ngân sách", 3],
                      ["Nguồn: Chi cục Thống kê"], [3, "Không phải chỉ tiêu", 9]])
    facts, _ = extract(read(path))
    assert sorted(facts[F.CELL]) == ["C2", "C4"]


def test_total_row_merged_across_code_and_label(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I"], ["TỔNG SỐ", None, 9], [1, "Thu", 5], ["Tổng cộng", None, 4]],
                     merges=["A2:B2"])
    facts, _ = extract(read(path))
    labels = dict(zip(facts[F.CELL], facts[F.INDICATOR]))
    codes = dict(zip(facts[F.CELL], facts[F.CODE]))
    assert labels == {"C2": "TỔNG SỐ", "C3": "Thu", "C4": "Tổng cộng"}
    assert codes["C2"] is None or codes["C2"] != codes["C2"]
    assert codes["C3"] == "1"


def test_english_typed_numbers_are_read_in_english(tmp_path):
    path = tmp_path / "en.csv"
    path.write_text('No.,Indicator,Annual plan,Q1 2024,% of plan\n1,Exports,"1,138,000","14,560",1.28\n'
                    '2,Imports,"2,000,000","1,250,000.5",62.5\n', encoding="utf-8")
    facts, notes = extract(read(path))
    values = dict(zip(facts[F.CELL], facts[F.VALUE]))
    assert values["D2"] == 14560 and values["C2"] == 1_138_000 and values["E2"] == 1.28
    notes = [n for n in notes if "columns of figures read:" not in n]      # the table's columns aside
    assert len(notes) == 1 and "'14,560'" in notes[0] and "English style" in notes[0]


def test_vietnamese_typed_numbers_need_no_note(make_xlsx):
    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I", "KH năm"], [1, "Thu", "1.500", "21,5"]])
    facts, notes = extract(read(path))
    assert dict(zip(facts[F.CELL], facts[F.VALUE])) == {"C2": 1500, "D2": 21.5}
    assert [n for n in notes if "columns of figures read:" not in n] == []
