"""Whether a figure can be a part of a total: what a breakdown may add up (money with money, a quantity in its
total's unit, things counted under a count of things, never a count of another administrative level)."""

from __future__ import annotations

import re

from check_report.extract.prose_clause import base_unit, same_unit
from check_report.extract.prose_model import Stated
from check_report.extract.prose_patterns import MEASURE_UNITS


def addable(total: Stated, part: Stated) -> bool:
    """A part can be added into its total: money with money, a quantity in the same unit (ha with ha, m3 with
    nghìn m3: never a crop's yield in tạ/ha or its output in tấn under its area in ha); things counted by
    their noun go under a count of things ("3 tố cáo, 27 kiến nghị" under "31 đơn")."""
    a, b = total.figure, part.figure
    if a.kind == "money" or b.kind == "money":
        return a.kind == b.kind
    levels = tuple(_admin_level(s.figure.unit) or _admin_level(s.indicator) for s in (total, part))
    if None not in levels and levels[0] != levels[1]:
        return False    # "7 huyện và 1 thị xã (gồm 71 xã, phường, thị trấn)": communes are no part of a count of districts
    measured = {str(u).lower() in MEASURE_UNITS or "/" in str(u) for u in (a.unit, b.unit)}
    if True in measured:
        return same_unit(a, b)
    if a.kind == b.kind == "count" and a.unit and b.unit and _noun(a.unit) != _noun(b.unit) and \
            not {_noun(a.unit), _noun(b.unit)} <= PEOPLE and \
            _noun(b.unit) not in str(total.indicator or "").lower().split():
        # "916 vụ, làm chết 477 người, bị thương 645 người": accidents and people; but "21 tập thể, cá nhân
        # (trong đó 12 tập thể và 10 cá nhân)" names both
        return False
    return a.kind == b.kind


# the head words of counts of people: a total in "người" splits into "lao động", "học sinh", "lượt khách" …
PEOPLE = frozenset({"người", "lao", "học", "sinh", "bệnh", "trẻ", "hội", "đảng", "cán", "giáo", "lượt", "nhân",
                    "khẩu"})


# administrative units by level: a count of one level never holds a count of another as its parts
ADMIN_LEVEL = re.compile(r"^(?:(?P<two>huyện|quận|thị xã|thành phố)|(?P<three>xã|phường|thị trấn)|"
                         r"(?P<four>thôn|xóm|ấp|bản|buôn|làng|tổ dân phố|khu phố|tổ dân cư))\b")


def _admin_level(unit) -> str | None:
    m = ADMIN_LEVEL.match(base_unit(unit or "").lower())
    return m.lastgroup if m else None


def _noun(unit) -> str:
    """The head word a count is counted in, without its scale: "nghìn lượt" and "lượt khách" are "lượt"."""
    return (base_unit(unit).split() or [""])[0]
