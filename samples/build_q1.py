"""Build samples/q1.xlsx: a Q1/2024 socio-economic indicator workbook of an invented district.

Layout as district offices fill it in: title rows, a two-row header with merged group headers ("Thực hiện
năm 2024" over the months, "So sánh (%)" over the ratios), a row of column numbers, sections (I, II), an
STT hierarchy (1, 1.1, 1.2, a, b, -) with one complete breakdown ("gồm") and one partial ("trong đó"),
figures stored as numbers with display formats, as Excel percents and as Vietnamese text; a second table
on its own sheet with a one-row header; a notes sheet with no table.

Every derived figure is computed from the stated ones and rounded as shown, so the workbook is consistent
except for the discrepancies in INJECTED (cell -> what is wrong), which the tests import.

    python samples/build_q1.py            # writes samples/q1.xlsx next to this script
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = Path(__file__).resolve().parent / "q1.xlsx"
MAIN = "Bieu 01"
FARM = "Bieu 02"

# cell -> (expected rule id, what was done). Tests assert each is reported at its cell.
INJECTED: dict[str, tuple[str, str]] = {
    f"{MAIN}!H16": ("core.cumulative-sum-of-months",
                    "Q1 retail sales typed as 1.297.400 (two digits swapped) although the months add to "
                    "1.279.400; its % of plan, % of same period and growth were computed from 1.279.400"),
    f"{MAIN}!J17": ("core.pct-of-plan", "% of plan of new enterprises stated 27,50 instead of 25,50"),
    f"{MAIN}!L19": ("core.growth", "growth of jobs stated 12,40% while Q1 / same period gives 7,64%"),
    f"{MAIN}!D14": ("core.children-within-parent",
                    "land-use revenue plan typed with an extra zero (2.100.000): the parts exceed D12 (450.000), "
                    "and its % of plan was computed from 210.000"),
    f"{FARM}!G5": ("core.pct-of-previous", "rice area % of same period stated 103,1 instead of 101,3"),
}
# the relations each injected figure breaks, all of them: one finding per mistake lists them
BROKEN: dict[str, tuple[str, ...]] = {
    f"{MAIN}!H16": ("core.cumulative-sum-of-months", "core.pct-of-plan", "core.pct-of-previous", "core.growth"),
    f"{MAIN}!J17": ("core.pct-of-plan",),
    f"{MAIN}!L19": ("core.growth", "core.growth-matches-ratio"),
    f"{MAIN}!D14": ("core.children-within-parent", "core.pct-of-plan"),
    f"{FARM}!G5": ("core.pct-of-previous",),
}

NUMBER = "#,##0"
ONE_DECIMAL = "#,##0.0"
PCT_NUMBER = "0.00"
PCT_EXCEL = "0.00%"

# (code, label, unit, plan, (m1, m2, m3), previous Q1, storage) ; storage: "number" | "text" | "excel%"
MAIN_ROWS = [
    ("I", "KINH TẾ", None, None, None, None, None),
    ("1", "Giá trị sản xuất công nghiệp - xây dựng (giá so sánh 2010), gồm:", "triệu đồng",
     5_840_000, (402_310, 388_950, 441_600), 1_148_250, "number"),
    ("a", "Công nghiệp", "triệu đồng", 3_920_000, (281_400, 270_150, 305_800), 790_430, "number"),
    ("b", "Xây dựng", "triệu đồng", 1_920_000, (120_910, 118_800, 135_800), 357_820, "number"),
    ("2", "Tổng thu ngân sách nhà nước trên địa bàn, trong đó:", "triệu đồng",
     450_000, (31_280, 28_940, 35_510), 88_760, "excel%"),
    ("-", "Thu thuế ngoài quốc doanh", "triệu đồng", 182_000, (12_450, 11_830, 14_120), 34_980, "excel%"),
    ("-", "Thu tiền sử dụng đất", "triệu đồng", 210_000, (9_800, 8_100, 11_400), 31_050, "excel%"),
    ("-", "Lệ phí trước bạ", "triệu đồng", 50_000, (4_120, 3_960, 4_480), 11_870, "excel%"),
    ("3", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "triệu đồng",
     5_210_000, (438_600, 402_300, 438_500), 1_183_900, "text"),
    ("4", "Số doanh nghiệp thành lập mới", "doanh nghiệp", 200, (14, 12, 25), 47, "number"),
    ("II", "VĂN HÓA - XÃ HỘI", None, None, None, None, None),
    ("5", "Số lao động được giải quyết việc làm, gồm:", "người", 3_600, (262, 248, 321), 772, "number"),
    ("5.1", "Lao động nam", "người", 1_900, (141, 130, 170), 406, "number"),
    ("5.2", "Lao động nữ", "người", 1_700, (121, 118, 151), 366, "number"),
    ("6", "Số lượt khám, chữa bệnh", "lượt", 152_000.0, (12_830.5, 11_904.0, 13_261.5), 36_220.0, "number"),
]

FARM_ROWS = [
    ("1", "Diện tích gieo trồng lúa vụ Đông Xuân", "ha", 3_450.0, 3_412.6, 3_368.9),
    ("2", "Diện tích rau màu các loại", "ha", 1_280.0, 402.3, 388.1),
    ("3", "Tổng đàn lợn (thời điểm)", "con", 41_000, 38_620, 36_954),
]


def vi(value: float, decimals: int = 0) -> str:
    """Vietnamese display: 1.138.000 / 21,89."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def build(path: Path = OUT) -> Path:
    book = Workbook()
    _main_sheet(book.active)
    _farm_sheet(book.create_sheet(FARM))
    notes = book.create_sheet("Ghi chu")
    notes["A1"] = "Ghi chú"
    notes["A2"] = "Số liệu tháng 3 là số ước tính; số liệu chính thức sẽ được cập nhật trong báo cáo 6 tháng."
    notes["A3"] = "Người lập biểu: Phòng Tài chính - Kế hoạch"
    book.save(path)
    return path


