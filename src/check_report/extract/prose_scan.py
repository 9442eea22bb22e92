"""Reading one block of prose into tokens: figures (with their unit), ratios `a/b`, period phrases, and the
numbers that are not figures (dates, years, document codes, labels, grades, list numbering).

Nothing here decides what a figure means; `prose_reader` does, from the words around each token. Two things
are settled here because they belong to the number itself:
- an amount written as it is spoken ("147 triệu 700 nghìn đồng") is one figure (147,7 triệu đồng);
- a hedge before a figure ("hơn 3.900", "gần 664", "khoảng 2.900") widens its interval: "hơn X" and
  "trên X" stand for [X; X + w], "gần X" and "dưới X" for [X − w; X], "khoảng X" for [X − w; X + w], where w
  is a tenth of X or one unit of its last written digit, whichever is larger ("hơn 4%" is [4; 5]).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from check_report.extract import prose_patterns as P
from check_report.extract.prose_periods import Period, PeriodMention, find_period_mentions
from check_report.numbers import VI, parse_number
from check_report.units import measured_scale

PERCENT = "percent"
POINTS = "points"
MONEY = "money"
COUNT = "count"
PLAIN = "plain"          # a number with no unit after it

HEDGE_SHARE = 0.1        # a hedged figure may be off by a tenth of itself


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
    hedge: str | None = None  # "hơn", "gần", "khoảng" ... when the figure is approximate


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
    reason: str              # "date" | "year" | "code" | "label" | "grade" | "enumerator" | "period" | "phone"


@dataclass
class Scan:
    figures: list[Figure]
    ratios: list[Ratio]
    periods: list[PeriodMention]
    excluded: list[Excluded]


@lru_cache(maxsize=1024)
def scan_block(text: str, report: Period | None) -> Scan:
    """The tokens of one block (cached: extraction, notes and coverage all scan the same blocks; read-only)."""
    masked = _Masked(len(text))
    _mask_non_figures(text, masked)
    # a period to a day is read though its date is masked (the date is no figure either way)
    periods = [p for p in find_period_mentions(text, report) if _free(masked, p.start, p.end) or
               p.period is not None and p.period.day is not None]
    masked.extend((p.start, p.end, "period") for p in periods)
    spoken = _spoken_amounts(text, masked)
    ratios = _ratios(text, masked, spoken)
    taken = [(r.start, r.end) for r in ratios] + [(f.start, f.unit_end) for f in spoken]
    figures = sorted(spoken + _figures(text, masked, taken), key=lambda f: f.start)
    figures = [_hedged(text, f) for f in figures]
    excluded = [Excluded(s, e, text[s:e], why) for s, e, why in masked if any(c.isdigit() for c in text[s:e])]
    return Scan(figures, ratios, periods, excluded)


def _mask_non_figures(text: str, masked: list[tuple[int, int, str]]) -> None:
    enumerator = P.ENUMERATOR.match(text)
    if enumerator:
        masked.append((enumerator.start(), enumerator.end(), "enumerator"))
    for pattern, reason in ((P.CITATION_CODE, "code"), (P.DATE_FULL, "date"), (P.DATE_DAY_MONTH, "date"),
                            (P.MONTH_YEAR, "date"), (P.YEAR_RANGE, "year"), (P.PERIOD_AHEAD, "period"),
                            (P.PHONE, "phone"), (P.GRADE, "grade"), (P.PER_ONE, "per unit"),
                            (P.PER_HUNDRED, "per unit")):
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


class _Masked(list):
    """The spans that are not figures, with a character map so that asking whether a span is free costs its
    length, not the number of spans masked so far (linear in the block, however many dates it holds)."""

    def __init__(self, size: int):
        super().__init__()
        self.map = bytearray(size + 1)

    def append(self, span) -> None:
        super().append(span)
        start, end = span[0], span[1]
        self.map[start:end] = b"\x01" * max(0, end - start)

    def extend(self, spans) -> None:
        for span in spans:
            self.append(span)


def _free(spans, start: int, end: int) -> bool:
    if isinstance(spans, _Masked):
        return not any(spans.map[start:end])
    return all(end <= s or start >= e for s, e, *_ in spans)


def _spoken_amounts(text: str, masked) -> list[Figure]:
    found = []
    for m in P.SPOKEN_AMOUNT.finditer(text):
        if not _free(masked, m.start(), m.end()):
            continue
        figure = _spoken(text, m)
        if figure is not None:
            found.append(figure)
    return found


def _spoken(text: str, m) -> Figure | None:
    """"147 triệu 700 nghìn đồng" -> 147,7 in triệu đồng, precise to the last part's unit."""
    first = P.SPOKEN_SCALE[m.group(2).lower()]
    parts = [(int(m.group(3)), P.SPOKEN_SCALE[m.group(4).lower()])]
    if m.group(5):
        parts.append((int(m.group(5)), P.SPOKEN_SCALE[m.group(6).lower()]))
    if any(scale >= first for _, scale in parts) or (len(parts) == 2 and parts[1][1] >= parts[0][1]):
        return None
    value = int(m.group(1).replace(".", "")) + sum(n * scale / first for n, scale in parts)
    smallest = min(scale for _, scale in parts)
    half = 0.5 * smallest / first
    decimals = max(0, round(-math.log10(smallest / first)))
    end = m.end()
    unit_word = m.group(2).lower()
    tail = P.MONEY_UNIT.match(text, end)
    currency = ""
    if tail and tail.group(2):
        currency, end = tail.group(2), tail.end()
    elif m.group(6) and m.group(6).lower() == "đồng":
        currency = "đồng"
    unit = f"{unit_word} {currency}".strip()
    raw = text[m.start():m.end()]
    return Figure(m.start(), m.end(), end, raw, value, decimals, value - half, value + half, MONEY, unit,
                  P.SCALE_WORDS.get(unit_word, 1.0))


