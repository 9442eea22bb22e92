"""Every date written in the report exists in the calendar.

What it checks
    Dates in every form the reports use (`28/02/2025`, `7.12.2023`, `01-10-1997`,
    `ngày 05 tháng 12 năm 2022`, `ngày 31/4` without a year) must name a real day: month 1 to 12, a day
    the month has, 29 February only in leap years. Dates inside citations are included.

Why it matters
    An impossible date is a typo that hides the real one; in a citation it makes the document unfindable.

Failing example
    `Kế hoạch số 12/KH-UBND ngày 29/02/2023`, `từ ngày 31/4/2025`, `ngày 30 tháng 2 năm 2025`

Passing example
    `Kế hoạch số 61/KH-UBND ngày 29/02/2028` (2028 is a leap year), `ngày 30/4/2025`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._dates import find_dates
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "date-valid"
SUMMARY = {
    "en": "Every date in the report exists (no 31/4, no 29/02 outside leap years)",
    "vi": "Mọi ngày tháng trong báo cáo đều có thật (không có 31/4, 29/02 của năm không nhuận)",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    for block in ctx.document.blocks:
        for date in find_dates(block.text):
            if date.valid:
                continue
            yield Problem(t("check.date_valid.invalid", ctx.lang, date=date.raw, why=_why(date, ctx.lang)),
                          (locate(ctx.path, block, date.start, date.end),), details={"date": date.raw})


def _why(date, lang: str) -> str:
    if not 1 <= date.month <= 12:
        return t("check.date_valid.no_month", lang, month=date.month)
    if date.month == 2 and date.day == 29:
        return t("check.date_valid.not_leap", lang, year=date.year)
    return t("check.date_valid.no_day", lang, month=date.month, day=date.day)
