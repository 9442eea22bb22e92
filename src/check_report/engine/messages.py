"""Plain-words finding messages in English and Vietnamese, numbers written as the reader writes them."""

from __future__ import annotations

import math
import re

from check_report.numbers import EN, VI, decimals_of, format_number

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

# how a Vietnamese reader calls each measure (messages in vi speak their words, not identifiers)
VI_MEASURES = {
    "plan": "kế hoạch", "month": "tháng", "cumulative": "lũy kế", "previous": "cùng kỳ",
    "pct_plan": "% kế hoạch", "pct_previous": "% so cùng kỳ", "growth": "tăng trưởng (%)",
    "previous_month": "cùng tháng năm trước", "pct_previous_month": "% tháng so cùng kỳ",
    "growth_month": "tăng trưởng tháng (%)", "change": "mức tăng", "share": "tỷ trọng (%)",
    "contribution": "đóng góp (điểm %)", "numerator": "tử số", "denominator": "mẫu số",
    "ratio_pct": "tỷ lệ (%)", "count": "số lượng", "amount": "giá trị",
}
_VI_FORMS = (
    (re.compile(r"\bsum\(children\.(\w+)\)"), "tổng {} các thành phần"),
    (re.compile(r"\bcount\(children\.(\w+)\)"), "số thành phần có {}"),
    (re.compile(r"\bsum_months\((\w+)\)"), "tổng {} trong kỳ"),
    (re.compile(r"\bparent\.(\w+)"), "{} của chỉ tiêu tổng"),
)
_NAME = re.compile(r"\b[a-z_][a-z0-9_]*\b")


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
    # '; ' between the bounds in both styles: the comma separates thousands (EN) or decimals (VI)
    return f"[{format_number(lo, decimals, style)}; {format_number(hi, decimals, style)}]"


def side_text(text: str, lang: str) -> str:
    """An expression side as the reader says it: measure words in Vietnamese, × and − for * and -."""
    if lang != "vi":
        return text.replace(" * ", " × ").replace(" - ", " − ")
    # placeholders keep already translated words from being translated again
    words: list[str] = []

    def keep(word: str) -> str:
        words.append(word)
        return f"\x00{len(words) - 1}\x00"

    for pattern, form in _VI_FORMS:
        text = pattern.sub(lambda m, form=form: keep(form.format(VI_MEASURES.get(m.group(1), m.group(1)))), text)
    text = _NAME.sub(lambda m: keep(VI_MEASURES.get(m.group(0), m.group(0))), text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: words[int(m.group(1))], text)
    return text.replace(" * ", " × ").replace(" - ", " − ")


_BOUND = {
    "en": "{description}: {left} is {stated}, expected {op} {right}",
    "vi": "{description}: {left} là {stated}, yêu cầu {op} {right}",
}
_OPS = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥", "<": "<", ">": ">"}


def relation(description: str, left: str, right: str, stated, implied, base_decimals: int,
             lang: str, op: str | None = None) -> str:
    if op is not None and re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", right):
        # a bound written in the rule ("pct_plan <= 60"): nothing is implied, the figure breaks a limit
        decimals = decimals_for([stated], base_decimals + 1) if _finite(stated) else 2
        limit = format_number(float(right), decimals_of(float(right)), VI if lang == "vi" else EN)
        return _BOUND.get(lang, _BOUND["en"]).format(description=description, left=side_text(left, lang),
                                                     stated=interval_text(stated, decimals, lang),
                                                     op=_OPS.get(op, op), right=limit)
    left, right = side_text(left, lang), side_text(right, lang)
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
