"""A count of the same things stated twice for the same period agrees with itself.

What it checks
    Counts of things named the same way (the counted noun with its qualifier, at least three syllables: `nhóm
    tăng giá`, `xã đạt chuẩn nông thôn mới`, `doanh nghiệp thành lập mới`; two are most often a noun alone,
    `đối tượng`, `bị can`) stated in two places of a report for one
    period must be the same number: `có 05 nhóm tăng giá … Trong 6 nhóm tăng giá, …`. A count is restated in
    another sentence: within one, the same noun counts another set (`mở rộng 01 khu công nghiệp, nâng tổng số
    khu công nghiệp … lên 335 khu công nghiệp`). Only counts whose reading is sure are compared (a count in
    brackets about last year, or of a period the text does not state, is not).

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

import bisect
import re
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
# a name of two syllables is most often the counted noun alone ("đối tượng", "bị can", "doanh nghiệp"): what
# the counts of "xử lý hành chính 2 vụ, 2 đối tượng; đang điều tra 4 vụ, 6 đối tượng" share is their noun, not
# what they count
OPTIONS: dict = {"min_name_words": 3}
# words that need what follows them: a name ending in one was cut before its threshold or its object
OPEN_ENDS = frozenset({"từ", "trên", "dưới", "hơn", "đến", "tới", "với", "của", "cho", "về", "tại", "theo", "bằng",
                       "là", "ở", "khoảng", "gần", "đạt", "lên", "xuống", "vượt", "có", "và", "hoặc"})


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
    words = int(options.get("min_name_words", 3))
    counts = text_rows(facts, (F.COUNT,))
    frames = _frames(counts)
    for label, row in counts:
        if not row[F.CERTAIN] or str(row[F.UNIT] or "").lower() in MEASURE_UNITS or "#" not in str(row[F.ENTITY]):
            continue                          # only counts of things named by their noun ("5 nhóm tăng giá")
        name = normalise_name(row[F.INDICATOR])
        qualifier = [w for w in name.split() if w not in str(row[F.UNIT] or "").lower().split()]
        if len(name.split()) < words or not qualifier:
            continue                        # "sản phẩm" alone names nothing in particular
        if name.split()[-1] in OPEN_ENDS:
            continue                        # "quận có số thu từ [1.000 tỷ đồng]": the name was cut before what
            #                                 it says of them, which may differ between two counts
        key = (name, row[F.UNIT], row[F.PERIOD])
        row = {**row, "_label": label}
        first = seen.setdefault(key, row)
        related = first[F.PARENT] == row[F.ENTITY] or row[F.PARENT] == first[F.ENTITY] or (
            isinstance(row[F.PARENT], str) and row[F.PARENT] == first[F.PARENT])
        framed = frames.get(first["_label"]), frames.get(label)
        if None not in framed and framed[0] != framed[1]:
            continue           # each counted within a whole of its own: "123 dự án … hơn 90" and "127 dự án, trong đó 111"
        if framed[1] == float(first[F.VALUE]) or framed[0] == float(row[F.VALUE]):
            continue           # one counted within the other: "3.311 lượt góp vốn …, trong đó có 475 lượt góp vốn …"
        if _sentence(first) == _sentence(row):
            continue           # said again within one sentence, it is another set: "mở rộng 01 khu công nghiệp,
            #                    nâng tổng số khu công nghiệp … là 335 khu công nghiệp"
        if first is not row and first[F.ENTITY] != row[F.ENTITY] and not related:
            yield first, row


def _frames(counts: list[tuple[object, dict]]) -> dict:
    """The whole each count is counted within: its parent's figure, else the last larger count earlier in its
    sentence ("16 cơ sở lưu trú gồm 02 khách sạn 03 sao …"). Two mentions within wholes of different sizes
    count different sets ("123 dự án vào các khu công nghiệp …, hơn 90 dự án đi vào hoạt động" and "cụm công
    nghiệp … 127 dự án, trong đó có 111 dự án đi vào hoạt động"), even when the phrase that names them is the
    same."""
    by_entity = {row[F.ENTITY]: row for _, row in counts}
    frames: dict = {}
    # per sentence, the earlier counts that may still be the last larger one: a count is never that once a
    # later one at least as large follows it, so their lower bounds fall from the first to the last (negated
    # here, to search them in rising order): linear in the counts, however many a sentence holds
    earlier: dict[str, tuple[list[float], list[float]]] = {}
    for label, row in counts:
        unit = str(row[F.UNIT] or "").lower()
        lows, values = earlier.setdefault(_sentence(row), ([], []))
        parent = by_entity.get(row[F.PARENT]) if isinstance(row[F.PARENT], str) else None
        if parent is not None and str(parent[F.UNIT] or "").lower() == unit:
            frames[label] = float(parent[F.VALUE])
        else:
            larger = bisect.bisect_left(lows, -float(row[F.UPPER]))
            if larger:
                frames[label] = values[larger - 1]
        while lows and -lows[-1] <= float(row[F.LOWER]):
            lows.pop()
            values.pop()
        lows.append(-float(row[F.LOWER]))
        values.append(float(row[F.VALUE]))
    return frames


def _sentence(row: dict) -> str:
    """The place and sentence a prose figure was read in: "L4.2" of the entity "L4.2#1:count"."""
    match = re.match(r"^(.+?\.\d+)[.#]", str(row[F.ENTITY]))
    return match.group(1) if match else str(row[F.ENTITY])
