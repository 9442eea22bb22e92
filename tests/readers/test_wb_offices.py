"""Layouts as offices make them (issue 10): consolidation tables, stacked tables, socio-economic tables
with verdicts and monthly comparisons, formulas with cached values. Clean twins give nothing; single-cell
mutations are found at their cell."""

from __future__ import annotations

import functools
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wb_helpers import WORKBOOKS, load_script

from check_report import facts as F
from check_report.extract import extract
from check_report.readers import read

engine = pytest.importorskip("check_report.engine")
OFFICES = ("consolidation.xlsx", "consolidation_total_last.xlsx", "stacked.xlsx", "ktxh.xlsx",
           "formulas_cached.xlsx")


@functools.lru_cache(maxsize=1)
def builder():
    return load_script(WORKBOOKS / "build_offices.py", "office_fixtures")


@functools.lru_cache(maxsize=2)
def rules():
    return engine.load_rules(["default"])


def check(path):
    facts, notes = extract(read(path))
    return engine.run_rules(facts, rules(), path=str(path)).findings, facts, notes


def cells_of(finding) -> set[str]:
    return {loc.cell for loc in finding.locations}


def mutated(tmp_path, sheets: dict, sheet: str, cell: str, value, name="m.xlsx"):
    """A copy of a fixture's grids with one cell changed."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(cell)
    grids = {title: ([list(r) for r in rows], merges, formats) for title, (rows, merges, formats) in sheets.items()}
    rows = grids[sheet][0]
    col = column_index_from_string(letters) - 1
    while len(rows[row - 1]) <= col:
        rows[row - 1].append(None)
    rows[row - 1][col] = value
    return builder().write(tmp_path / name, grids)


@pytest.mark.parametrize("name", OFFICES)
def test_clean_twins_give_no_findings(name):
    findings, facts, notes = check(WORKBOOKS / name)
    assert len(facts) >= 20
    assert [(f.rule, f.message) for f in findings] == []


# ----------------------------------------------------------------------------- consolidation


def test_consolidation_entities_per_unit_and_column_under_the_total():
    _, facts, notes = check(WORKBOOKS / "consolidation.xlsx")
    by_cell = facts.set_index(F.CELL)
    # the total row "Toàn huyện" is row 7 (first under the column numbers); units are rows 8..17
    assert by_cell.loc["E8", F.ENTITY] == "Ho ngheo!8:E" and by_cell.loc["E8", F.PARENT] == "Ho ngheo!7:E"
    assert by_cell.loc["E8", F.INDICATOR] == "Hộ nghèo – Số hộ nghèo – Thị trấn Bình Sơn"
    assert by_cell.loc["E7", F.COMPLETE] and not by_cell.loc["E8", F.COMPLETE]
    assert (by_cell.loc["E8", F.UNIT], by_cell.loc["E8", F.MEASURE]) == ("hộ", F.AMOUNT)
    # rates and averages are never parts of the total
    assert pd.isna(by_cell.loc["F8", F.PARENT]) and pd.isna(by_cell.loc["J8", F.PARENT])
    # the declared formula rides on the rate, with the cells of its own row
    assert by_cell.loc["F8", F.FORMULA] == "F8 == E8 / D8 * 100 | (6)=(5)/(4)×100"
    assert by_cell.loc["I8", F.FORMULA].startswith("I8 <= H8 | ")
    assert any("columns of figures read: C, D, E, F, G, H, I, J; rows are reporting units" in n for n in notes)


def test_consolidation_typo_in_one_unit_is_found_at_that_cell_and_at_the_total(tmp_path):
    sheets = {"Ho ngheo": builder().consolidation_grid(True)}
    # Xã Bình Thạnh (row 11) has 143 poor households; typed 134
    findings, _, _ = check(mutated(tmp_path, sheets, "Ho ngheo", "E11", 134))
    by_rule = {f.rule: f for f in findings}
    assert set(by_rule) == {"core.children-sum", "core.table-relation"}
    assert {"E11", "E7"} <= cells_of(by_rule["core.children-sum"])          # at the unit and the total
    assert by_rule["core.children-sum"].figures[0].location.cell == "E7"
    assert cells_of(by_rule["core.table-relation"]) == {"F11", "E11", "D11"}  # its rate no longer follows


def test_consolidation_wrong_rate_is_found_at_its_cell(tmp_path):
    sheets = {"Ho ngheo": builder().consolidation_grid(True)}
    findings, _, _ = check(mutated(tmp_path, sheets, "Ho ngheo", "F14", 5.84))   # 115 / 1.533 = 7,50%
    assert [(f.rule, f.figures[0].location.cell) for f in findings] == [("core.table-relation", "F14")]
    assert "(6)=(5)/(4)×100" in findings[0].message


def test_consolidation_rate_by_header_words_with_the_total_last(tmp_path):
    sheets = {"Ho ngheo": builder().consolidation_grid(False)}
    findings, _, _ = check(mutated(tmp_path, sheets, "Ho ngheo", "F16", 2.0))     # the "Tổng cộng" row
    assert [(f.rule, f.figures[0].location.cell) for f in findings] == [("core.table-relation", "F16")]
    assert "Số hộ nghèo / Tổng số hộ × 100" in findings[0].message


def test_consolidation_part_above_its_whole(tmp_path):
    sheets = {"Ho ngheo": builder().consolidation_grid(True)}
    findings, _, _ = check(mutated(tmp_path, sheets, "Ho ngheo", "I9", 260))      # of 210 jobs, 260 women
    rules_cells = {(f.rule, f.figures[0].location.cell) for f in findings}
    assert ("core.table-relation", "I9") in rules_cells                           # the part within its whole
    assert any(f.rule == "core.children-sum" and "I9" in cells_of(f) for f in findings)   # and the total


ADDITIVE = "CDEGH"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.integers(0, 9), column=st.sampled_from(ADDITIVE), delta=st.integers(1, 400),
       total_first=st.booleans(), sign=st.sampled_from([1, -1]))
def test_any_single_unit_typo_is_found_at_its_cell(tmp_path_factory, unit, column, delta, total_first, sign):
    """Counts (hộ, người) are exact: a typo of one household is found. Column H of the total-last variant
    writes no unit, so its ten figures are ± 0,5 each and only a typo beyond 5,5 can be told."""
    rows, merges, formats = builder().consolidation_grid(total_first)
    if column == "H" and not total_first:
        delta += 5
    delta *= sign
    first = 8 if total_first else 6
    cell = f"{column}{first + unit}"
    value = rows[first + unit - 1]["ABCDEFGHIJ".index(column)]
    path = mutated(tmp_path_factory.mktemp("typo"), {"Ho ngheo": (rows, merges, formats)}, "Ho ngheo", cell,
                   value + delta)
    findings, _, _ = check(path)
    assert findings and any(cell in cells_of(f) for f in findings), [f.message for f in findings]
    assert all(cell in cells_of(f) for f in findings)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unit=st.integers(0, 9), shift=st.sampled_from([-1.0, -0.05, 0.05, 0.4, 3.0]))
def test_any_wrong_rate_is_found_at_its_cell(tmp_path_factory, unit, shift):
    rows, merges, formats = builder().consolidation_grid(True)
    cell = f"F{8 + unit}"
    value = round(rows[8 + unit - 1][5] + shift, 2)
    path = mutated(tmp_path_factory.mktemp("rate"), {"Ho ngheo": (rows, merges, formats)}, "Ho ngheo", cell, value)
    findings, _, _ = check(path)
    assert [(f.rule, f.figures[0].location.cell) for f in findings] == [("core.table-relation", cell)]


# ----------------------------------------------------------------------------------- stacked


def test_stacked_tables_are_each_read_with_their_own_roles():
    _, facts, notes = check(WORKBOOKS / "stacked.xlsx")
    by_cell = facts.set_index(F.CELL)
    # table 1: D plan, E cumulative, F % of plan
    assert [by_cell.loc[c, F.MEASURE] for c in ("D3", "E3", "F3")] == [F.PLAN, F.CUMULATIVE, F.PCT_PLAN]
    # table 2: D this quarter, E last year, F % of last year, G the plan: other roles in the same columns
    assert [by_cell.loc[c, F.MEASURE] for c in ("D11", "E11", "F11", "G11")] == [
        F.CUMULATIVE, F.PREVIOUS, F.PCT_PREVIOUS, F.PLAN]
    # table 3: units under their total "Cộng"
    assert by_cell.loc["D17", F.PARENT] == "Bieu!21:D" and by_cell.loc["E17", F.FORMULA]
    plans = [n for n in notes if "columns of figures read:" in n]
    assert len(plans) == 3 and "BIỂU 02" in plans[1] and plans[1].endswith("read: D, E, F, G")
    assert "rows are reporting units" in plans[2]
    assert any("table at row 24" in n and "not read: no column of figures has a role" in n for n in notes)
    assert not facts[F.CELL].isin(["C25", "D25", "C26", "D26"]).any()       # the block we could not read


def test_stacked_second_table_mutation_is_judged_by_its_own_roles(tmp_path):
    sheets = {"Bieu": builder().stacked_grid()}
    findings, _, _ = check(mutated(tmp_path, sheets, "Bieu", "F12", 110.0))     # 7.811 / 7.540 = 103,6%
    assert [(f.rule, f.figures[0].location.cell) for f in findings] == [("core.pct-of-previous", "F12")]


def test_stacked_first_table_breakdown(tmp_path):
    sheets = {"Bieu": builder().stacked_grid()}
    findings, _, _ = check(mutated(tmp_path, sheets, "Bieu", "E4", 946))       # 946 + 1.464 > 2.310 ("gồm")
    assert {f.rule for f in findings} >= {"core.children-sum"}
    assert all("E4" in cells_of(f) for f in findings)


# -------------------------------------------------------------------------------------- ktxh


def test_ktxh_monthly_comparison_pairs_last_years_month(tmp_path):
    _, facts, _ = check(WORKBOOKS / "ktxh.xlsx")
    month = facts[(facts[F.SHEET] == "Thang 12") & (facts[F.CELL] == "E3")].iloc[0]
    assert (month[F.MEASURE], month[F.PERIOD]) == (F.PREVIOUS_MONTH, "2024-12")
    sheets = builder().ktxh_grid()
    findings, _, _ = check(mutated(tmp_path, sheets, "Thang 12", "F4", 109.5))   # 412,7 / 388,5 = 106,23%
    assert [(f.rule, f.figures[0].location.cell) for f in findings] == [("core.pct-of-previous-month", "F4")]


@pytest.mark.parametrize("cell, verdict, found", [
    ("I6", "Không đạt", True),     # tổng giá trị sản xuất 5.268 of 5.200 planned
    ("I10", "Đạt", False),         # thu ngân sách 401.250 of 386.000
    ("I10", "Không đạt", True),
    ("I11", "Không đạt", True),    # tỷ lệ hộ nghèo 2,6% against 2,8%: less is better, so it is met
    ("I12", "Vượt", False),        # 11 accidents against 12: below the plan is beyond it
    ("I12", "Không đạt", True),
    ("I13", "Vượt", False),        # tỷ lệ che phủ rừng 41,6 of 41,5
    ("I7", "Đạt", False),          # nông nghiệp: which way is better is not in the word lists, not judged
    ("I14", "Không đạt", False),   # population: which way is better is not known, never judged
])
def test_ktxh_verdicts(tmp_path, cell, verdict, found):
    findings, _, _ = check(mutated(tmp_path, builder().ktxh_grid(), "KTXH", cell, verdict))
    hits = [f for f in findings if f.rule == "core.assessment"]
    assert bool(hits) is found and all(f.figures[0].location.cell == cell for f in hits)
    assert [f for f in findings if f.rule != "core.assessment"] == []


def test_ktxh_row_formula_and_declared_columns(tmp_path):
    _, facts, notes = check(WORKBOOKS / "ktxh.xlsx")
    budget = facts[facts[F.SHEET] == "Ngan sach"].set_index(F.CELL)
    assert budget.loc["E4", F.FORMULA] == "E4 == E5 + E6 | (I+II)"
    assert any("'Ngan sach'" in n and "column C ('Mã số') not read: a second code column" in n for n in notes)
    # the total above its rows (a partial breakdown allows it): the declared relation (I+II) does not
    findings, _, _ = check(mutated(tmp_path, builder().ktxh_grid(), "Ngan sach", "E4", 402_250))
    # (104,2% of plan still shows as the "104" written in F4: only the declared sum can tell)
    assert [(f.rule, f.figures[0].location.cell) for f in findings] == [("core.table-relation", "E4")]
    assert "(I+II)" in findings[0].message
    # a row above its total: the sum of the stated parts says it (the declared relation within it)
    findings, _, _ = check(mutated(tmp_path, builder().ktxh_grid(), "Ngan sach", "E6", 61_030, name="b.xlsx"))
    assert any(f.rule == "core.children-within-parent" and {"E4", "E6"} <= cells_of(f) for f in findings)


def test_ktxh_declared_ratio_without_100_over_percentages(tmp_path):
    findings, _, _ = check(mutated(tmp_path, builder().ktxh_grid(), "KTXH", "G9", 109.0))   # 401.250 / 386.000
    assert {(f.rule, f.figures[0].location.cell) for f in findings} == {("core.pct-of-plan", "G9")}
    # the declared '(4)=(3)/(1)' failed too: shown within the built-in rule's finding, not twice


# -------------------------------------------------------------------------------- cached values


def test_formulas_with_cached_values_are_read_as_their_results():
    with zipfile.ZipFile(WORKBOOKS / "formulas_cached.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert ">SUM(E6:E15)</f><v>" in sheet and ">ROUND(E6/D6*100,2)</f><v>" in sheet   # formula + its value
    _, facts, notes = check(WORKBOOKS / "formulas_cached.xlsx")
    by_cell = facts.set_index(F.CELL)
    units = builder().UNITS
    assert by_cell.loc["E16", F.VALUE] == sum(u[3] for u in units)
    assert by_cell.loc["F6", F.VALUE] == builder().rate(units[0][3], units[0][2])
    assert not any("no saved result" in n for n in notes)


def test_office_fixtures_are_what_the_script_builds(tmp_path):
    columns = [F.SHEET, F.CELL, F.MEASURE, F.VALUE, F.RAW, F.PARENT, F.COMPLETE, F.FORMULA]
    for name, build in builder().BUILDERS.items():
        ours, _ = extract(read(build(tmp_path / name)))
        committed, _ = extract(read(WORKBOOKS / name))
        assert ours[columns].equals(committed[columns]), name


def test_extract_command_shows_each_tables_column_plan(capsys):
    from check_report.cli import main

    assert main(["extract", str(WORKBOOKS / "stacked.xlsx")]) == 0
    out = capsys.readouterr().out
    plan, facts = out.split("\n\n", 1)
    lines = [" ".join(line.split()) for line in plan.splitlines()]
    assert any("BIỂU 01" in line and "│ E │ Thực hiện quý I │ cumulative" in line for line in lines)
    assert any("BIỂU 02" in line and "│ E │ Cùng kỳ năm 2023 │ previous" in line for line in lines)
    assert any("BIỂU 02" in line and "│ G │ Kế hoạch năm │ plan" in line for line in lines)
    assert any("BIỂU 03" in line and "│ D │ Số hộ nghèo │ 'Số hộ nghèo'" in line for line in lines)
    assert "reporting units" in plan
    assert any("row 24" in line and "not read" in line for line in lines)
    assert "Sản lượng lương thực" in facts


def _poverty_table(poor_in_unit_3: int) -> dict:
    """A consolidation table whose column-number row writes its formulas bare ("3=2/1*100") between plain
    numbers that are not consecutive (1, 2, 4, 6), as many offices' forms do."""
    units = [("Thị trấn Tân Phú", 4210, 61), ("Xã Phú Lộc", 2875, 88), ("Xã Phú Thanh", 1934, 97),
             ("Xã Phú Xuân", 2410, 73), ("Xã Trà Cổ", 1688, 104)]
    households, poor = sum(u[1] for u in units), sum(u[2] for u in units)
    rows = [["KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM 2025"], [],
            ["STT", "Xã, thị trấn", "Tổng số hộ dân cư", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Ghi chú"],
            ["A", "B", "1", "2", "3=2/1*100", "4"],
            [None, "Toàn huyện", households, poor, round(poor / households * 100, 2)]]
    for k, (name, h, p) in enumerate(units, 1):
        rows.append([k, name, h, p, round(p / h * 100, 2)])
    rows[7][3] = poor_in_unit_3
    return {"Biểu 02": (rows, [], {f"E{r}": "0.00" for r in range(5, 11)})}


def test_a_bare_formula_numbering_row_is_not_read_as_a_total(tmp_path):
    findings, _facts, _notes = check(builder().write(tmp_path / "clean.xlsx", _poverty_table(97)))
    assert findings == []
    findings, _facts, _notes = check(builder().write(tmp_path / "typo.xlsx", _poverty_table(79)))
    assert {f.rule for f in findings} == {"core.children-sum", "core.table-relation"}
    assert all("D8" in cells_of(f) for f in findings)
