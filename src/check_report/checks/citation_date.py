"""A document cited by the report is not dated after the report itself.

What it checks
    The date of every citation (`... số 61/KH-UBND ngày 28/02/2025`) must not be later than the report's
    own date (the place-and-date line of its header; for a draft with the day left blank, the last day of
    the month it gives). Impossible dates in citations are reported by `date-valid`.

Why it matters
    A report cannot rely on a document that did not exist yet: the date, or the number, is wrong.

Failing example
    A report dated `ngày 20 tháng 6 năm 2025` citing `Kế hoạch số 88/KH-UBND ngày 02/7/2025`.

Passing example
    The same report citing `Kế hoạch số 61/KH-UBND ngày 28/02/2025`.
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._citations import find_citations
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.checks.period import report_date_bound

ID = "citation-date"
SUMMARY = {
    "en": "A cited document is not dated after the report itself",
    "vi": "Văn bản được trích dẫn không có ngày ban hành sau ngày của báo cáo",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    bound = report_date_bound(ctx.document)
    if bound is None:
        return
    for c in find_citations(ctx.document):
        cited = c.date.date if c.date else None
        if cited is None or cited <= bound:
            continue
        shown = bound.strftime("%d/%m/%Y")
        yield Problem(
            t("check.citation_date.after", ctx.lang, code=c.code, date=c.date.raw, bound=shown),
            (locate(ctx.path, c.block, c.start, c.end),), details={"code": c.code, "date": cited.isoformat()})
