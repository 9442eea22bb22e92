"""cross-mention and derived-plan on small documents, through the engine with the text pack."""

from __future__ import annotations

import pytest

from check_report.engine import load_rules, run_rules
from check_report.extract.prose import document_facts
from check_report.findings import Severity
from check_report.readers.text import parse_text

TITLE = "**BÁO CÁO KẾT QUẢ QUÝ I NĂM 2024**"


def findings(*lines: str, rule: str | None = None):
    document = parse_text("\n\n".join((TITLE,) + lines) + "\n", path="r.md")
    facts, _ = document_facts(document)
    result = run_rules(facts, load_rules(["text"]), path="r.md", document=document)
    return [f for f in result.findings if rule is None or f.rule == rule]


BODY = ("- **Tổng thu ngân sách nhà nước trên địa bàn:** 3 tháng ước thực hiện 510.351 triệu đồng, "
        "đạt 95,3% kế hoạch, {}.")


@pytest.mark.parametrize("body, summary, severity", [
    ("tăng 744% so cùng kỳ", "đạt 844% so cùng kỳ", Severity.WARNING),      # agree only as growth vs ratio
    ("tăng 44% so cùng kỳ", "bằng 44% so với cùng kỳ", Severity.WARNING),   # same number, other meaning
    ("tăng 9,1% so cùng kỳ", "tăng 9,8% so cùng kỳ", Severity.ERROR),      # two values
    ("tăng 9,1% so cùng kỳ", "bằng 112% so cùng kỳ", Severity.ERROR),      # disagree under every reading
])
def test_cross_mention_reports_with_both_lines(body, summary, severity):
    found = findings(BODY.format(body), "Đánh giá chung: đặc biệt thu ngân sách đạt 95,3% kế hoạch, " + summary + ".",
                     rule="text.cross-mention")
    assert len(found) == 1
    assert found[0].severity == severity
    assert [loc.line for loc in found[0].locations] == [3, 5]


@pytest.mark.parametrize("summary", [
    "Thu ngân sách tăng 9,8% so cùng kỳ.",                                     # nothing else restated
    "Thu ngân sách đạt 100% kế hoạch, tăng 9,8% so cùng kỳ.",                  # only a round 100% alike
    "Thu ngân sách tăng 9,8% so cùng kỳ, đạt 94,1% kế hoạch.",                # the other figure differs too
])
def test_cross_mention_without_another_figure_alike_is_a_doubt(summary):
    """Two statements named alike that share no other figure may be two figures (another crop, another
    measure of one sector): the disagreement is shown as an info, never an error."""
    body = BODY.replace("95,3%", "100%") if "100%" in summary else BODY
    found = findings(body.format("tăng 9,1% so cùng kỳ"), summary, rule="text.cross-mention")
    assert found and {f.severity for f in found} == {Severity.INFO}
    growth = [f for f in found if "9,1" in f.message]
    assert len(growth) == 1 and "share no other figure" in growth[0].message


@pytest.mark.parametrize("restated, severity", [
    # a summary: it restates another statement's figure (4.312,8), so its GRDP is the body's GRDP
    ("thu ngân sách nhà nước đạt 4.312,8 tỷ đồng", Severity.ERROR),
    # no other figure alike: a doubt
    ("thu ngân sách nhà nước đạt 4.100 tỷ đồng", Severity.INFO),
    # a category of a standard breakdown alike in two places may be alike by chance (two lists of sectors)
    ("khu vực dịch vụ tăng 6,38%", Severity.INFO),
])
def test_cross_mention_a_summary_restates_a_statement_not_a_category(restated, severity):
    body = ("GRDP 3 tháng ước tăng 6,52% so với cùng kỳ năm trước, trong đó khu vực dịch vụ tăng 6,38%.\n\n"
            "Tổng thu ngân sách nhà nước 3 tháng ước đạt 4.312,8 tỷ đồng.")
    second = f"Đánh giá chung: GRDP 3 tháng tăng 6,25%, {restated}."
    found = [f for f in findings(body, second, rule="text.cross-mention") if "6,52" in f.message]
    assert [f.severity for f in found] == [severity]
    assert "6,25" in found[0].message


def test_cross_mention_doubt_in_vietnamese():
    document = parse_text(TITLE + "\n\n" + BODY.format("tăng 744% so cùng kỳ") +
                          "\n\nThu ngân sách đạt 844% so cùng kỳ.\n", path="r.md")
    facts, _ = document_facts(document)
    result = run_rules(facts, load_rules(["text"]), path="r.md", document=document, lang="vi")
    found = [f for f in result.findings if f.rule == "text.cross-mention"]
    assert [f.severity for f in found] == [Severity.INFO]
    assert "không có số liệu nào khác trùng nhau" in found[0].message


