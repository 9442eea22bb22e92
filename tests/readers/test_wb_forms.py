"""Office forms built before reading the reader (tests/fixtures/workbooks/build_forms.py): sixteen layouts as
Vietnamese offices make them, each with a clean twin and one-figure mutants. Clean twins give nothing;
every mutant whose layout states a relation is found at its cell, and no mutant raises a finding away
from the figure changed. The tests after those pin the general readings the forms needed, each on the
form that showed it (benchmarks/forms_tally.py prints the tally)."""

from __future__ import annotations

import functools
import json

import pandas as pd
import pytest
from wb_helpers import WORKBOOKS, load_script

from check_report import facts as F
from check_report.extract import extract
from check_report.extract.formulas import find_formula
from check_report.extract.headers import classify, is_column_number_row
from check_report.extract.vocabulary import load_vocabulary
from check_report.findings import Severity
from check_report.readers import read

engine = pytest.importorskip("check_report.engine")
FORMS = WORKBOOKS / "forms"
MANIFEST = json.loads((FORMS / "manifest.json").read_text(encoding="utf-8"))
CLEAN = [e["file"] for e in MANIFEST if e["mutant"] is None]
MUTANTS = [e for e in MANIFEST if e["mutant"] is not None]
# expected but missed, on the held-out batch (built after the fixes): the layout leaves the reading open
KNOWN_MISSES = {
    "h04_bhyt_xa.m2.xlsx": "'So với chỉ tiêu giao (%)' in a consolidation table names the plan but not which of "
                           "'Dân số' and 'Số người tham gia BHYT' is the achievement it compares",
}


@functools.lru_cache(maxsize=2)
def rules():
    return engine.load_rules(["default"])


@functools.lru_cache(maxsize=64)
def read_form(name):
    plans: list = []
    facts, notes = extract(read(FORMS / name), plans=plans)
    return facts, notes, plans


def check(name):
    facts, _notes, _plans = read_form(name)
    return engine.run_rules(facts, rules(), path=name).findings


def cells_of(finding) -> set[str]:
    return {f"{loc.sheet}!{loc.cell}" for loc in finding.locations}


def plan_of(name, column, table_contains=""):
    return next(p["read as"] for p in read_form(name)[2] if p["column"] == column and table_contains in p["table"])


def by_cell(name):
    return read_form(name)[0].set_index(F.CELL)


def test_the_builder_writes_the_committed_forms(tmp_path):
    built = load_script(WORKBOOKS / "build_forms.py", "build_forms").build(tmp_path)
    assert built == MANIFEST
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(e["file"] for e in MANIFEST)
    assert len(CLEAN) >= 14 and all(2 <= sum(m["layout"] == e[:-5] for m in MUTANTS) <= 3 for e in CLEAN)
    assert sum(e["batch"] == "held-out" for e in MANIFEST if e["mutant"] is None) == 6
    assert sum(e["batch"] == "third" for e in MANIFEST if e["mutant"] is None) == 9


@pytest.mark.parametrize("name", CLEAN)
def test_clean_form_gives_nothing(name):
    facts, notes, _ = read_form(name)
    assert len(facts) >= 12, notes
    assert [(f.rule, f.message) for f in check(name)] == []


@pytest.mark.parametrize("entry", MUTANTS, ids=[e["file"] for e in MUTANTS])
def test_mutant_is_found_at_its_cell_and_nowhere_else(entry):
    findings = [f for f in check(entry["file"]) if f.severity >= Severity.WARNING]
    away = [(f.rule, f.message) for f in findings if entry["cell"] not in cells_of(f)]
    assert away == []
    if entry["expect"] == "must" and entry["file"] not in KNOWN_MISSES:
        assert findings, f"{entry['how']} at {entry['cell']} not found"
    if entry["file"] in KNOWN_MISSES:
        assert not findings, "a known miss is found now: take it off KNOWN_MISSES"


# ------------------------------------------------------------------- header structure and numbering rows


def test_a_header_merged_down_from_above_starts_where_the_merge_starts():
    # F09: "STT", "Cơ quan, đơn vị" and "Tỷ lệ ... (%)" are merged over three header rows; the rate column
    # N exists only as that merged cell in the rows the reader sees
    assert plan_of("f09_tthc_don_vi.xlsx", "N").endswith("relation (14)=((8)+(9))/(7)x100)")
    assert "rows 7-9" in read_form("f09_tthc_don_vi.xlsx")[2][0]["table"]
    # F14: the columns right of a two-row group ("Số tiêu chí đạt chuẩn") are read, not dropped
    assert [p["column"] for p in read_form("f14_nong_thon_moi_xa.xlsx")[2]][-4:] == ["F", "G", "H", "I"]


