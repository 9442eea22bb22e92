"""Column roles from header words, periods, codes and hierarchy, display formats."""

from __future__ import annotations

import pytest

from check_report.extract.cells import parse_format, read_figure
from check_report.extract.headers import classify, is_column_number_row
from check_report.extract.hierarchy import Hierarchy, code_from_label, code_rank
from check_report.extract.vocabulary import fold, load_vocabulary

VOCAB = load_vocabulary()


@pytest.mark.parametrize("texts, role, start, end", [
    (["STT"], "code", None, None),
    (["Chỉ tiêu"], "indicator", None, None),
    (["Tên chỉ tiêu"], "indicator", None, None),
    (["ĐVT"], "unit", None, None),
    (["Đơn vị tính"], "unit", None, None),
    (["Kế hoạch năm 2024"], "plan", None, None),
    (["Chỉ tiêu năm 2024"], "plan", None, None),
    (["Dự toán"], "plan", None, None),
    (["Thực hiện năm 2024", "Tháng 01"], "month", 1, 1),
    (["Thực hiện năm 2024", "Ước tháng 03"], "month", 3, 3),
    (["Ước thực hiện tháng 3"], "month", 3, 3),
    (["T5"], "month", 5, 5),
    (["Mar"], "month", 3, 3),
    (["Quý I/2024"], "cumulative", 1, 3),
    (["Ước thực hiện quý I"], "cumulative", 1, 3),
    (["Quý II"], "cumulative", 4, 6),
    (["6 tháng đầu năm"], "cumulative", 1, 6),
    (["Lũy kế 3 tháng"], "cumulative", 1, 3),
    (["Lũy kế đến tháng 5"], "cumulative", 1, 5),
    (["9 tháng"], "cumulative", 1, 9),
    (["Q1 2024"], "cumulative", 1, 3),
    (["Cùng kỳ năm trước"], "previous", None, None),
    (["Cùng kỳ năm trước", "Quý I"], "previous", 1, 3),
    (["Cùng kỳ năm trước", "Tháng 3"], "previous_month", 3, 3),
    (["So sánh (%)", "Quý I so KH năm"], "pct_plan", 1, 3),
    (["So sánh (%)", "Quý I so cùng kỳ"], "pct_previous", 1, 3),
    (["So sánh (%)", "KH năm"], "pct_plan", None, None),
    (["So sánh (%)", "Cùng kỳ"], "pct_previous", None, None),
    (["% KH"], "pct_plan", None, None),
    (["So cùng kỳ (%)"], "pct_previous", None, None),
    (["So với cùng kỳ"], "pct_previous", None, None),
    (["Tăng/giảm (%)"], "growth", None, None),
    (["Tăng/giảm so cùng kỳ"], "growth", None, None),
    (["Tăng trưởng"], "growth", None, None),
    (["Tháng 3 so cùng kỳ (%)"], "pct_previous_month", 3, 3),
    (["Growth %"], "growth", None, None),
    (["% of plan"], "pct_plan", None, None),
    (["Same period last year"], "previous", None, None),
    (["Ghi chú"], "notes", None, None),
    (["Tỷ lệ hộ nghèo"], None, None, None),
    (["So sánh (%)", "Quý I"], None, 1, 3),
])
def test_classify(texts, role, start, end):
    got_role, period, _ = classify(texts, VOCAB)
    assert got_role == role
    assert ((period.start, period.end) if period else (None, None)) == (start, end)


def test_year_from_header_words():
    assert classify(["Thực hiện năm 2024", "Tháng 01"], VOCAB)[2] == 2024
    assert classify(["Cùng kỳ năm 2023"], VOCAB)[2] == 2023


def test_fold_ignores_accents_case_and_punctuation():
    assert fold("ĐƠN VỊ TÍNH") == "don vi tinh"
    assert fold("Tăng/giảm (%)") == "tang giam %"
    assert fold("Ước  tháng 03") == "uoc thang 03"


@pytest.mark.parametrize("values, expected", [
    (["(1)", "(2)", "(3)", "(4)=(3)/(2)"], True),
    (["A", "B", "1", "2", "3"], True),
    (["1", "Thu ngân sách", "100"], False),
    (["(1)"], False),
])
def test_column_number_row(values, expected):
    assert is_column_number_row(values) is expected


@pytest.mark.parametrize("code, rank", [
    ("A", 0.0), ("I", 0.5), ("IV", 0.5), ("1", 1.0), ("1.2", 2.0), ("1.2.3", 3.0), ("a", 10.0),
    ("-", 20.0), ("+", 30.0), ("Tổng", None),
])
def test_code_rank(code, rank):
    assert code_rank(code) == rank


def test_letter_after_letter_is_not_a_roman_numeral():
    assert code_rank("C", previous_upper="B") == 0.0
    assert code_rank("C") == 0.5


