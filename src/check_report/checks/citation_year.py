"""A normative document (Nghị định, Thông tư, Luật ...) is cited with its year in the code.

What it checks
    The number and symbol of a legal normative document hold the year it was issued
    (`45/2019/NĐ-CP`, `80/2015/QH13`). Nghị định, Thông tư, Thông tư liên tịch, Luật, Bộ luật and Pháp lệnh
    are always normative, so their codes must carry the year. Resolutions and decisions may be either
    (`21/2017/NQ-HĐND` is normative, `87/NQ-HĐND` is not) and are left alone. Whatever the type, a year in
    the code must be the year of the date the citation gives (`45/2019/NĐ-CP ngày 12/4/2018` is wrong).

Why it matters
    Without the year the number is not unique: numbering restarts every year, so `45/NĐ-CP` names one
    decree per year.

Failing example
    `theo quy định tại Nghị định số 45/NĐ-CP ngày 12/4/2019 của Chính phủ`;
    `Nghị quyết số 21/2017/NQ-HĐND ngày 14/7/2016`

Passing example
    `Nghị định số 45/2019/NĐ-CP ngày 12/4/2019`, `Nghị quyết số 87/NQ-HĐND ngày 18/12/2024`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._citations import find_citations, type_table
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "citation-year"
SUMMARY = {
    "en": "Decrees, circulars and laws are cited with their year (45/2019/NĐ-CP), and a code's year matches its date",
    "vi": "Nghị định, Thông tư, Luật trích dẫn có năm ban hành (45/2019/NĐ-CP); năm trong ký hiệu khớp ngày ban hành",
}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"extra_types": []}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    extra = {word.casefold() for word in options.get("extra_types", [])}
    for c in find_citations(ctx.document):
        where = (locate(ctx.path, c.block, c.start, c.end),)
        if c.year is not None and c.date is not None and c.date.year != c.year:
            yield Problem(
                t("check.citation_year.year_date", ctx.lang, code=c.code, year=c.year, date=c.date.raw),
                where, details={"code": c.code, "date": c.date.raw})
            continue
        word = (c.type_word or "").casefold()
        info = type_table().get(word)
        needs_year = (info is not None and info.needs_year) or word in extra
        if not needs_year or c.year is not None or c.style != "state" or not c.modern:
            continue
        year = c.date.year if c.date else "<năm>"
        year_hint = f"{c.number}/{year}/{c.symbol}"
        yield Problem(
            t("check.citation_year.no_year", ctx.lang, word=c.type_word, code=c.code, hint=year_hint),
            where, details={"code": c.code})