def test_formulas_and_numbering_rows_with_nested_brackets():
    formula = find_formula("(14)=((8)+(9))/(7)x100")
    assert (formula.own, formula.refs, formula.rhs) == ("14", ("8", "9", "7"), "( n_8 + n_9 ) / n_7 * 100")
    assert find_formula("(5)=(4)/(3)x100").rhs == "n_4 / n_3 * 100"
    assert find_formula("(1)+(2)") is None and find_formula("((2)") is None
    assert is_column_number_row(["(1)", "(2)", "(3)=(4)+(5)+(6)", "(14)=((8)+(9))/(7)x100"])
    assert not is_column_number_row(["(1)", "((2)"]) and not is_column_number_row(["1", "30/6/2024"])


def test_a_title_with_a_unit_note_is_not_the_next_tables_header():
    # F06: "2. Chi ngân sách địa phương" + "Đơn vị tính: triệu đồng" above the second table
    assert plan_of("f06_thu_chi_two_tables.xlsx", "E", "Chi ngân sách") == "previous (2023-01..2023-06)"
    assert plan_of("f06_thu_chi_two_tables.xlsx", "E", "THU, CHI") == "cumulative (2024-01..2024-06)"


def test_a_column_of_figures_is_never_the_label_column():
    # H04: "Chỉ tiêu giao năm 2024" (the target assigned) holds figures: a plan, not the row labels
    assert plan_of("h04_bhyt_xa.xlsx", "B") == "row label"
    assert plan_of("h04_bhyt_xa.xlsx", "D") == "plan"


def test_the_label_column_is_guessed_from_the_rows_with_figures_not_the_signature_below():
    assert plan_of("f08_cong_nghiep_text_en.xlsx", "B") == "row label"
    assert by_cell("f08_cong_nghiep_text_en.xlsx").loc["D12", F.VALUE] == 1245.6     # "1,245.6" as text


# ---------------------------------------------------------------------------------------- column roles

VOCAB = load_vocabulary()


@pytest.mark.parametrize("texts, role, period", [
    (["So sánh (%)", "TH/KH"], F.PCT_PLAN, None),
    (["So sánh", "ƯTH/TH 2023"], F.PCT_PREVIOUS, None),
    (["So sánh (%)", "9T/CK"], F.PCT_PREVIOUS, (1, 9)),
    (["So sánh (%)", "T9/CK"], F.PCT_PREVIOUS_MONTH, (9, 9)),
    (["So sánh (%)", "LK/DT"], F.PCT_PLAN, None),
    (["So sánh 2024/2023 (%)"], F.PCT_PREVIOUS, None),
    (["Tỷ lệ TH/KH (%)"], F.PCT_PLAN, None),
    (["Năm 2024", "LK 9T"], F.CUMULATIVE, (1, 9)),
    (["Đến 30/9"], F.CUMULATIVE, (1, 9)),                    # a date, not a ratio
    (["Mật độ dân số (người/km2)"], None, None),              # a unit, not a ratio
    (["Vốn còn lại chưa giải ngân"], None, None),             # what is left, not what was disbursed
])
def test_header_roles(texts, role, period):
    got_role, got_period, _ = classify(texts, VOCAB)
    assert got_role == role
    assert (got_period.start, got_period.end) == period if period else True


def test_columns_alike_but_for_the_year_are_this_year_and_last_year():
    assert plan_of("f04_nong_nghiep_text_vn.xlsx", "D") == "previous (2023-01..2023-12)"
    assert plan_of("f04_nong_nghiep_text_vn.xlsx", "E") == "cumulative (2024-01..2024-12)"
    assert plan_of("f10_truong_lop_hoc_sinh.xlsx", "D") == "previous (2024-01..2024-12)"    # năm học 2023 - 2024
    assert plan_of("f10_truong_lop_hoc_sinh.xlsx", "F") == "ignored: header not understood"  # base not said


def test_no_data_marks_do_not_make_a_column_of_words():
    # F07: 'ƯTH/TH 2023' holds four formulas and five 'x' / '...': a column of figures
    assert plan_of("f07_xa_hoi_fractions.xlsx", "H").startswith("pct_previous")


