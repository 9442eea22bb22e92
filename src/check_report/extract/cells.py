"""One cell -> the figure it states: value as displayed, decimals shown, the text the user sees.

Precision comes from what the reader of the sheet sees. A number cell is shown through its format code
(`#,##0` whole units, `0.00` two decimals, `0.00%` a percent with two decimals, `#,##0,` thousands);
`General` shows the value itself (up to 10 significant digits). A number typed as text ("1.138.000",
"21,89", "21,89%") states exactly what is written.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from check_report.numbers import VI, decimals_of, format_number, parse_number

GENERAL_DIGITS = 10
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
# (?<!\s) and \s*+: a run of spaces is tried once, not from each of its positions (linear, issue 11)
_FOOTNOTE_MARKS = re.compile(r"(?<!\s)\s*+(\(\*+\)|\*+|\(\d\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")


class Figure(NamedTuple):  # a tuple: a million of them are made for a 100k-row sheet
    value: float
    decimals: int
    raw: str
    percent: bool      # shown with a % sign (an Excel percent cell or "21,89%")
    ambiguous: bool = False   # typed text like "14,560" that reads both ways (see numbers.parse_number)


@dataclass(frozen=True)
class NumberFormat:
    decimals: int | None   # None: General (from the value)
    percent: bool
    scale_down: int        # trailing thousands separators: each divides the shown value by 1000


@functools.lru_cache(maxsize=1024)
def parse_format(code: str | None) -> NumberFormat:
    """The shown decimals of an Excel number format code (its first, positive section)."""
    if not code or code.strip().lower() in ("general", "@", "standard"):
        return NumberFormat(None, False, 0)
    section = _QUOTED.sub("", code.split(";")[0])
    percent = "%" in section
    digits = re.sub(r"[^0#?.,]", "", section)
    if not re.search(r"[0#?]", digits):
        return NumberFormat(None, percent, 0)
    scale_down = len(digits) - len(digits.rstrip(","))
    digits = digits.rstrip(",")
    decimals = len(re.sub(r"[^0#?]", "", digits.split(".", 1)[1])) if "." in digits else 0
    return NumberFormat(decimals, percent, scale_down)


def read_figure(value, number_format: str | None, no_data: set[str], style: str = VI) -> Figure | None:
    """The figure a cell states, or None for empty, "no data" marks ("-", "x") and plain words. Typed
    text is read in `style` (VI: "1.500" is 1500; EN: "14,560" is 14560) where it reads both ways."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_number(float(value), number_format)
    return from_text(str(value), no_data, style)


def text_style(value, no_data: set[str]) -> str | None:
    """VI or EN when typed text shows its convention unambiguously ("21,89", "1.138.000", "12.5")."""
    if not isinstance(value, str):
        return None
    parsed = _parse_text(value, no_data, VI)
    if parsed is None or parsed[0].ambiguous:
        return None
    return parsed[0].style


def _from_number(value: float, number_format: str | None) -> Figure | None:
    if not math.isfinite(value):
        return None
    fmt = parse_format(number_format)
    shown = value * (100.0 if fmt.percent else 1.0) / (1000.0 ** fmt.scale_down)
    if fmt.decimals is None:
        if shown.is_integer() and abs(shown) < 1e15:
            decimals = 0
        else:
            shown = float(f"{shown:.{GENERAL_DIGITS}g}")
            decimals = decimals_of(shown)
    else:
        decimals = fmt.decimals
        shown = round(shown, decimals)
    if decimals == 0 and not fmt.percent:
        raw = f"{shown:,.0f}".replace(",", ".")  # the common case, without the general formatter
    else:
        raw = format_number(shown, decimals, VI) + ("%" if fmt.percent else "")
    return Figure(shown, decimals, raw, fmt.percent)


def from_text(text: str, no_data: set[str], style: str = VI) -> Figure | None:
    parsed = _parse_text(text, no_data, style)
    if parsed is None:
        return None
    number, percent = parsed
    return Figure(number.value, number.decimals, text.strip(), percent, number.ambiguous)


def _parse_text(text: str, no_data: set[str], style: str):
    raw = text.strip()
    if not raw or raw in no_data or raw.lower() in no_data:
        return None
    body = _FOOTNOTE_MARKS.sub("", raw)
    percent = body.endswith("%")
    parsed = parse_number(body.rstrip("%").strip(), style)
    return None if parsed is None else (parsed, percent)
