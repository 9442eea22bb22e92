"""An N-year plan spans N calendar years (`kế hoạch 5 năm 2021-2025`).

What it checks
    A plan, strategy, programme or period announced with its length and its years (`kế hoạch phát triển
    kinh tế - xã hội 5 năm 2021-2025`, `chương trình 10 năm 2011-2020`, `giai đoạn 05 năm 2026-2030`):
    the years counted inclusively must be N. A five-year plan runs from its first year to the fifth,
    2021-2025. Terms of office (`nhiệm kỳ 2021-2026`) count differently and are left to `term-span`.

Why it matters
    `Kế hoạch 5 năm 2021-2026` names a plan that does not exist; the reader cannot tell whether the plan
    or the term was meant, and the targets quoted from it are in doubt.

Failing example
    `Năm 2016 là năm đầu tiên thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm 2016-2021.`

Passing example
    `kế hoạch phát triển kinh tế - xã hội 05 năm 2021-2025`, `HĐND huyện khóa VI, nhiệm kỳ 2021-2026`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import locate, matches
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "plan-span"
SUMMARY = {
    "en": "An N-year plan spans N calendar years (kế hoạch 5 năm 2021-2025)",
    "vi": "Kế hoạch N năm gồm đúng N năm (kế hoạch 5 năm 2021-2025)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}

# the plan-like noun, then within the same clause "N năm [giai đoạn] A-B"
PLAN_SPAN = re.compile(
    r"\b(?:kế\s+hoạch|chiến\s+lược|chương\s+trình|đề\s+án|quy\s+hoạch|giai\s+đoạn)\b[^.;:()]{0,80}?"
    r"(?<![\d.,/])(0?[1-9]|[1-4]\d)\s+năm\s+(?:giai\s+đoạn\s+)?((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for block, m in matches(ctx.document, PLAN_SPAN):
        length, first, last = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if last - first + 1 == length:
            continue
        shown = f"{m.group(1)} năm {first}-{last}"
        yield Problem(
            t("check.plan_span.years", ctx.lang, shown=shown, spans=last - first + 1, length=length, first=first,
              last=first + length - 1),
            (locate(ctx.path, block, m.start(1), m.end()),),
            details={"years": length, "start": first, "end": last})
