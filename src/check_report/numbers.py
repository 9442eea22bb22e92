"""Numbers as people write them in Vietnamese (and English) reports, and the interval each one states.

`1.138.000` is 1138000, `21,89` is 21.89 and states [21.885, 21.895]. Real documents deviate: a dot
decimal (`140.7`), an English thousands comma (`14,560`), no grouping (`28647783`). A separator followed by
exactly three digits is the one case that reads both ways; the parser picks the reading of the requested
style and says the figure was ambiguous, so callers can decide by context and report what they chose.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

VI = "vi"  # '.' groups thousands, ',' marks decimals (CLDR vi)
EN = "en"  # ',' groups thousands, '.' marks decimals

# A number token: digits with optional '.'/',' separators, optional sign. Spaces inside are not allowed:
# "1 138 000" is rare in these reports and "03 ghế, 19 ô dù" would otherwise merge.
NUMBER_TOKEN = re.compile(r"[-−–+]?\d+(?:[.,]\d+)*")



@dataclass(frozen=True)
class Parsed:
    value: float
    decimals: int
    raw: str
    style: str | None  # the convention the reading follows: VI, EN, or None when the text has no separator
    ambiguous: bool = False  # a lone separator followed by exactly three digits: 14,560 or 1.500

    @property
    def lower(self) -> float:
        return bounds(self.value, self.decimals)[0]

    @property
    def upper(self) -> float:
        return bounds(self.value, self.decimals)[1]


def bounds(value: float, decimals: int) -> tuple[float, float]:
    """The round-to-nearest interval of a figure shown with `decimals` decimals (may be negative)."""
    half = 0.5 * 10.0 ** (-decimals)
    return value - half, value + half


def _grouped(body: str, sep: str) -> bool:
    return re.match(r"^\d{1,3}(?:" + re.escape(sep) + r"\d{3})+$", body) is not None


def parse_number(text: str, style: str = VI) -> Parsed | None:
    """Parse one written number. Returns None when `text` is not a number ("-", "x", "", "1.2.3,4,5")."""
    raw = text.strip()
    body = raw.replace("\u00a0", "").replace(" ", "")
    sign = 1.0
    if body and body[0] in "-−–+":
        sign = -1.0 if body[0] != "+" else 1.0
        body = body[1:]
    if not body or not body[0].isdigit() or not re.fullmatch(r"\d+(?:[.,]\d+)*", body):
        return None
    has_dot, has_comma = "." in body, "," in body
    if not has_dot and not has_comma:
        return Parsed(sign * float(body), 0, raw, None)
    if has_dot and has_comma:
        # both present: the last one is the decimal mark, the other must group thousands properly
        dec = "," if body.rfind(",") > body.rfind(".") else "."
        grp = "." if dec == "," else ","
        whole, frac = body.rsplit(dec, 1)
        if dec in whole or not _grouped(whole, grp) and grp in whole:
            return None
        return _make(sign, whole.replace(grp, ""), frac, raw, VI if dec == "," else EN)
    sep = "." if has_dot else ","
    parts = body.split(sep)
    if len(parts) > 2:
        # several separators of one kind can only group thousands
        if not _grouped(body, sep):
            return None
        return _make(sign, body.replace(sep, ""), "", raw, VI if sep == "." else EN)
    whole, frac = parts
    if len(frac) != 3 or len(whole) > 3 or whole == "0":
        # not a thousands group: a decimal mark whatever the style ("21,89", "140.7", "0,125")
        return _make(sign, whole, frac, raw, VI if sep == "," else EN)
    # "1.500" / "14,560": grouping in one style, decimals in the other
    groups_here = (sep == "." and style == VI) or (sep == "," and style == EN)
    if groups_here:
        return _make(sign, whole + frac, "", raw, style, ambiguous=True)
    return _make(sign, whole, frac, raw, style, ambiguous=True)


def _make(sign: float, whole: str, frac: str, raw: str, style: str | None, ambiguous: bool = False) -> Parsed:
    value = float(f"{whole}.{frac}" if frac else whole)
    return Parsed(sign * value, len(frac), raw, style, ambiguous)


def decimals_of(value: float, max_decimals: int = 10) -> int:
    """Decimals needed to write a float exactly as Python's shortest repr shows it (for untyped cells)."""
    if not math.isfinite(value):
        return 0
    text = repr(float(value))
    if "e" in text or "E" in text:
        mantissa, exp = text.lower().split("e")
        frac = mantissa.split(".")[1] if "." in mantissa else ""
        frac = frac.rstrip("0")
        return max(0, min(max_decimals, len(frac) - int(exp)))
    frac = text.split(".")[1].rstrip("0") if "." in text else ""
    return min(max_decimals, len(frac))


def format_number(value: float, decimals: int = 0, style: str = VI) -> str:
    """Write a number the way the report's readers do: 1.138.000 / 21,89 (or 1,138,000 / 21.89 in EN)."""
    if not math.isfinite(value):
        return "∞" if value > 0 else "-∞" if value < 0 else "?"
    decimals = max(0, decimals)
    text = f"{value:,.{decimals}f}"
    if style == VI:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_interval(lower: float, upper: float, decimals: int = 2, style: str = VI) -> str:
    """[21,885; 21,895] in VI, [21.885; 21.895] in EN: '; ' between the bounds in both styles, since the
    comma already separates decimals (VI) or thousands (EN: [449,999.5; 450,000.5])."""
    return f"[{format_number(lower, decimals, style)}; {format_number(upper, decimals, style)}]"
