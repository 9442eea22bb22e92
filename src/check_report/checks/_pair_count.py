"""How many pairs of mentions a pair test accepts, counted without testing every pair. Not a check kind.

`checks.crossmention` leaves two mentions of one indicator uncompared when they might be one figure but
part of an identity is not sure, and the coverage line says how many such pairs there are. One indicator
stated a thousand times has half a million pairs: testing each is quadratic; counting them need not be.

Mentions alike in everything the test reads of them but their statements (the given fields, their name
keys, the names of the whole they are a part of) are one kind. Whether a mention of kind A pairs with an
earlier one of kind B is decided once, by the test itself on stand-ins of the two kinds that have a
statement and a whole of their own. What the two statements decide (one statement; a part and its whole;
two parts of one whole) is then taken off the number of earlier mentions of B, by inclusion-exclusion over
running counts. A stand-in refuses to tell a field it was not given (`UnreadField`): a test reading more
than it declares would make the kinds decide wrongly.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from check_report import facts as F

# the stand-ins' statements and wholes: never a statement of the text
_ROW, _ROW_WHOLE, _OTHER, _OTHER_WHOLE = "\0row", "\0row's whole", "\0other", "\0other's whole"


def count_pairs(rows: list, names: dict, related: Callable, fields: tuple, *, statement: Callable,
                family: Callable) -> int:
    """The number of pairs (earlier, later) of `rows` [(label, row, name keys)], labels distinct, for which
    `related(earlier, its keys, later, its keys, names)` holds. What the test may read, and no more: the
    `fields`; the name keys (it holds only for mentions sharing one, of one `family`); the statement
    (`statement(row)`, ENTITY) and the whole a mention is a part of (PARENT, a statement), only to say that
    two mentions of one statement, a part and its whole, or two parts of one whole are no pair; and the names
    of the wholes (`names[parent]`), only to say that parts of two wholes named apart are none."""
    row_kinds, partners = _kinds(rows, names, related, fields, family)
    seen, by_statement, by_whole, by_both = Counter(), Counter(), Counter(), Counter()
    total = 0
    for (_, row, _), kind in zip(rows, row_kinds):
        own, whole = statement(row), row.get(F.PARENT)
        whole = whole if isinstance(whole, str) else None
        ties = {own, whole} - {None}
        for other in partners[kind]:
            # earlier mentions of `other` that are no pair with this one: those whose statement is this one's
            # or its whole's (statement in `ties`), or whose whole is (whole in `ties`)
            stated = sum(by_statement[other, tie] for tie in ties)
            parts = sum(by_whole[other, tie] for tie in ties)
            both = sum(by_both[other, tie, tied] for tie in ties for tied in ties)
            total += seen[other] - (stated + parts - both)
        seen[kind] += 1
        by_statement[kind, own] += 1
        if whole is not None:
            by_whole[kind, whole] += 1
            by_both[kind, own, whole] += 1
    return total


def _kinds(rows: list, names: dict, related: Callable, fields: tuple,
           family: Callable) -> tuple[list[int], list[list[int]]]:
    """Each mention's kind, and for each kind the kinds it pairs with when the statements allow. A kind is
    held only against kinds sharing a name key and a family, whose wholes may be named alike: the parts of
    a hundred wholes named apart are never held against each other."""
    kinds: dict[tuple, int] = {}
    stand_ins: list[tuple[dict, set, frozenset]] = []
    by_key: dict[tuple, set[int]] = {}        # (name key, family) -> kinds
    by_whole: dict[tuple, set[int]] = {}      # (name key, family, a name of the whole or None) -> kinds
    row_kinds = []
    for _, row, keys in rows:
        whole_names = frozenset(names.get(row.get(F.PARENT)) or ())
        signature = (frozenset(keys), whole_names) + tuple((type(row.get(f)), _hashable(row.get(f)))
                                                           for f in fields)
        kind = kinds.setdefault(signature, len(kinds))
        if kind == len(stand_ins):
            stand_ins.append(({f: row.get(f) for f in fields}, keys, whole_names))
            for key in keys:
                by_key.setdefault((key, family(row)), set()).add(kind)
                for name in whole_names or (None,):
                    by_whole.setdefault((key, family(row), name), set()).add(kind)
        row_kinds.append(kind)
    partners = []
    for values, keys, whole_names in stand_ins:
        row = _StandIn(values, **{F.ENTITY: _ROW, F.PARENT: _ROW_WHOLE})
        candidates = set()
        for key in keys:        # wholes both named and never alike: the test says no, it is not asked
            if not whole_names:
                candidates.update(by_key[(key, family(row))])
                continue
            for name in (None, *whole_names):
                candidates.update(by_whole.get((key, family(row), name), ()))
        pairing = []
        for other in sorted(candidates):
            other_values, other_keys, other_names = stand_ins[other]
            wholes = {whole: named for whole, named in ((_ROW_WHOLE, whole_names), (_OTHER_WHOLE, other_names))
                      if named}
            if related(_StandIn(other_values, **{F.ENTITY: _OTHER, F.PARENT: _OTHER_WHOLE}), other_keys, row, keys,
                       wholes):
                pairing.append(other)
        partners.append(pairing)
    return row_kinds, partners


class UnreadField(KeyError):
    """The pair test read a field of a mention it did not declare: mentions of one kind may differ in it, so
    the kinds no longer decide for their mentions."""


class _StandIn(dict):
    """A kind's mention: its fields, a statement of its own and a whole of its own (named as its kind's
    whole is); any other field is unread."""

    def __missing__(self, key):
        raise UnreadField(f"{key!r}: the pair test reads it; declare it among its fields")

    def get(self, key, default=None):
        return self[key]


def _hashable(value):
    """A field's value as part of a kind: every NaN is one value (they behave alike in any test)."""
    return "NaN" if isinstance(value, float) and math.isnan(value) else value
