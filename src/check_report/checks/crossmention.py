"""The same indicator stated in two places agrees, and is worded the same way.

What it checks
    Figures of one indicator (its name without filler words such as `tổng`, `nhà nước`, `trên địa bàn`),
    one measure and one period, stated by different statements (body and summary, body and footnote).
    Growth and ratio to the same period are compared as one quantity: `tăng p%` is `bằng (100+p)%`.
    Values that disagree under every reading are an error; values that agree only under one reading,
    with different wording (`tăng 744%` here, `đạt 844% so cùng kỳ` there), are a warning that explains
    both readings.

Why it matters
    Reviewers read the summary, not the body. A figure restated differently (or in a wording that makes the
    same figure look different) misleads them, and one of the two statements is usually a copy slip.

Failing example
    `Tổng thu ngân sách: 3 tháng ... tăng 744% so cùng kỳ` and later `thu ngân sách ... đạt 844% so cùng kỳ`
    (warning: the same ratio 8,44 only if `tăng` is read as growth); `đạt 95,3% kế hoạch` and later
    `đạt 93,5% kế hoạch` (error).

Passing example
    `Tổng thu ngân sách ... đạt 95,3% kế hoạch, tăng 744% so cùng kỳ` and later `thu ngân sách đạt 95,3% kế
    hoạch, tăng 744% so cùng kỳ`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from check_report import facts as F
from check_report.checks.base import CheckContext, Problem
from check_report.findings import Figure, Severity, context_quote, fact_figure
from check_report.numbers import VI, format_number

ID = "cross-mention"
SUMMARY = {
    "en": "The same indicator stated in two places agrees, in the same wording",
    "vi": "Một chỉ tiêu nêu ở hai nơi phải thống nhất, cùng một cách diễn đạt",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {"min_name_words": 2}

# measures compared across mentions; growth and the ratio to last year are one family (see _ratio)
COMPARED = {F.MONTH, F.CUMULATIVE, F.PLAN, F.PREVIOUS, F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH,
            F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH}
RATIO_FAMILY = {F.GROWTH: F.PCT_PREVIOUS, F.GROWTH_MONTH: F.PCT_PREVIOUS_MONTH}
FILLER = re.compile(r"\b(?:tổng|nhà nước|trên địa bàn(?: quận| huyện| tỉnh| thành phố| xã| phường)?|"
                    r"ước thực hiện|kết quả|giá trị|toàn (?:quận|huyện|tỉnh|thành phố)|các|của|đặc biệt)\b",
                    re.IGNORECASE)


def normalise_name(name: str) -> str:
    name = FILLER.sub(" ", str(name).lower())
    return " ".join(re.sub(r"[^\w\s]", " ", name).split())


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for members in _groups(ctx.facts, options).values():
        yield from _compare_group(ctx, members)


def checked_rows(facts, options: dict | None = None) -> set:
    """Fact-table labels this check compares (statements with another mention): for coverage counts."""
    rows = set()
    for members in _groups(facts, {**OPTIONS, **(options or {})}).values():
        if len({row[F.ENTITY] for _, row in members}) > 1:
            rows.update(label for label, _ in members)
    return rows


def _groups(facts, options: dict) -> dict[tuple, list]:
    """(normalised name, measure family, period) -> [(row label, row)] of the text's statements."""
    groups: dict[tuple, list] = {}
    if facts is None or not len(facts):
        return groups
    facts = facts[facts[F.SOURCE] == "text"]   # only prose restates figures; select before converting rows
    for label, row in zip(facts.index, facts.to_dict("records")):
        if row[F.MEASURE] not in COMPARED or row[F.SOURCE] != "text":
            continue
        name = normalise_name(row[F.INDICATOR])
        if len(name.split()) < int(options.get("min_name_words", 2)):
            continue
        family = RATIO_FAMILY.get(row[F.MEASURE], row[F.MEASURE])
        groups.setdefault((name, family, row[F.PERIOD]), []).append((label, row))
    return groups


def _compare_group(ctx: CheckContext, members: list) -> Iterator[Problem]:
    first_position, first = members[0]
    seen_entities = {first[F.ENTITY]}
    for _position, other in members[1:]:
        if other[F.ENTITY] in seen_entities:
            continue                                  # one statement: core.duplicate-figure's business
        seen_entities.add(other[F.ENTITY])
        problem = compare(ctx, first, other)
        if problem is not None:
            yield problem


def compare(ctx: CheckContext, a: dict, b: dict) -> Problem | None:
    """None when two mentions agree in value and wording; else the Problem to report."""
    a_ratio, b_ratio = _ratio(a), _ratio(b)
    agree = _overlap(a_ratio, b_ratio)
    same_wording = a[F.MEASURE] == b[F.MEASURE]
    if agree and same_wording:
        return None
    figures = (_figure(ctx, a, "first mention"), _figure(ctx, b, "second mention"))
    where = f"{figures[0].location.short()} / {figures[1].location.short()}"
    if agree:
        return Problem(_wording_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio,
                       implied=b_ratio, severity=Severity.WARNING, details={"readings": "agree as stated"})
    if _times_as_increase(a, b):
        return Problem(_times_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio, implied=b_ratio,
                       severity=Severity.WARNING, details={"readings": "agree only if 'gấp N lần' means +N×"})
    literal = _overlap((a[F.LOWER], a[F.UPPER]), (b[F.LOWER], b[F.UPPER]))
    if not same_wording and literal:
        return Problem(_slip_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio, implied=b_ratio,
                       severity=Severity.WARNING, details={"readings": "agree only as written numbers"})
    return Problem(_differ_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio, implied=b_ratio,
                   details={"readings": "disagree"})


