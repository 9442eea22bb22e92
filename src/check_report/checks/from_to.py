"""A change said from one value to another agrees with the ratio or rate stated with it.

What it checks
    `tăng từ 1.630 USD năm 2015 lên 2.504 USD năm 2020 (gấp 1,54 lần)`, `giảm từ 420 hộ xuống 315 hộ, giảm
    25%`: one phrase gives both values and what the change makes of them. `gấp N lần` must be the second over
    the first; `tăng p%` / `giảm p%` the rise or fall relative to the first. All within the rounding of the
    figures as written. The two values must be in the same unit, written beside each (or the first bare and
    the second with the unit). `gấp N lần` read by some writers as an increase by N times (N + 1 times the
    first) and, for two percentages, a change in points (`giảm từ 5,2% xuống 3,1%, giảm 2,1%`) are accepted.

Why it matters
    Long-term summaries (a term of office, five years) state a start, an end and how many times or by how
    much it grew; a slip in the ratio (digits swapped: 1,45 for 1,54) passes because both values look right.

Failing example
    `thu nhập bình quân đầu người tăng từ 1.630 USD năm 2015, lên 2.504 USD năm 2020 (gấp 1,45 lần so với năm
    2015)` (2.504 / 1.630 = 1,54)

Passing example
    `số hộ nghèo giảm từ 420 hộ xuống 315 hộ, giảm 25%`; `tỷ lệ hộ nghèo giảm từ 5,2% xuống 3,1%, giảm 2,1%`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import figures_of, locate, matches
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t
from check_report.numbers import VI, format_number, parse_number

ID = "from-to"
SUMMARY = {
    "en": "A change from one value to another agrees with its stated ratio or rate (từ 1.630 lên 2.504, gấp 1,54 lần)",
    "vi": "Mức thay đổi từ số này lên số kia khớp với số lần hay tỷ lệ nêu kèm (từ 1.630 lên 2.504, gấp 1,54 lần)",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNIT = r"(?:%|[^\W\d_]{1,12}(?:\s[^\W\d_]{1,12}){0,2}?)"
_WHEN = r"(?:\s{1,3}(?:năm|vào năm|cuối năm)\s{1,3}(?:19|20)\d\d)?"
FROM_TO = re.compile(
    rf"\b(?P<verb>tăng|giảm)\s{{1,3}}từ\s{{1,3}}(?P<a>{_NUM})(?:\s{{0,3}}(?P<ua>{_UNIT}))?{_WHEN}\s{{0,3}},?\s{{0,3}}"
    rf"(?:lên|xuống|còn)\s{{1,3}}(?:mức\s{{1,3}})?(?P<b>{_NUM})(?:\s{{0,3}}(?P<ub>{_UNIT}))?{_WHEN}\s{{0,3}}"
    rf"(?:,|\(|;)\s{{0,3}}(?:(?:tức\s{{1,3}}|hay\s{{1,3}})?(?:(?:tăng\s{{1,3}})?gấp\s{{1,3}}(?P<times>{_NUM})\s{{1,3}}lần"
    rf"|(?P<dir>tăng|giảm)\s{{1,3}}(?P<rate>{_NUM})\s?%))",
    re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for block, m in matches(ctx.document, FROM_TO):
        a, b = parse_number(m.group("a"), VI), parse_number(m.group("b"), VI)
        stated = parse_number(m.group("times") or m.group("rate"), VI)
        if a is None or b is None or stated is None or a.lower <= 0:
            continue
        unit_a, unit_b = (" ".join((m.group(g) or "").lower().split()) for g in ("ua", "ub"))
        if unit_a and unit_a != unit_b:
            continue            # "từ 12 xã lên 15 thôn": not two values of one thing
        percent = unit_b == "%"
        readings = _readings(m, a, b, percent)
        if readings is None or any(lo <= stated.upper + 1e-9 and stated.lower - 1e-9 <= hi for lo, hi in readings):
            continue
        lo, hi = readings[0]
        implied = (lo + hi) / 2
        decimals = max(stated.decimals, 2)
        key = "times" if m.group("times") else "rate"
        yield Problem(
            t(f"check.from_to.{key}", ctx.lang, a=m.group("a"), b=m.group("b"), stated=m.group(key),
              implied=format_number(implied, decimals, VI)),
            (locate(ctx.path, block, m.start(), m.end()),),
            figures=figures_of(ctx.path, block, m, [a, b, stated], {"a": "from", "b": "to", key: key}),
            values=(stated.value, implied), decimals=decimals,
            details={"from": a.value, "to": b.value, "stated": stated.value})


def _readings(m: re.Match, a, b, percent: bool) -> list[tuple[float, float]] | None:
    """The intervals the stated figure may take, the plain reading first; None when the phrase says nothing
    the two values can be held to (a rise stated for a fall)."""
    ratio = (b.lower / a.upper, b.upper / a.lower)
    if m.group("times"):
        return [ratio, (ratio[0] - 1, ratio[1] - 1)]     # "gấp N lần" as N times, or as an increase by N times
    up = m.group("dir").lower() == "tăng"
    if up != (m.group("verb").lower() == "tăng"):
        return None
    relative = ((ratio[0] - 1) * 100, (ratio[1] - 1) * 100) if up else ((1 - ratio[1]) * 100, (1 - ratio[0]) * 100)
    if not percent:
        return [relative]
    points = (b.lower - a.upper, b.upper - a.lower) if up else (a.lower - b.upper, a.upper - b.lower)
    return [relative, points]
