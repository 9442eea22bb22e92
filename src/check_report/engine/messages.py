"""Plain-words finding messages in English and Vietnamese, numbers written as the reader writes them."""

from __future__ import annotations

import math

from check_report.numbers import EN, VI, format_number

_TEMPLATES = {
    "en": "{description}: {left} is {stated} but {right} gives {implied}",
    "vi": "{description}: {left} là {stated} nhưng {right} cho {implied}",
}
_DUPLICATE = {
    "en": "{description}: {indicator} {measure}{period} is stated {count} times with values that cannot "
          "agree ({values})",
    "vi": "{description}: {indicator} {measure}{period} được nêu {count} lần với các giá trị không thể "
          "khớp nhau ({values})",
}
_RULE_ERROR = {
    "en": "rule {rule} could not be evaluated: {error}",
    "vi": "không đánh giá được quy tắc {rule}: {error}",
}
MAX_DECIMALS = 6


def style_of(lang: str) -> str:
    return VI if lang == "vi" else EN


def decimals_for(intervals: list[tuple[float, float]], base: int) -> int:
    """Fewest decimals (at least base) that show each interval's ends apart and the intervals apart."""
    decimals = max(0, base)
    while decimals < MAX_DECIMALS:
        shown = [(round(lo, decimals), round(hi, decimals)) for lo, hi in intervals]
        ends_apart = all(a != b or lo == hi for (a, b), (lo, hi) in zip(shown, intervals))
        if ends_apart and len(set(shown)) == len(shown):
            break
        decimals += 1
    return decimals


def interval_text(interval: tuple[float, float], decimals: int, lang: str) -> str:
    lo, hi = interval
    style = style_of(lang)
    if lo == hi:
        return format_number(lo, decimals if not float(lo).is_integer() else 0, style)
    # rounded outwards, so the shown interval always contains the computed one
    factor = 10.0 ** decimals
    lo, hi = math.floor(lo * factor + 1e-9) / factor, math.ceil(hi * factor - 1e-9) / factor
    sep = "; " if style == VI else ", "
    return f"[{format_number(lo, decimals, style)}{sep}{format_number(hi, decimals, style)}]"


def relation(description: str, left: str, right: str, stated, implied, base_decimals: int,
             lang: str) -> str:
    decimals = decimals_for([stated, implied], base_decimals + 1) if _finite(stated, implied) else 2
    return _TEMPLATES.get(lang, _TEMPLATES["en"]).format(
        description=description, left=left, right=right,
        stated=interval_text(stated, decimals, lang), implied=interval_text(implied, decimals, lang))


def duplicate(description: str, indicator: str, measure: str, period: str, raws: list[str], lang: str) -> str:
    return _DUPLICATE.get(lang, _DUPLICATE["en"]).format(
        description=description, indicator=indicator or "?", measure=measure,
        period=f" ({period})" if period else "", count=len(raws), values=", ".join(raws))


def rule_error(rule_id: str, error: BaseException, lang: str) -> str:
    text = f"{type(error).__name__}: {error}".splitlines()[0]
    return _RULE_ERROR.get(lang, _RULE_ERROR["en"]).format(rule=rule_id, error=text)


def _finite(*intervals) -> bool:
    return all(math.isfinite(v) for iv in intervals for v in iv)
