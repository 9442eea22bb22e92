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
    frames, before = _frames(counts), _before(counts)
    by_entity = {row[F.ENTITY]: row for _, row in counts}
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
        place = _place(row)
        if place is not None and LISTED_ON.match(str(row[F.TEXT]), place[1]):
            continue                        # "7.156 đơn khiếu nại, tố cáo, kiến nghị": the name goes on
        key = (name, row[F.UNIT], row[F.PERIOD])
        row = {**row, "_label": label}
        first = seen.setdefault(key, row)
        if first is row:
            continue                        # the first mention of its name: nothing to compare it with yet
        related = first[F.PARENT] == row[F.ENTITY] or row[F.PARENT] == first[F.ENTITY] or (
            isinstance(row[F.PARENT], str) and row[F.PARENT] == first[F.PARENT])
        framed = frames.get(first["_label"]), frames.get(label)
        if None not in framed and framed[0] != framed[1]:
            continue           # each counted within a whole of its own: "123 dự án … hơn 90" and "127 dự án, trong đó 111"
        if framed[1] == float(first[F.VALUE]) or framed[0] == float(row[F.VALUE]):
            continue           # one counted within the other: "3.311 lượt góp vốn …, trong đó có 475 lượt góp vốn …"
        companions = _companion(first, before.get(first["_label"])), _companion(row, before.get(label))
        if None not in companions and companions[0][0] == companions[1][0] and \
                not overlap(companions[0][1], companions[1][1]):
            continue           # each beside a count of its own cases: "3.061 vụ, bắt 6.067 người phạm tội" and
            #                    "2.842 vụ, 4.119 người phạm tội" are people of two sets of cases
        actions = _action(first, by_entity), _action(row, by_entity)
        if all(actions) and actions[0] != actions[1]:
            continue           # what was done to them tells the sets apart: "tiếp nhận 7.156 đơn" and "giải quyết
            #                    274 đơn" are of one kind of letter, not one set
        if _sentence(first) == _sentence(row):
            continue           # said again within one sentence, it is another set: "mở rộng 01 khu công nghiệp,
            #                    nâng tổng số khu công nghiệp … là 335 khu công nghiệp"
        if first[F.ENTITY] != row[F.ENTITY] and not related:
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


def _before(counts: list[tuple[object, dict]]) -> dict:
    """The count just before each count in its sentence, when it counts other things (a unit of its own)."""
    found: dict = {}
    last: dict[str, dict] = {}
    for label, row in counts:
        sentence = _sentence(row)
        before = last.get(sentence)
        last[sentence] = row
        if before is not None and str(before[F.UNIT] or "").lower() != str(row[F.UNIT] or "").lower():
            found[label] = before
    return found


def _companion(row: dict, before: dict | None) -> tuple | None:
    """The count of other things `row` is stated beside, right before it in its clause list ("2.842 vụ, 4.119
    người": the cases the people were caught in), as (unit, (lower, upper)). Asked only of the few counts
    that reach this test: a pattern is made for each."""
    if before is None:
        return None
    pattern = (r"(?<![\d.,])" + re.escape(str(before[F.RAW])) + r"\s{1,3}" + re.escape(str(before[F.UNIT] or "")) +
               r"\s{0,3},\s{0,3}(?:[^\W\d]+\s{1,3}){0,2}" + re.escape(str(row[F.RAW])) + r"(?![\d]|[.,]\d)")
    if re.search(pattern, str(row[F.TEXT]), re.IGNORECASE) is None:
        return None
    return str(before[F.UNIT]).lower(), (float(before[F.LOWER]), float(before[F.UPPER]))


def _sentence(row: dict) -> str:
    """The place and sentence a prose figure was read in: "L4.2" of the entity "L4.2#1:count"."""
    match = re.match(r"^(.+?\.\d+)[.#]", str(row[F.ENTITY]))
    return match.group(1) if match else str(row[F.ENTITY])


def _place(row: dict) -> tuple[int, int] | None:
    """Where the count and its name stand in its quoted text (start of the number, end of the name), when
    the number stands there once."""
    text, raw = str(row[F.TEXT]), str(row[F.RAW])
    found = list(re.finditer(r"(?<![\d.,])" + re.escape(raw) + r"(?![\d]|[.,]\d)", text))
    if len(found) != 1:
        return None
    name = " ".join(str(row[F.INDICATOR]).split())
    after = re.match(r"\s{1,3}" + r"\s{1,3}".join(map(re.escape, name.split())), text[found[0].end():])
    return found[0].start(), found[0].end() + (after.end() if after else 0)


def _action(row: dict, by_entity: dict, depth: int = 0) -> tuple[str, ...]:
    """The words that say what was done to the things counted, just before the count in its clause
    ("đã tiếp nhận 7.156 đơn": tiếp nhận), without words any count may carry; a part's own words or else its
    total's ("giải quyết theo thẩm quyền 2.886 đơn (gồm 359 đơn khiếu nại …)"); () when none or not known."""
    place = _place(row)
    if place is None:
        return ()
    clause = re.split(r"[,;:(]", str(row[F.TEXT])[:place[0]])[-1].lower().split()
    own = tuple(w for w in clause[-3:] if w not in _ANY_COUNT and not w[:1].isdigit())[-2:]
    parent = by_entity.get(row[F.PARENT]) if isinstance(row[F.PARENT], str) else None
    if own or parent is None or depth > 3:
        return own
    return _action(parent, by_entity, depth + 1)


# a count's name that continues with other kinds of the same noun: "đơn khiếu nại, tố cáo, kiến nghị"
LISTED_ON = re.compile(r"\s{0,3},\s{0,3}[^\d,;.:()]{1,20}(?:,|\s(?:và|hoặc)\s)")
# words that come before counts of every kind
_ANY_COUNT = frozenset({"có", "được", "là", "với", "gồm", "trong", "đó", "tổng", "số", "toàn", "tỉnh", "huyện", "xã",
                        "thành", "phố", "đã", "và", "ước", "khoảng", "gần", "hơn", "trên", "đạt", "nay", "hiện", "năm",
                        "tháng", "quý", "còn", "thêm", "mới", "cả", "tất"})
