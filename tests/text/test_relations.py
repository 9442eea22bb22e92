"""Stated relations become fact structure: breakdowns (inline, bullets, footnotes), pairs, ratios, periods."""

from __future__ import annotations

from check_report import facts as F
from check_report.document import Document
from check_report.extract.prose import document_facts
from check_report.extract.prose_periods import report_period
from check_report.readers.text import parse_text

TITLE = "**BÁO CÁO KẾT QUẢ QUÝ I NĂM 2024**"


def table_of(*lines: str):
    return document_facts(parse_text("\n\n".join((TITLE,) + lines) + "\n", path="r.md"))[0]


def parent_of(table, raw: str):
    row = table[table[F.RAW] == raw].iloc[0]
    parent = row[F.PARENT]
    if not isinstance(parent, str):
        return None
    return table[table[F.ENTITY] == parent]


def test_trong_do_in_brackets_is_partial():
    t = table_of("Tiếp nhận 416 hồ sơ (*trong đó: 179 hồ sơ cấp lần đầu; 50 hồ sơ cấp mới; 10 hồ sơ cấp đổi*).")
    for raw in ("179", "50", "10"):
        assert parent_of(t, raw)[F.RAW].tolist() == ["416"]
    assert not t[F.COMPLETE].any()


def test_trong_do_picks_the_nearest_total_not_an_earlier_count():
    t = table_of("Thành lập 05 đoàn thăm tặng quà 21 tập thể, cá nhân (trong đó 12 tập thể và 10 cá nhân).")
    assert parent_of(t, "12")[F.RAW].tolist() == ["21"]
    assert parent_of(t, "05") is None


def test_gom_is_complete_and_nested_brackets_are_not_components():
    t = table_of("Toàn huyện có 42 trường, gồm: 15 trường mầm non (trong đó 3 trường tư thục), 16 trường tiểu học, "
                 "11 trường trung học cơ sở.")
    total = t[t[F.RAW] == "42"].iloc[0]
    assert bool(total[F.COMPLETE])
    children = t[t[F.PARENT] == total[F.ENTITY]][F.RAW].tolist()
    assert children == ["15", "16", "11"]
    assert parent_of(t, "3")[F.RAW].tolist() == ["15"]


def test_counts_beside_amounts_share_an_entity_and_add_up_as_columns():
    t = table_of("Tặng 11.953 suất quà, tổng số tiền 15.469.330.000 đồng (trong đó: nguồn ngân sách là "
                 "6.334 suất = 12.836.600.000 đồng, nguồn vận động: 5.619 suất = 2.632.730.000 đồng).")
    total = t[t[F.RAW] == "11.953"].iloc[0][F.ENTITY]
    assert set(t[t[F.ENTITY] == total][F.MEASURE]) == {F.COUNT, F.AMOUNT}
    kids = t[t[F.PARENT] == total]
    assert sorted(kids[F.MEASURE]) == [F.AMOUNT, F.AMOUNT, F.COUNT, F.COUNT]
    assert kids[F.ENTITY].nunique() == 2


def test_equivalence_left_side_is_not_a_component():
    t = table_of("Quý 1: tiếp 47 lượt, trong đó Chủ tịch tiếp 01 buổi = 03 lượt, Phó Chủ tịch tiếp 02 lượt.")
    kids = t[t[F.PARENT].notna()]
    assert sorted(kids[F.RAW]) == ["02", "03"]


def test_bullets_after_trong_do_are_components():
    t = table_of("- **Tổng chi ngân sách:** 3 tháng ước thực hiện 196.186 triệu đồng, tăng 44% so với cùng kỳ.",
                 "*Trong đó:*",
                 "+ Chi thường xuyên 3 tháng ước thực hiện 105.630 triệu đồng, đạt 27% kế hoạch.",
                 "+ Chi đầu tư 3 tháng ước thực hiện 40.000 triệu đồng.",
                 "- **Thu ngân sách:** 3 tháng ước thực hiện 510.351 triệu đồng.")
    for raw in ("105.630", "40.000"):
        assert parent_of(t, raw)[F.RAW].iloc[0] == "196.186"
    assert parent_of(t, "510.351") is None


def test_footnote_components_belong_to_the_figure_with_the_mark():
    t = table_of("- **Giá trị sản xuất nông, lâm, thủy sản:** 3 tháng ước thực hiện 24.722 triệu đồng, "
                 "tăng 1,2% so cùng kỳ<sup>1</sup>. Tổ chức hội nghị<sup>2</sup>.",
                 "<sup>1</sup> **Nông nghiệp:** 3 tháng ước thực hiện 16.826 triệu đồng; **Thủy sản:** 3 tháng ước "
                 "thực hiện 7.896 triệu đồng.",
                 "<sup>2</sup> Tổ chức 150 lượt kiểm tra.")
    total = t[t[F.RAW] == "24.722"].iloc[0][F.ENTITY]
    assert sorted(t[t[F.PARENT] == total][F.RAW]) == ["16.826", "7.896"]
    assert parent_of(t, "150") is None     # a footnote of remarks is not a breakdown


def test_a_footnote_needs_shared_measures_to_be_a_breakdown():
    t = table_of("Thu ngân sách 3 tháng ước thực hiện 510.351 triệu đồng<sup>1</sup>.",
                 "<sup>1</sup> Cấp 34 giấy phép xây dựng.")
    assert parent_of(t, "34") is None


def test_two_ratios_in_one_sentence_are_separate_entities():
    t = table_of("Giải ngân 43.992 triệu đồng, bằng 14,13% kế hoạch thành phố giao (43.992/311.299 triệu đồng) và "
                 "bằng 12,8% kế hoạch vốn quận giao (43.992/342.899 triệu đồng).")
    ratios = t[t[F.MEASURE] == F.RATIO_PCT]
    assert sorted(ratios[F.RAW]) == ["12,8", "14,13"]
    assert ratios[F.ENTITY].nunique() == 2
    assert not (t[F.MEASURE] == F.PCT_PLAN).any()


def _period(title: str):
    return report_period(Document(path="x", kind="md", blocks=parse_text(title).blocks))


def test_report_period_from_title_variants():
    assert _period("BÁO CÁO KINH TẾ - XÃ HỘI QUÝ I NĂM 2024").label == "2024-01..2024-03"
    assert _period("Báo cáo tình hình 6 tháng đầu năm 2025").label == "2025-01..2025-06"
    assert _period("BÁO CÁO THÁNG 5 NĂM 2023").label == "2023-01..2023-05"
    assert _period("Báo cáo quý 3/2024").label == "2024-01..2024-09"
    assert _period("PHƯƠNG HƯỚNG NHIỆM VỤ 9 THÁNG TIẾP THEO NĂM 2024") is None   # a plan, not a period
    assert _period("Báo cáo công tác") is None


def test_trong_do_right_after_a_semicolon_continues_the_sentence():
    t = table_of("Giải quyết việc làm cho 28.500 lao động, đạt 81,4% kế hoạch năm; trong đó xuất khẩu lao động "
                 "3.200 người.")
    assert "28.500" in parent_of(t, "3.200")[F.RAW].tolist()
    t = table_of("Tiếp nhận 31 đơn; tổ chức 3 buổi đối thoại, trong đó 2 buổi tại phường.")
    assert parent_of(t, "2")[F.RAW].tolist() == ["3"]
