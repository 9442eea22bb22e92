"""A count of the same things stated twice for the same period agrees with itself.

What it checks
    Counts of things named the same way (the counted noun with its qualifier, at least two words: `nhóm tăng
    giá`, `xã đạt chuẩn nông thôn mới`, `doanh nghiệp thành lập mới`) stated in two places of a report for one
    period must be the same number: `có 05 nhóm tăng giá … Trong 6 nhóm tăng giá, …`. Only counts whose reading
    is sure are compared (a count in brackets about last year, or of a period the text does not state, is not).

Why it matters
    A count restated a few lines later is read as the same fact; two numbers for it mean one is a slip.

Failing example
    `Trong 11 nhóm hàng chính, có 05 nhóm tăng giá, 6 nhóm giảm giá. Trong 6 nhóm tăng giá, nhóm giao thông
    tăng cao nhất.`

Passing example
    `… có 05 nhóm tăng giá … Trong 5 nhóm tăng giá, …`; `02 chuyên đề cấp thành phố và 02 chuyên đề cấp quận`
    (two different things).
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report import facts as F
from check_report.checks._facts import figure, overlap, text_rows
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t
from check_report.identity import normalise_name

# units of measure, not things counted: "339.660 tấn" of rice and "59.049 tấn" of maize are two crops
MEASURE_UNITS = frozenset({"ha", "tấn", "tạ", "kg", "km", "m3", "m³", "m2", "m²", "lít", "kwh", "tạ/ha"})

ID = "count-restated"
SUMMARY = {
    "en": "A count of the same things stated twice for one period agrees",
    "vi": "Một số đếm nêu hai lần cho cùng một kỳ phải thống nhất",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {"min_name_words": 2}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for first, other in _pairs(ctx.facts, options):
        if overlap((float(first[F.LOWER]), float(first[F.UPPER])), (float(other[F.LOWER]), float(other[F.UPPER]))):
            continue
        figures = (figure(ctx, first, "mention 1"), figure(ctx, other, "mention 2"))
        name = first[F.INDICATOR]
        message = t("check.count_restated.differs", ctx.lang, name=name, a=first[F.RAW], b=other[F.RAW])
        yield Problem(message, figures=figures,
                      stated=(float(first[F.LOWER]), float(first[F.UPPER])),
                      implied=(float(other[F.LOWER]), float(other[F.UPPER])), indicator=str(name))


def checked_rows(facts, options: dict | None = None) -> set:
    return {row["_label"] for pair in _pairs(facts, options or OPTIONS) for row in pair}


def _pairs(facts, options: dict):
    seen: dict[tuple, dict] = {}
    words = int(options.get("min_name_words", 2))
    for label, row in text_rows(facts, (F.COUNT,)):
        if not row[F.CERTAIN] or str(row[F.UNIT] or "").lower() in MEASURE_UNITS or "#" not in str(row[F.ENTITY]):
            continue                          # only counts of things named by their noun ("5 nhóm tăng giá")
        name = normalise_name(row[F.INDICATOR])
        qualifier = [w for w in name.split() if w not in str(row[F.UNIT] or "").lower().split()]
        if len(name.split()) < words or not qualifier:
            continue                        # "sản phẩm" alone names nothing in particular
        key = (name, row[F.UNIT], row[F.PERIOD])
        row = {**row, "_label": label}
        first = seen.setdefault(key, row)
        related = first[F.PARENT] == row[F.ENTITY] or row[F.PARENT] == first[F.ENTITY] or (
            isinstance(row[F.PARENT], str) and row[F.PARENT] == first[F.PARENT])
        if first is not row and first[F.ENTITY] != row[F.ENTITY] and not related:
            yield first, row
