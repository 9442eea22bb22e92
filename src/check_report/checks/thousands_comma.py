"""A comma that groups thousands in a report that writes decimals with a comma (`98,215 tỷ đồng`).

What it checks
    In a document whose figures mark decimals with a comma (`36,72%`, `1.138.000`), a whole-area total
    (the budget or GRDP of a commune, district or province, as `amount-magnitude` reads them) written with
    one comma followed by exactly three digits (`98,215 tỷ đồng`). Read with the document's convention it
    is 98,215 tỷ; if that is below what such a total can be while 98.215 tỷ fits, the comma was meant to
    group thousands, the English way.

Why it matters
    The decimal reading is a thousand times too small: the checker and every reader who takes the
    document's convention at its word get the province's GRDP wrong by three orders of magnitude.

Failing example
    `UBND TỈNH ... GRDP của tỉnh năm 2024 ước đạt 98,215 tỷ đồng, tăng 7,2%.`

Passing example
    `GRDP của tỉnh năm 2024 ước đạt 98.215 tỷ đồng`, `GRDP của tỉnh quý I ước đạt 13.248,9 tỷ đồng`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._magnitude import (
    SEPARATOR_SHAPED, describe, document_level, document_style, in_range, totals, value_of,
)
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.numbers import VI, format_number

ID = "thousands-comma"
SUMMARY = {
    "en": "No comma for thousands among comma decimals (98,215 tỷ đồng for a province's GRDP)",
    "vi": "Không dùng dấu phẩy phân cách hàng nghìn khi văn bản dùng dấu phẩy thập phân (98,215 tỷ đồng)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None or document_style(ctx.document) != VI:
        return
    level = document_level(ctx.document)
    for block in ctx.document.blocks:
        for amount in totals(block, level):
            if not SEPARATOR_SHAPED.match(amount.number):
                continue
            decimal = value_of(amount.number, VI)
            if decimal is None or in_range(decimal * amount.scale, amount) or \
                    not in_range(decimal * 1000 * amount.scale, amount):
                continue
            meant = format_number(decimal * 1000, 0, VI)
            written = block.text[amount.start:amount.end]
            yield Problem(
                t("check.thousands_comma.too_small", ctx.lang, written=written, what=describe(amount, ctx.lang),
                  meant=meant, unit=amount.unit),
                (locate(ctx.path, block, amount.start, amount.end),),
                details={"figure": amount.number, "meant": decimal * 1000})
