"""A plan is not dated decades away from the report (`kế hoạch vốn năm 2005` in a 2024 report).

What it checks
    In a report whose own year is known (its title or opening), two forward-looking phrasings carry a year:
    a plan, estimate or target of a year (`kế hoạch vốn năm 2025`, `dự toán ngân sách năm 2025`,
    `chỉ tiêu năm 2025`), and an intention dated in a year (`sẽ hoàn thành trong năm 2025`, `dự kiến vào
    năm 2025`, `phấn đấu đến năm 2025`). A plan more than `years_back` years before the report, or more
    than `years_ahead` after it, and an intention more than `years_back` years before it, are flagged:
    such a year is a typo (2005 for 2025) or a paragraph copied from an old report. Long-range visions
    (`đến năm 2030, tầm nhìn đến năm 2045`), comparisons (`so với năm 2020`) and cited documents' dates
    are left alone.

Why it matters
    Capital allocated under "the 2005 plan" in a 2024 report cannot be found in any decision; the
    reviewer has to ask which year was meant.

Failing example
    In a report on năm 2024: `Giải ngân kế hoạch vốn năm 2005 đạt 45%.`

Passing example
    `kế hoạch vốn năm 2024`, `vốn kế hoạch năm 2022 kéo dài sang năm 2024`, `định hướng đến năm 2030,
    tầm nhìn đến năm 2045`, `tăng 5% so với năm 2015`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.periods import report_period

ID = "plan-year"
SUMMARY = {
    "en": "A plan or intention is not dated years away from the report (kế hoạch vốn năm 2005 in 2024)",
    "vi": "Kế hoạch, dự kiến không ghi năm cách xa năm báo cáo (kế hoạch vốn năm 2005 trong báo cáo 2024)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"years_back": 3, "years_ahead": 10}

# "kế hoạch vốn năm 2025", "dự toán thu ngân sách năm 2025", "chỉ tiêu năm 2025" (not "năm 2021-2025")
PLAN_OF_YEAR = re.compile(
    r"\b(?:kế\s+hoạch|dự\s+toán|chỉ\s+tiêu)"
    r"(?:\s+(?:vốn|đầu\s+tư\s+công|ngân\s+sách|thu|chi|giải\s+ngân|nhà\s+nước|"
    r"phát\s+triển\s+kinh\s+tế\s*-?\s*xã\s+hội))*"
    r"\s+năm\s+([12]\d{3})\b(?!\s*[-–—/]\s*\d)", re.IGNORECASE)
# an intention dated in a year: "sẽ hoàn thành trong năm 2025", "dự kiến khởi công vào năm 2025"
INTENTION = re.compile(
    r"\b(?:sẽ|dự\s+kiến|phấn\s+đấu)\b[^.;:()]{0,60}?\b(?:trong|vào|đến|cuối|đầu)\s+năm\s+([12]\d{3})\b"
    r"(?!\s*[-–—/]\s*\d)", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    period = report_period(ctx.document)
    if ctx.document is None or period is None:
        return
    back, ahead = int(options.get("years_back", 3)), int(options.get("years_ahead", 10))
    for block in ctx.document.blocks:
        seen: set[int] = set()
        for pattern, allowed_ahead in ((PLAN_OF_YEAR, ahead), (INTENTION, None)):
            for m in pattern.finditer(block.text):
                year = int(m.group(1))
                early = year < period.year - back
                late = allowed_ahead is not None and year > period.year + allowed_ahead
                if not (early or late) or m.start(1) in seen:
                    continue
                seen.add(m.start(1))
                distance = period.year - year if early else year - period.year
                yield Problem(
                    t("check.plan_year.before" if early else "check.plan_year.after", ctx.lang, written=m.group(0),
                      distance=distance, period=period.label(), year=year),
                    (locate(ctx.path, block, m.start(), m.end()),), details={"year": year, "report_year": period.year})
