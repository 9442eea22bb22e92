"""Helpers of the magnitude checks (`amount-magnitude`, `thousands-comma`): amounts in đồng with their
unit, what whole-area total they state, the administrative level it belongs to, and the range such a
total can have.

Not a check kind (not in the registry). The ranges are deliberately wide (a factor of ten or more beyond
the smallest and largest real units of each level): a figure outside them is a unit or separator slip,
never a small commune or a large province.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from check_report.document import Block, Document
from check_report.numbers import EN, VI, parse_number

COMMUNE, DISTRICT, PROVINCE = "commune", "district", "province"
LEVEL_NAMES = {COMMUNE: ("commune", "xã"), DISTRICT: ("district", "huyện"), PROVINCE: ("province", "tỉnh")}

# whole-area totals: what the amount is, and the range (in đồng) it can have at each level
TOTALS = {
    "budget": (re.compile(r"\b(?:tổng\s+)?(?:thu|chi)\s+(?:cân\s+đối\s+)?ngân\s+sách|\bdự\s+toán\s+(?:thu\s+|chi\s+)?"
                          r"ngân\s+sách", re.IGNORECASE),
               {COMMUNE: (1e7, 1e12), DISTRICT: (1e9, 1e14), PROVINCE: (1e11, 1e16)},
               ("budget total", "tổng thu/chi ngân sách")),
    "grdp": (re.compile(r"\bGRDP\b|\btổng\s+sản\s+phẩm\s+(?:trên\s+địa\s+bàn|của\s+tỉnh|của\s+huyện)", re.IGNORECASE),
             {DISTRICT: (1e10, 1e15), PROVINCE: (1e12, 1e17)},
             ("GRDP", "GRDP")),
}
SCALES = {"": 1.0, "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "nghìn tỷ": 1e12, "ngàn tỷ": 1e12}
# a number and its unit in đồng; not a rate per something ("đồng/người"), not the tail of a compound
# amount ("147 triệu 700 nghìn đồng": the tail alone is not the amount)
AMOUNT = re.compile(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
                    r"\s*((?:nghìn|ngàn)\s+tỷ|tỷ|triệu|nghìn|ngàn)?"
                    r"\s*đồng\b(?!\s*/)", re.IGNORECASE)
COMPOUND_TAIL = re.compile(r"\d\s*(?:tỷ|triệu|nghìn|ngàn)\s+$", re.IGNORECASE)
PER_HEAD = re.compile(r"bình\s+quân|đầu\s+người|trong\s+đó|\bgồm\b|/", re.IGNORECASE)
SEPARATOR_SHAPED = re.compile(r"^\d{1,3},\d{3}$")

_LEVEL_WORDS = [
    (COMMUNE, re.compile(r"\b(?:xã|phường|thị\s+trấn)\b", re.IGNORECASE)),
    (DISTRICT, re.compile(r"\b(?:huyện|quận|thị\s+xã)\b", re.IGNORECASE)),
    (PROVINCE, re.compile(r"\btỉnh\b", re.IGNORECASE)),
]
_ISSUER = re.compile(r"\b(?:ỦY\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN|UBND|HĐND|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN)\s+"
                     r"(XÃ|PHƯỜNG|THỊ\s+TRẤN|HUYỆN|QUẬN|THỊ\s+XÃ|TỈNH)\b", re.IGNORECASE)
_OWN_LEVEL = re.compile(r"\b(?:ngân\s+sách|của|toàn|trên\s+địa\s+bàn)\s+(xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|"
                        r"tỉnh)\b", re.IGNORECASE)
_ISSUER_LEVEL = {"xã": COMMUNE, "phường": COMMUNE, "thị trấn": COMMUNE, "huyện": DISTRICT, "quận": DISTRICT,
                 "thị xã": DISTRICT, "tỉnh": PROVINCE}


@dataclass(frozen=True)
class Amount:
    kind: str            # a key of TOTALS
    start: int
    end: int
    number: str          # the number as written
    unit: str            # "tỷ đồng"
    scale: float         # đồng per unit
    level: str


def document_level(document: Document) -> str | None:
    """The level of the body that issued the report, from its first blocks ("UBND XÃ ...", "HĐND huyện")."""
    for block in document.blocks[:8]:
        m = _ISSUER.search(block.text)
        if m:
            return _ISSUER_LEVEL[" ".join(m.group(1).lower().split())]
    return None


def _other_level_named(text: str, level: str | None) -> bool:
    """The paragraph speaks of another level's own affairs ("của xã", "UBND xã") than the issuer's."""
    named = {_ISSUER_LEVEL[" ".join(m.group(1).lower().split())]
             for pattern in (_OWN_LEVEL, _ISSUER) for m in pattern.finditer(text)}
    return bool(named - {level})


def totals(block: Block, default_level: str | None):
    """Whole-area totals stated in a block: the first amount in đồng after the total's name, in the same
    clause, with the level of the area it belongs to (said in the clause, else the issuer's)."""
    from check_report.checks._text import clause_bounds

    text = block.text
    seen: set[int] = set()      # a total named twice before its figure ("Tổng sản phẩm … (GRDP)"): one amount
    for kind, (name, ranges, _label) in TOTALS.items():
        for m in name.finditer(text):
            start, end = clause_bounds(text, m.start(), m.end())
            amount = AMOUNT.search(text, m.end(), min(end, m.end() + 90))
            if amount is None or amount.start() in seen or PER_HEAD.search(text[m.end():amount.start()]) or \
                    COMPOUND_TAIL.search(text[max(start, amount.start() - 12):amount.start()]):
                continue
            own = _OWN_LEVEL.search(text[start:end])
            level = _ISSUER_LEVEL[" ".join(own.group(1).lower().split())] if own else default_level
            if own is None and _other_level_named(text, default_level):
                continue    # "Theo báo cáo của UBND xã, … Thu ngân sách …": whose total it is, is not sure
            if level not in ranges:
                continue
            unit = " ".join((amount.group(2) or "").lower().split())
            seen.add(amount.start())
            yield Amount(kind, amount.start(), amount.end(), amount.group(1), f"{unit} đồng".strip(),
                         SCALES[unit], level)


def value_of(number: str, style: str) -> float | None:
    parsed = parse_number(number, style=style)
    return None if parsed is None else parsed.value


def document_style(document: Document) -> str:
    """The document's own convention for decimals, from the figures that read only one way."""
    counts = Counter(p.style for block in document.blocks for raw in re.findall(r"\d+(?:[.,]\d+)+", block.text)
                     if (p := parse_number(raw)) and p.style and not p.ambiguous)
    return EN if counts.get(EN, 0) > counts.get(VI, 0) else VI


def in_range(value_dong: float, amount: Amount) -> bool:
    low, high = TOTALS[amount.kind][1][amount.level]
    return low <= value_dong <= high


def describe(amount: Amount, lang: str) -> str:
    """"a commune's budget total" / "tổng thu/chi ngân sách của một xã"."""
    en_level, vi_level = LEVEL_NAMES[amount.level]
    en_kind, vi_kind = TOTALS[amount.kind][2]
    return f"{vi_kind} của một {vi_level}" if lang == "vi" else f"a {en_level}'s {en_kind}"


def bounds_text(amount: Amount, lang: str) -> str:
    from check_report.numbers import format_number

    low, high = TOTALS[amount.kind][1][amount.level]
    style = VI if lang == "vi" else EN
    word = "tỷ đồng" if lang == "vi" else "billion đồng"
    return f"{format_number(low / 1e9, 2 if low < 1e9 else 0, style)}–{format_number(high / 1e9, 0, style)} {word}"
