"""Anniversaries count the right number of years.

What it checks
    `kỷ niệm N năm <ngày> (d1 - d2)`: N must equal the years between d1 and d2 (dates or bare years, any
    separator, en dash). When the day is one the package knows (data/anniversaries.yaml: founding of the
    Party 3/2/1930, National Day 2/9/1945 ...), the bracketed start must be its base date. Without brackets,
    N must equal the report's year minus the known base year (one more is accepted in forward-looking
    clauses and in the outlook section: next year's anniversary being prepared).

Why it matters
    An anniversary counted from the wrong year is an embarrassing error in a public report.

Failing example
    `kỷ niệm 80 năm Ngày Quốc khánh (2/9/1945 - 2/9/2026)`;
    in a 2025 report, `kỷ niệm 70 năm Ngày Nhà giáo Việt Nam`.

Passing example
    `kỷ niệm 80 năm Ngày Quốc khánh (2/9/1945 - 2/9/2025)`,
    `kỷ niệm 25 năm thành lập huyện (01/7/2000 – 01/7/2025)`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from check_report.checks import _data
from check_report.checks._text import blocks_with_outlook, clause, is_forward, locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.checks.period import report_period

ID = "anniversary"
SUMMARY = {
    "en": "'kỷ niệm N năm' matches its dates, or the known base year of the day",
    "vi": "'kỷ niệm N năm' khớp với số năm giữa hai mốc, hoặc với năm gốc đã biết của ngày kỷ niệm",
}
DEFAULT_SEVERITY = "error"
OPTIONS = {"known_days": True}

# a date or a bare year in the brackets: (day, month, year) groups
_MARK = r"(?:(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?)?(\d{4})"
# "kỷ niệm 80 năm", "chào mừng 80 năm", "45 năm Ngày ...", then the name, then "(2/9/1945 - 2/9/2025)"
ANNIVERSARY = re.compile(
    r"(?:(?:kỷ|kỉ)\s+niệm|chào\s+mừng|mừng|hướng\s+tới|tiến\s+tới|(?<=[,;:]\s)(?=\d{1,3}\s+năm\s+(?:ngày|thành\s+lập|"
    r"truyền\s+thống|chiến\s+thắng|giải\s+phóng)))\s*(?:lần\s+thứ\s+)?"
    r"(\d{1,3})\s+năm\s+([^()\n;]{3,150}?)"
    rf"(?:\(\s*{_MARK}\s*[-–—]\s*{_MARK}\s*\)|(?=[;.,(\n]|$))",
    re.IGNORECASE,
)
NOT_THE_DAY = r"(?!\s+(?:bộ|ủy|uỷ|ủy ban|chi bộ)\b)"   # "thành lập Đảng bộ" is not "thành lập Đảng"


@cache
def known_days() -> list[tuple[re.Pattern, dt.date, str]]:
    days = []
    for row in _data.load("anniversaries.yaml"):
        base = row["date"] if isinstance(row["date"], dt.date) else dt.date.fromisoformat(str(row["date"]))
        for name in row["names"]:
            days.append((re.compile(rf"(?<!\w){re.escape(name)}(?!\w){NOT_THE_DAY}", re.IGNORECASE), base, name))
    return sorted(days, key=lambda d: -len(d[2]))


def known_bases(name_text: str) -> list[tuple[dt.date, str]]:
    """The known days named at the start of `name_text` (longest names first; one entry per day)."""
    head = name_text[:80]
    found: list[tuple[dt.date, str]] = []
    for pattern, base, name in known_days():
        if pattern.search(head) and all(base != seen for seen, _ in found):
            found.append((base, name))
    return found


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    period = report_period(ctx.document)
    for block, outlook in blocks_with_outlook(ctx.document):
        for m in ANNIVERSARY.finditer(block.text):
            problem = _judge(ctx, block, m, period.year if period else None, outlook, options)
            if problem is not None:
                yield problem


def _judge(ctx, block, m: re.Match, report_year: int | None, outlook: bool, options: dict) -> Problem | None:
    years, name = int(m.group(1)), m.group(2).strip()
    known = known_bases(name) if options.get("known_days", True) else []
    where = (locate(ctx.path, block, m.start(), m.end()),)
    if m.group(5):
        return _bracketed(ctx, m, years, known, where)
    if not known or report_year is None:
        return None
    base, day = known[0]
    expected = report_year - base.year
    looking_ahead = re.match(r"(?:hướng|tiến)", m.group(0), re.IGNORECASE) is not None
    ahead = outlook or looking_ahead or is_forward(clause(block.text, m.start(), m.end()))
    if years == expected or (ahead and years == expected + 1):
        return None
    return Problem(t("check.anniversary.known_day", ctx.lang, years=years, day=day, base=base.year,
                     report_year=report_year, expected=expected),
                   where, details={"stated": years, "implied": expected, "base": base.isoformat()})


def _bracketed(ctx, m: re.Match, years: int, known: list, where) -> Problem | None:
    start, end = _mark(m, 3), _mark(m, 6)
    between = end[2] - start[2]
    if start[0] and end[0] and (end[1], end[0]) < (start[1], start[0]):
        between -= 1     # the day has not come round yet in the last year
    if years != between:
        return Problem(t("check.anniversary.between", ctx.lang, years=years, start=start[2], end=end[2],
                         between=between),
                       where, details={"stated": years, "implied": between})
    if not known or any(_same_start(base, start) for base, _ in known):
        return None
    base, day = known[0]
    shown = base.strftime("%d/%m/%Y")
    written = "/".join(m.group(3, 4, 5)) if m.group(3) else m.group(5)
    return Problem(t("check.anniversary.base_date", ctx.lang, day=day, shown=shown, written=written),
                   where, details={"base": base.isoformat()})


def _mark(m: re.Match, first: int) -> tuple[int | None, int | None, int]:
    day, month, year = m.group(first, first + 1, first + 2)
    return (int(day) if day else None, int(month) if month else None, int(year))


def _same_start(base: dt.date, start: tuple[int | None, int | None, int]) -> bool:
    day, month, year = start
    if day is None:
        return base.year == year
    return (base.year, base.month, base.day) == (year, month, day)
