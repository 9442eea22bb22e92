"""Lists announced with a count: `04 vườn hoa các phường: A, B, C, D`, `03 trường đạt chuẩn gồm A, B và C`.

Only lists of names are taken: every member starts with a capital letter, holds no digit and is short.
That keeps out the many `150 lượt kiểm tra: tạm giữ 66 biển ...` sentences that merely follow a count
with a colon.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from check_report.document import Block, Document

# count, the noun phrase it counts (letters and spaces only), then ':' or 'gồm' / 'bao gồm'
ANNOUNCED = re.compile(
    r"(?<![\w.,/])(\d{1,2})\s+([^\W\d_][^\W\d_ ]*(?:\s+[^\W\d_]+){0,9}?)\s*(?::|\s(?:bao\s+)?gồm\s*:?)\s*"
)
# another count before the announced one in its clause
OTHER_COUNT = re.compile(r"(?<![\w.,/])\d{1,3}\s+[^\W\d_]")
LIST_END = re.compile(r"\.(?:\s|$)|[()\n]|$")
# a bracket after some members and the list going on after it: members annotated or grouped, not countable here
ANNOTATED = re.compile(r"\([^()\n]{0,80}\)\s{0,3}[,;]")
MAX_MEMBER_WORDS = 8
# a noun phrase ending in these introduces examples of what was counted, not all of them
EXAMPLES = re.compile(r"\b(?:như|như là|chẳng hạn(?: như)?|ví dụ|điển hình(?: là| như)?|tiêu biểu(?: là| như)?)$",
                      re.IGNORECASE)
MAX_COUNT = 30


@dataclass(frozen=True)
class AnnouncedList:
    block: Block
    start: int
    end: int
    count: int
    noun: str
    members: tuple[str, ...]
    written: str = ""            # the count as written ("03")

    @property
    def key(self) -> str:
        return " ".join(self.noun.casefold().split())


def find_lists(document: Document | None) -> Iterator[AnnouncedList]:
    if document is None:
        return
    for block in document.blocks:
        for m in ANNOUNCED.finditer(block.text):
            found = _list_at(block, m)
            if found is not None:
                yield found


def _list_at(block: Block, m: re.Match) -> AnnouncedList | None:
    count = int(m.group(1))
    if not 2 <= count <= MAX_COUNT:
        return None
    clause = re.split(r"[,;:.()]\s", block.text[max(0, m.start() - 80):m.start()])[-1]
    if OTHER_COUNT.search(clause):
        return None     # "5 xã đạt 14 tiêu chí gồm A, B, …": which number the list counts is not sure
    if EXAMPLES.search(m.group(2).strip()):
        return None     # "10 thanh niên là dân tộc rất ít người như: Xinh Mun, Nùng, …": examples, not the 10
    tail_end = m.end() + LIST_END.search(block.text[m.end():]).start()
    if ANNOTATED.match(block.text, tail_end):
        return None     # "18 xóm là: Xóm Lác, Chiềng Châu (xã Chiềng Châu); xóm Pom Coong …": members grouped in brackets
    tail = block.text[m.end():tail_end]
    readings = _candidate_splits(tail)
    if not readings:
        return None
    # a reading that agrees with the count wins: "02 đồng chí: Nguyễn Văn A, Phó Chủ tịch; Trần Thị B, ..."
    members = next((r for r in readings if len(r) == count), readings[0])
    end = m.end() + len(tail.rstrip())
    noun = re.sub(r"\s+(?:là|như sau)$", "", m.group(2).strip())     # "18 xóm là: …": the noun is "xóm"
    return AnnouncedList(block, m.start(), end, count, noun, members, m.group(1))


def _candidate_splits(tail: str) -> list[tuple[str, ...]]:
    """Every plausible reading of the members, the usual one first (`A, B và C`; `A; B; C`)."""
    readings = []
    if ";" in tail:
        readings.append(tail.split(";"))
    readings.append(re.split(r",|\s+và\s+", tail.split(";")[0]))
    if ";" in tail:
        readings.append(re.split(r",|;|\s+và\s+", tail))
    found = []
    for parts in readings:
        _add_reading(found, parts)
    if ";" in tail and "," not in tail and len(found) > 1:
        found.reverse()   # "A; B; C" without commas: the semicolons separate members
    if found and re.search(r"\S\s?[-–—]\s?\S", tail):
        # "3 thành phố: Rạch Giá- Hà Tiên và Phú Quốc": a dash may part two names, or join one ("Bà Rịa -
        # Vũng Tàu"); the last reading, taken only when it agrees with the count
        _add_reading(found, re.split(r",|;|\s+và\s+|\s?[-–—]\s?", tail))
    return found


def _add_reading(found: list, parts: list[str]) -> None:
    members = tuple(p.strip(" *_\"“”'") for p in parts if p.strip(" *_\"“”'"))
    if len(members) >= 2 and all(_name_like(m) for m in members) and members not in found:
        found.append(members)


def _name_like(member: str) -> bool:
    member = member.strip(" *_\"“”'")
    return (bool(member) and member[0].isupper() and not any(ch.isdigit() for ch in member)
            and len(member.split()) <= MAX_MEMBER_WORDS)
