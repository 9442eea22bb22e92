"""A count of households or people has no fractional part (`12,5 hộ`).

What it checks
    A number with a decimal part written directly before a word that counts households or people (`hộ`,
    `người`, `nhân khẩu`, `lao động`, `học sinh`, `bệnh nhân`, `đối tượng` ...). Averages and ratios are
    left alone: `bình quân 3,8 người/hộ`, `trung bình 4,2 người`, `1,5 triệu người` (the scale word comes
    first), and `1,245 hộ`, whose comma may group thousands.

Why it matters
    Half a household does not exist: the figure lost a digit, or took a decimal comma meant for another
    figure, and every total it enters is wrong by as much.

Failing example
    `Hỗ trợ 12,5 hộ nghèo xây dựng nhà ở.`

Passing example
    `Hỗ trợ 125 hộ nghèo`; `quy mô bình quân 3,8 người/hộ`; `thu hút 1,5 triệu lượt người`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import locate, matches_unless
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "fractional-count"
SUMMARY = {
    "en": "A count of households or people has no fractional part (not 12,5 hộ)",
    "vi": "Số hộ, số người không có phần thập phân (không ghi 12,5 hộ)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

COUNT_WORDS = (r"hộ|người|nhân\s+khẩu|lao\s+động|học\s+sinh|sinh\s+viên|bệnh\s+nhân|đối\s+tượng|đảng\s+viên|"
               r"hội\s+viên|đoàn\s+viên|thí\s+sinh|giáo\s+viên|cán\s+bộ|trẻ\s+em|cháu")
# a decimal with one or two digits after the comma (',ddd' may group thousands), then the count word,
# not a rate per something ("người/hộ")
FRACTIONAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*,\d{1,2})\s+(" + COUNT_WORDS + r")\b(?!\s*/)",
                        re.IGNORECASE)
AVERAGE = re.compile(r"\b(?:bình\s+quân|trung\s+bình|mỗi|tỷ\s+lệ|mật\s+độ)\b", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    for block, m in matches_unless(ctx.document, FRACTIONAL, AVERAGE):
        unit = " ".join(m.group(2).split())
        yield Problem(
            t("check.fractional_count.fraction", ctx.lang, written=m.group(0), unit=unit),
            (locate(ctx.path, block, m.start(), m.end()),), details={"figure": m.group(1), "unit": unit})
