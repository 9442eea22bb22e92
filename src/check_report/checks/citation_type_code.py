"""The type word of a citation agrees with the type abbreviation in its code.

What it checks
    In `<Loại văn bản> số <số>/<ký hiệu>`, the abbreviation in the code must be the one Phụ lục III of
    Nghị định 30/2020/NĐ-CP gives the type (Công điện: CĐ, Kế hoạch: KH, Tờ trình: TTr ...); Party codes
    (`12-NQ/HU`) follow the Party's list. An abbreviation of the rules before 05/3/2020 (Giấy ủy quyền: UQ)
    is fine in documents dated earlier and a softer (info) finding otherwise; a code in non-standard case
    (`QYĐ` for `QyĐ`) is info. The National Assembly and its Standing Committee number their laws, resolutions
    and ordinances without a type abbreviation (`Nghị quyết số 33/2021/QH15`, `Pháp lệnh số 02/2022/UBTVQH15`).

Why it matters
    A citation whose type and code disagree points to another document, or to none: the reader cannot
    find what the report relies on.

Failing example
    `Công điện số 417/QĐ-TTg ngày 06/5/2025 của Thủ tướng Chính phủ` (a Công điện is `CĐ`).

Passing example
    `Công điện số 417/CĐ-TTg ngày 06/5/2025`, `Nghị quyết số 12-NQ/HU ngày 10/01/2025`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from check_report.checks import _data
from check_report.checks._citations import Citation, find_citations, type_table
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.findings import Severity

ID = "citation-type-code"
SUMMARY = {
    "en": "A cited document's type word matches the abbreviation in its code (Decree 30/2020)",
    "vi": "Tên loại văn bản được trích dẫn khớp với chữ viết tắt trong ký hiệu (Phụ lục III Nghị định 30/2020)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"case_sensitive": True, "old_codes": True}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for citation in find_citations(ctx.document):
        problem = _judge(ctx, citation, options)
        if problem is not None:
            yield problem


def _judge(ctx: CheckContext, c: Citation, options: dict) -> Problem | None:
    info = type_table().get((c.type_word or "").casefold())
    if info is None or not c.modern:
        return None
    allowed = info.party_codes + info.codes if c.style == "party" else info.codes
    if not allowed and not info.old_codes:
        return None     # Luật, Công văn: no type abbreviation to compare
    if not c.type_code and re.fullmatch(r"(?:UBTV)?QH\d{1,2}", c.issuer_code or ""):
        return None     # the National Assembly and its Standing Committee number without a type: 33/2021/QH15
    where = (locate(ctx.path, c.block, c.start, c.end),)
    code = c.type_code or ""
    if code in allowed:
        return None
    if code.casefold() in {a.casefold() for a in allowed}:
        if not options.get("case_sensitive", True):
            return None
        expected = next(a for a in allowed if a.casefold() == code.casefold())
        return Problem(t("check.citation_type_code.case", ctx.lang, code=c.code, word=info.word, expected=expected),
                       where, severity=Severity.INFO, details={"code": c.code, "expected": expected})
    if code in info.old_codes and options.get("old_codes", True):
        return _old_code(ctx, c, info.word, allowed, where)
    expected = "/".join(allowed) or "-"
    written = code or t("check.citation_type_code.no_abbreviation", ctx.lang)
    return Problem(t("check.citation_type_code.mismatch", ctx.lang, word=info.word, code=c.code, written=written,
                     expected=expected),
                   where, details={"code": c.code, "type": info.word, "expected": expected})


def _old_code(ctx: CheckContext, c: Citation, word: str, allowed: tuple[str, ...], where) -> Problem | None:
    in_force = _data.load("doc_types.yaml")["nd30_in_force"]
    in_force = in_force if isinstance(in_force, dt.date) else dt.date.fromisoformat(str(in_force))
    if c.date and c.date.date and c.date.date < in_force:
        return None
    new = "/".join(allowed)
    return Problem(t("check.citation_type_code.old_code", ctx.lang, code=c.code, word=word, new=new),
                   where, severity=Severity.INFO, details={"code": c.code, "expected": new})
