"""Footnotes are numbered in order: markers 1, 2, 3 ... in the text, and their bodies in the same order.

What it checks
    Footnote markers in reading order must run 1, 2, 3 ... without gaps or repeats, and so must the
    bodies; a marker without a body (or a body without a marker) is flagged when the document has
    footnote bodies at all.

Why it matters
    Footnotes carry the breakdowns behind the totals: out of order, a total points at another total's
    components.

Failing example
    `... tăng 3,4%<sup>1</sup> ... đạt 88,1%<sup>3</sup> ... 17%<sup>2</sup>`

Passing example
    Markers 1, 2, 3 in that order, bodies 1, 2, 3 in that order.
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._text import locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem
from check_report.document import Block

ID = "footnote-order"
SUMMARY = {
    "en": "Footnote markers and bodies run 1, 2, 3 ... in order, each with its counterpart",
    "vi": "Chú thích được đánh số 1, 2, 3 ... theo thứ tự, dấu chú thích nào cũng có nội dung",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    markers = [(block, offset, number) for block in ctx.document.blocks if block.footnote is None
               for offset, number in block.markers]
    bodies = _bodies(ctx.document.blocks)
    yield from _sequence(ctx, [(b, max(0, o - 1), n) for b, o, n in markers], "marker")
    yield from _sequence(ctx, bodies, "footnote")
    if bodies:
        yield from _unmatched(ctx, markers, bodies)


def _bodies(blocks: list[Block]) -> list[tuple[Block, int, int]]:
    bodies = []
    for block in blocks:
        if block.footnote is not None and (not bodies or bodies[-1][2] != block.footnote):
            bodies.append((block, 0, block.footnote))
    return bodies


def _sequence(ctx, items, kind: str) -> Iterator[Problem]:
    last = 0
    for block, offset, number in items:
        if number != last + 1:
            key = f"check.footnote_order.{kind}_after" if last else f"check.footnote_order.{kind}_first"
            yield Problem(t(key, ctx.lang, number=number, last=last, expected=last + 1),
                          (locate(ctx.path, block, offset, offset + 1),), details={"number": number})
        last = number


def _unmatched(ctx, markers, bodies) -> Iterator[Problem]:
    marked = {n for _, _, n in markers}
    for block, _, number in bodies:
        if number not in marked:
            yield Problem(t("check.footnote_order.no_marker", ctx.lang, number=number),
                          (locate(ctx.path, block, 0, 1),), details={"number": number})
    have_body = {n for _, _, n in bodies}
    for block, offset, number in markers:
        if number not in have_body:
            yield Problem(t("check.footnote_order.no_body", ctx.lang, number=number),
                          (locate(ctx.path, block, max(0, offset - 1), offset),), details={"number": number})
