"""A figure is compared with the same period of an earlier year, not of its own year or a later one.

What it checks
    A comparison that names the year of "the same period" (`so với cùng kỳ năm 2023`) after a figure whose
    period the text states (`2 tháng đầu năm 2024, … ước đạt 7.686,8 tỷ đồng, gấp 2,4 lần so với cùng kỳ năm
    2024`): the year named must be before the figure's own year. The figure is the nearest one before the
    comparison in its clause, read for sure, and its year written: in its paragraph before the comparison, or
    in the report's `BÁO CÁO …` title. A figure whose year the reader took from a sentence elsewhere (a news
    story names its year once, or only in comparisons) is left alone, and so are plans and the outlook.

Why it matters
    `so với cùng kỳ năm 2024` in a report on 2024 compares the period with itself: the year was copied from
    the period's own name, or last year's report was updated without its comparisons. The rate beside it
    cannot be read.

    The same holds for a period named with its months (`Lũy kế 4 tháng đầu năm 2019, … giảm 14,4% so với 4
    tháng đầu năm 2019`); `so với tháng 3/2019` after April's figure is the month before, and is left alone.

Failing example
    `2 tháng đầu năm 2024, tổng thu từ khách du lịch ước đạt 7.686,8 tỷ đồng, gấp 2,4 lần so với cùng kỳ năm
    2024.`

Passing example
    `… gấp 2,4 lần so với cùng kỳ năm 2023`, `so với cùng kỳ năm trước`, `so với cùng kỳ năm học 2023-2024`
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator

from check_report import facts as F
from check_report.checks._facts import figure, present, text_rows
from check_report.checks._text import blocks_with_outlook, clause_bounds, is_forward, locate
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t
from check_report.periods import titled_year, year_written

ID = "comparison-year"
SUMMARY = {
    "en": "A figure is compared with the same period of an earlier year (not cùng kỳ năm 2024 in 2024)",
    "vi": "Số liệu được so với cùng kỳ của năm trước đó (không so với cùng kỳ năm 2024 trong năm 2024)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

# "so với cùng kỳ năm 2024", "so cùng kỳ 2024"; not a school or fiscal year ("cùng kỳ năm học 2023-2024")
SAME_PERIOD_OF = re.compile(r"\bso\s{1,3}(?:với\s{1,3})?cùng\s{1,3}kỳ\s{1,3}(?:năm\s{1,3})?((?:19|20)\d{2})\b"
                            r"(?!\s{0,2}[-–/]\s{0,2}\d)", re.IGNORECASE)


# "so với 4 tháng đầu năm 2019", "so với quý I/2019", "so với tháng 4/2019": a period named with its year, which
# is the figure's own period only when its months are the figure's too ("so với tháng 3/2019" after April's
# figure is the month before)
NAMED_PERIOD_OF = re.compile(r"\bso\s{1,3}(?:với\s{1,3})?(?:(?P<span>\d{1,2})\s{1,3}tháng(?:\s{1,3}đầu)?|"
                             r"qu[ýí]\s{1,3}(?P<quarter>IV|I{1,3}|[1-4])|tháng\s{1,3}(?P<month>\d{1,2}))"
                             r"\s{0,3}(?:/|-|năm|,)?\s{0,3}(?:năm\s{1,3})?(?P<year>(?:19|20)\d{2})\b(?!\s{0,2}[-–/]\s{0,2}\d)",
                             re.IGNORECASE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _months(m: re.Match) -> tuple[int, int] | None:
    """(first, last) month of the period a comparison names; None for the same period last year (any months)."""
    if "span" not in m.re.groupindex:
        return None
    if m.group("span"):
        return 1, int(m.group("span"))
    if m.group("quarter"):
        quarter = _QUARTERS[m.group("quarter").upper()]
        return 3 * quarter - 2, 3 * quarter
    return int(m.group("month")), int(m.group("month"))


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    titled = titled_year(ctx.document)
    placed: dict[tuple, list[dict]] = defaultdict(list)
    for _label, row in text_rows(ctx.facts, _ALL):
        placed[(_line(row), row[F.WHERE] if present(row.get(F.WHERE)) else None)].append(row)
    if not placed:
        return
    for block, outlook in blocks_with_outlook(ctx.document):
        if outlook:
            continue
        for m in (*SAME_PERIOD_OF.finditer(block.text), *NAMED_PERIOD_OF.finditer(block.text)):
            left, _right = clause_bounds(block.text, m.start(), m.end())
            before = block.text[left:m.start()]
            if is_forward(before):
                continue
            row = _nearest(before, left, block, placed)
            if row is None or not _sure(row):
                continue
            own, named = int(row[F.YEAR]), int(m.group("year") if "year" in m.re.groupindex else m.group(1))
            if named < own or not (own == titled or year_written(block.text[:m.start()], own)):
                continue     # the figure's year must be written: in its paragraph, or in the report's title
            months = _months(m)
            if months is not None and named == own and months != (row[F.PERIOD_START], row[F.PERIOD_END]):
                continue     # another period of the same year: "tháng 4/2019 … so với tháng 3/2019"
            message = t("check.comparison_year.year", ctx.lang, written=m.group(0), indicator=row[F.INDICATOR],
                        figure=row[F.RAW], own=own, named=named, previous=own - 1)
            yield Problem(message, locations=(locate(ctx.path, block, m.start(), m.end()),),
                          figures=(figure(ctx, row, "figure"),), indicator=str(row[F.INDICATOR]),
                          details={"compared_year": named, "own_year": own})


_ALL = (F.CUMULATIVE, F.MONTH, F.AMOUNT, F.COUNT)


def _line(row: dict):
    line = row.get(F.LINE)
    return None if line is None or (isinstance(line, float) and math.isnan(line)) else int(line)


def _nearest(before: str, left: int, block, placed: dict) -> dict | None:
    """The fact whose figure stands last in `before` (the clause up to the comparison), among the facts of the
    block's lines there; None when no figure of the clause was read as a fact."""
    where = block.where or None
    best, best_at = None, -1
    lines = {block.line_at(left), block.line_at(left + len(before))}
    for line in lines:
        for row in placed.get((line, where), ()):
            raw = str(row.get(F.RAW) or "")
            if not raw:
                continue
            for m in re.finditer(r"(?<![\d.,])" + re.escape(raw) + r"(?![\d]|[.,]\d)", before):
                if m.start() > best_at:
                    best, best_at = row, m.start()
    return best


def _sure(row: dict) -> bool:
    """A figure whose identity was read for sure: its period written, not a plan's, not a guess (the reader's
    `certain`); only then does its year say which year the comparison must name."""
    return bool(row.get(F.CERTAIN)) and present(row.get(F.YEAR)) and present(row.get(F.PERIOD))
