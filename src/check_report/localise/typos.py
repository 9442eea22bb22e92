"""How a stated figure usually differs from the one meant: the typo patterns, and what each would undo.

Given a figure as written (`1.297.400`), `candidates` lists the values the writer may have meant, each
with the pattern that links it to what was written and a cost (lower is more plausible). The localiser
tests each candidate exactly against the relations; a candidate that satisfies all of them is both the
suggested correction and evidence for the suspect (deductive correction, as statistical offices do it).

Costs are in two tiers. One keystroke or one habit explains the figure (two adjacent digits swapped, a
digit doubled, a digit off by one, a separator or unit slip, a sign, 'tăng p%' written for 'bằng p%'):
0.1 to 0.2. Patterns with many alternatives, so a chance fit is likelier (a digit dropped: any of ten
digits anywhere; a wrong digit): 0.3 to 0.35. Any other value costs FREE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from check_report import facts as F
from check_report.engine.table import PERCENT_MEASURES

FREE = 0.6   # a change no pattern explains

SWAPPED = "swapped digits"
DOUBLED = "digit doubled"
DROPPED = "digit dropped"
OFF_BY_ONE = "digit off by one"
WRONG_DIGIT = "wrong digit"
SEPARATOR = "separator slip"
UNIT = "unit slip ×1000"
SIGN = "sign"
GROWTH_FOR_RATIO = "'tăng p%' written for 'bằng p%'"
RATIO_FOR_GROWTH = "'bằng p%' written for 'tăng p%'"

COSTS = {SWAPPED: 0.1, DOUBLED: 0.1, SEPARATOR: 0.1, GROWTH_FOR_RATIO: 0.1, RATIO_FOR_GROWTH: 0.1,
         OFF_BY_ONE: 0.15, UNIT: 0.2, SIGN: 0.2, DROPPED: 0.3, WRONG_DIGIT: 0.35}

GROWTH_MEASURES = (F.GROWTH, F.GROWTH_MONTH)
RATIO_MEASURES = (F.PCT_PREVIOUS, F.PCT_PREVIOUS_MONTH)
_BODY = re.compile(r"^\s*([-−–+]?)(\d[\d.,]*)")


@dataclass(frozen=True)
class Candidate:
    value: float
    decimals: int
    pattern: str

    @property
    def cost(self) -> float:
        return COSTS[self.pattern]


def candidates(raw: str, value: float, decimals: int, measure: str = "") -> list[Candidate]:
    """The values `raw` may have been meant as, the cheapest pattern for each value, never `value` itself."""
    found: dict[float, Candidate] = {}

    def add(new_value: float, new_decimals: int, pattern: str) -> None:
        new_value = round(new_value, max(new_decimals, 0) + 6)
        if abs(new_value - value) <= 1e-9 * max(1.0, abs(value)):
            return
        old = found.get(new_value)
        if old is None or COSTS[pattern] < old.cost:
            found[new_value] = Candidate(new_value, new_decimals, pattern)

    sign = -1.0 if value < 0 else 1.0
    digits = _digits(raw, value, decimals)
    if digits is not None:
        for text, pattern in _digit_edits(digits):
            if text[:1] == "0" and digits[:1] != "0" and len(text) > decimals + 1:
                continue        # '4.000.000' is not '0.400.000' with two digits swapped
            body = text[:-decimals] + "." + text[-decimals:] if decimals > 0 else text
            add(sign * float(body), decimals, pattern)
    if measure not in PERCENT_MEASURES:           # a percentage has no unit to slip
        add(value * 1000, max(decimals - 3, 0), UNIT)
        add(value / 1000, decimals + 3, UNIT)
    if _separator_shaped(raw):
        # read as decimals ('98,215' is 98,215), meant as thousands (98.215), or the other way round
        if decimals >= 3:
            add(value * 1000, decimals - 3, SEPARATOR)
        else:
            add(value / 1000, decimals + 3, SEPARATOR)
    if value:
        add(-value, decimals, SIGN)
    if measure in GROWTH_MEASURES and value > 0:
        add(value - 100, decimals, GROWTH_FOR_RATIO)
    if measure in RATIO_MEASURES and value > -100:
        add(value + 100, decimals, RATIO_FOR_GROWTH)
    return list(found.values())


def _digits(raw: str, value: float, decimals: int) -> str | None:
    """The digits as written, fraction digits included ('1.297.400' -> '1297400', '27,50' -> '2750');
    from the value when the raw text is not a plain number."""
    expected = f"{abs(value):.{max(decimals, 0)}f}".replace(".", "")
    m = _BODY.match(raw or "")
    if m:
        written = re.sub(r"\D", "", m.group(2))
        if written.lstrip("0") == expected.lstrip("0") and written:
            return written
    return expected if expected else None


def _digit_edits(digits: str):
    """Every single-keystroke edit that could have turned the meant digits into `digits`, as
    (meant digits, pattern): the inverse of the slip."""
    n = len(digits)
    for i in range(n - 1):
        if digits[i] != digits[i + 1]:
            yield digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:], SWAPPED
    for i in range(n - 1):
        if digits[i] == digits[i + 1] and n > 1:
            yield digits[:i] + digits[i + 1:], DOUBLED
    for i in range(n):
        d = int(digits[i])
        for new in range(10):
            if new == d:
                continue
            pattern = OFF_BY_ONE if abs(new - d) == 1 else WRONG_DIGIT
            yield digits[:i] + str(new) + digits[i + 1:], pattern
    for i in range(n + 1):
        for new in "0123456789":
            yield digits[:i] + new + digits[i:], DROPPED


def _separator_shaped(raw: str) -> bool:
    """One separator followed by exactly three digits: '98,215' or '1.500', which read both ways."""
    m = _BODY.match(raw or "")
    return bool(m) and re.fullmatch(r"\d{1,3}[.,]\d{3}", m.group(2)) is not None
