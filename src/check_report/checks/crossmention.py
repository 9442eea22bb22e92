"""The same indicator stated in two places agrees, and is worded the same way.

What it checks
    Figures of one indicator stated by different statements (body and summary, body and footnote), compared
    only when their whole identity is known and equal: the indicator (its name without filler words such as
    `tổng`, `nhà nước`, `trên địa bàn`, or the abbreviation it was given: `GRDP`), the measure, the period and
    the base (whose plan: `kế hoạch tỉnh giao` and `dự toán HĐND huyện` are two plans; what a growth is
    compared with). Growth and ratio to the same period are compared as one quantity: `tăng p%` is
    `bằng (100+p)%`. Values that disagree under every reading are an error; values that agree only under one
    reading, with different wording (`tăng 318%` here, `đạt 418% so cùng kỳ` there), are a warning that
    explains both readings. Those severities need a link beyond the name: the two statements also state
    another figure alike, or one of the two paragraphs restates alike a figure of another statement (a
    summary). Without it the name alone says the two are one figure, which blind audits of real reports
    found wrong 47 times in 48: the disagreement is then an info, a doubt for the reader to settle. When any
    part of an identity is not sure (a period the sentence does not state,
    a growth without its base, a plan without its issuer beside one with it, a subject that is not a plain
    noun phrase) the pair is not compared: it is counted in the coverage line as "not compared: identity
    uncertain" and listed by `--show-unchecked`.

Why it matters
    Reviewers read the summary, not the body. A figure restated differently (or in a wording that makes the
    same figure look different) misleads them, and one of the two statements is usually a copy slip. Figures
    that only look alike (the plan of the province and the plan of the district, this year and the year
    before in brackets, this month and the months to date) must never be taken for one.

Failing example
    `Tổng thu ngân sách: 3 tháng ... đạt 62,4% kế hoạch, tăng 318% so cùng kỳ` and later `thu ngân sách đạt
    62,4% kế hoạch, đạt 418% so cùng kỳ` (warning: the same ratio 4,18 only if `tăng` is read as growth);
    `3 tháng ... 48.250 triệu đồng, đạt 62,4% kế hoạch` and later `thu ngân sách 48.250 triệu đồng, đạt
    64,2% kế hoạch` (error). `đạt 64,2% kế hoạch` alone later is an info: nothing but the name links it.

Passing example
    `Tổng thu ngân sách ... đạt 62% dự toán tỉnh giao và 55% dự toán HĐND huyện` and later `thu ngân sách đạt
    62% dự toán tỉnh giao`; `IIP tăng 10,4% (cùng kỳ năm 2024 tăng 9,6%)`.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator

from check_report import facts as F
from check_report.checks._facts import memo, text_rows
from check_report.checks._pair_count import UnreadField, count_pairs
from check_report.checks.base import CheckContext, Problem
from check_report.findings import Figure, Severity, context_quote, fact_figure
from check_report.partitions import any_member
from check_report.units import parse_unit
from check_report.identity import bases_differ_surely, name_keys, normalise_name  # noqa: F401 - one reading
from check_report.i18n import t
from check_report.wording import number_text, place_label

ID = "cross-mention"
SUMMARY = {
    "en": "The same indicator stated in two places agrees, in the same wording",
    "vi": "Một chỉ tiêu nêu ở hai nơi phải thống nhất, cùng một cách diễn đạt",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {"min_name_words": 2}

# measure -> family: figures of one family are one quantity (growth g is the ratio 100 + g)
FAMILY = {F.MONTH: "month", F.CUMULATIVE: "value", F.AMOUNT: "value", F.PLAN: "plan", F.PREVIOUS: "previous",
          F.PCT_PLAN: "pct_plan", F.PCT_PREVIOUS: "ratio", F.GROWTH: "ratio", F.PCT_PREVIOUS_MONTH: "ratio_month",
          F.GROWTH_MONTH: "ratio_month", F.GROWTH_PRIOR: "growth_prior"}
VALUE_FAMILIES = frozenset({"month", "value", "plan", "previous"})
RATIO_FAMILY = {F.GROWTH: F.PCT_PREVIOUS, F.GROWTH_MONTH: F.PCT_PREVIOUS_MONTH}
def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.facts is None or not len(ctx.facts):
        return
    sure, _within, anchored = _pairs(ctx.facts, options)
    for a, b in sure:
        problem = compare(ctx, a[1], b[1])
        if problem is not None:
            yield problem if (a[0], b[0]) in anchored else _doubt(ctx, problem, a[1], b[1])


def checked_rows(facts, options: dict | None = None) -> set:
    """Fact-table labels this check compares (statements with another mention): for coverage counts."""
    pairs = comparable_pairs(facts, {**OPTIONS, **(options or {})})
    return {label for pair in pairs for label, _ in pair}


def uncertain_pairs(facts, options: dict | None = None) -> list[tuple[dict, dict]]:
    """Pairs of mentions of one indicator left uncompared because an identity is not sure, or because both
    stand in one paragraph (--show-unchecked: as many as there are pairs, so only listed on request)."""
    options = {**OPTIONS, **(options or {})}
    within = [(a[1], b[1]) for a, b in _pairs(facts, options)[1]]
    return within + list(_unsure_pairs(*_mentions(facts, options)))


def uncertain_count(facts, options: dict | None = None) -> int:
    """len(uncertain_pairs(...)), counted without listing the pairs: for the coverage line."""
    options = {**OPTIONS, **(options or {})}
    if facts is None or not len(facts):
        return 0
    return len(_pairs(facts, options)[1]) + memo(facts, f"cross-mention uncertain {sorted(options.items())}",
                                                  lambda f: _count_unsure(*_mentions(f, options)))


def comparable_pairs(facts, options: dict) -> list:
    """[(a, b)] with sure, equal identities in two paragraphs, each a, b (label, row)."""
    return _pairs(facts, options)[0]


def _pairs(facts, options: dict) -> tuple[list, list, set]:
    """(pairs to compare, pairs of one paragraph, the labels of pairs whose statements also state another
    figure alike), computed once per fact table and options."""
    if facts is None or not len(facts):
        return [], [], set()
    return memo(facts, f"cross-mention {sorted(options.items())}", lambda f: _sure_pairs(*_mentions(f, options)))


def _mentions(facts, options: dict) -> tuple[list, dict]:
    """The mentions with their name keys, and each statement's name keys (whose parts a mention may be)."""
    if facts is None or not len(facts):
        return [], {}

    def read(facts):
        names = {row[F.ENTITY]: name_keys(row[F.INDICATOR], 1) for _, row in text_rows(facts, FAMILY)}
        return _rows(facts, options), names

    return memo(facts, f"cross-mention mentions {sorted(options.items())}", read)


