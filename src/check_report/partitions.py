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


@cache
def partitions() -> tuple[Partition, ...]:
    text = resources.files("check_report").joinpath("data", "partitions.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    found = []
    for entry in data["partitions"]:
        compile_ = lambda p: re.compile(p, re.IGNORECASE)  # noqa: E731 - one flag for every pattern
        needs, unless = entry.get("needs_optional_when"), entry.get("unless")
        found.append(Partition(entry["id"], entry.get("description", ""),
                               tuple(compile_(p) for p in entry["members"]),
                               tuple(compile_(p) for p in entry.get("optional", ())),
                               compile_(needs) if needs else None, compile_(unless) if unless else None))
    return tuple(found)


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


def whole_partition(total: str, names: list[str]) -> Partition | None:
    """The partition `names` cover entirely, as components of `total`; None when a member is missing."""
    found = members_of(names)
    if found is None:
        return None
    partition, assigned = found
    if set(i for i in assigned if i >= 0) != set(range(len(partition.members))):
        return None
    name = _plain(total)
    needs = partition.needs_optional_when is not None and partition.needs_optional_when.search(name) and not (
        partition.unless is not None and partition.unless.search(name))
    if needs and -1 not in assigned:
        return None
    return partition
