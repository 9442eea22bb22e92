"""Extraction patterns: real-world sentence variants in, facts out (cases/statements.yaml)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from check_report import facts as F
from check_report.extract.prose import document_facts
from check_report.readers.text import parse_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "statements.yaml").read_text(encoding="utf-8"))["cases"]
TITLE = "**BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ I NĂM 2024**"


def facts_of(text: str, title: str = TITLE):
    document = parse_text(f"{title}\n\n{text}\n", path="case.md")
    table, _ = document_facts(document)
    return table


def _matches(row, want: dict) -> bool:
    for key, expected in want.items():
        got = row[key]
        if expected is None:                  # not stated: pandas' missing value
            if not pd.isna(got):
                return False
        elif isinstance(expected, (int, float)):
            if abs(float(got) - float(expected)) > 1e-9 * max(1.0, abs(expected)):
                return False
        elif str(got) != str(expected):
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_statement(case):
    table = facts_of(case["text"], case.get("title", TITLE))
    rows = table.to_dict("records")
    if case.get("none"):
        assert rows == [], f"unexpected facts: {[(r[F.MEASURE], r[F.RAW]) for r in rows]}"
        return
    for want in case["facts"]:
        assert any(_matches(r, want) for r in rows), f"missing {want} in {[(r[F.MEASURE], r[F.RAW]) for r in rows]}"
    if case.get("only"):
        assert len(rows) == len(case["facts"])


def test_every_fact_keeps_its_place_and_quote():
    table = facts_of("- **Tổng chi ngân sách:** 3 tháng ước thực hiện 196.186 triệu đồng, đạt 26,8% kế hoạch.")
    assert set(table[F.SOURCE]) == {"text"}
    assert set(table[F.LINE]) == {3}
    assert all("196.186" in t or "26,8" in t for t in table[F.TEXT])
    assert table[F.INDICATOR].tolist() == ["Tổng chi ngân sách"] * 2
    assert table[F.ENTITY].nunique() == 1


def test_rounding_interval_of_a_stated_percentage():
    row = facts_of("Thu 3 tháng ước thực hiện 100 triệu đồng, đạt 21,89% kế hoạch.").query("measure == 'pct_plan'")
    assert row[F.LOWER].item() == pytest.approx(21.885) and row[F.UPPER].item() == pytest.approx(21.895)


def test_counts_are_exact_unless_approximate():
    table = facts_of("Tiếp nhận 416 hồ sơ; hỗ trợ khoảng 1.200 người.")
    exact = table[table[F.RAW] == "416"].iloc[0]
    approx = table[table[F.RAW] == "1.200"].iloc[0]
    assert exact[F.LOWER] == exact[F.UPPER] == 416
    # a hedge widens the figure by a tenth either way ("khoảng"), instead of dropping it
    assert approx[F.LOWER] == pytest.approx(1080) and approx[F.UPPER] == pytest.approx(1320)


@pytest.mark.parametrize("text, lower, upper", [
    ("Vốn ngoài nhà nước hơn 3.900 tỷ đồng.", 3899.5, 4290),       # hơn X: from X up a tenth
    ("Vốn FDI gần 664 tỷ đồng.", 597.6, 664.5),                    # gần X: from a tenth below up to X
    ("Tăng hơn 4% so với cùng kỳ.", 3.5, 5),                       # at least one unit of the last digit
])
def test_hedged_figures_widen_their_interval(text, lower, upper):
    row = facts_of(text).iloc[0]
    assert row[F.LOWER] == pytest.approx(lower) and row[F.UPPER] == pytest.approx(upper)


def test_a_figure_spanning_the_decimal_style_is_noted_when_ambiguous():
    _, notes = document_facts(parse_text(f"{TITLE}\n\nThu tiền đất 3 tháng đạt 13.177% so với cùng kỳ.\n", path="n.md"))
    assert any("13.177" in n for n in notes)


def test_no_indicator_is_named_by_punctuation():
    """"… 3.569 tỷ 659 triệu đồng/85.579 khách hàng, tăng …": what follows the slash has no name of its own."""
    table = facts_of("Tổng dư nợ đạt 3.569 tỷ 659 triệu đồng/85.579 khách hàng, tăng 331 tỷ 910 triệu đồng so với "
                     "đầu năm, tỷ lệ tăng 10,3%.")
    names = [str(name) for name in table[F.INDICATOR]]
    assert names and all(any(ch.isalpha() for ch in name) for name in names if name), names