def _sure_pairs(rows: list, names: dict) -> tuple[list, list, set]:
    """(pairs in two paragraphs, pairs in one, the anchored pairs). A figure restated is said again elsewhere
    (a summary, another section); within one paragraph two mentions named alike are most often two things
    the names do not tell apart (a list of markets, products or places, a month beside its running total):
    blind audits found 23 of 42 false cross-mention findings there, and no true one.

    A pair is anchored, its identity sure beyond its name, when its two statements also state another
    figure alike (`đạt 62,4% kế hoạch` in both), or when one of its paragraphs restates alike a figure of
    another statement made elsewhere, not a part of a breakdown (a summary: `Đánh giá chung: … GRDP tăng
    6,52% … thu ngân sách đạt 4.312,8 tỷ đồng`)."""
    sure, within = [], []
    first_of: dict[tuple, tuple] = {}
    paired: set[tuple] = set()
    agreeing: dict[tuple[str, str], set] = {}     # two statements -> the measures they state alike
    restating: dict[str, set] = {}                 # paragraph -> its statements stated alike elsewhere
    for label, row, keys in rows:
        family = FAMILY[row[F.MEASURE]]
        for key in keys:
            if row[F.CERTAIN]:
                ident = (key, family, _base(row), row[F.PERIOD], _scope(row), _dimension(row))
                first = first_of.get(ident)
                if first is not None and _statement(first[1]) != _statement(row) and \
                        _plain_agreement(first[1], row):
                    agreeing.setdefault(_statements(first[1], row), set()).add(ident[1:])
                    if _paragraph(first[1]) != _paragraph(row) and not (_category(first[1]) or _category(row)):
                        for one in (first[1], row):
                            restating.setdefault(_paragraph(one), set()).add(_statement(one))
                if first is None:
                    first_of[ident] = (label, row)
                elif _statement(first[1]) != _statement(row) and (first[0], label) not in paired and \
                        not (_part_of(first[1], row) or _part_of(row, first[1])) and \
                        not _parents_differ(first[1], row, names):
                    paired.add((first[0], label))
                    alike = _paragraph(first[1]) == _paragraph(row) or _entries(first[1], row) or \
                        _category_apart(first[1], row)
                    (within if alike else sure).append((first, (label, row)))
    anchored = {(a[0], b[0]) for a, b in sure
                if agreeing.get(_statements(a[1], b[1]), set()) - {_measure_ident(a[1])} or
                _restates_more(restating, a[1], b[1])}
    return sure, within, anchored


