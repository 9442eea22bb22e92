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
from check_report.checks._text import blocks_with_outlook, clause, is_forward, locate, msg
from check_report.checks.base import CheckContext, Problem
from check_report.checks.period import report_period

ID = "anniversary"
SUMMARY = {
    "en": "'kỷ niệm N năm' matches its dates, or the known base year of the day",
    "vi": "'kỷ niệm N năm' khớp với số năm giữa hai mốc, hoặc với năm gốc đã biết của ngày kỷ niệm",
}
DEFAULT_SEVERITY = "error"
OPTIONS = {"known_days": True}

_MARK = r"(?:\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?)?(\d{4})"
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


def known_base(name_text: str) -> tuple[dt.date, str] | None:
    head = name_text[:80]
    for pattern, base, name in known_days():
        if pattern.search(head):
            return base, name
    return None


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
    known = known_base(name) if options.get("known_days", True) else None
    where = (locate(ctx.path, block, m.start(), m.end()),)
    if m.group(3):
        start, end = int(m.group(3)), int(m.group(4))
        if end - start != years:
            return Problem(msg(ctx.lang, f"{years} years from {start} to {end}? It is {end - start}",
                               f"{years} năm từ {start} đến {end}? Đúng là {end - start} năm"),
                           where, details={"stated": years, "implied": end - start})
        if known and known[0].year != start:
            return Problem(msg(ctx.lang, f"'{known[1]}' is counted from {known[0].year}, not {start}",
                               f"'{known[1]}' tính từ năm {known[0].year}, không phải {start}"),
                           where, details={"base": known[0].isoformat()})
        return None
    if known is None or report_year is None:
        return None
    expected = report_year - known[0].year
    looking_ahead = re.match(r"(?:hướng|tiến)", m.group(0), re.IGNORECASE) is not None
    ahead = outlook or looking_ahead or is_forward(clause(block.text, m.start(), m.end()))
    if years == expected or (ahead and years == expected + 1):
        return None
    return Problem(msg(ctx.lang, f"{years} years of '{known[1]}' ({known[0].year}) in {report_year}? It is {expected}",
                       f"{years} năm '{known[1]}' ({known[0].year}) vào năm {report_year}? Đúng là {expected} năm"),
                   where, details={"stated": years, "implied": expected, "base": known[0].isoformat()})
