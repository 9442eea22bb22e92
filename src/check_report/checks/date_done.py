"""Nothing dated after the report is described as already done.

What it checks
    A full date later than the report's own date (its header's date line; for a draft with the day left
    blank, the end of the month it gives) and than the end of the period it covers (a report dated
    20 June may estimate results to 30 June) in a clause that reports a result (`đã`, `hoàn thành`,
    `tổ chức thành công`, `ban hành`, `kết quả`...) is flagged. Clauses that plan (`sẽ`, `dự kiến`,
    `phấn đấu`, `chuẩn bị`, `kế hoạch`...) and the outlook section (`PHƯƠNG HƯỚNG NHIỆM VỤ ...`) are not.

Why it matters
    A result dated after the report is either a typo in the date or a plan written up as an achievement.

Failing example
    In a report dated `ngày 20 tháng 6 năm 2025`: `Đã tổ chức thành công hội nghị ngày 15/7/2025.`

Passing example
    `Dự kiến tổ chức hội nghị ngày 15/7/2025.`, `Đã tổ chức hội nghị ngày 15/6/2025.`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._dates import find_dates
from check_report.checks._text import blocks_with_outlook, clause, is_forward, locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.checks.period import report_date_bound, report_period

ID = "date-done"
SUMMARY = {
    "en": "No result is dated after the report itself",
    "vi": "Không có kết quả nào mang ngày sau ngày của báo cáo",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

DONE_WORDS = re.compile(r"\b(?:đã|hoàn thành|thành công|ban hành|kết quả|xảy ra|tiếp nhận|giải quyết)\b",
                        re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    bound = report_date_bound(ctx.document)
    if bound is None:
        return
    period = report_period(ctx.document)
    if period is not None:
        bound = max(bound, period.end())   # reports dated before their period ends give estimates to its end
    shown = bound.strftime("%d/%m/%Y")
    for block, outlook in blocks_with_outlook(ctx.document):
        if outlook:
            continue
        for date in find_dates(block.text):
            if date.date is None or date.date <= bound:
                continue
            words = clause(block.text, date.start, date.end)
            if is_forward(words) or not DONE_WORDS.search(words):
                continue
            yield Problem(
                t("check.date_done.after", ctx.lang, date=date.raw, bound=shown),
                (locate(ctx.path, block, date.start, date.end),), details={"date": date.date.isoformat()})
