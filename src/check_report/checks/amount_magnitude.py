"""A whole-area total has a magnitude its unit and level allow (no commune budget of `415.000 đồng`).

What it checks
    A commune's, district's or province's budget total (`thu ngân sách`, `chi ngân sách`, `dự toán ngân
    sách`) or GRDP, stated in đồng with its unit (`đồng`, `triệu đồng`, `tỷ đồng`, `nghìn tỷ đồng`): its
    value in đồng must lie in the range such a total can have at that level (the level the clause names,
    `ngân sách xã`, `của tỉnh`, else that of the body issuing the report, `UBND XÃ ...`; without one, the
    figure is not judged). The ranges are ten times wider than the smallest and largest real units:
    outside them, the unit was mistyped (`đồng` for `triệu đồng`). Per-head figures (`bình quân đầu
    người`, `đồng/người`), the parts of a breakdown and compound amounts (`147 triệu 700 nghìn đồng`) are
    left alone; a figure whose comma may group thousands is left to `thousands-comma`.

Why it matters
    `415.000 đồng` for a commune's revenue is 415 thousand đồng, a thousandth of any commune budget; the
    table beside it says 415.000 triệu. Every ratio computed from the figure is off by the same factor.

Failing example
    `UBND XÃ AN PHÚ ... Tổng thu ngân sách xã 6 tháng đạt 415.000 đồng, đạt 52% dự toán.`

Passing example
    `Tổng thu ngân sách xã 6 tháng đạt 415 triệu đồng`, `thu ngân sách của xã đạt 220 triệu/254 triệu 700
    nghìn đồng`, `GRDP bình quân đầu người ước đạt 84,8 triệu đồng/người`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._magnitude import (
    SEPARATOR_SHAPED, bounds_text, describe, document_level, document_style, in_range, totals, value_of,
)
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "amount-magnitude"
SUMMARY = {
    "en": "A whole-area total has a magnitude its unit and level allow (no commune budget of 415.000 đồng)",
    "vi": "Số tổng của địa phương có độ lớn phù hợp đơn vị tính và cấp (ngân sách xã không thể là 415.000 đồng)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    level = document_level(ctx.document)
    style = document_style(ctx.document)
    for block in ctx.document.blocks:
        for amount in totals(block, level):
            value = value_of(amount.number, style)
            if value is None or SEPARATOR_SHAPED.match(amount.number) or in_range(value * amount.scale, amount):
                continue
            written = block.text[amount.start:amount.end]
            yield Problem(
                t("check.amount_magnitude.out_of_range", ctx.lang, written=written, what=describe(amount, ctx.lang),
                  bounds=bounds_text(amount, ctx.lang)),
                (locate(ctx.path, block, amount.start, amount.end),),
                details={"figure": amount.number, "unit": amount.unit, "level": amount.level, "kind": amount.kind})