def _title(sheet, last_col: str, lines: list[str]) -> None:
    for row, text in enumerate(lines, start=1):
        sheet.cell(row, 1, text).font = Font(bold=True)
        sheet.merge_cells(f"A{row}:{last_col}{row}")
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")


def _main_sheet(sheet) -> None:
    sheet.title = MAIN
    _title(sheet, "L", ["UỶ BAN NHÂN DÂN HUYỆN AN PHÚ (huyện giả định)",
                        "BIỂU 01: MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI QUÝ I NĂM 2024"])
    sheet["L3"] = "Đơn vị tính: theo từng chỉ tiêu"
    top = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2024", "Thực hiện năm 2024", None, None,
           "Ước thực hiện quý I/2024", "Cùng kỳ năm 2023", "So sánh (%)", None, None]
    sub = [None, None, None, None, "Tháng 01", "Tháng 02", "Ước tháng 03", None, None,
           "Quý I so KH năm", "Quý I so cùng kỳ", "Tăng/giảm so cùng kỳ"]
    for col, text in enumerate(top, start=1):
        sheet.cell(5, col, text)
    for col, text in enumerate(sub, start=1):
        sheet.cell(6, col, text)
    for letter in "ABCDHI":
        sheet.merge_cells(f"{letter}5:{letter}6")
    sheet.merge_cells("E5:G5")
    sheet.merge_cells("J5:L5")
    for col in range(1, 13):
        sheet.cell(7, col, f"({col})")
    row = 8
    for spec in MAIN_ROWS:
        _main_row(sheet, row, spec)
        row += 1
    sheet.cell(row + 1, 1, "Ghi chú: (*) số ước tính; tỷ lệ so sánh tính trên số liệu chưa làm tròn.")


def _main_row(sheet, row: int, spec) -> None:
    code, label, unit, plan, months, previous, storage = spec
    sheet.cell(row, 1, code)
    sheet.cell(row, 2, label)
    if plan is None:
        sheet.cell(row, 2).font = Font(bold=True)
        return
    sheet.cell(row, 3, unit)
    decimals = 1 if isinstance(months[0], float) else 0
    fmt = ONE_DECIMAL if decimals else NUMBER
    q1 = sum(months)
    at = f"{MAIN}!{{}}{row}"
    # a typo in Q1 or in the plan is made when the figure is typed, after the ratios were computed from
    # the true figures: every relation the typed figure takes part in breaks
    typed_q1 = 1_297_400 if at.format("H") in INJECTED else q1
    typed_plan = plan * 10 if at.format("D") in INJECTED else plan
    values = [typed_plan, *months, typed_q1, previous]
    for col, value in zip("DEFGHI", values):
        _put(sheet, f"{col}{row}", value, decimals, fmt, storage == "text")
    pct_plan = q1 / plan * 100
    ratio = q1 / previous * 100
    growth = ratio - 100
    if at.format("J") in INJECTED:
        pct_plan += 2.0
    if at.format("L") in INJECTED:
        growth = 12.4
    for col, value in zip("JKL", (pct_plan, ratio, growth)):
        _put_pct(sheet, f"{col}{row}", value, storage)


def _put(sheet, ref: str, value: float, decimals: int, fmt: str, as_text: bool) -> None:
    if as_text:
        sheet[ref] = vi(value, decimals)
        return
    sheet[ref] = value
    sheet[ref].number_format = fmt


def _put_pct(sheet, ref: str, value: float, storage: str) -> None:
    if storage == "text":
        sheet[ref] = vi(round(value, 2), 2)
    elif storage == "excel%":
        sheet[ref] = value / 100
        sheet[ref].number_format = PCT_EXCEL
    else:
        sheet[ref] = value
        sheet[ref].number_format = PCT_NUMBER


def _farm_sheet(sheet) -> None:
    _title(sheet, "H", ["BIỂU 02: SẢN XUẤT NÔNG NGHIỆP QUÝ I NĂM 2024"])
    header = ["TT", "Nội dung", "ĐVT", "KH 2024", "Quý I/2024", "Cùng kỳ năm trước", "% CK", "% KH"]
    for col, text in enumerate(header, start=1):
        sheet.cell(3, col, text)
    sheet.cell(4, 1, "A")
    sheet.cell(4, 2, "TRỒNG TRỌT - CHĂN NUÔI")
    for offset, (code, label, unit, plan, q1, previous) in enumerate(FARM_ROWS):
        row = 5 + offset * 2  # a blank row between indicators, as some offices leave them
        decimals = 1 if isinstance(q1, float) else 0
        fmt = ONE_DECIMAL if decimals else NUMBER
        for col, value in zip("ABC", (code, label, unit)):
            sheet[f"{col}{row}"] = value
        for col, value in zip("DEF", (plan, q1, previous)):
            _put(sheet, f"{col}{row}", value, decimals, fmt, False)
        ratio = q1 / previous * 100
        if f"{FARM}!G{row}" in INJECTED:
            ratio = 103.1
        sheet[f"G{row}"] = vi(ratio, 1)  # typed as text, one decimal
        sheet[f"H{row}"] = round(q1 / plan * 100, 1)
        sheet[f"H{row}"].number_format = "0.0"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(build(target))
