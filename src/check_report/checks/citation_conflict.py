"""The same document is cited with the same date and type everywhere in the report.

What it checks
    Citations with the same number and symbol (spacing and case aside) must agree on their date and on
    their type word. Numbering restarts every year, so two citations of a code without a year whose
    dates fall in different years are taken as different documents; so are two citations naming
    different issuers (`của UBND thành phố` / `của UBND quận`).

Why it matters
    One of the two is wrong, and the reader cannot tell which document the report means.

Failing example
    `Nghị quyết số 21/2017/NQ-HĐND ngày 14/7/2017` at one place and
    `Nghị quyết số 21/2017/NQ-HĐND ngày 04/7/2017 của HĐND tỉnh` at another.

Passing example
    `Nghị quyết số 47/2020/NQ-HĐND ngày 08/12/2020` and `Nghị quyết số 47/2020/NQ- HĐND ngày 8/12/2020`.
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._citations import Citation, find_citations
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "citation-conflict"
SUMMARY = {
    "en": "A document cited twice is cited with the same date and type",
    "vi": "Một văn bản trích dẫn nhiều lần phải cùng ngày ban hành và cùng tên loại",
}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"compare_types": True}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    groups: dict[str, list[Citation]] = {}
    for c in find_citations(ctx.document):
        groups.setdefault(c.key, []).append(c)
    for cites in groups.values():
        for first, second in _first_conflict(cites, options):
            yield _problem(ctx, first, second)


def _first_conflict(cites: list[Citation], options: dict) -> Iterator[tuple[Citation, Citation]]:
    """Each citation that disagrees with an earlier one of the same document, once per differing variant."""
    seen_variants: set[tuple] = set()
    for i, later in enumerate(cites):
        for earlier in cites[:i]:
            if _same_document(earlier, later) and _differ(earlier, later, options):
                variant = (_date_of(later), (later.type_word or "").casefold())
                if variant not in seen_variants:
                    seen_variants.add(variant)
                    yield earlier, later
                break


def _date_of(c: Citation):
    return c.date.date if c.date else None


def _same_document(a: Citation, b: Citation) -> bool:
    if a.issuer and b.issuer and a.issuer.casefold() != b.issuer.casefold():
        return False
    # numbering restarts every year: a code without its year names one document per year
    return not (a.year is None and _date_of(a) and _date_of(b) and _date_of(a).year != _date_of(b).year)


def _differ(a: Citation, b: Citation, options: dict) -> bool:
    if _date_of(a) and _date_of(b) and _date_of(a) != _date_of(b):
        return True
    if options.get("compare_types", True) and a.type_word and b.type_word:
        return a.type_word.casefold() != b.type_word.casefold()
    return False


def _problem(ctx: CheckContext, a: Citation, b: Citation) -> Problem:
    line = a.block.line_at(a.start)
    key = "check.citation_conflict.differs_line" if line else "check.citation_conflict.differs"
    return Problem(
        t(key, ctx.lang, code=a.code, here=b.text, there=a.text, line=line or ""),
        (locate(ctx.path, b.block, b.start, b.end), locate(ctx.path, a.block, a.start, a.end)),
        details={"code": a.code, "variants": [a.text, b.text]})
