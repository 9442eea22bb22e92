"""Coverage shown to the user: numbers in the text, read into facts, checked by at least one rule."""

from __future__ import annotations

from check_report.engine import load_rules, run_rules
from check_report.extract.prose import document_facts, prose_coverage, unchecked_numbers
from check_report.readers.text import parse_text

TEXT = """**BÁO CÁO QUÝ I NĂM 2024**

Thực hiện Chỉ thị số 03/CT-UBND ngày 17/01/2024, nhiệm kỳ 2020-2025.

1. Đã vận động 26.595/27.731 hộ dân, đạt tỷ lệ 95,9%.

Tổ chức 150 lượt kiểm tra; chỉ số hài lòng 8,5.
"""


def _run(text: str):
    document = parse_text(text, path="c.md")
    facts, _ = document_facts(document)
    result = run_rules(facts, load_rules(["text"]), path="c.md", document=document)
    return document, facts, result.checked_facts


def test_dates_codes_years_and_numbering_are_not_counted():
    document, facts, checked = _run(TEXT)
    coverage = prose_coverage(document, facts, checked)
    # counted: 26.595, 27.731, 95,9, 150, 8,5 (the rest are a code, a date, a term, list numbering)
    assert coverage == {"numbers": 5, "read": 4, "checked": 3, "uncertain": 0}


def test_unchecked_numbers_name_their_line_and_context():
    document, facts, checked = _run(TEXT)
    unchecked = unchecked_numbers(document, facts, checked)
    assert [(line, raw) for line, raw, _ in unchecked] == [(7, "150"), (7, "8,5")]
    assert "chỉ số hài lòng 8,5" in unchecked[1][2]


def test_nothing_checked_when_no_rule_ran():
    document, facts, _ = _run(TEXT)
    assert prose_coverage(document, facts, set())["checked"] == 0
    assert len(unchecked_numbers(document, facts, set())) == 5


def test_code_check_kinds_tell_which_facts_they_compared():
    from check_report.checks import crossmention, derived

    document = parse_text("**BÁO CÁO QUÝ I NĂM 2024**\n\n"
                          "Thu ngân sách nhà nước 3 tháng ước thực hiện 120 tỷ đồng, đạt 30% dự toán, gồm: thu thuế "
                          "3 tháng ước thực hiện 80 tỷ đồng, đạt 25% dự toán; thu tiền đất 3 tháng ước thực hiện "
                          "40 tỷ đồng, đạt 50% dự toán.\n\nĐặc biệt thu ngân sách nhà nước đạt 30% dự toán.\n",
                          path="c.md")
    facts, _ = document_facts(document)
    compared = facts.loc[sorted(crossmention.checked_rows(facts))]
    assert sorted(compared["raw"]) == ["30", "30"]
    combined = facts.loc[sorted(derived.checked_rows(facts))]
    assert sorted(combined["raw"]) == ["120", "25", "30", "40", "50", "80"]
