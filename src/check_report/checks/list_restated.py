"""A list restated elsewhere in the report names the same members.

What it checks
    Two lists announced for the same thing (`04 nhà văn hóa các phường: ...` in the body and in a footnote)
    must name the same members; the finding names the members that differ. Lists are matched by the
    words their count introduces, case and spacing aside.

Why it matters
    When the body and the annex list different wards, schools or projects, one of them is wrong and the
    reader cannot tell which.

Failing example
    `03 trường đạt chuẩn: An Lạc, Bình Minh, Tân Tiến.` and later `03 trường đạt chuẩn: An Lạc,
    Bình Minh, Hòa Lợi.`

Passing example
    The same two lists naming `An Lạc, Bình Minh, Tân Tiến` in another order.
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._lists import AnnouncedList, find_lists
from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "list-restated"
SUMMARY = {
    "en": "A list restated elsewhere names the same members",
    "vi": "Danh sách nhắc lại ở chỗ khác phải nêu cùng các thành phần",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def _members(found: AnnouncedList) -> set[str]:
    return {" ".join(m.casefold().split()) for m in found.members}


def _at_member(ctx: CheckContext, found: AnnouncedList, members: list[str]):
    """Quote the list at its first differing member (the whole list is often too long to show)."""
    at = found.block.text.find(members[0], found.start, found.end) if members else -1
    if at < 0:
        return locate(ctx.path, found.block, found.start, found.end, pad=10)
    return locate(ctx.path, found.block, at, at + len(members[0]), pad=25)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    first_of: dict[str, AnnouncedList] = {}
    for found in find_lists(ctx.document):
        first = first_of.setdefault(found.key, found)
        if first is found or _members(first) == _members(found):
            continue
        only_here = sorted(m for m in found.members if " ".join(m.casefold().split()) not in _members(first))
        only_there = sorted(m for m in first.members if " ".join(m.casefold().split()) not in _members(found))
        line = first.block.line_at(first.start)
        here, there = ", ".join(only_here) or "-", ", ".join(only_there) or "-"
        yield Problem(
            t("check.list_restated.differs", ctx.lang, noun=found.noun, line=line, here=here, there=there),
            (_at_member(ctx, found, only_here), _at_member(ctx, first, only_there)),
            details={"only_here": only_here, "only_there": only_there})
