"""The report's own number and date are filled in.

What it checks
    In the header (before heading I): `Số:    /BC-UBND` (no number before the symbol) and a date line with
    the day or month left blank (`Đông Sơn, ngày   tháng 6 năm 2025`, `ngày .... tháng .... năm 2025`).
    Drafts leave them blank until the document is registered; this tool runs before submission, so the
    blanks are worth a reminder.

Why it matters
    A report sent without its number and date cannot be cited or filed.

Failing example
    `Số:    /BC-UBND` and `Đông Sơn, ngày   tháng 6 năm 2025`

Passing example
    `Số: 118/BC-UBND` and `Đông Sơn, ngày 20 tháng 6 năm 2025`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import header_table_blocks, heading_number, locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.document import Block, Document

ID = "header-blank"
SUMMARY = {
    "en": "The report's own number (Số: .../BC-UBND) and date are not left blank",
    "vi": "Số và ngày tháng của chính báo cáo không để trống (Số: .../BC-UBND)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

HEADER_BLOCKS = 25
HEADER_LINE_CHARS = 150
# "Số:    /BC-UBND", "Số: ..../BC-UBND", "Số:      -BC/QU": no digit before the symbol
BLANK_NUMBER = re.compile(r"\bSố\s*:?[\s._…]*[/\-]\s*[^\W\d_]")
# "ngày   tháng 6 năm 2025", "ngày ... tháng ... năm 2025": day or month missing
BLANK_DATE = re.compile(r"\bngày[\s._…]*tháng[\s._…]*(\d{1,2})?[\s._…]*năm\s*\d{4}|"
                        r"\bngày\s*\d{1,2}[\s._…]*tháng[\s._…]*năm\s*\d{4}", re.IGNORECASE)


def header_blocks(document: Document) -> Iterator[Block]:
    yield from header_table_blocks(document)
    for block in document.blocks[:HEADER_BLOCKS]:
        numbered = heading_number(block)
        if numbered and numbered[0] == 1:
            return
        if len(block.text) <= HEADER_LINE_CHARS:
            yield block


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    number_seen = date_seen = False
    for block in header_blocks(ctx.document):
        number = BLANK_NUMBER.search(block.text)
        if number and not number_seen:
            number_seen = True
            yield Problem(t("check.header_blank.number", ctx.lang),
                          (locate(ctx.path, block, number.start(), number.end() + 10),))
        date = BLANK_DATE.search(block.text)
        if date and not date_seen:
            date_seen = True
            yield Problem(t("check.header_blank.date", ctx.lang),
                          (locate(ctx.path, block, date.start(), date.end()),))
