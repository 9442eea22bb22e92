"""A result of the reporting period is not written with another year (`quý I/2023` in a Q1/2024 report).

What it checks
    In the results part of a report on, say, quý I/2024, a period of the same months written with another
    year (`quý I/2023`, `tháng 02/2023`, `3 tháng/2023`) in a clause that reports what was done is flagged.
    Left alone: comparisons (`so với cùng kỳ`, `năm trước`, `chuyển sang`), plans and intentions
    (`kế hoạch`, `giai đoạn`, `sẽ`, `dự kiến`), the outlook section, and periods of other months
    (`từ ngày 15/12/2023`).

Why it matters
    Copying last year's report and forgetting one year is the most common slip in periodic reports; the
    activity reads as if it happened a year ago.

Failing example
    In a report on quý I năm 2024: `Tổ chức hội nghị đối thoại doanh nghiệp quý I/2023 theo quy định.`

Passing example
    `Tổ chức hội nghị đối thoại doanh nghiệp quý I/2024`, `tăng 9,1% so với quý I/2023`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import blocks_with_outlook, clause, is_forward, locate, msg
from check_report.checks.base import CheckContext, Problem
from check_report.checks.period import MONTH, MONTHS_SPAN, QUARTER, ROMAN_QUARTER, SPAN_MONTHS, report_period

ID = "period-year"
SUMMARY = {
    "en": "A result of the reporting period is not dated with another year (quý I/2023 in a Q1/2024 report)",
    "vi": "Kết quả của kỳ báo cáo không ghi nhầm năm (quý I/2023 trong báo cáo quý I/2024)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

# clauses that legitimately speak of another year's period
OTHER_YEAR_OK = re.compile(
    r"so\s+(?:với\s+)?cùng\s+kỳ|so\s+với|cùng\s+kỳ|năm\s+trước|chuyển\s+sang|giai\s+đoạn|lũy\s+kế|luỹ\s+kế|"
    r"kế\s+hoạch|nghị\s+quyết|quyết\s+định|chỉ\s+thị|\bsố\s+\d",
    re.IGNORECASE,
)


# "ngày 05 tháng 12 năm 2022" is a date, not a month of results
DAY_BEFORE = re.compile(r"ngày\s+\d{1,2}\s*$", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    period = report_period(ctx.document)
    if period is None:
        return
    own = period.label()
    for block, outlook in blocks_with_outlook(ctx.document):
        if outlook:
            continue
        for start, end, year, months in _periods(block.text):
            if year == period.year or not any(period.start_month <= mo <= period.end_month for mo in months):
                continue
            words = clause(block.text, start, end)
            if is_forward(words) or OTHER_YEAR_OK.search(words):
                continue
            raw = block.text[start:end]
            yield Problem(
                msg(ctx.lang, f"'{raw}' is reported among the results of {own}: is the year {year} right?",
                    f"'{raw}' được báo cáo trong kết quả của kỳ {own}: năm {year} có đúng không?"),
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
