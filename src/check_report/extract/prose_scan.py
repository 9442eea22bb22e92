"""Reading one block of prose into tokens: figures (with their unit), ratios `a/b`, period phrases, and the
numbers that are not figures (dates, years, document codes, labels, list numbering).

Nothing here decides what a figure means; `prose_statements` does, from the words around each token.
"""

from __future__ import annotations

from dataclasses import dataclass

from check_report.extract import prose_patterns as P
from check_report.extract.prose_periods import Period, PeriodMention, find_period_mentions
from check_report.numbers import VI, parse_number

PERCENT = "percent"
POINTS = "points"
MONEY = "money"
COUNT = "count"
PLAIN = "plain"          # a number with no unit after it


@dataclass(frozen=True)
class Figure:
    start: int               # span of the number in the block text
    end: int                 # end of the number (the unit follows)
    unit_end: int            # end of the unit
    raw: str
    value: float
    decimals: int
    lower: float
    upper: float
    kind: str                # PERCENT | POINTS | MONEY | COUNT | PLAIN
    unit: str | None
    scale: float = 1.0
    ambiguous: bool = False


@dataclass(frozen=True)
class Ratio:
    start: int
    end: int                 # end of the unit after the denominator
    numerator: Figure
    denominator: Figure
    unit: str | None


@dataclass(frozen=True)
class Excluded:
    start: int
    end: int
    raw: str
    reason: str              # "date" | "year" | "code" | "label" | "enumerator" | "period"


@dataclass
class Scan:
    figures: list[Figure]
    ratios: list[Ratio]
    periods: list[PeriodMention]
    excluded: list[Excluded]


def scan_block(text: str, report: Period | None) -> Scan:
    masked: list[tuple[int, int, str]] = []
    _mask_non_figures(text, masked)
    periods = [p for p in find_period_mentions(text, report) if _free(masked, p.start, p.end)]
    masked.extend((p.start, p.end, "period") for p in periods)
    ratios = _ratios(text, masked)
    figures = _figures(text, masked, [(r.start, r.end) for r in ratios])
    excluded = [Excluded(s, e, text[s:e], why) for s, e, why in masked if any(c.isdigit() for c in text[s:e])]
    return Scan(figures, ratios, periods, excluded)


def _mask_non_figures(text: str, masked: list[tuple[int, int, str]]) -> None:
    enumerator = P.ENUMERATOR.match(text)
    if enumerator:
        masked.append((enumerator.start(), enumerator.end(), "enumerator"))
    for pattern, reason in ((P.CITATION_CODE, "code"), (P.DATE_FULL, "date"), (P.DATE_DAY_MONTH, "date"),
                            (P.MONTH_YEAR, "date"), (P.YEAR_RANGE, "year"), (P.PERIOD_AHEAD, "period")):
        for m in pattern.finditer(text):
            if any(c.isdigit() for c in m.group(0)) and _free(masked, m.start(), m.end()):
                masked.append((m.start(), m.end(), reason))
    for start in (m.start() for m in P.NUMBER_START.finditer(text)):
        if P.LABEL_BEFORE.search(text, max(0, start - 24), start):
            value = P.LABEL_VALUE.match(text, start)
            if value and _free(masked, value.start(), value.end()):
                masked.append((value.start(), value.end(), "label"))
    for m in P.DURATION.finditer(text):
        if _free(masked, m.start(), m.end()):
            masked.append((m.start(), m.end(), "label"))


def _free(spans, start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e, *_ in spans)


def _ratios(text: str, masked: list[tuple[int, int, str]]) -> list[Ratio]:
    ratios = []
    for m in P.SLASH_PAIR.finditer(text):
        if not _free(masked, m.start(), m.end()):
            continue
        a, b = parse_number(m.group(1), VI), parse_number(m.group(2), VI)
        if a is None or b is None:
            continue
        unit_kind, unit, scale, unit_end = _unit_after(text, m.end())
        if _looks_like_date(m, a.value, b.value, unit_kind):
            masked.append((m.start(), m.end(), "date"))
            continue
        num = _figure(m.start(1), m.end(1), unit_end, a, unit_kind, unit, scale)
        den = _figure(m.start(2), m.end(2), unit_end, b, unit_kind, unit, scale)
        ratios.append(Ratio(m.start(), unit_end, num, den, unit))
    return ratios


def _looks_like_date(m, a: float, b: float, unit_kind: str) -> bool:
    grouped = any(sep in m.group(1) + m.group(2) for sep in ".,")
    day_month = a == int(a) and b == int(b) and 1 <= a <= 31 and 1 <= b <= 12 and not grouped
    return day_month and unit_kind in (PLAIN, PERCENT)


def _figures(text: str, masked, ratio_spans) -> list[Figure]:
    figures = []
    for m in P.FIGURE.finditer(text):
        if not _free(masked, m.start(), m.end()) or not _free(ratio_spans, m.start(), m.end()):
            continue
        parsed = parse_number(m.group(0), VI)
        if parsed is None:
            continue
        unit_kind, unit, scale, unit_end = _unit_after(text, m.end())
        if _is_year(m.group(0), unit_kind, unit):
            masked.append((m.start(), m.end(), "year"))
            continue
        figures.append(_figure(m.start(), m.end(), unit_end, parsed, unit_kind, unit, scale))
    return figures


def _is_year(raw: str, unit_kind: str, unit: str | None) -> bool:
    if not (raw.isdigit() and len(raw) == 4 and raw[:2] in ("19", "20")):
        return False
    return unit_kind == PLAIN or (unit_kind == COUNT and not _known_count_unit(unit))


def _known_count_unit(unit: str | None) -> bool:
    m = P.COUNT_UNIT.match(" " + (unit or ""))
    return bool(m and m.group(1))


def _figure(start, end, unit_end, parsed, kind, unit, scale) -> Figure:
    return Figure(start, end, unit_end, parsed.raw, parsed.value, parsed.decimals, parsed.lower, parsed.upper,
                  kind, unit, scale, parsed.ambiguous)


def _unit_after(text: str, pos: int) -> tuple[str, str | None, float, int]:
    """(kind, unit as written, scale, end offset) of what follows a number."""
    rest = text[pos:pos + 40]
    m = P.PERCENT_SIGN.match(rest)
    if m:
        return PERCENT, "%", 1.0, pos + m.end()
    m = P.POINTS_UNIT.match(rest)
    if m:
        return POINTS, "điểm %", 1.0, pos + m.end()
    m = P.MONEY_UNIT.match(rest)
    if m:
        scale_word = (m.group(1) or m.group(3) or "").lower()
        unit = " ".join(w for w in (m.group(1), m.group(2), m.group(3)) if w)
        return MONEY, unit, P.SCALE_WORDS.get(scale_word, 1.0), pos + m.end()
    m = P.COUNT_UNIT.match(rest)
    if m:
        return COUNT, (m.group(1) or m.group(2)), 1.0, pos + m.end()
    return PLAIN, None, 1.0, pos
