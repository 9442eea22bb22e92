"""A school year spans two consecutive years (`năm học 2025-2026`).

What it checks
    `năm học A-B` (any dash, en dash or slash, with or without spaces; `2025-26` too): B must be A + 1.

Why it matters
    `năm học 2025-2025` is a typo a reader notices at once; it also leaves unclear which school year the
    figures belong to.

Failing example
    `khai giảng năm học mới 2025-2025`, `năm học 2025 – 2027`

Passing example
    `năm học 2025 - 2026`, `năm học 2026–2027`, `năm học 2025-26`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "school-year"
SUMMARY = {
    "en": "A school year spans two consecutive years (năm học 2025-2026)",
    "vi": "Năm học gồm hai năm liên tiếp (năm học 2025-2026)",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

# "năm học 2025-2026", "năm học mới 2025 - 2026", "NĂM HỌC 2026–2027", "năm học 2025-26"
SCHOOL_YEAR = re.compile(r"\bnăm\s+học(?:\s+mới)?\s+(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})(?!\d)", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    for block in ctx.document.blocks:
        for m in SCHOOL_YEAR.finditer(block.text):
            first, second = int(m.group(1)), m.group(2)
            last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
            if last == first + 1:
                continue
            yield Problem(
                t("check.school_year.span", ctx.lang, text=m.group(0), first=first, next=first + 1),
                (locate(ctx.path, block, m.start(), m.end()),), details={"start": first, "end": last})
