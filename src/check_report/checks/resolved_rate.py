"""The share of cases resolved agrees with the cases received and resolved that it follows.

What it checks
    A sentence that states how many cases, files or petitions were received (`thụ lý`, `tiếp nhận`), how
    many of them were resolved (`giải quyết`, `xử lý`), counted with the same noun, and then the rate (`đạt
    tỷ lệ 99,74%`): the rate must be resolved / received × 100, within its rounding (a rate cut short rather
    than rounded is accepted). A rate said loosely (`trên 95%`) or against something else (`so với`, `kế
    hoạch`, `chỉ tiêu`) is left alone.

Why it matters
    Courts, inspectorates and one-stop offices report their work this way; two swapped digits in the rate
    (99,74% for 99,47%) go unseen because the counts beside it look right.

Failing example
    `Án hình sự thụ lý 1.319 vụ; đã giải quyết 1.312 vụ, đạt tỷ lệ 99,74%.` (1.312 / 1.319 = 99,47%)

Passing example
    `thụ lý 77 vụ, giải quyết 53 vụ, đạt 68,83%`; `thụ lý 4.512 vụ, đã giải quyết 4.288 vụ, đạt tỷ lệ trên 95%`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import WHOLE_NUMBER, figures_of, locate, matches, numbers_in
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t
from check_report.numbers import VI, format_number

ID = "resolved-rate"
SUMMARY = {
    "en": "A rate of cases resolved agrees with the cases received and resolved (thụ lý 77 vụ, giải quyết 53 vụ, đạt 68,83%)",
    "vi": "Tỷ lệ giải quyết khớp với số thụ lý và số đã giải quyết (thụ lý 77 vụ, giải quyết 53 vụ, đạt 68,83%)",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

_NOUN = r"vụ|việc|đơn|hồ\s+sơ|trường\s+hợp|bản\s+án|quyết\s+định|kiến\s+nghị"
_SAME_SENTENCE = r"(?:[^.!?\n]|\.(?=\d))"       # a number's dots do not end the sentence
RESOLVED_RATE = re.compile(
    rf"\b(?:thụ\s+lý|tiếp\s+nhận)(?:\s+(?:là|được|tổng\s+cộng|mới))?\s+(?P<received>{WHOLE_NUMBER})\s+(?P<noun>{_NOUN})\b"
    rf"{_SAME_SENTENCE}{{0,160}}?\b(?:đã\s+)?(?:giải\s+quyết|xử\s+lý)(?:\s+xong)?\s+(?P<resolved>{WHOLE_NUMBER})\s+"
    rf"(?P=noun)\b{_SAME_SENTENCE}{{0,70}}?\bđạt(?:\s+(?:tỷ|tỉ)\s+lệ)?\s+(?P<rate>\d{{1,3}}(?:,\d{{1,3}})?)\s?%"
    rf"(?!\s{{0,3}}(?:so\b|kế\s+hoạch|chỉ\s+tiêu))",
    re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for block, m in matches(ctx.document, RESOLVED_RATE):
        numbers = numbers_in(m, "received", "resolved", "rate")
        if numbers is None or not numbers[0].value or numbers[1].value > numbers[0].value:
            continue
        received, resolved, rate = numbers
        implied = resolved.value / received.value * 100
        step = 10.0 ** -rate.decimals
        if rate.value - step / 2 - 1e-9 <= implied < rate.value + step + 1e-9:
            continue        # rounded, or cut short to the rate's decimals
        yield Problem(
            t("check.resolved_rate.differs", ctx.lang, rate=m.group("rate"), resolved=m.group("resolved"),
              received=m.group("received"), implied=format_number(implied, max(rate.decimals, 2), VI)),
            (locate(ctx.path, block, m.start("rate"), m.end()),),
            figures=figures_of(ctx.path, block, m, numbers, {"received": "received", "resolved": "resolved",
                                                             "rate": "rate"}),
            values=(rate.value, implied), decimals=max(rate.decimals, 2),
            details={"received": received.value, "resolved": resolved.value, "rate": rate.value})
