"""Numbers follow the document's own convention for decimals and thousands.

What it checks
    Vietnamese reports group thousands with `.` and mark decimals with `,` (`2.417.500`, `36,72`); some
    are written the English way. The convention the document mostly uses (at least `min_figures` figures
    that read only one way) is its own; a figure written the other way (`132.5%` among comma decimals,
    `12,350,000` among dot groups) is flagged. A figure that reads both ways (`12,350`) and whose
    separator is the document's decimal mark says which reading was taken.

Why it matters
    A reader, and the checker, may take `12,350` for twelve and a third; a mixed convention is how
    a figure ends up off by a factor of a thousand.

Failing example
    `đạt 132.5% kế hoạch` in a report that writes `36,72%`; `12,350 triệu đồng` beside `208.400 triệu đồng`.

Passing example
    `đạt 132,5% kế hoạch`, `12.350 triệu đồng`
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from check_report.checks._citations import PARTY_CODE, STATE_CODE
from check_report.checks._dates import find_dates
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.document import Block
from check_report.numbers import EN, VI, format_number, parse_number

ID = "number-style"
SUMMARY = {
    "en": "Numbers follow the document's own decimal and thousands convention",
    "vi": "Số viết theo cùng một quy ước trong văn bản (2.417.500 và 36,72)",
}
DEFAULT_SEVERITY = "info"
OPTIONS = {"min_figures": 5, "min_share": 0.6}

# a written number with at least one separator; not inside codes, fractions (1/2000) or words (ND30, v1.2)
FIGURE = re.compile(r"(?<![\w/.,\-])\d+(?:[.,]\d+)+(?![\w/]|[.,]\d)")
LEADING = re.compile(r"[\s#*+\-–•]*")              # only list or heading marks before a section number
SECTION_END = re.compile(r"[.)](?:\s|$)")          # "1.2." / "1.2)" ends a section number
SECTION_WORD = re.compile(r"\b(?:mục|điểm|khoản|tiết|phần|điều|chương)\s+$", re.IGNORECASE)
# a month or a day written with a dot: "tháng 12.2009", "tháng 6.2024", "ngày 23 và 24.7", "ngày 15.8"
DOTTED_DATE = re.compile(r"(?:\btháng\s+\d{1,2}\.(?:19|20)\d{2}|\bngày\s+(?:\d{1,2}\s*(?:,|và|-|–)\s*)*"
                         r"\d{1,2}\.\d{1,2})(?!\d|[.,]\d)"
                         # "tính đến 30.9, tổng nguồn vốn …": a day and month after a word of time, ending a phrase
                         # "Sáng qua 14.12, HĐND huyện …": a day and month after a time of day
                         r"|\b(?:đến|từ|vào|trước|sau|hết|(?:sáng|trưa|chiều|tối|đêm|hôm)(?:\s+(?:qua|nay))?)"
                         r"\s+(?:[12]?\d|3[01])\.(?:0?[1-9]|1[0-2])"
                         r"(?=\s?[,;:)]|\.(?:\s|$)|$|\s+(?:năm|đến|tới)\b)", re.IGNORECASE)
DECIMAL_MARK = {VI: ",", EN: "."}
STYLE_NAME = {VI: "check.number_style.vi_style", EN: "check.number_style.en_style"}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    figures = [(block, m) for block in ctx.document.blocks for m in _figures(block)]
    styles = Counter(p.style for _, m in figures if (p := parse_number(m.group(0))) and not p.ambiguous)
    total = sum(styles.values())
    if total < options.get("min_figures", 5):
        return
    dominant, count = styles.most_common(1)[0]
    if count / total < options.get("min_share", 0.6):
        return
    for block, m in figures:
        problem = _judge(ctx, block, m, dominant)
        if problem is not None:
            yield problem


def _figures(block: Block) -> Iterator[re.Match]:
    text = block.text
    taken = [(d.start, d.end) for d in find_dates(text)]
    taken += [c.span() for c in STATE_CODE.finditer(text)] + [c.span() for c in PARTY_CODE.finditer(text)]
    taken += [d.span() for d in DOTTED_DATE.finditer(text)]
    for m in FIGURE.finditer(text):
        if not any(m.start() < end and start < m.end() for start, end in taken) and not _section_number(text, m):
            yield m


def _section_number(text: str, m: re.Match) -> bool:
    """`1.2. Nông nghiệp`, `mục 2.3`: numbering of sections, not a decimal figure."""
    return bool(LEADING.fullmatch(text[:m.start()]) or SECTION_END.match(text, m.end())
                or SECTION_WORD.search(text[max(0, m.start() - 10):m.start()]))


def _judge(ctx: CheckContext, block: Block, m: re.Match, dominant: str) -> Problem | None:
    raw = m.group(0)
    parsed = parse_number(raw, style=dominant)
    if parsed is None:
        return None
    where = (locate(ctx.path, block, m.start(), m.end(), pad=20),)
    if not parsed.ambiguous:
        if parsed.style == dominant:
            return None
        convention = t(STYLE_NAME[dominant], ctx.lang)
        return Problem(t("check.number_style.other_way", ctx.lang, raw=raw, convention=convention),
                       where, details={"raw": raw, "convention": dominant})
    if DECIMAL_MARK[dominant] not in raw:
        return None     # the separator groups thousands, as the document does everywhere
    read = format_number(parsed.value, parsed.decimals, dominant)
    return Problem(t("check.number_style.both_ways", ctx.lang, raw=raw, read=read),
                   where, details={"raw": raw, "read": parsed.value})
