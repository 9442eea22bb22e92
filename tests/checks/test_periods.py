"""check_report.periods: the one reading of the report's own period, and the two views of it.

The document checks see the period's own months (`ReportPeriod`); extraction sees the same period counted
from January (`extract.prose_periods.Period`). Both must come from the same reading of the same title.
"""

from __future__ import annotations

import datetime as dt

import pytest
from _docs import doc_from_text

from check_report import periods
from check_report.checks import period as checks_period
from check_report.document import Document
from check_report.extract import prose_periods
from check_report.readers.text import parse_text

HEAD = "ỦY BAN NHÂN DÂN HUYỆN\nSố: 12/BC-UBND\nĐông Sơn, ngày 20 tháng 10 năm 2024\n"


@pytest.mark.parametrize(("title", "own", "kind", "to_date"), [
    ("BÁO CÁO\nTÌNH HÌNH KINH TẾ - XÃ HỘI QUÝ I NĂM 2024", (2024, 1, 3), "quarter", "2024-01..2024-03"),
    ("BÁO CÁO\nKết quả quý III năm 2024; phương hướng nhiệm vụ quý IV", (2024, 7, 9), "quarter", "2024-01..2024-09"),
    ("BÁO CÁO\nTÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2025", (2025, 1, 6), "months", "2025-01..2025-06"),
    ("BÁO CÁO\nTình hình kinh tế - xã hội tháng 9/2024", (2024, 9, 9), "month", "2024-01..2024-09"),
    ("BÁO CÁO\nKẾT QUẢ 9 THÁNG NĂM 2024", (2024, 1, 9), "months", "2024-01..2024-09"),
    ("BÁO CÁO\nKẾT QUẢ 11 THÁNG NĂM 2024", (2024, 1, 11), "months", "2024-01..2024-11"),
    ("BÁO CÁO\nTÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2023", (2023, 1, 12), "year", "2023-01..2023-12"),
    ("BÁO CÁO\nKết quả năm 2023 và kế hoạch năm 2024", (2023, 1, 12), "year", "2023-01..2023-12"),
    # no year beside the period: the title's year, else the date line's
    ("BÁO CÁO\nKẾT QUẢ 9 THÁNG, NHIỆM VỤ QUÝ IV NĂM 2024", (2024, 1, 9), "months", "2024-01..2024-09"),
    ("BÁO CÁO\nTÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG", (2024, 1, 9), "months", "2024-01..2024-09"),
    # a title without the words BÁO CÁO still names the period
    ("TÌNH HÌNH KINH TẾ - XÃ HỘI QUÝ II NĂM 2024", (2024, 4, 6), "quarter", "2024-01..2024-06"),
])
def test_title_styles_read_the_same_for_checks_and_extraction(title, own, kind, to_date):
    document = doc_from_text(f"{HEAD}{title}\nI. KẾT QUẢ\nNội dung.\n")
    period = periods.report_period(document)
    assert (period.year, period.start_month, period.end_month) == own and period.kind == kind
    assert prose_periods.report_period(document).label == to_date
    assert checks_period.report_period(document) == period


def test_the_date_line_is_not_the_period():
    # "tháng 10 năm 2024" of the date line must not pass for a monthly report
    period = periods.report_period(doc_from_text(f"{HEAD}BÁO CÁO\nTÌNH HÌNH QUÝ II NĂM 2024\n"))
    assert period.kind == "quarter" and period.date == dt.date(2024, 10, 20)
    assert periods.report_period(doc_from_text(HEAD + "BÁO CÁO\nCÔNG TÁC TUYÊN TRUYỀN\n")) is None


def test_a_cited_date_in_the_opening_paragraph_is_not_the_period():
    intro = ("Thực hiện Kế hoạch số 45/KH-UBND ngày 10 tháng 1 năm 2025 của UBND tỉnh, UBND huyện báo cáo "
             "kết quả quý II năm 2025 như sau: " + "nội dung " * 30)
    period = periods.report_period(doc_from_text(f"BÁO CÁO\n{intro}\nI. KẾT QUẢ\n"))
    assert (period.year, period.start_month, period.end_month, period.kind) == (2025, 4, 6, "quarter")


def test_draft_with_a_blank_day():
    document = doc_from_text("Số:    /BC-UBND\nKiến An, ngày    tháng 3 năm 2024\nBÁO CÁO QUÝ I NĂM 2024\n")
    period = periods.report_period(document)
    assert period.date is None and (period.header_month, period.header_year) == (3, 2024)
    assert period.latest_date() == dt.date(2024, 3, 31) == periods.report_date_bound(document)
    assert period.end() == dt.date(2024, 3, 31) and period.label() == "quý I/2024"


def test_a_december_report_dated_in_january_belongs_to_the_year_before():
    period = periods.report_period(doc_from_text("Hà Nội, ngày 05 tháng 1 năm 2025\nBÁO CÁO THÁNG 12\n"))
    assert (period.year, period.end_month, period.date) == (2024, 12, dt.date(2025, 1, 5))


def test_date_bound_without_a_period():
    document = doc_from_text("Hà Nội, ngày 15 tháng 8 năm 2024\nBÁO CÁO\nCÔNG TÁC TUYÊN TRUYỀN\n")
    assert periods.report_period(document) is None
    assert periods.report_date_bound(document) == dt.date(2024, 8, 15)


def test_no_title_no_period():
    document = doc_from_text("Một đoạn văn không có tiêu đề.\n")
    assert periods.report_period(document) is None and prose_periods.report_period(document) is None
    assert periods.report_period(Document(path="empty.md", kind="md")) is None
    assert periods.report_date_bound(None) is None


def test_footnotes_and_headings_bound_the_header():
    text = "BÁO CÁO CÔNG TÁC\n<sup>1</sup> Số liệu quý III năm 2023.\nI. KẾT QUẢ QUÝ II NĂM 2024\n"
    assert periods.report_period(doc_from_text(text)) is None


def test_docx_header_table_gives_the_date():
    document = doc_from_text("BÁO CÁO\nTình hình quý III năm 2024\n", path="r.docx")
    document.tables.append([["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                            ["Số: 7/BC-UBND", "Đông Sơn, ngày 25 tháng 9 năm 2024"]])
    period = periods.report_period(document)
    assert period.date == dt.date(2024, 9, 25) and period.contains_month(2024, 8)
    assert [b.where for b in periods.header_table_blocks(document)] == ["table 1"] * 4


def test_text_reader_documents_read_the_same():
    document = parse_text("**BÁO CÁO**\n**TÌNH HÌNH KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2025**\n\nI. KẾT QUẢ\n",
                          path="r.md")
    assert prose_periods.report_period(document).label == "2025-01..2025-06"
    assert periods.report_period(document).months_to_date() == (1, 6)