def _times_as_increase(a: dict, b: dict) -> bool:
    """'gấp N lần' read the other way some writers mean it: an increase by N times (ratio (N + 1) × 100)."""
    for times, other in ((a, b), (b, a)):
        if times[F.PHRASING] == "gấp":
            shifted = (float(times[F.LOWER]) + 100.0, float(times[F.UPPER]) + 100.0)
            if _overlap(shifted, _ratio(other)):
                return True
    return False


def _times_message(lang: str, a: dict, b: dict, where: str) -> str:
    if lang == "vi":
        return (f"{a[F.INDICATOR]}: {_wording(a)} và {_wording(b)} ({where}) chỉ khớp nếu 'gấp N lần' được hiểu "
                "là tăng thêm N lần; nên ghi rõ tỷ lệ so cùng kỳ.")
    return (f"{a[F.INDICATOR]}: {_wording(a)} and {_wording(b)} ({where}) agree only if 'gấp N lần' is read as "
            "'increased by N times'; state the ratio to the same period plainly.")


def _ratio(row: dict) -> tuple[float, float]:
    """The interval in a comparable form: growth g becomes the ratio 100 + g; amounts scale to base units."""
    lo, hi = float(row[F.LOWER]), float(row[F.UPPER])
    if row[F.MEASURE] in RATIO_FAMILY:
        return lo + 100.0, hi + 100.0
    scale = row[F.SCALE] if row[F.SCALE] and not _nan(row[F.SCALE]) else 1.0
    if row[F.UNIT] == "%":
        return lo, hi
    return lo * scale, hi * scale


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    slack = 1e-9 * max(1.0, abs(a[0]), abs(b[1]))
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _figure(ctx: CheckContext, row: dict, role: str) -> Figure:
    return fact_figure(row, f"{role}: {row[F.MEASURE]}", path=ctx.path or None, quote=context_quote(row))


def _wording(row: dict) -> str:
    words = {F.GROWTH: "tăng", F.GROWTH_MONTH: "tăng"}
    verb = row[F.PHRASING] or words.get(row[F.MEASURE], "")
    suffix = " so cùng kỳ" if row[F.MEASURE] in RATIO_FAMILY or row[F.MEASURE] in RATIO_FAMILY.values() else ""
    unit = "%" if row[F.UNIT] == "%" else f" {row[F.UNIT] or ''}".rstrip()
    return f"'{verb} {row[F.RAW]}{unit}{suffix}'".replace("' ", "'")


def _pct(value: float) -> str:
    return format_number(value, 0 if value == int(value) else 2, VI)


def _wording_message(lang: str, a: dict, b: dict, where: str) -> str:
    ratio = sum(_ratio(a)) / 2
    if lang == "vi":
        return (f"{a[F.INDICATOR]}: {_wording(a)} và {_wording(b)} ({where}) chỉ khớp nhau khi hiểu 'tăng p%' là "
                f"tốc độ tăng, tức bằng {_pct(ratio)}% so cùng kỳ; đọc như cùng một loại số thì {a[F.RAW]} và "
                f"{b[F.RAW]} khác nhau. Nên dùng một cách diễn đạt.")
    return (f"{a[F.INDICATOR]}: {_wording(a)} and {_wording(b)} ({where}) agree only when 'tăng p%' is read as "
            f"growth, i.e. {_pct(ratio)}% of the same period; read as the same kind of figure they differ "
            f"({a[F.RAW]} vs {b[F.RAW]}). State it one way.")


def _slip_message(lang: str, a: dict, b: dict, where: str) -> str:
    if lang == "vi":
        return (f"{a[F.INDICATOR]}: {_wording(a)} và {_wording(b)} ({where}) cùng con số nhưng khác nghĩa: một bên "
                "là tốc độ tăng, một bên là tỷ lệ so cùng kỳ; chỉ khớp nếu một trong hai cách viết là nhầm.")
    return (f"{a[F.INDICATOR]}: {_wording(a)} and {_wording(b)} ({where}) use the same number with different "
            "meanings (growth vs ratio to the same period); they agree only if one wording is a slip.")


def _differ_message(lang: str, a: dict, b: dict, where: str) -> str:
    if lang == "vi":
        return (f"{a[F.INDICATOR]}: {_wording(a)} và {_wording(b)} ({where}) là hai giá trị khác nhau của cùng "
                "một chỉ tiêu, cùng kỳ, dù hiểu theo cách nào.")
    return (f"{a[F.INDICATOR]}: {_wording(a)} and {_wording(b)} ({where}) are two different values of one "
            "indicator and period under every reading.")
