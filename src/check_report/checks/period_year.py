"""A result of the reporting period is not written with another year (`quý II/2024` in a Q2/2025 report).

What it checks
    In the results part of a report on, say, quý II/2025, a period of the same months written with another
    year (`quý II/2024`, `tháng 05/2024`, `6 tháng/2024`) in a clause that reports what was done is flagged.
    Left alone: comparisons (`so với cùng kỳ`, `năm trước`, `chuyển sang`, `chỉ thấp hơn mức tăng 6,58% của 6
    tháng đầu năm 2022`, `trong giai đoạn 2020-2024`), plans and intentions
    (`kế hoạch`, `giai đoạn`, `sẽ`, `dự kiến`), the outlook section, and periods of other months
    (`từ ngày 20/11/2024`). Only in a report whose `BÁO CÁO …` title writes its year: a text without one (a
    news story) names its period in a sentence, where the year may be one it compares with.

Why it matters
    Copying last year's report and forgetting one year is the most common slip in periodic reports; the
    activity reads as if it happened a year ago.

Failing example
    In a report on quý II năm 2025: `Tổ chức hội nghị gặp mặt doanh nghiệp quý II/2024 theo kế hoạch.`

Passing example
    `Tổ chức hội nghị gặp mặt doanh nghiệp quý II/2025`, `tăng 6,8% so với quý II/2024`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import blocks_with_outlook, clause, is_forward, locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.periods import titled_year
from check_report.checks.period import MONTH, MONTHS_SPAN, QUARTER, ROMAN_QUARTER, SPAN_MONTHS, report_period

ID = "period-year"
SUMMARY = {
    "en": "Results of the reporting period carry its year (no quý II/2024 in a Q2/2025 report)",
    "vi": "Kết quả của kỳ báo cáo không ghi nhầm năm (quý II/2024 trong báo cáo quý II/2025)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

# clauses that legitimately speak of another year's period: comparisons, carry-overs
OTHER_YEAR_CLAUSE = re.compile(
    r"so\s+(?:với\s+)?cùng\s+kỳ|so\s+với|cùng\s+kỳ|năm\s+trước|\bso\s+(?:\d{1,2}\s+)?(?:tháng|quý|năm|kỳ|đầu)\b|"
    r"trong\s+khi|chuyển\s+sang|lũy\s+kế|luỹ\s+kế|"
    r"(?:cao|thấp|nhiều|ít)\s+hơn|chỉ\s+sau|đứng\s+sau|kể\s+từ|trong\s+giai\s+đoạn",
    re.IGNORECASE,
)
# words just before the period that make it the name of a plan or a document ("Kế hoạch quý II/2024")
OTHER_YEAR_BEFORE = re.compile(
    r"(?:kế\s+hoạch|chương\s+trình|nghị\s+quyết|quyết\s+định|chỉ\s+thị|đề\s+án|giai\s+đoạn|báo\s+cáo|"
    r"\bsố\s+\d\S*)(?:\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)
BEFORE_CHARS = 40
# "giảm 93,2% (3 tháng đầu năm 2021, …)": last year's figure said in brackets after the rate
RATE_THEN_BRACKET = re.compile(r"\d\s{0,2}%\s{0,3}\(\s{0,3}[^()]{0,12}$")
# "ngày 05 tháng 12 năm 2022" is a date, not a month of results
DAY_BEFORE = re.compile(r"ngày\s+\d{1,2}\s*$", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    period = report_period(ctx.document)
    # the report's year is sure only when its title writes it: a news story's period is read from a sentence
    # of its body, and a year there may be one it compares with or looks back to
    if period is None or titled_year(ctx.document, period) != period.year:
        return
    own = period.label()
    for block, outlook in blocks_with_outlook(ctx.document):
        if outlook:
            continue
        for start, end, year, months in _periods(block.text):
            if year == period.year or not any(period.start_month <= mo <= period.end_month for mo in months):
                continue
            words = clause(block.text, start, end)
            before = block.text[max(0, start - BEFORE_CHARS):start]
            if is_forward(words) or OTHER_YEAR_CLAUSE.search(words) or OTHER_YEAR_BEFORE.search(before) or \
                    RATE_THEN_BRACKET.search(before):
                continue
            if len(block.text.strip()) <= end - start + 3 or re.search(
                    rf"^\s{{0,3}}(?:và|với|-|–|,)\s{{0,3}}(?:năm\s{{1,3}})?{period.year}\b", block.text[end:end + 20]):
                continue        # a table's column heading ("Quý I/2010"), or both years named ("năm 2010 và 2011")
            raw = block.text[start:end]
            yield Problem(
                t("check.period_year.other_year", ctx.lang, raw=raw, own=own, year=year),
                (locate(ctx.path, block, start, end),), details={"period": raw, "report": own})


def _periods(text: str) -> Iterator[tuple[int, int, int, range]]:
    for m in QUARTER.finditer(text):
        quarter = ROMAN_QUARTER[m.group(1).upper()]
        yield m.start(), m.end(), int(m.group(2)), range(3 * quarter - 2, 3 * quarter + 1)
    for m in MONTHS_SPAN.finditer(text):
        yield m.start(), m.end(), int(m.group(2)), range(1, SPAN_MONTHS[m.group(1).lower()] + 1)
    for m in MONTH.finditer(text):
        month = int(m.group(1))
        if 1 <= month <= 12 and not DAY_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            yield m.start(), m.end(), int(m.group(2)), range(month, month + 1)
