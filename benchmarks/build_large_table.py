"""A large, clean synthetic indicator workbook for the benchmarks (openpyxl write-only: seconds, not minutes).

    python benchmarks/build_large_table.py out.xlsx [rows] [--styled]

Layout: two title rows, a one-row header (STT, Chỉ tiêu, ĐVT, Kế hoạch năm 2024, Tháng 01..03, Quý I,
Cùng kỳ, % KH, So cùng kỳ (%), Tăng/giảm (%)), then blocks of a total ("..., gồm:") and three components
whose figures add up to it. Derived percentages are rounded to 2 decimals, so a correct checker reports
nothing: 9 facts per indicator row.

`styled=True` writes the workbook as a spreadsheet program saves one: a title merged across the table,
every figure cell with a display format (`#,##0` amounts, `0.00` percentages holding the full-precision
quotient a formula gives, shown to 2 decimals), so the reader's formats and rounding are exercised.
"""

from __future__ import annotations

import random
import sys

HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Tháng 01", "Tháng 02", "Tháng 03", "Quý I/2024",
          "Cùng kỳ năm 2023", "% KH", "So cùng kỳ (%)", "Tăng/giảm (%)"]
CHILDREN = 3


def build(path: str, rows: int = 100_000, seed: int = 2024, styled: bool = False) -> str:
    """Write about `rows` indicator rows (whole blocks of 1 total + 3 components) to `path`."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Bieu tong hop")
    if styled:
        sheet.merged_cells.ranges.add(f"A1:{chr(64 + len(HEADER))}1")
    sheet.append(["BÁO CÁO TỔNG HỢP CHỈ TIÊU QUÝ I NĂM 2024 (dữ liệu tổng hợp)"])
    sheet.append([])
    sheet.append(HEADER)
    write = _styler(sheet) if styled else sheet.append
    for block in range(max(1, rows // (CHILDREN + 1))):
        parts = [_figures(rng) for _ in range(CHILDREN)]
        total = [sum(values) for values in zip(*parts)]
        write(_row(str(block + 1), f"Nhóm chỉ tiêu {block + 1}, gồm:", total, exact=styled))
        for k, part in enumerate(parts, start=1):
            write(_row(f"{block + 1}.{k}", f"Thành phần {block + 1}.{k}", part, exact=styled))
    book.save(path)
    return path


def _styler(sheet):
    """Rows written with a number format on each figure cell (amounts `#,##0`, percentages `0.00`)."""
    from openpyxl.cell import WriteOnlyCell

    formats = [None] * 3 + ["#,##0"] * 6 + ["0.00"] * 3

    def write(values: list) -> None:
        cells = []
        for value, fmt in zip(values, formats):
            cell = WriteOnlyCell(sheet, value=value)
            if fmt:
                cell.number_format = fmt
            cells.append(cell)
        sheet.append(cells)

    return write


def _figures(rng: random.Random) -> list[int]:
    months = [rng.randint(100, 50_000) for _ in range(3)]
    plan = rng.randint(sum(months) + 1, 12 * 50_000)
    previous = rng.randint(100, 160_000)
    return [plan, *months, previous]


def _row(code: str, label: str, figures: list[int], exact: bool = False) -> list:
    plan, m1, m2, m3, previous = figures
    q1 = m1 + m2 + m3
    ratio = q1 / previous * 100
    shown = (lambda x: x) if exact else (lambda x: round(x, 2))   # a formula's result, or typed rounded
    return [code, label, "tấn", plan, m1, m2, m3, q1, previous, shown(q1 / plan * 100), shown(ratio),
            shown(ratio - 100)]


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "large.xlsx"
    count = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 100_000
    print(build(out, count, styled="--styled" in sys.argv))
