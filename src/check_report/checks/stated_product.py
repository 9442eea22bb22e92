"""An amount per head times the heads it is given to equals the total written after "=".

What it checks
    A line that writes its own arithmetic: an amount per person, household or share (`500.000 đồng/người`),
    the number it is given to (`cho 1.572 người`) and, after `=`, the total (`= 876.000.000 đồng`). The total
    must be the product. A note in brackets between the amount and `cho` (where the money comes from) is
    allowed; the per-unit word and the counted word must be the same.

Why it matters
    The reader trusts a sum written out as an equation; when its product is wrong (digits swapped, a count
    copied from the line before), so is every total built from it.

Failing example
    `Mức quà 500.000 đồng/người cho 1.572 người = 876.000.000 đồng.` (500.000 × 1.572 = 786.000.000)

Passing example
    `Mức trợ cấp 300.000 đồng/người cho 19.611 người = 5.883.300.000 đồng.`
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.checks._text import WHOLE_NUMBER, figures_of, locate, matches, numbers_in
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t
from check_report.numbers import VI, format_number

ID = "stated-product"
SUMMARY = {
    "en": "An amount per head times the heads equals the total written after '=' (500.000 đồng/người cho 10 người = 5.000.000)",
    "vi": "Mức mỗi người nhân số người bằng tổng ghi sau dấu '=' (500.000 đồng/người cho 10 người = 5.000.000)",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

PRODUCT = re.compile(
    rf"(?<![\d.,])(?P<rate>{WHOLE_NUMBER})\s{{0,2}}(?:đồng|đ)?\s{{0,2}}/\s{{0,2}}(?P<per>người|hộ|suất|cháu|em|lượt)\b"
    rf"\s{{0,3}}(?:\([^()]{{0,160}}\)\s{{0,3}})?,?\s{{0,3}}cho\s{{1,3}}(?P<count>{WHOLE_NUMBER})\s{{1,3}}(?P<counted>người|hộ|suất|cháu|em|lượt)\b"
    rf"[^=;\n]{{0,40}}?=\s{{0,3}}(?P<total>{WHOLE_NUMBER})\s{{0,2}}(?:đồng|đ)\b(?![\d,]|\.\d)",
    re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for block, m in matches(ctx.document, PRODUCT):
        if m.group("per").lower() != m.group("counted").lower():
            continue        # "500.000 đồng/hộ cho 12 người": not a product the line says
        numbers = numbers_in(m, "rate", "count", "total")
        if numbers is None:
            continue
        rate, count, total = numbers
        product = rate.value * count.value
        if product == total.value:
            continue
        yield Problem(
            t("check.stated_product.differs", ctx.lang, rate=m.group("rate"), per=m.group("per"),
              count=m.group("count"), total=m.group("total"), product=format_number(product, 0, VI)),
            (locate(ctx.path, block, m.start(), m.end()),),
            figures=figures_of(ctx.path, block, m, numbers, {"rate": "amount per head", "count": "heads",
                                                             "total": "total"}),
            details={"rate": rate.value, "count": count.value, "total": total.value, "product": product})