def test_sub_columns_under_a_measure_header_are_parts_not_the_measure_stated_five_times():
    cells = by_cell("f05_viec_lam_xa.xlsx")
    assert cells.loc["D10", F.ENTITY] == "Viec lam!10" and cells.loc["D10", F.MEASURE] == F.CUMULATIVE
    assert cells.loc["D10", F.FORMULA] == "D10 == F10 + G10 + H10 | Thực hiện 9 tháng năm 2024 / Tổng số = Làm " \
                                          "việc trong tỉnh + Làm việc ngoài tỉnh + Đi làm việc ở nước ngoài theo hợp đồng"
    assert cells.loc["E10", F.ENTITY] == "Viec lam!10:E" and cells.loc["E10", F.FORMULA].startswith("E10 <= D10")
    assert cells.loc["E10", F.PARENT] == "Viec lam!23:E"      # the women of each commune add up to the total's


def test_two_plans_with_qualifiers_are_two_indicators_checked_by_the_formulas_written():
    cells = by_cell("f06_thu_chi_two_tables.xlsx")
    assert cells.loc["C12", F.ENTITY] != cells.loc["D12", F.ENTITY]
    assert cells.loc["F12", F.FORMULA] == "F12 == (E12 / C12) * 100 or F12 == E12 / C12 | 4=3/1"


def test_rates_per_something_are_never_summed_and_mean_population_is():
    cells = by_cell("f12_dan_so_xa.xlsx")
    assert pd.isna(cells.loc["J8", F.PARENT]) and pd.isna(cells.loc["G8", F.PARENT])   # nam/100 nữ, người/km2
    assert cells.loc["D8", F.PARENT] == "Dan so!18:D"                                 # Dân số trung bình
    # "Chia ra: Nam | Nữ" right of "Dân số trung bình": its parts, adding up to it
    assert cells.loc["D8", F.FORMULA].startswith("D8 == E8 + F8")


def test_a_quarter_beside_the_year_to_date_is_the_sum_of_its_months():
    assert by_cell("f08_cong_nghiep_text_en.xlsx").loc["G9", F.FORMULA].startswith("G9 == D9 + E9 + F9")


def test_whole_counts_of_an_indicator_table_are_exact():
    # 57 schools = 20 + 20 + 17; one school off is not rounding
    assert any(f.rule == "core.children-sum" for f in check("f10_truong_lop_hoc_sinh.m3.xlsx"))
    assert by_cell("f10_truong_lop_hoc_sinh.xlsx").loc["E7", F.LOWER] == 57


# ------------------------------------------------------------------------------- what the notes say


def test_every_column_of_every_form_is_said_read_or_not():
    for name in CLEAN:
        facts, notes, plans = read_form(name)
        read_cols = {(p["table"], p["column"]) for p in plans}
        for table in {p["table"] for p in plans}:
            letters = sorted(c for t, c in read_cols if t == table)
            assert letters == sorted(set(letters)), (name, table)
        for cell in facts[F.CELL].unique():
            column = "".join(ch for ch in cell if ch.isalpha())
            assert any(c == column for _t, c in read_cols), (name, cell)


def test_a_sub_column_without_its_whole_is_said_not_read(make_xlsx):
    # two columns under "Kiểm tra" with no whole beside them: not read, and said so (they were dropped
    # without a word)
    path = make_xlsx([["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Kiểm tra", None],
                      [None, None, None, None, "Đợt 1", "Đợt 2"],
                      ["1", "Vốn điều lệ bình quân", 100, 96, 40, 38],
                      ["2", "Doanh thu thuần", 80, 82, 31, 30]],
                     merges=["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1"])
    _facts, notes = extract(read(path))
    assert [n.split(": ", 1)[1] for n in notes if "not read" in n] == [
        "sheet 'Sheet1', table at rows 1-2: column E ('Kiểm tra / Đợt 1') not read: a sub-column whose whole is "
        "not in the table",
        "sheet 'Sheet1', table at rows 1-2: column F ('Kiểm tra / Đợt 2') not read: a sub-column whose whole is "
        "not in the table"]


def test_a_crop_merged_down_over_its_rows_names_them():
    cells = by_cell("f13_cay_trong_merged.xlsx")
    assert cells.loc["G14", F.INDICATOR] == "Ngô – Sản lượng"
    assert plan_of("f13_cay_trong_merged.xlsx", "B") == "row group label"


def test_a_subtitle_in_brackets_is_not_the_tables_title():
    assert "TIẾN ĐỘ GIẢI NGÂN" in read_form("f15_giai_ngan_dtc.xlsx")[2][0]["table"]


# ------------------------------------------------------------------------- third batch (G01-G08) readings


def test_a_row_formula_names_the_rows_of_its_own_section_when_codes_repeat():
    # G07: sources numbered 1-4 under 'I', the balance numbered 1-5 under 'II': '(3)=(1)+(2)' is II's 1 and 2
    cells = by_cell("g07_von_dt_can_doi.xlsx")
    assert cells.loc["D17", F.FORMULA].startswith("D17 == D15 + D16")
    assert cells.loc["C19", F.FORMULA].startswith("C19 == C17 - C18")
    assert any(f.rule == "core.table-relation" and "Von DT!D19" in cells_of(f)
               for f in check("g07_von_dt_can_doi.m2.xlsx"))


