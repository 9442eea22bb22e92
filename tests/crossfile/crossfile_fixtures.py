"""Build a small set of monthly reports and one quarterly report of one district as .xlsx files.

Run `python tests/crossfile/crossfile_fixtures.py OUTDIR` to look at them in a spreadsheet program; the tests
call `write_reports(tmp_path, ...)`. The layout is the usual one of these reports: a title row, a header
row (STT | Chỉ tiêu | ĐVT | month | cumulative), one indicator per row. `expected_facts` gives the fact
rows a reader should extract from the same cells, addresses taken from the writer itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

from check_report import facts as F
from check_report.numbers import bounds
from check_report.readers.base import a1

SHEET = "Biểu 01"
HEADER_ROW = 2          # 0-based: the header sits on the third row, under the title and a blank row
INDICATORS = [          # code, name, unit, values per month (January .. March)
    ("1", "Giá trị sản xuất công nghiệp", "triệu đồng", [100.0, 120.0, 130.0]),
    ("2", "Thu ngân sách trên địa bàn", "triệu đồng", [40.5, 35.25, 50.0]),
    ("3", "Số hộ được hỗ trợ", "hộ", [12.0, 8.0, 10.0]),
]
YEAR = 2024


def monthly_rows(month: int) -> list[dict]:
    """What the report of `month` states: the month's value and the cumulative since January."""
    return [{"code": code, "name": name, "unit": unit, "month": values[month - 1],
             "cumulative": sum(values[:month])} for code, name, unit, values in INDICATORS]


def quarterly_rows(overrides: dict[str, float] | None = None) -> list[dict]:
    """The quarterly report: March's value and the quarter's cumulative (unless overridden per code)."""
    rows = monthly_rows(3)
    for row in rows:
        if overrides and row["code"] in overrides:
            row["cumulative"] = overrides[row["code"]]
    return rows


def write_report(path: Path, month: int, rows: list[dict]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.cell(1, 1, f"BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG {month}/{YEAR}")
    headers = ["STT", "Chỉ tiêu", "ĐVT", f"Thực hiện tháng {month}/{YEAR}", f"Lũy kế {month} tháng"]
    for col, text in enumerate(headers):
        sheet.cell(HEADER_ROW + 1, col + 1, text)
    for i, row in enumerate(rows):
        r = HEADER_ROW + 2 + i
        for col, value in enumerate([row["code"], row["name"], row["unit"], row["month"], row["cumulative"]]):
            sheet.cell(r, col + 1, value)
    book.save(path)
    return path


def expected_facts(path: Path, month: int, rows: list[dict]):
    """The fact table of one report, each figure at the cell `write_report` put it in."""
    records = []
    for i, row in enumerate(rows):
        r = HEADER_ROW + 1 + i
        for col, measure, start in ((3, F.MONTH, month), (4, F.CUMULATIVE, 1)):
            value = float(row[measure if measure == F.CUMULATIVE else "month"])
            decimals = len(repr(value).split(".")[1].rstrip("0"))
            lower, upper = bounds(value, decimals)
            records.append({
                F.FILE: str(path), F.SHEET: SHEET, F.CELL: a1(r, col), F.ENTITY: f"{SHEET}!{r + 1}",
                F.CODE: row["code"], F.INDICATOR: row["name"], F.MEASURE: measure,
                F.PERIOD: f"{YEAR}-{start:02d}..{YEAR}-{month:02d}" if start != month else f"{YEAR}-{month:02d}",
                F.PERIOD_START: start, F.PERIOD_END: month, F.YEAR: YEAR, F.UNIT: row["unit"],
                F.VALUE: value, F.LOWER: lower, F.UPPER: upper, F.DECIMALS: decimals,
                F.RAW: f"{value:g}", F.TEXT: row["name"]})
    return F.new_table(records)


def write_reports(folder: Path, quarter_overrides: dict[str, float] | None = None):
    """Three monthly reports and the quarterly one; returns [(path, expected fact table)] in month order."""
    made = []
    for month in (1, 2, 3):
        path = folder / f"thang{month:02d}.xlsx"
        rows = monthly_rows(month)
        made.append((str(write_report(path, month, rows)), expected_facts(path, month, rows)))
    path = folder / "quy1.xlsx"
    rows = quarterly_rows(quarter_overrides)
    made.append((str(write_report(path, 3, rows)), expected_facts(path, 3, rows)))
    return made


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for written, _ in write_reports(out, {"1": 360.0}):
        print(written)
