"""Party documents are numbered Party style (`12-NQ/HU`), state documents state style (`61/KH-UBND`).

What it checks
    A Party code puts a hyphen after the number and a slash before the issuing body (`12-NQ/HU`,
    `42-CT/TW`); a state code puts a slash after the number (`61/KH-UBND`). The issuing body in the code
    tells which one a citation is: a Party body (TW, TU, QU, HU, ĐU ...) written state style, or a state
    body (UBND, HĐND, CP, TTg, ministries) written Party style, is flagged.

Why it matters
    The wrong style makes a citation look like a different document and is a formatting error a
    reviewer sends back.

Failing example
    `Thông báo số 173/TB-TW`, `Kế hoạch số 61-KH/UBND`

Passing example
    `Chỉ thị số 05-CT/HU ngày 14/3/2025`, `Kế hoạch số 61/KH-UBND ngày 28/02/2025`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._citations import find_citations, issuer_kind
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "citation-style"
SUMMARY = {
    "en": "Party codes are written 12-NQ/HU and state codes 61/KH-UBND, not the other way round",
    "vi": "Ký hiệu văn bản của Đảng viết 12-NQ/HU, văn bản nhà nước viết 61/KH-UBND, không lẫn lộn",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for c in find_citations(ctx.document):
        body = issuer_kind(c.issuer_code)
        if c.year is not None or body is None or body == c.style:
            continue
        if body == "party":
            expected = f"{c.number}-{c.type_code or '?'}/{c.issuer_code}"
            text = t("check.citation_style.party_as_state", ctx.lang, code=c.code, expected=expected)
        else:
            expected = f"{c.number}/{c.type_code}-{c.issuer_code}"
            text = t("check.citation_style.state_as_party", ctx.lang, code=c.code, expected=expected)
        yield Problem(text, (locate(ctx.path, c.block, c.start, c.end),),
                      details={"code": c.code, "expected": expected})
