"""A list announced with a count has that many members.

What it checks
    `04 nhà văn hóa các phường: A, B, C, D`, `03 trường đạt chuẩn gồm A, B và C`: the number of names listed
    (separated by commas, `và`, or semicolons) must equal the count. Only lists of names are read: every
    member starts with a capital letter and holds no digit, so `120 lượt kiểm tra: tạm giữ 40 biển ...`
    is not taken for a list.

Why it matters
    A count that does not match its list means a member was dropped or the count was not updated.

Failing example
    `03 trường đạt chuẩn quốc gia: An Lạc, Bình Minh.`

Passing example
    `04 nhà văn hóa các phường: An Lạc, Bình Minh, Tân Tiến, Hòa Lợi.`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._lists import find_lists
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "list-count"
SUMMARY = {
    "en": "A list announced with a count (03 trường: A, B, C) has that many members",
    "vi": "Danh sách có số lượng đi kèm (03 trường: A, B, C) phải đủ đúng số thành phần",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for found in find_lists(ctx.document):
        if len(found.members) == found.count:
            continue
        names = ", ".join(found.members)
        yield Problem(
            t("check.list_count.differs", ctx.lang, announced=f"{found.written or found.count} {found.noun}", count=found.count,
              listed=len(found.members), names=names),
            (locate(ctx.path, found.block, found.start, found.end, pad=10),),
            stated=(found.count, found.count), implied=(len(found.members), len(found.members)),
            details={"members": list(found.members)})