def _restates_more(restating: dict, a: dict, b: dict) -> bool:
    """One of the two paragraphs states alike a figure of another statement made elsewhere: it restates
    (a summary, a lead), so its mentions are the body's figures said again."""
    own = {_statement(a), _statement(b)}
    return any(restating.get(_paragraph(row), set()) - own for row in (a, b))


def _statements(a: dict, b: dict) -> tuple[str, str]:
    return tuple(sorted((_statement(a), _statement(b))))


def _measure_ident(row: dict) -> tuple:
    return (FAMILY[row[F.MEASURE]], _base(row), row[F.PERIOD], _scope(row), _dimension(row))


def _plain_agreement(a: dict, b: dict) -> bool:
    """Two mentions of one identity that state the same figure the same way, and not a figure two unrelated
    statements share by chance: `đạt 100% kế hoạch`, a one-digit count."""
    if a[F.MEASURE] != b[F.MEASURE] or not _overlap(_ratio(a), _ratio(b)):
        return False
    if a[F.UNIT] == "%" and float(a[F.VALUE]) == 100.0:
        return False
    return len(re.sub(r"\D", "", str(a[F.RAW])).lstrip("0")) >= 2


def _category(row: dict) -> bool:
    """A part of a breakdown: two lists of sectors (the index's and the production value's) may share a small
    growth by chance, so neither restates the other."""
    return isinstance(row.get(F.PARENT), str)


def _paragraph(row: dict) -> str:
    """The block a prose figure was read in: "L12" of the entity "L12.3.4:tổng-thu"."""
    return str(row[F.ENTITY]).split(".", 1)[0]


def _category_apart(a: dict, b: dict) -> bool:
    """A category of a standard breakdown ("ngành chế biến, chế tạo", "khu vực nhà nước") stated as a part of one
    whole, and again without a whole: the second may break down another measure ("chỉ số sản xuất công nghiệp …
    trong đó ngành chế biến, chế tạo tăng 12,59%" and, under the production value, "ngành chế biến, chế tạo
    tăng 10%"), so the two are not sure to be one figure."""
    parented = [isinstance(r.get(F.PARENT), str) for r in (a, b)]
    return parented[0] != parented[1] and any_member(str(a[F.INDICATOR]))


_BULLET = re.compile(r"^\s{0,3}[-+•*–]\s")


def _entries(a: dict, b: dict) -> bool:
    """Two items next to each other in one list ("- Mức trợ cấp 300.000 đồng/người cho 19.611 người …", "- Mức
    trợ cấp 500.000 đồng/người cho 174 người …"): two entries, as two mentions of one paragraph are."""
    lines = a.get(F.LINE), b.get(F.LINE)
    if not all(isinstance(line, (int, float)) and line == line for line in lines):
        return False
    return abs(lines[0] - lines[1]) <= 2 and all(_BULLET.match(str(r.get(F.TEXT) or "")) for r in (a, b))


def _unsure(other: dict, other_keys: set, row: dict, keys: set, names: dict) -> bool:
    """Might two mentions be one figure, though an identity is not sure? Then they are not compared."""
    return bool(other_keys & keys) and FAMILY[other[F.MEASURE]] == FAMILY[row[F.MEASURE]] and \
        _statement(other) != _statement(row) and _might_be_one(other, row) and \
        not _parents_differ(other, row, names) and not (other[F.CERTAIN] and row[F.CERTAIN])


def _unsure_pairs(rows: list, names: dict) -> Iterator[tuple[dict, dict]]:
    seen: set[tuple] = set()
    for i, (label, row, keys) in enumerate(rows):
        for other_label, other, other_keys in rows[:i]:
            if _unsure(other, other_keys, row, keys, names) and (other_label, label) not in seen:
                seen.add((other_label, label))
                yield other, row


