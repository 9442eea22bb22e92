"""Extraction never crashes: arbitrary grids of header words, codes, numbers and merges."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from check_report import facts as F
from check_report.extract.table import grid_facts
from check_report.readers.base import Cell, Grid

WORDS = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Tháng 01", "Tháng 02", "Quý I", "Cùng kỳ",
         "% KH", "So sánh (%)", "Tăng/giảm (%)", "Ghi chú:", "I", "1", "1.1", "a", "-", "+", "gồm:",
         "trong đó:", "1.138.000", "21,89", "x", "(1)", "(2)", "", "Nguồn:", "Lũy kế đến tháng 13", "T0",
         "Kế hoạch\nnăm 2024", "Điểm\nđánh giá", "Ghi chú"]
VALUES = st.one_of(st.none(), st.sampled_from(WORDS), st.integers(-10**6, 10**9),
                   st.floats(allow_nan=True, allow_infinity=True, width=32), st.booleans())
FORMATS = st.sampled_from([None, "General", "#,##0", "0.00%", "0.0", '#,##0.00_);[Red](#,##0.00)', "@", ""])


@st.composite
def grids(draw):
    rows = draw(st.lists(st.lists(st.builds(Cell, VALUES, FORMATS), max_size=8), max_size=12))
    merged = []
    for _ in range(draw(st.integers(0, 3))):
        r1, c1 = draw(st.integers(0, 11)), draw(st.integers(0, 7))
        merged.append((r1, c1, r1 + draw(st.integers(0, 2)), c1 + draw(st.integers(0, 3))))
    return Grid(name="S", rows=rows, merged=merged)


@settings(max_examples=150, deadline=None)
@given(grid=grids())
def test_grid_facts_never_raises(grid):
    facts, notes = grid_facts("f.xlsx", grid)
    assert list(facts.columns) == list(F.COLUMNS)
    assert all(isinstance(n, str) and "\n" not in n for n in notes)
    assert (facts[F.LOWER] <= facts[F.UPPER]).all()
