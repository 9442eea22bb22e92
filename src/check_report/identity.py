"""What makes two stated figures one: the base of a percentage and the name of an indicator.

Neutral on purpose (like `periods`): the prose extractor writes these keys into the fact table's `base`
column, and the checks that compare figures across a document read them back.

Base keys: `plan` for a plain plan ("kế hoạch", "dự toán", "chỉ tiêu"), `plan:<issuer>` when the text says
whose ("kế hoạch tỉnh giao" -> `plan:tỉnh`, "dự toán HĐND huyện" -> `plan:HĐND huyện`), `resolution[:...]`
for a "nghị quyết", `plan-period` for a quarter's or month's plan; `same-period` ("so cùng kỳ"),
`prior-period` ("so với tháng trước").
"""

from __future__ import annotations

import re

ISSUERS = (
    (re.compile(r"\b(?:trung ương|TW|TƯ|chính phủ|quốc hội|thủ tướng)\b", re.IGNORECASE), "trung-ương"),
    (re.compile(r"\b(?:tỉnh|thành phố trực thuộc)\b", re.IGNORECASE), "tỉnh"),
    (re.compile(r"\b(?:huyện|quận|thị xã)\b", re.IGNORECASE), "huyện"),
    (re.compile(r"\b(?:xã|phường|thị trấn)\b", re.IGNORECASE), "xã"),
    (re.compile(r"\b(?:thành phố|TP)\b", re.IGNORECASE), "thành phố"),
)
BODIES = ((re.compile(r"\b(?:HĐND|hội đồng nhân dân)\b", re.IGNORECASE), "HĐND"),
          (re.compile(r"\b(?:UBND|ủy ban nhân dân|uỷ ban nhân dân)\b", re.IGNORECASE), "UBND"),
          (re.compile(r"\bđại hội\b", re.IGNORECASE), "đại hội"))
PLAN_QUALIFIER_STOP = re.compile(r"\b(?:và|tăng|giảm|đạt|bằng|vượt|chiếm|so|nhưng|song|trong đó|là)\b", re.IGNORECASE)


def plan_key(noun: str, qualifier: str) -> str:
    """'plan' for a plain plan; 'plan:HĐND huyện', 'plan:tỉnh', 'resolution:đại hội' when the issuer is named.
    The issuer is part of the identity: 'đạt 60% kế hoạch tỉnh giao' and 'đạt 58% kế hoạch huyện giao' are
    two figures, not one stated twice."""
    kind = "resolution" if noun.lower().startswith("nghị quyết") else "plan"
    if re.search(r"\b(?:quý|tháng)\b", qualifier, re.IGNORECASE):
        kind += "-period"                         # "kế hoạch quý": not the annual plan
    if re.search(r"\bphấn\s{1,3}đấu\b", qualifier, re.IGNORECASE):
        kind += "-stretch"                        # "chỉ tiêu phấn đấu": above the assigned one ("pháp lệnh")
    body = next((name for pattern, name in BODIES if pattern.search(qualifier)), "")
    level = next((name for pattern, name in ISSUERS if pattern.search(qualifier)), "")
    issuer = " ".join(w for w in (body, level) if w)
    return f"{kind}:{issuer}" if issuer else kind


def bases_differ_surely(a: str | None, b: str | None) -> bool:
    """Two plan bases that cannot be the same plan: another kind, or another level of government."""
    if a == b or a is None or b is None or a.endswith("?") or b.endswith("?"):
        return False              # a base read as a guess ("same-period?") is not known to differ
    kind_a, _, who_a = a.partition(":")
    kind_b, _, who_b = b.partition(":")
    if kind_a != kind_b:
        return True
    level_a, level_b = who_a.split(" ")[-1] if who_a else "", who_b.split(" ")[-1] if who_b else ""
    return bool(level_a and level_b and level_a != level_b)


# Words dropped when indicators are compared across mentions ("Tổng thu ngân sách nhà nước trên địa bàn"
# and "thu ngân sách" are the same indicator).
NAME_FILLER = re.compile(r"\b(?:của (?:toàn )?(?:tỉnh|huyện|quận|xã|phường|thị trấn|thị xã|thành phố|cả nước|địa phương)|"
                         r"tổng|nhà nước|trên địa bàn(?: quận| huyện| tỉnh| thành phố| xã| phường)?|"
                         r"ước thực hiện|kết quả|giá trị|toàn (?:quận|huyện|tỉnh|thành phố|xã)|các|của|đặc biệt|"
                         r"cả năm|trong năm|hiện có)\b", re.IGNORECASE)
ACRONYM = re.compile(r"\(\s*([A-ZĐ]{2,8})\s*\)|^([A-ZĐ]{2,8})$")


def normalise_name(name: str) -> str:
    """An indicator's name for matching mentions: lower case, no filler words, no brackets, no punctuation."""
    name = re.sub(r"\(\s*[A-ZĐ]{2,8}\s*\)", " ", str(name))     # "(GRDP)": the abbreviation is a key of its own
    name = re.sub(r"[()]", " ", name)                              # "(không kể …)" names another figure
    name = NAME_FILLER.sub(" ", name.lower())
    return " ".join(re.sub(r"[^\w\s]", " ", name).split())


def name_keys(name: str, min_words: int = 2) -> set[str]:
    """The names a mention can be matched by: its words without fillers (when there are `min_words`), and
    the abbreviation it was given ("Tổng sản phẩm trên địa bàn (GRDP)" is also "grdp")."""
    keys = set()
    plain = normalise_name(name)
    if len(plain.split()) >= min_words:
        keys.add(plain)
    for m in ACRONYM.finditer(str(name).strip()):
        keys.add((m.group(1) or m.group(2)).lower())
    return keys


