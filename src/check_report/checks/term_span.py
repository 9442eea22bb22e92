"""A term (`nhiệm kỳ`) spans five years (`nhiệm kỳ 2025-2030`, `2026-2031`).

What it checks
    `nhiệm kỳ A-B` (any dash, spaces allowed): B - A must be one of the allowed term lengths (option
    `years`, default 5: Party congresses, Quốc hội and HĐND, and the mass organisations all elect for five
    years; add 2 or 3 for bodies with shorter terms).

Why it matters
    A wrong year in a term points the reader to the wrong congress or council.

Failing example
    `Nghị quyết Đại hội Đảng bộ huyện lần thứ VII, nhiệm kỳ 2025-2029`

Passing example
    `nhiệm kỳ 2025-2030`, `HĐND huyện khóa VI, nhiệm kỳ 2026 – 2031`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "term-span"
SUMMARY = {
    "en": "A term of office (nhiệm kỳ) spans five years (2025-2030)",
    "vi": "Nhiệm kỳ kéo dài năm năm (2025-2030)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"years": [5]}

TERM = re.compile(r"\bnhiệm\s+kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})(?!\d)", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    allowed = [int(y) for y in options.get("years", [5])]
    for block in ctx.document.blocks:
        for m in TERM.finditer(block.text):
            first, last = int(m.group(1)), int(m.group(2))
            if last - first in allowed:
                continue
            span = "/".join(str(y) for y in allowed)
            yield Problem(
                t("check.term_span.span", ctx.lang, text=m.group(0), years=last - first, span=span),
                (locate(ctx.path, block, m.start(), m.end()),), details={"start": first, "end": last})
