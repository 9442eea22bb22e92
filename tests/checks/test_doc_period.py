"""report_period: the report's own period and date from its title and header."""

from __future__ import annotations

import datetime as dt

import pytest

from _docs import doc_from_text
from check_report.checks.period import report_date_bound, report_period


@pytest.mark.parametrize(("title", "expected"), [
    ("BÁO CÁO\nKết quả thực hiện nhiệm vụ quý I năm 2025; phương hướng nhiệm vụ quý II", (2025, 1, 3, "quarter")),
    ("BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2025", (2025, 1, 6, "months")),
    ("BÁO CÁO\nTÌNH HÌNH KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2026", (2026, 1, 9, "months")),
    ("BÁO CÁO\nTình hình kinh tế - xã hội tháng 5/2025", (2025, 5, 5, "month")),
    ("BÁO CÁO\nTình hình kinh tế - xã hội năm 2024, nhiệm vụ năm 2025", (2024, 1, 12, "year")),
    ("BÁO CÁO\nKẾT QUẢ THÁNG 3 VÀ QUÝ I NĂM 2025; PHƯƠNG HƯỚNG NHIỆM VỤ 9 THÁNG TIẾP THEO", (2025, 1, 3, "quarter")),
    ("BÁO CÁO\nKết quả quý 3/2025", (2025, 7, 9, "quarter")),
])
def test_period_from_title(title: str, expected):
    period = report_period(doc_from_text(f"Số: 12/BC-UBND\nĐông Sơn, ngày 20 tháng 6 năm 2025\n{title}\nI. KẾT QUẢ\n"))
    assert (period.year, period.start_month, period.end_month, period.kind) == expected


def test_period_from_the_opening_paragraph_when_the_title_says_nothing():
    intro = "UBND huyện báo cáo kết quả thực hiện nhiệm vụ quý II năm 2025 như sau: " + "nội dung " * 40
    period = report_period(doc_from_text(f"BÁO CÁO\n{intro}\nI. KẾT QUẢ\n"))
    assert (period.year, period.start_month, period.end_month) == (2025, 4, 6)


def test_date_line_whole_and_blank():
    whole = report_period(doc_from_text("Đông Sơn, ngày 05 tháng 7 năm 2025\nBÁO CÁO QUÝ II NĂM 2025\n"))
    assert whole.date == dt.date(2025, 7, 5) and whole.latest_date() == dt.date(2025, 7, 5)
    draft = report_period(doc_from_text("Đông Sơn, ngày    tháng 2 năm 2028\nBÁO CÁO THÁNG 1 NĂM 2028\n"))
    assert draft.date is None and draft.latest_date() == dt.date(2028, 2, 29)
    assert draft.label() == "tháng 1/2028"


def test_no_period_no_bound():
    assert report_period(doc_from_text("Một đoạn văn không có tiêu đề.\n")) is None
    assert report_period(None) is None
    assert report_date_bound(doc_from_text("Một đoạn văn.\n")) is None


def test_contains_month():
    period = report_period(doc_from_text("BÁO CÁO QUÝ II NĂM 2025\n"))
    assert period.contains_month(2025, 5) and not period.contains_month(2024, 5) and not period.contains_month(2025, 7)


def test_docx_header_table_gives_the_date_and_the_blanks():
    from check_report.checks import load
    from check_report.checks.base import CheckContext

    document = doc_from_text("BÁO CÁO\nTình hình kinh tế - xã hội quý II năm 2025\nI. KẾT QUẢ\n", path="r.docx")
    document.tables.append([["ỦY BAN NHÂN DÂN HUYỆN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                            ["Số:     /BC-UBND", "Đông Sơn, ngày    tháng 6 năm 2025"]])
    period = report_period(document)
    assert (period.start_month, period.end_month, period.header_month) == (4, 6, 6)
    assert period.latest_date() == dt.date(2025, 6, 30)
    module = load("header-blank")
    problems = list(module.check(CheckContext(path="r.docx", document=document, facts=None), {}))
    assert [p.locations[0].where for p in problems] == ["table 1", "table 1"]
    assert "Số:" in problems[0].locations[0].text
