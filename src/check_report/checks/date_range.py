"""A date range runs forward: in `từ ngày A đến ngày B`, A is not after B.

What it checks
    Ranges written `từ (ngày) A đến/tới (ngày) B` and `(A - B)` between two full dates: the start must not
    be after the end. Any separator (`/`, `.`, `-`), en dashes and long dates are understood. A start
    written without its year (`từ ngày 20/11 đến ngày 15/5/2025`) is read in the end's year or the year
    before, so it never raises a false alarm.

Why it matters
    A reversed range is a typo in a day, month or year, and every figure counted over it is in doubt.

Failing example
    `Từ ngày 10/5/2025 đến ngày 02/4/2025, cấp 12 giấy phép xây dựng`

Passing example
    `Từ ngày 01/4/2025 đến ngày 10/5/2025`, `từ ngày 20/11/2024 đến ngày 15/5/2025`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._dates import find_dates
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "date-range"
SUMMARY = {
    "en": "In 'từ ngày A đến ngày B' the start A is not after the end B",
    "vi": "Trong 'từ ngày A đến ngày B', ngày bắt đầu A không sau ngày kết thúc B",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

# what may stand between the two dates of a range
BETWEEN = re.compile(r"^\s*(?:đến|tới|-|–|—)\s*(?:hết\s+)?(?:ngày\s+)?$", re.IGNORECASE)
FROM = re.compile(r"(?:\btừ\s+(?:ngày\s+)?|\(\s*)$", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    for block in ctx.document.blocks:
        dates = list(find_dates(block.text))
        for start, end in zip(dates, dates[1:], strict=False):
            if not _is_range(block.text, start, end):
                continue
            if start.date and end.date and start.date > end.date:
                yield Problem(
                    t("check.date_range.reversed", ctx.lang, start=start.raw, end=end.raw),
                    (locate(ctx.path, block, start.start, end.end),),
                    details={"start": start.raw, "end": end.raw})


def _is_range(text: str, start, end) -> bool:
    head = text[max(0, start.start - 12):start.start]
    return bool(FROM.search(head)) and bool(BETWEEN.match(text[start.end:end.start]))