def test_hierarchy_parents():
    tree = Hierarchy()
    rows = [("r1", "I"), ("r2", "1"), ("r3", "1.1"), ("r4", "a"), ("r5", "-"), ("r6", "+"), ("r7", "-"),
            ("r8", "b"), ("r9", "1.2"), ("r10", "2"), ("r11", None), ("r12", "II"), ("r13", "1")]
    parents = {entity: tree.add(entity, code, entity) for entity, code in rows}
    assert parents == {"r1": None, "r2": "r1", "r3": "r2", "r4": "r3", "r5": "r4", "r6": "r5", "r7": "r4",
                       "r8": "r3", "r9": "r2", "r10": "r1", "r11": None, "r12": None, "r13": "r12"}


@pytest.mark.parametrize("label, code, rest", [
    ("1. Thu nội địa", "1", "Thu nội địa"),
    ("1.2 Thu phí", "1.2", "Thu phí"),
    ("a) Doanh nghiệp", "a", "Doanh nghiệp"),
    ("- Thuế VAT", "-", "Thuế VAT"),
    ("+Lúa", "+", "Lúa"),
    ("I. KINH TẾ", "I", "KINH TẾ"),
    ("Tổng thu", None, "Tổng thu"),
    ("2024 là năm bản lề", None, "2024 là năm bản lề"),
])
def test_code_from_label(label, code, rest):
    assert code_from_label(label) == (code, rest)


@pytest.mark.parametrize("code, decimals, percent", [
    ("#,##0", 0, False), ("0.00", 2, False), ("0.00%", 2, True), ("0%", 0, True), ("#,##0.0", 1, False),
    ("General", None, False), (None, None, False), ('#,##0.00_);[Red](#,##0.00)', 2, False),
    ('0.0" tỷ"', 1, False),
])
def test_parse_format(code, decimals, percent):
    fmt = parse_format(code)
    assert (fmt.decimals, fmt.percent) == (decimals, percent)


@pytest.mark.parametrize("value, fmt, expected", [
    (1138000, "#,##0", (1138000.0, 0, "1.138.000")),
    (0.2189, "0.00%", (21.89, 2, "21,89%")),
    (21.889999999, "0.00", (21.89, 2, "21,89")),
    (21.89, "General", (21.89, 2, "21,89")),
    (0.1 + 0.2, None, (0.3, 1, "0,3")),
    (1234567, "#,##0.0,", (1234.6, 1, "1.234,6")),
    ("1.138.000", None, (1138000.0, 0, "1.138.000")),
    ("21,89", None, (21.89, 2, "21,89")),
    ("21,89%", None, (21.89, 2, "21,89%")),
    ("125,3(*)", None, (125.3, 1, "125,3(*)")),
    ("-", None, None), ("x", None, None), ("", None, None), ("Đạt", None, None), (True, None, None),
])
def test_read_figure(value, fmt, expected):
    figure = read_figure(value, fmt, VOCAB.no_data)
    if expected is None:
        assert figure is None
    else:
        assert (round(figure.value, 9), figure.decimals, figure.raw) == expected


def test_user_vocabulary_extends_builtin(tmp_path):
    extra = tmp_path / "words.yaml"
    extra.write_text("roles:\n  cumulative: [san luong uoc quy]\n  plan: ['Mục tiêu']\n", encoding="utf-8")
    vocab = load_vocabulary([extra])
    assert classify(["Sản lượng ước quý"], vocab)[0] == "cumulative"
    assert classify(["Mục tiêu"], vocab)[0] == "plan"
    assert classify(["Kế hoạch"], vocab)[0] == "plan"   # built-in words stay
    assert classify(["Sản lượng ước quý"], VOCAB)[0] is None


@pytest.mark.parametrize("text, message", [
    ("roles: [a, b]\n", "roles: expected a mapping"),
    ("roles:\n  code: [no]\n", "is not a word"),
    ("colour: [red]\n", "unknown vocabulary key 'colour'"),
    ("roles:\n  code: [stt\n", "malformed YAML"),
])
def test_bad_vocabulary_file(tmp_path, text, message):
    from check_report.readers.base import InputError

    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_vocabulary([path])
    assert str(path) in str(info.value)


@pytest.mark.parametrize("texts, role", [
    (["Tăng (+), giảm (-) so với cùng kỳ"], "growth"),
    (["Tốc độ tăng (%)"], "growth"),
    (["Chỉ số phát triển (%)"], "pct_previous"),
    (["Tên đơn vị"], "indicator"),
    (["Ước TH Q1/2024"], "cumulative"),
    (["Lũy kế từ đầu năm"], "cumulative"),
    (["Thực hiện cùng kỳ năm 2023"], "previous"),
])
def test_more_header_words(texts, role):
    assert classify(texts, VOCAB)[0] == role


@pytest.mark.parametrize("unit, scale", [
    ("triệu đồng", 1e6), ("Tr.đồng", 1e6), ("trđ", 1e6), ("Tỷ đồng", 1e9), ("nghìn đồng", 1e3), ("hộ", 1.0),
    ("lượt", 1.0), (None, 1.0),
])
def test_unit_scales(unit, scale):
    assert VOCAB.scale_of(unit) == scale
