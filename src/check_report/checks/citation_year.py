"""A normative document (Nghị định, Thông tư, Luật ...) is cited with its year in the code.

What it checks
    The number and symbol of a legal normative document hold the year it was issued
    (`45/2019/NĐ-CP`, `80/2015/QH13`). Nghị định, Thông tư, Thông tư liên tịch, Luật, Bộ luật and Pháp lệnh
    are always normative, so their codes must carry the year. Resolutions and decisions may be either
    (`21/2017/NQ-HĐND` is normative, `87/NQ-HĐND` is not) and are left alone.

Why it matters
    Without the year the number is not unique: numbering restarts every year, so `45/NĐ-CP` names one
    decree per year.

Failing example
    `theo quy định tại Nghị định số 45/NĐ-CP ngày 12/4/2019 của Chính phủ`

Passing example
    `Nghị định số 45/2019/NĐ-CP ngày 12/4/2019`, `Nghị quyết số 87/NQ-HĐND ngày 18/12/2024`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._citations import find_citations, type_table
from check_report.checks._text import locate, msg
from check_report.checks.base import CheckContext, Problem

ID = "citation-year"
SUMMARY = {
    "en": "A cited decree, circular or law carries its year in its code (45/2019/NĐ-CP)",
    "vi": "Nghị định, Thông tư, Luật được trích dẫn phải có năm ban hành trong số, ký hiệu (45/2019/NĐ-CP)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS = {"extra_types": []}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    extra = {word.casefold() for word in options.get("extra_types", [])}
    for c in find_citations(ctx.document):
        word = (c.type_word or "").casefold()
        info = type_table().get(word)
        needs_year = (info is not None and info.needs_year) or word in extra
        if not needs_year or c.year is not None or c.style != "state":
            continue
        year_hint = f"{c.number}/{c.date.year}/{c.symbol}" if c.date and c.date.year else f"{c.number}/<năm>/{c.symbol}"
        yield Problem(
            msg(ctx.lang, f"{c.type_word} '{c.code}' is cited without its year (expected like '{year_hint}')",
                f"{c.type_word} '{c.code}' trích dẫn thiếu năm ban hành (đúng dạng '{year_hint}')"),
            (locate(ctx.path, c.block, c.start, c.end),), details={"code": c.code})
