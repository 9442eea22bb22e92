"""The same clause is not written twice in a row.

What it checks
    Within a paragraph, two consecutive clauses (between `,` `;` `:` or `.`) that read the same once case
    and spacing are set aside, and say something (at least `min_words` words with letters): `đạt 52,1% kế
    hoạch, đạt 52,1% kế hoạch`. Lists of figures (`100%, 100%`) and short repeated words are left alone.

Why it matters
    A clause pasted twice is a sign that the sentence was edited in a hurry: the clause that should have
    stood there (another figure, another indicator) is often the one missing.

Failing example
    `Thu ngân sách 6 tháng đạt 18.500 triệu đồng, đạt 52,1% dự toán, đạt 52,1% dự toán, tăng 8% so cùng kỳ.`

Passing example
    `đạt 52,1% dự toán, tăng 8% so cùng kỳ`; `xã An Lạc 100%, xã Bình Minh 100%`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "repeated-clause"
SUMMARY = {
    "en": "The same clause is not written twice in a row",
    "vi": "Không lặp lại cùng một vế câu hai lần liền nhau",
}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"min_words": 3}

# clause ends: a separator followed by a space (so 1.234,5 and 10.5.2024 stay whole) or the text's end
SEPARATOR = re.compile(r"[,;:.!?](?=\s|$)")
WORD = re.compile(r"[^\W\d_]{2,}")


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    min_words = int(options.get("min_words", 3))
    for block in ctx.document.blocks:
        previous = None
        for start, end in _clauses(block.text):
            words = " ".join(block.text[start:end].lower().split())
            if previous is not None and words and words == previous[0] and len(WORD.findall(words)) >= min_words:
                yield Problem(
                    t("check.repeated_clause.twice", ctx.lang, clause=words),
                    (locate(ctx.path, block, previous[1], end, pad=5),), details={"clause": words})
            previous = (words, start)


def _clauses(text: str):
    start = 0
    for m in SEPARATOR.finditer(text):
        yield _strip(text, start, m.start())
        start = m.end()
    if start < len(text):
        yield _strip(text, start, len(text))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
