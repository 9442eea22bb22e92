"""Units of measure as reports write them: their dimension and the factor to the dimension's base.

One table for the whole tool: the spreadsheet reader (a "ĐVT" column, "(tấn)" in a header), the prose
reader ("12,5 nghìn tấn") and the engine (which figures may meet) all read units here, so "kg" and "tấn",
"triệu" and "tỷ đồng", "m2" and "ha" are converted before any comparison, and a figure in tấn is never
compared with one in ha.

A unit is an optional scale word ("nghìn", "triệu", "tỷ", "nghìn tỷ") before a base unit:

    dimension  base   other units (factor to the base)
    money      đồng   nghìn đồng 10^3, triệu đồng 10^6, tỷ đồng 10^9, nghìn tỷ 10^12 ("tỷ" alone is money)
    usd        USD    nghìn / triệu / tỷ USD
    mass       kg     yến 10, tạ 100, tấn 1.000, nghìn tấn 10^6, gam 0,001
    area       m2     ha 10^4, km2 10^6
    length     m      km 1.000
    volume     lít    m3 1.000
    energy     kWh    MWh 10^3, GWh 10^6, triệu kWh 10^6

Counts ("người", "hộ", "lượt") have no dimension of their own here (None): they keep meeting each other as
before, and a scale word still scales them ("nghìn người" = 1.000 người). A rate or price ("%", "tạ/ha",
"triệu đồng/người") is dimension "rate" and is never converted.

A count in whole units is exact (`is_count`): nobody rounds 143 households or 57 schools, so a total of
counts (a consolidation table's, or an indicator's over its rows) must equal the sum of its parts to the unit, where figures rounded from finer values (triệu đồng,
tấn, %) keep their half-unit interval. "nghìn người" is rounded to thousands: not exact.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from check_report.folding import fold

MONEY, USD, MASS, AREA, LENGTH, VOLUME, ENERGY, RATE = ("money", "usd", "mass", "area", "length", "volume",
                                                       "energy", "rate")

# folded scale words -> factor (longest first when matched)
SCALE_WORDS: dict[str, float] = {"nghin ty": 1e12, "ngan ty": 1e12, "nghin ti": 1e12, "nghin": 1e3, "ngan": 1e3,
                                 "trieu": 1e6, "tr": 1e6, "ty": 1e9, "ti": 1e9, "van": 1e4, "thousand": 1e3,
                                 "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}
# folded base units -> (dimension, factor to the dimension's base)
BASES: dict[str, tuple[str, float]] = {
    "dong": (MONEY, 1.0), "d": (MONEY, 1.0), "vnd": (MONEY, 1.0),
    "trd": (MONEY, 1e6), "usd": (USD, 1.0),
    "kg": (MASS, 1.0), "kilogam": (MASS, 1.0), "yen": (MASS, 10.0), "ta": (MASS, 100.0),
    "tan": (MASS, 1000.0), "tons": (MASS, 1000.0), "tonnes": (MASS, 1000.0), "gam": (MASS, 0.001),
    "m2": (AREA, 1.0), "ha": (AREA, 1e4), "hecta": (AREA, 1e4), "km2": (AREA, 1e6),
    "m": (LENGTH, 1.0), "km": (LENGTH, 1000.0),
    "lit": (VOLUME, 1.0), "m3": (VOLUME, 1000.0),
    "kwh": (ENERGY, 1.0), "mwh": (ENERGY, 1e3), "gwh": (ENERGY, 1e6),
}
# things counted one by one: a whole number of them is exact, not rounded
COUNT_NOUNS = frozenset((
    "nguoi", "ho", "ho dan", "con", "vu", "vu viec", "luot", "luot nguoi", "luot khach", "khach", "doanh nghiep",
    "co so", "ho so", "truong", "lop", "hoc sinh", "giao vien", "xa", "phuong", "thon", "xom", "ap", "to",
    "khu pho", "thi tran", "don vi", "cai", "chiec", "tau", "thuyen", "du an", "cong trinh", "lao dong",
    "benh nhan", "ca", "tre em", "hoc vien", "sinh vien", "can bo", "dang vien", "hoi vien", "nha", "can",
    "tieu chi", "giay phep", "giay chung nhan", "thua", "lo", "suat", "buoi", "cuoc", "lan", "hop tac xa",
    "htx", "trang trai", "ngoi", "diem"))
_MONEY_ALONE = frozenset({"trieu", "tr", "ty", "ti", "nghin ty", "ngan ty", "nghin ti"})
_SUPERSCRIPTS = str.maketrans({"²": "2", "³": "3"})
_RATE = re.compile(r"%|‰|/|\bphan tram\b|\bpercent\b")


@dataclass(frozen=True)
class Unit:
    dimension: str | None     # one of the dimensions above, or None for a count or an unknown word
    scale: float              # factor to the dimension's base (to one item for counts)


NO_UNIT = Unit(None, 1.0)


@functools.lru_cache(maxsize=4096)
def parse_unit(text: str | None) -> Unit:
    """The dimension and scale of a unit as written ("Nghìn tấn", "tr.đồng", "ha", "%", "người")."""
    if not text:
        return NO_UNIT
    folded = fold(str(text).translate(_SUPERSCRIPTS))
    if not folded:
        return NO_UNIT
    if _RATE.search(folded) or _RATE.search(str(text)):
        return Unit(RATE, 1.0)
    scale, rest = 1.0, folded
    for word in sorted(SCALE_WORDS, key=len, reverse=True):
        if rest == word or rest.startswith(word + " "):
            scale, rest = SCALE_WORDS[word], rest[len(word):].strip()
            break
    if not rest:   # "triệu", "tỷ" alone are money in these reports; "nghìn" alone says nothing
        return Unit(MONEY, scale) if folded in _MONEY_ALONE else Unit(None, scale)
    if rest in BASES:
        dimension, factor = BASES[rest]
        return Unit(dimension, scale * factor)
    return Unit(None, scale)


def is_count(text: str | None) -> bool:
    """A unit of things counted one by one, without a scale word ("hộ", "người", "lượt khách")."""
    return bool(text) and fold(str(text)) in COUNT_NOUNS


MEASURED = frozenset({MASS, AREA, LENGTH, VOLUME, ENERGY})


def measured_scale(text: str | None) -> float | None:
    """The scale of a measured unit ("nghìn tấn" 10^6, "tấn" 10^3 of kg; "ha" 10^4 of m2), or None for
    money, counts, rates and words this table does not know. For readers that keep their own words."""
    unit = parse_unit(text)
    return unit.scale if unit.dimension in MEASURED else None
