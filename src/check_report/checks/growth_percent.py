"""A growth rate carries its '%' (`tăng 6,8%`, not `tăng 6,8.`).

What it checks
    `tăng` / `giảm` (also `tăng trưởng`, `tăng bình quân`, `tăng khoảng` ...) followed by a number with a
    decimal part and then nothing that says what it counts: the end of the clause (`.`, `;`, `)`) or a
    comparison (`so với cùng kỳ`, `so với năm 2024`, `so với kế hoạch`). A change of an amount names its
    unit (`tăng 6,8 tỷ đồng`), a multiple says `lần`, points say `điểm %`; a bare decimal is a rate whose
    '%' was dropped. Changes of a rate (`tỷ lệ hộ nghèo ... giảm 0,5 so với đầu năm`, points without the
    word) and whole numbers (`giảm 2 so cùng kỳ`: two cases) are left alone.

Why it matters
    Without '%' the reader, and the checker, cannot tell a rate from an absolute change: `tăng 6,8` may be
    6,8% or 6,8 tỷ đồng, and the relations that would catch a wrong figure cannot use it.

Failing example
    `Tổng mức bán lẻ hàng hóa 6 tháng ước đạt 12.450 tỷ đồng, tăng 6,8 so với cùng kỳ.`

Passing example
    `tăng 6,8% so với cùng kỳ`, `tăng 6,8 tỷ đồng`, `tăng 1,5 lần`, `tăng 0,6 điểm phần trăm`,
    `tỷ lệ hộ nghèo còn 2,1%, giảm 0,5 so với đầu năm`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import locate, matches_unless
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "growth-percent"
SUMMARY = {
    "en": "A growth rate carries its '%' (tăng 6,8%, not tăng 6,8.)",
    "vi": "Tốc độ tăng ghi kèm dấu '%' (tăng 6,8%, không phải tăng 6,8.)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

# the verb, optional hedges, a decimal number (the Vietnamese decimal comma, never ',ddd' which may group
# thousands), then the end of the clause or a comparison
BARE_RATE = re.compile(
    r"\b(?:tăng|giảm)(?:\s+(?:trưởng|bình\s+quân|khoảng|gần|hơn|trên|ước\s+đạt|ước\s+tính|đạt))*"
    r"\s+(\d{1,3},\d{1,2})(?![\d%]|[,.]\d)\s*"
    r"(?=[.;)](?!\d)|$|so\s+(?:với\s+)?(?:cùng\s+kỳ|năm|tháng|quý|kế\s+hoạch|kỳ))",
    re.IGNORECASE)
# a clause about a rate: its change is in points, which writers often leave without a unit
RATE_SUBJECT = re.compile(r"\btỷ\s+lệ\b|\btỷ\s+trọng\b|\bchỉ\s+số\b|\bCPI\b", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    for block, m in matches_unless(ctx.document, BARE_RATE, RATE_SUBJECT):
        yield Problem(
            t("check.growth_percent.no_percent", ctx.lang, written=m.group(0).strip(), figure=m.group(1)),
            (locate(ctx.path, block, m.start(), m.end()),), details={"figure": m.group(1)})
