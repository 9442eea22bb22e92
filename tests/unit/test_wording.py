"""How findings read: quotes cut at word boundaries around the figure, figures in one number style, the
rounding allowance with two significant digits, places and roles in the reader's language."""

from __future__ import annotations

import pytest

from check_report.engine.messages import figure_label, period_name
from check_report.wording import number_text, place_label, quote_around, tolerance_text

SENTENCE = ("- Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ: tháng 6 ước thực hiện 1.315,4 tỷ đồng, 6 tháng "
            "ước thực hiện 1.268,7 tỷ đồng, đạt 48,8 % kế hoạch, tăng 11,2% so với cùng kỳ năm trước.")


@pytest.mark.parametrize("raw", ["1.315,4", "1.268,7", "48,8", "11,2", "6"])
@pytest.mark.parametrize("width", [30, 50, 72])
def test_a_quote_holds_its_figure_and_cuts_only_between_words(raw, width):
    quote = quote_around(f"{raw} — {SENTENCE}", raw, width)
    assert raw in quote
    body = quote.strip("…")
    assert body in SENTENCE
    start = SENTENCE.index(body)
    assert start == 0 or SENTENCE[start - 1] == " "                           # no word cut at the start
    end = start + len(body)
    assert end == len(SENTENCE) or SENTENCE[end] == " "                      # ... nor at the end
    assert len(body) <= max(width, len(raw)) + 12


def test_a_short_context_is_quoted_whole_and_the_figure_prefix_dropped():
    assert quote_around("95,2 — đạt tỷ lệ 95,2%", "95,2") == "đạt tỷ lệ 95,2%"
    assert quote_around("bằng 109,1% so cùng kỳ, tức tăng 9,1%", "9,1", 12).endswith("tăng 9,1%")   # whole number


def test_one_number_style_per_language():
    assert number_text(1297400, 0, "vi", "triệu đồng") == "1.297.400 triệu đồng"
    assert number_text(1297400, 0, "en", "triệu đồng") == "1,297,400 triệu đồng"
    assert number_text(27.5, 2, "vi", "%") == "27,50%" and number_text(27.5, 2, "en") == "27.50"


@pytest.mark.parametrize("tolerance, vi, en", [(0.319, "0,32", "0.32"), (0.005, "0,005", "0.005"),
                                               (2.0, "2", "2"), (1.5, "1,5", "1.5"), (0.053, "0,053", "0.053")])
def test_the_rounding_allowance_has_two_significant_digits(tolerance, vi, en):
    assert tolerance_text(tolerance, "vi") == vi and tolerance_text(tolerance, "en") == en


def test_places_roles_and_periods_in_the_reader_s_language():
    assert place_label({"path": "a.docx", "where": "paragraph 12"}, "vi", "a.docx") == "đoạn 12"
    assert place_label({"path": "a.docx", "where": "footnote 3"}, "en", "a.docx") == "footnote 3"
    assert place_label({"path": "a.md", "sheet": "table 2", "cell": "C4"}, "vi", "a.md") == "bảng 2!C4"
    assert place_label({"path": "b.md", "line": 7}, "vi", "a.md") == "b.md:7"
    assert figure_label("children.plan: Thu thuế", "vi") == "thành phần Thu thuế: kế hoạch"
    assert figure_label("month 2024-03", "en") == "month 03/2024"
    assert figure_label("statement 2", "vi") == "lần nêu thứ 2"
    assert figure_label("pct_plan", "vi") == "% kế hoạch"
    assert period_name("2024-01..2024-03", "vi") == "01–03/2024"
    assert period_name("2024-01..2024-08-31", "vi") == "đến ngày 31/08/2024"   # to a day, not 8 months
    assert period_name("2024-01..2024-08-31", "en") == "to 31/08/2024"
