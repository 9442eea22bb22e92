"""Standard exhaustive breakdowns (data/partitions.yaml): when the components of a total name every member
of one, they are the whole of it.

    whole_partition("vốn đầu tư toàn xã hội", ["vốn nhà nước", "ngoài nhà nước", "vốn FDI"]) -> Partition

Neutral on purpose: the prose extractor links such components to their total, and the check kind
`partition-sum` holds them to it; both read the same vocabulary through this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Partition:
    id: str
    description: str
    members: tuple[re.Pattern, ...]
    optional: tuple[re.Pattern, ...] = ()
    needs_optional_when: re.Pattern | None = None
    unless: re.Pattern | None = None
    criterion: str = ""
    excludes: re.Pattern | None = None


@cache
def _data() -> dict:
    text = resources.files("check_report").joinpath("data", "partitions.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def partitions() -> tuple[Partition, ...]:
    data = _data()
    found = []
    for entry in data["partitions"]:
        compile_ = lambda p: re.compile(p, re.IGNORECASE)  # noqa: E731 - one flag for every pattern
        needs, unless = entry.get("needs_optional_when"), entry.get("unless")
        found.append(Partition(entry["id"], entry.get("description", ""),
                               tuple(compile_(p) for p in entry["members"]),
                               tuple(compile_(p) for p in entry.get("optional", ())),
                               compile_(needs) if needs else None, compile_(unless) if unless else None,
                               entry.get("criterion", entry["id"]),
                               compile_(entry["excludes"]) if entry.get("excludes") else None))
    return tuple(found)


@cache
def _criteria() -> tuple[tuple[str, re.Pattern], ...]:
    found = [(p.criterion, pattern) for p in partitions() for pattern in p.members]
    found += [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (_data().get("criteria") or {}).items()]
    return tuple(found)


def criteria_of(name: str) -> frozenset[str]:
    """What a group's name classifies it by: "khách quốc tế" -> {origin}, "khách lưu trú" -> {activity, stay}."""
    plain = _plain(name)
    return frozenset(criterion for criterion, pattern in _criteria() if pattern.search(plain))


def same_criterion(names: list[str], items: list) -> list:
    """The items whose names classify along the first named criterion (or along none): of "khách quốc tế",
    "khách lưu trú", the first; the second is a group of another kind that overlaps it."""
    criteria = [criteria_of(name) for name in names]
    first = next((c for c in criteria if c), None)
    if CROSS_CUTTING & (first or frozenset()) and not all(criteria):
        # a certified group among parts named otherwise overlaps them: the other parts are the split
        return [item for item, c in zip(items, criteria) if not c & CROSS_CUTTING]
    return [item for item, c in zip(items, criteria) if not c or first is None or c & first]


# criteria whose groups cut across any other split of the same total
CROSS_CUTTING = frozenset({"certified"})


def _plain(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s,]", " ", str(name).lower()).split())


def members_of(names: list[str]) -> tuple[Partition, list[int]] | None:
    """The partition every name belongs to (each name one member, -1 for an optional one), if any."""
    plain = [_plain(n) for n in names]
    for partition in partitions():
        assigned: list[int] = []
        for name in plain:
            hits = [i for i, pattern in enumerate(partition.members) if pattern.search(name)]
            if len(hits) == 1:
                assigned.append(hits[0])
            elif not hits and any(p.search(name) for p in partition.optional):
                assigned.append(-1)
            else:
                break
        else:
            if len(set(i for i in assigned if i >= 0)) == len([i for i in assigned if i >= 0]) >= 2:
                return partition, assigned
    return None


def any_member(name: str) -> bool:
    """`name` names a member (or an optional member) of some partition: a list of parts can be a whole one
    only as far as its names all do."""
    plain = _plain(name)
    return any(p.search(plain) for partition in partitions() for p in partition.members + partition.optional)


def whole_partition(total: str, names: list[str]) -> Partition | None:
    """The partition `names` cover entirely, as components of `total`; None when a member is missing."""
    found = members_of(names)
    if found is None:
        return None
    partition, assigned = found
    if set(i for i in assigned if i >= 0) != set(range(len(partition.members))):
        return None
    name = _plain(total)
    if partition.excludes is not None and partition.excludes.search(name):
        return None
    needs = partition.needs_optional_when is not None and partition.needs_optional_when.search(name) and not (
        partition.unless is not None and partition.unless.search(name))
    if needs and -1 not in assigned:
        return None
    return partition


@cache
def _disjoint() -> tuple[tuple[re.Pattern, ...], ...]:
    return tuple(tuple(re.compile(p, re.IGNORECASE) for p in group) for group in (_data().get("disjoint") or ()))


SECTOR_WORDS = re.compile(r"\b(?:khu vực|kinh tế|thành phần)\b")


def disjoint(total: str, part: str) -> bool:
    """`part` is named by a category that never lies within `total`'s ("hộ cận nghèo" under "hộ nghèo"), or
    by another member of a breakdown by activity that names `total` ("các ngành dịch vụ khác" after "doanh thu
    dịch vụ lưu trú và ăn uống": the next line of the retail breakdown). Each piece of a total joined by
    "và" or a comma must name that one member: "bán lẻ hàng hóa và doanh thu dịch vụ" holds the others."""
    a, b = _plain(total), _plain(part)
    for group in _disjoint():
        first = [i for i, p in enumerate(group) if p.search(a)]
        second = [i for i, p in enumerate(group) if p.search(b)]
        if len(first) == 1 and len(second) == 1 and first != second:
            return True
    pieces = [piece.strip() for piece in re.split(r"\bvà\b|,", a) if piece.strip()]
    # by activity; by another criterion only for a total named as a sector ("khu vực kinh tế nhà nước"): an
    # owner's or an origin's word is said of totals that are no sector ("thu ngân sách nhà nước", "thu nội
    # địa", which holds what firms of foreign capital pay)
    sector = SECTOR_WORDS.search(a) is not None
    for partition in (p for p in partitions() if p.criterion == "activity" or sector):
        group = partition.members
        first = {tuple(i for i, p in enumerate(group) if p.search(piece)) for piece in pieces}
        second = [i for i, p in enumerate(group) if p.search(b)]
        if len(first) == 1 and len(next(iter(first))) == 1 and len(second) == 1 and first != {tuple(second)}:
            return True
    return False