@pytest.mark.parametrize("summary", ["tăng 744% so cùng kỳ", "tăng 744 % so với cùng kỳ"])
def test_cross_mention_same_wording_same_value_is_quiet(summary):
    assert findings(BODY.format("tăng 744% so cùng kỳ"),
                    "Đặc biệt thu ngân sách đạt 95,3% kế hoạch, " + summary + ".", rule="text.cross-mention") == []


def test_cross_mention_within_rounding_is_quiet():
    assert findings(BODY.format("tăng 9,1% so cùng kỳ"), "Thu ngân sách tăng 9,12% so cùng kỳ.",
                    rule="text.cross-mention") == []


def test_cross_mention_needs_the_same_indicator():
    assert findings(BODY.format("tăng 9,1% so cùng kỳ"), "Tổng chi ngân sách 3 tháng tăng 20% so cùng kỳ.",
                    rule="text.cross-mention") == []


def plan_case(total_pct: str, second_pct: str, word: str = "gồm:"):
    return ("Giá trị sản xuất nông nghiệp 3 tháng ước thực hiện 36.000 triệu đồng, đạt " + total_pct +
            " kế hoạch, " + word + " trồng trọt 3 tháng ước thực hiện 21.000 triệu đồng, đạt 21% kế hoạch; "
            "chăn nuôi 3 tháng ước thực hiện 15.000 triệu đồng, đạt " + second_pct + " kế hoạch.")


def test_derived_plan_complete_breakdown_states_the_implied_percentage():
    found = findings(plan_case("24%", "25%"), rule="text.derived-plan")
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert found[0].details["implied_pct"] == pytest.approx(22.5, abs=0.05)
    assert "22.49%" in found[0].message or "22.5" in found[0].message


def test_derived_plan_holds_within_rounding():
    assert findings(plan_case("24%", "30%"), rule="text.derived-plan") == []
    assert findings(plan_case("24,0%", "29,9%"), rule="text.derived-plan") == []


def test_derived_plan_partial_values_adding_up_is_only_a_note():
    found = findings(plan_case("24%", "35%", "trong đó:"), rule="text.derived-plan")
    assert len(found) == 1 and found[0].severity == Severity.INFO
    exceeding = findings(plan_case("24%", "25%", "trong đó:"), rule="text.derived-plan")
    assert len(exceeding) == 1 and exceeding[0].severity == Severity.ERROR   # parts' plans above the total's


def test_derived_previous_from_growth():
    text = ("Thu ngân sách 3 tháng ước thực hiện 120.000 triệu đồng, tăng 25% so cùng kỳ, gồm: thu thuế 3 tháng "
            "ước thực hiện 80.000 triệu đồng, tăng 12,7% so cùng kỳ; thu tiền đất 3 tháng ước thực hiện 40.000 "
            "triệu đồng, tăng {} so cùng kỳ.")
    assert findings(text.format("60%"), rule="text.derived-plan") == []
    wrong = findings(text.format("30%"), rule="text.derived-plan")
    assert len(wrong) == 1 and wrong[0].details["base"] == "previous"


def test_shares_of_a_total():
    # a money total: shares are percentages, never converted to the total's scale (tỷ or triệu đồng)
    wrong = findings("Tổng 3 tháng ước thực hiện 2.000 tỷ đồng, trong đó: công nghiệp 3 tháng ước thực hiện "
                     "1.200 tỷ đồng, chiếm 60%; dịch vụ 3 tháng ước thực hiện 800 tỷ đồng, chiếm 45%.")
    assert {f.rule for f in wrong} == {"text.shares-within-100", "text.share-of-total"}
    right = findings("Tổng 3 tháng ước thực hiện 2.000 tỷ đồng, gồm: công nghiệp 3 tháng ước thực hiện 1.200 tỷ "
                     "đồng, chiếm 60%; dịch vụ 3 tháng ước thực hiện 800.000 triệu đồng, chiếm 40%.")
    assert right == []


def test_shares_of_a_count_total():
    wrong = findings("Tổng số lao động 200 người, trong đó: nam 120 người, chiếm 60%; nữ 80 người, chiếm 45%.")
    assert {f.rule for f in wrong} == {"text.shares-within-100", "text.share-of-total"}
    right = findings("Tổng số lao động 200 người, gồm: nam 120 người, chiếm 60%; nữ 80 người, chiếm 40%.")
    assert right == []


