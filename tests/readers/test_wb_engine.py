"""Workbooks through the rule engine: injected discrepancies found at their cells, clean tables silent."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wb_helpers import SAMPLE

from check_report.extract import extract
from check_report.readers import read

engine = pytest.importorskip("check_report.engine")


@functools.lru_cache(maxsize=4)
def ruleset(*packs: str):
    return engine.load_rules(list(packs))


def findings_of(path, packs=("default",)):
    facts, _ = extract(read(path))
    return engine.run_rules(facts, ruleset(*packs), path=str(path)).findings, facts


def cells_of(finding) -> set[str]:
    return {f"{loc.sheet}!{loc.cell}" for loc in finding.locations}


def test_every_injected_discrepancy_is_found_at_its_cell(q1_build):
    findings, _ = findings_of(SAMPLE)
    for cell, (rule, what) in q1_build.INJECTED.items():
        hits = [f for f in findings if f.rule == rule and cell in cells_of(f)]
        assert hits, f"{cell} ({what}) not reported by {rule}"
        assert hits[0].locations[0].path == str(SAMPLE)


def test_sample_reports_nothing_but_the_injected_cells(q1_build):
    """The core arithmetic flags only the injected cells (other packs may add consequences of them)."""
    findings, _ = findings_of(SAMPLE, packs=("core",))
    assert findings
    for finding in findings:
        assert cells_of(finding) & set(q1_build.INJECTED), (finding.rule, finding.message)


def test_sample_script_rebuilds_the_committed_workbook(q1_build, tmp_path):
    """The committed q1.xlsx is what the script builds (same facts), so INJECTED documents it."""
    rebuilt = q1_build.build(tmp_path / "q1.xlsx")
    ours, _ = extract(read(rebuilt))
    committed, _ = extract(read(SAMPLE))
    columns = ["sheet", "cell", "measure", "period", "value", "decimals", "raw", "parent", "complete"]
    assert ours[columns].equals(committed[columns])


@pytest.mark.parametrize("name", ["english.xlsx", "text_numbers.xlsx", "half_year.xlsx", "half_year.xls",
                                  "half_year.ods", "semicolon.csv"])
def test_clean_layouts_give_no_findings(workbooks, name):
    findings, facts = findings_of(workbooks / name)
    assert len(facts) >= 16
    assert [(f.rule, f.message) for f in findings] == []


# --------------------------------------------------------------------------------- property test

_amount = st.integers(min_value=1, max_value=5_000_000)
_row = st.tuples(_amount, _amount, _amount, _amount, st.integers(min_value=1, max_value=9_000_000))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_row, min_size=1, max_size=6), decimals=st.integers(min_value=0, max_value=2),
       scale_pow=st.integers(min_value=0, max_value=2), percent_cells=st.booleans(), as_text=st.booleans())
def test_clean_generated_workbooks_give_no_findings(tmp_path_factory, rows, decimals, scale_pow,
                                                    percent_cells, as_text):
    """Months, their sum, plan and last year stated exactly (to `scale_pow` decimals); % of plan, % of
    same period and growth rounded to `decimals`, stored as numbers, Excel percents or Vietnamese text."""
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("prop") / "clean.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["BÁO CÁO QUÝ I NĂM 2024"])
    sheet.append(["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Tháng 01", "Tháng 02", "Tháng 03", "Quý I",
                  "Cùng kỳ", "% KH", "So cùng kỳ (%)", "Tăng/giảm (%)"])
    unit = 10 ** -scale_pow
    for n, (m1, m2, m3, previous, plan) in enumerate(rows, start=1):
        months = [round(m * unit, scale_pow) for m in (m1, m2, m3)]
        q1 = round(sum(months), scale_pow)
        plan_v, prev_v = round(plan * unit, scale_pow), round(previous * unit, scale_pow)
        derived = [q1 / plan_v * 100, q1 / prev_v * 100, (q1 / prev_v - 1) * 100]
        sheet.append([n, f"Chỉ tiêu {n}", "tấn", plan_v, *months, q1, prev_v])
        r = sheet.max_row
        for col, value in zip("DEFGHI", (plan_v, *months, q1, prev_v)):
            sheet[f"{col}{r}"].number_format = "#,##0" + ("." + "0" * scale_pow if scale_pow else "")
        for col, value in zip("JKL", derived):
            _put_derived(sheet[f"{col}{r}"], value, decimals, percent_cells, as_text)
    book.save(path)
    findings, facts = findings_of(path)
    assert len(facts) == 9 * len(rows)
    assert [(f.rule, f.message) for f in findings] == []


def _put_derived(cell, value: float, decimals: int, percent_cells: bool, as_text: bool) -> None:
    shown = round(value, decimals)
    if as_text:
        text = f"{shown:,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        cell.value = text
    elif percent_cells:
        cell.value = value / 100
        cell.number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
    else:
        cell.value = shown
        cell.number_format = "0" + ("." + "0" * decimals if decimals else "")