# What `_unsure` reads of a mention besides its statement (ENTITY), parent and name keys: mentions alike in
# these are alike to it, whatever their statements (checks/_pair_count.py counts its pairs by kinds of mention).
UNSURE_FIELDS = (F.MEASURE, F.UNIT, F.SCOPE, F.CERTAIN, F.PERIOD, F.DOUBT, F.BASE)


def _count_unsure(rows: list, names: dict) -> int:
    """How many pairs `_unsure_pairs` gives, in time linear in the mentions rather than in their pairs."""
    if len({label for label, _, _ in rows}) != len(rows):     # a label twice: pairs are told apart by label
        return sum(1 for _ in _unsure_pairs(rows, names))
    try:
        return count_pairs(rows, names, _unsure, UNSURE_FIELDS, statement=_statement,
                           family=lambda row: FAMILY[row[F.MEASURE]])
    except UnreadField:       # `_unsure` reads more than UNSURE_FIELDS (the tests say so): count the slow way
        return sum(1 for _ in _unsure_pairs(rows, names))


def _rows(facts, options: dict) -> list:
    min_words = int(options.get("min_name_words", 2))
    out = []
    for label, row in text_rows(facts, FAMILY):
        keys = name_keys(row[F.INDICATOR], min_words)
        if keys:
            out.append((label, row, keys))
    return out


def _statement(row: dict) -> str:
    """A statement's key: a figure against a second plan is a sub-entity of the same statement."""
    return str(row[F.ENTITY]).split("@", 1)[0]


def _base(row: dict) -> str | None:
    base = row.get(F.BASE)
    return base if isinstance(base, str) else None


def _scope(row: dict) -> str:
    scope = row.get(F.SCOPE)
    return scope if isinstance(scope, str) else ""


def _parents_differ(a: dict, b: dict, names: dict) -> bool:
    """"Tổng lượt khách …, trong đó khách quốc tế …" and "Khách ngủ qua đêm …, trong đó khách quốc tế …": the
    parts of two different wholes are two figures, though named alike."""
    first, second = names.get(a.get(F.PARENT)), names.get(b.get(F.PARENT))
    return bool(first and second and not first & second)


def _part_of(a: dict, b: dict) -> bool:
    """One is a part of the other, or both are parts of one breakdown ("trong đó … giá trị vốn góp là 1,64 tỷ
    USD và … với giá trị 3,15 tỷ USD": two parts, however alike their names read)."""
    parent = a.get(F.PARENT)
    return isinstance(parent, str) and (parent == _statement(b) or parent == b.get(F.PARENT))


def _dimension(row: dict) -> str:
    """What a value measures: "190 nghìn tấn" and "giá trị … 2,5 nghìn tỷ đồng" are never one figure (rates,
    "%" or "gấp N lần", are held to each other by their family)."""
    if FAMILY[row[F.MEASURE]] not in VALUE_FAMILIES:
        return "rate"
    return parse_unit(row[F.UNIT]).dimension or "count"


def _might_be_one(a: dict, b: dict) -> bool:
    """Could two mentions be one figure? Not when a part of their identity is surely different."""
    if _scope(a) != _scope(b):
        return False            # another place's figure ("TP. Hồ Chí Minh …" then "Hải Phòng …")
    if _dimension(a) != _dimension(b):
        return False            # a quantity and its value ("190 nghìn tấn, giá trị 2,5 nghìn tỷ đồng")
    if _part_of(a, b) or _part_of(b, a):
        return False            # a part worded like its whole ("số vốn được quyết toán" of each item)
    if a[F.CERTAIN] and b[F.CERTAIN] and a[F.PERIOD] != b[F.PERIOD]:
        return False
    if a[F.PERIOD] and b[F.PERIOD] and a[F.PERIOD] != b[F.PERIOD] and \
            "a figure of the period compared with" in f"{a.get(F.DOUBT)}{b.get(F.DOUBT)}":
        return False
    return not bases_differ_surely(_base(a), _base(b))