def _ratios(text: str, masked: list[tuple[int, int, str]], spoken: list[Figure]) -> list[Ratio]:
    ratios = []
    spoken_at = {f.start: f for f in spoken}
    for m in P.SLASH_PAIR.finditer(text):
        if not _free(masked, m.start(), m.end()):
            continue
        a, b = parse_number(m.group(1), VI), parse_number(m.group(3), VI)
        if a is None or b is None:
            continue
        denominator_spoken = spoken_at.get(m.start(3))
        if denominator_spoken is not None:
            unit_kind, unit, scale, unit_end = MONEY, denominator_spoken.unit, denominator_spoken.scale, \
                denominator_spoken.unit_end
        else:
            unit_kind, unit, scale, unit_end = _unit_after(text, m.end())
        if m.group(2) and unit_kind != MONEY:
            continue                                   # "5 triệu/người": a rate, not a ratio
        if _looks_like_date(m, a.value, b.value, unit_kind):
            masked.append((m.start(), m.end(), "date"))
            continue
        if unit and (PER_TIME.search(unit) or PER_TIME.match(text, unit_end)):
            masked.append((m.start(), unit_end, "rate range"))   # "9/10 buổi/ tuần": nine or ten a week
            continue
        num = _figure(m.start(1), m.end(1), unit_end, a, unit_kind, unit, scale)
        den = denominator_spoken or _figure(m.start(3), m.end(3), unit_end, b, unit_kind, unit, scale)
        if denominator_spoken is not None:
            spoken.remove(denominator_spoken)
        ratios.append(Ratio(m.start(), unit_end, num, den, unit))
    return ratios


# a unit per a time after a pair ("9/10 buổi/ tuần", "2/3 ca/ngày"): the pair is a range of a rate, not a part
# of a whole ("45/50 xã/phường" is one: the slash there says "or")
PER_TIME = re.compile(r"\s?/\s?(?:ngày|tuần|tháng|năm|giờ|buổi|ca|kỳ|học\s+kỳ)\b", re.IGNORECASE)


def _looks_like_date(m, a: float, b: float, unit_kind: str) -> bool:
    grouped = any(sep in m.group(1) + m.group(3) for sep in ".,")
    day_month = a == int(a) and b == int(b) and 1 <= a <= 31 and 1 <= b <= 12 and not grouped
    return day_month and unit_kind in (PLAIN, PERCENT) and not m.group(2)


def _figures(text: str, masked, taken) -> list[Figure]:
    figures = []
    for m in P.FIGURE.finditer(text):
        if not _free(masked, m.start(), m.end()) or not _free(taken, m.start(), m.end()):
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


def _hedged(text: str, fig: Figure) -> Figure:
    m = P.HEDGE.search(text, max(0, fig.start - 14), fig.start)
    if m is None:
        return fig
    word = " ".join(m.group(1).lower().split())
    width = max(HEDGE_SHARE * abs(fig.value), 10.0 ** -fig.decimals)
    lower, upper = fig.lower, fig.upper
    if word not in P.HEDGE_UP:
        lower = min(lower, fig.value - width)
    if word not in P.HEDGE_DOWN:
        upper = max(upper, fig.value + width)
    if fig.value >= 0:
        lower = max(lower, 0.0)
    return replace(fig, lower=lower, upper=upper, hedge=word)


def _unit_after(text: str, pos: int) -> tuple[str, str | None, float, int]:
    """(kind, unit as written, scale, end offset) of what follows a number."""
    rest = text[pos:pos + 40]
    m = P.PERCENT_SIGN.match(rest)
    if m:
        return PERCENT, "%", 1.0, pos + m.end()
    m = P.POINTS_UNIT.match(rest)
    if m:
        return POINTS, "điểm %", 1.0, pos + m.end()
    m = P.SCALED_QUANTITY.match(rest)
    if m:
        scale_word, base = m.group(1).lower(), m.group(2)
        kind = MONEY if base.lower() in ("usd", "đồng") else COUNT
        unit = f"{scale_word} {base}"   # a measured unit's scale from the shared table: nghìn tấn = 10^6 kg
        return kind, unit, measured_scale(unit) or P.SCALE_WORDS[scale_word], pos + m.end()
    money = P.MONEY_UNIT.match(rest)
    noun = P.SCALED_NOUN.match(rest) if money is None or not money.group(2) else None   # not "triệu đồng"
    if noun:
        scale_word = noun.group(1).lower()
        return COUNT, f"{scale_word} {noun.group(2)}", P.SCALE_WORDS[scale_word], pos + noun.end()
    m = money
    if m:
        scale_word = (m.group(1) or m.group(3) or "").lower()
        unit = " ".join(w for w in (m.group(1), m.group(2), m.group(3)) if w)
        per = P.PER_UNIT.match(text, pos + m.end())
        if per:                                      # "84,8 triệu đồng/người": money per head, a rate
            return MONEY, f"{unit}/{per.group(1)}", P.SCALE_WORDS.get(scale_word, 1.0), per.end()
        return MONEY, unit, P.SCALE_WORDS.get(scale_word, 1.0), pos + m.end()
    m = P.COUNT_UNIT.match(rest)
    if m:
        unit, end = (m.group(1) or m.group(2)), pos + m.end()
        per = P.PER_UNIT.match(text, end)
        if per:                                      # "65,8 tạ/ha", "84,8 triệu đồng/người": a rate
            return COUNT, f"{unit}/{per.group(1)}", 1.0, per.end()
        return COUNT, unit, measured_scale(unit) or 1.0, end   # tấn = 10^3 kg, as in tables
    return PLAIN, None, 1.0, pos