@pytest.mark.parametrize("services, rules", [("2,6", set()), ("2,9", {"text.contributions-sum"})])
def test_contributions_add_up_to_the_total_growth(services, rules):
    # a money total: contributions (percentage points) are compared with its growth as written
    text = ("GRDP quý I ước đạt 12.500 tỷ đồng, tăng 6,5% so với cùng kỳ, gồm: khu vực nông nghiệp ước đạt 2.000 "
            "tỷ đồng, tăng 3,2%, đóng góp 0,5 điểm phần trăm; khu vực công nghiệp ước đạt 6.000 tỷ đồng, tăng 8,1%, "
            "đóng góp 3,4 điểm phần trăm; khu vực dịch vụ ước đạt 4.500 tỷ đồng, tăng 6,0%, đóng góp "
            f"{services} điểm phần trăm.")
    assert {f.rule for f in findings(text)} == rules


def test_messages_in_vietnamese():
    document = parse_text(TITLE + "\n\n" + BODY.format("tăng 744% so cùng kỳ") +
                          "\n\nThu ngân sách đạt 95,3% kế hoạch, đạt 844% so cùng kỳ.\n", path="r.md")
    facts, _ = document_facts(document)
    result = run_rules(facts, load_rules(["text"]), path="r.md", document=document, lang="vi")
    message = next(f.message for f in result.findings if f.rule == "text.cross-mention")
    assert "chỉ khớp nhau khi hiểu" in message and "744" in message and "844" in message


def test_every_text_rule_is_documented():
    rules = load_rules(["text"]).rules
    assert rules and all(r.id.startswith("text.") for r in rules)
    for rule in rules:
        assert rule.description.get("en") and rule.description.get("vi")
        assert {"why", "fail", "pass"} <= set(rule.doc), rule.id


@pytest.mark.parametrize("times, severity", [("8,44", None), ("7,44", Severity.WARNING), ("5,1", Severity.ERROR)])
def test_cross_mention_gap_n_lan_reads_both_ways(times, severity):
    found = findings(BODY.format(f"gấp {times} lần so cùng kỳ"), "Thu ngân sách đạt 95,3% kế hoạch, đạt 844% so cùng kỳ.",
                     rule="text.cross-mention")
    assert [f.severity for f in found] == ([severity] if severity else [])


def _shown(found, lang: str) -> str:
    from check_report.reporters.records import finding_record
    from check_report.wording import comparison_line

    return comparison_line(finding_record(found, lang=lang), lang)


def test_contributions_show_the_parts_sum_one_way():
    # the message says what the points add up to as written (5,5 + 3,4 + 2,9 = 11,8); the figure line must
    # show that same figure, not the growth's one decimal rounding of it (one figure, one way)
    text = ("GRDP quý I ước đạt 12.500 tỷ đồng, tăng 6,5% so với cùng kỳ, gồm: khu vực nông nghiệp ước đạt 2.000 "
            "tỷ đồng, tăng 3,2%, đóng góp 0,55 điểm phần trăm; khu vực công nghiệp ước đạt 6.000 tỷ đồng, tăng 8,1%, "
            "đóng góp 3,40 điểm phần trăm; khu vực dịch vụ ước đạt 4.500 tỷ đồng, tăng 6,0%, đóng góp "
            "3,18 điểm phần trăm.")
    found = findings(text, rule="text.contributions-sum")
    assert len(found) == 1 and "7.13" in found[0].message
    line = _shown(found[0], "vi")
    assert "7,13%" in line and "6,50%" in line and "0,63 điểm %" in line, line
    assert "7,1%" not in line and "7.13%" in _shown(found[0], "en")


@pytest.mark.parametrize("lang, stated_word, own_words", [
    ("vi", "số báo cáo", ("kế hoạch suy ra", "chỉ tiêu tổng", "các thành phần")),
    ("en", "stated", ("implied plan", "total", "components")),
])
def test_derived_plan_figure_lines_call_the_total_plan_what_it_is(lang, stated_word, own_words):
    """The total's plan is derived from its value and percentage: not a figure the report states."""
    found = findings(plan_case("24%", "25%"), rule="text.derived-plan")
    line = _shown(found[0], lang)
    assert stated_word not in line and all(word in line for word in own_words), line
    previous = findings("Thu ngân sách 3 tháng ước thực hiện 120.000 triệu đồng, tăng 25% so cùng kỳ, gồm: thu thuế "
                        "3 tháng ước thực hiện 80.000 triệu đồng, tăng 12,7% so cùng kỳ; thu tiền đất 3 tháng ước "
                        "thực hiện 40.000 triệu đồng, tăng 30% so cùng kỳ.", rule="text.derived-plan")
    line = _shown(previous[0], lang)
    assert stated_word not in line and own_words[1] in line, line