def compare(ctx: CheckContext, a: dict, b: dict) -> Problem | None:
    """None when two mentions agree in value and wording; else the Problem to report."""
    a_ratio, b_ratio = _ratio(a), _ratio(b)
    agree = _overlap(a_ratio, b_ratio)
    same_wording = a[F.MEASURE] == b[F.MEASURE] or FAMILY[a[F.MEASURE]] == "value"
    if agree and same_wording:
        return None
    figures = (_figure(ctx, a, "mention 1"), _figure(ctx, b, "mention 2"))
    where = f"{_place(figures[0], ctx.lang)} / {_place(figures[1], ctx.lang)}"
    name = str(a[F.INDICATOR])
    if agree:
        return Problem(_wording_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio, indicator=name,
                       implied=b_ratio, severity=Severity.WARNING, details={"readings": "agree as stated"})
    if _times_as_increase(a, b):
        return Problem(_times_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio, implied=b_ratio,
                       severity=Severity.WARNING, indicator=name,
                       details={"readings": "agree only if 'gấp N lần' means +N×"})
    literal = _overlap((a[F.LOWER], a[F.UPPER]), (b[F.LOWER], b[F.UPPER]))
    if not same_wording and literal:
        return Problem(_slip_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio, implied=b_ratio,
                       severity=Severity.WARNING, indicator=name, details={"readings": "agree only as written numbers"})
    return Problem(_differ_message(ctx.lang, a, b, where), figures=figures, stated=a_ratio, implied=b_ratio,
                   indicator=name, details={"readings": "disagree"})


def _doubt(ctx: CheckContext, problem: Problem, a: dict, b: dict) -> Problem:
    """Two statements in two places, named alike, that share no other figure stated alike: nothing but the
    name says they are one figure, and in blind audits of real reports such pairs were two different
    figures 47 times in 48 (another crop, another measure of the same sector, another scope the name
    leaves out). A doubt is an info; a restatement that repeats another of its figures (`đạt 62,4% kế
    hoạch, đạt 418% so cùng kỳ` after `đạt 62,4% kế hoạch, tăng 318%`) keeps the rule's severity."""
    where = f"{_place(problem.figures[0], ctx.lang)} / {_place(problem.figures[1], ctx.lang)}"
    message = t("check.cross_mention.unanchored", ctx.lang, **_fields(ctx.lang, a, b, where))
    return dataclasses.replace(problem, message=message, severity=Severity.INFO,
                               details={**(problem.details or {}), "anchored": False})


def _times_as_increase(a: dict, b: dict) -> bool:
    """'gấp N lần' read the other way some writers mean it: an increase by N times (ratio (N + 1) × 100)."""
    for times, other in ((a, b), (b, a)):
        if times[F.PHRASING] == "gấp":
            shifted = (float(times[F.LOWER]) + 100.0, float(times[F.UPPER]) + 100.0)
            if _overlap(shifted, _ratio(other)):
                return True
    return False


def _place(figure: Figure, lang: str) -> str:
    return place_label(dataclasses.asdict(figure.location), lang)


def _times_message(lang: str, a: dict, b: dict, where: str) -> str:
    return t("check.cross_mention.times", lang, **_fields(lang, a, b, where))


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
    return fact_figure(row, role, path=ctx.path or None, quote=context_quote(row))


def _wording(row: dict, lang: str) -> str:
    words = {F.GROWTH: "tăng", F.GROWTH_MONTH: "tăng", F.GROWTH_PRIOR: "tăng"}
    verb = row[F.PHRASING] if isinstance(row[F.PHRASING], str) else words.get(row[F.MEASURE], "")
    ratio = row[F.MEASURE] in RATIO_FAMILY or row[F.MEASURE] in RATIO_FAMILY.values()
    suffix = " " + t("check.cross_mention.same_period", lang) if ratio else ""
    unit = "%" if row[F.UNIT] == "%" else f" {row[F.UNIT] or ''}".rstrip()
    return f"'{verb} {row[F.RAW]}{unit}{suffix}'".replace("' ", "'")


def _fields(lang: str, a: dict, b: dict, where: str) -> dict:
    return {"indicator": a[F.INDICATOR], "a": _wording(a, lang), "b": _wording(b, lang), "where": where,
            "a_raw": a[F.RAW], "b_raw": b[F.RAW]}


def _wording_message(lang: str, a: dict, b: dict, where: str) -> str:
    ratio = sum(_ratio(a)) / 2
    shown = number_text(ratio, 0 if ratio == int(ratio) else 2, lang)
    return t("check.cross_mention.wording", lang, ratio=shown, **_fields(lang, a, b, where))


def _slip_message(lang: str, a: dict, b: dict, where: str) -> str:
    return t("check.cross_mention.slip", lang, **_fields(lang, a, b, where))


def _differ_message(lang: str, a: dict, b: dict, where: str) -> str:
    return t("check.cross_mention.differ", lang, **_fields(lang, a, b, where))