def test_a_total_without_stt_over_a_chia_ra_row_is_the_parent_of_the_coded_parts():
    # G04: 'TỔNG THU NGÂN SÁCH XÃ' (no STT), 'Chia ra:', parts 1-5, one a deduction written negative
    cells = by_cell("g04_thu_ns_dong.xlsx")
    assert {cells.loc[f"D{r}", F.PARENT] for r in range(10, 15)} == {"Thu NS xa!8"}
    assert bool(cells.loc["D8", F.COMPLETE])
    assert [f.rule for f in check("g04_thu_ns_dong.m1.xlsx")] == ["core.children-sum"]   # ten đồng in 10^12


def test_a_part_written_after_trong_do_or_chia_ra_in_its_label_is_a_part_of_the_row_above():
    # G05: 'Chia ra: - Thóc' / '- Ngô' under grain in nghìn tấn (tấn and tạ), 'Trong đó: - Cá' / '- Tôm' (kg)
    cells = by_cell("g05_don_vi_khoi_luong.xlsx")
    assert cells.loc["E8", F.PARENT] == cells.loc["E9", F.PARENT] == "Nong nghiep!7"
    assert bool(cells.loc["E7", F.COMPLETE]) and not bool(cells.loc["E10", F.COMPLETE])
    assert cells.loc["E11", F.PARENT] == cells.loc["E12", F.PARENT] == "Nong nghiep!10"
    # 'Trong đó: Thịt lợn' / 'Thịt gia cầm' without bullets: which rows are the parts is not guessed; nor is a
    # 'Trong đó:' row after a complete breakdown (F10: of the whole) or over coded parts (F15: overlapping)
    assert pd.isna(cells.loc["E15", F.PARENT]) and pd.isna(cells.loc["E16", F.PARENT])
    assert pd.isna(by_cell("f10_truong_lop_hoc_sinh.xlsx").loc["D12", F.PARENT])
    assert cells.loc["E8", F.INDICATOR] == "Thóc" and cells.loc["E11", F.INDICATOR] == "Cá"
    # 453.000 kg of shrimp with 1.180,2 tấn of fish exceed 1.245,6 tấn: said by the breakdown, not only the ratio
    assert "core.children-within-parent" in {r for f in check("g05_don_vi_khoi_luong.m2.xlsx")
                                             for r in (f.rule, *[o.rule for o in getattr(f, "related", [])])}


def test_a_row_of_units_under_the_header_is_part_of_it():
    # G01: 'Hộ | Hộ | % | Hộ | %' under 'Tổng số hộ dân cư | Số hộ nghèo | Tỷ lệ hộ nghèo | ...'
    assert "rows 7-8" in read_form("g01_ho_ngheo_ma_so.xlsx")[2][0]["table"]
    rate = plan_of("g01_ho_ngheo_ma_so.xlsx", "H")
    assert rate == "'Tỷ lệ hộ cận nghèo' (%, relation Số hộ cận nghèo / Tổng số hộ dân cư × 100)"
    assert by_cell("g01_ho_ngheo_ma_so.xlsx").loc["E10", F.UNIT] == "Hộ"


def test_a_trong_do_sub_column_named_by_its_funding_source_is_a_part_not_a_note():
    # G09: 'Trong đó: chi từ nguồn tỉnh bổ sung' under 'Ước thực hiện 9 tháng': 'nguồn' here is where the
    # money came from, not a source-of-data column ('Nguồn'); the part is read and checked within its whole
    vocab = load_vocabulary()
    assert classify(["Ước thực hiện 9 tháng năm 2024", "Trong đó: chi từ nguồn tỉnh bổ sung"], vocab)[0] == "cumulative"
    assert classify(["Nguồn số liệu"], vocab)[0] == "notes"
    assert "not read" not in plan_of("g09_chi_ngan_sach_trong_do_so_sanh.xlsx", "F")
    assert plan_of("g09_chi_ngan_sach_trong_do_so_sanh.xlsx", "G").startswith("pct_previous")
    assert plan_of("g09_chi_ngan_sach_trong_do_so_sanh.xlsx", "H").startswith("pct_plan")
    found = check("g09_chi_ngan_sach_trong_do_so_sanh.m1.xlsx")          # 250.600.000 inside 656.800
    assert found and all("Chi NS!F11" in cells_of(f) for f in found)
