"""Headings are numbered in sequence: I, II, III ... and, under each, 1, 2, 3 ...

What it checks
    Roman-numbered headings (`I.`, `II.` ...) must follow one another without gaps or repeats; arabic
    ones (`1.`, `2.` ...) likewise under each Roman heading. Numbered paragraphs count whatever their length
    (`1. Thu ngân sách … 2. Diện tích …`), so a long one never hides its number from the sequence. A numbered list that starts again at 1 inside
    a section is a nested list, not an error; the outer numbering may resume after it. The document's very
    first heading may have any number: an excerpt or a second part goes on from an earlier one.

Why it matters
    A skipped or repeated number suggests a section was deleted or pasted twice, and makes the report
    hard to refer to (`mục II.3`).

Failing example
    `I. ...`, `II. ...`, `IV. ...` or, under II, `1. ...`, `2. ...`, `4. ...`

Passing example
    `I.`, `II.`, `III.`, `IV.`, and under each `1.`, `2.`, `3.`
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report.checks._text import heading_number, locate
from check_report.i18n import t
from check_report.checks.base import CheckContext, Problem

ID = "heading-sequence"
SUMMARY = {
    "en": "Headings are numbered in sequence (I, II, III; 1, 2, 3)",
    "vi": "Các đề mục được đánh số liên tục (I, II, III; 1, 2, 3)",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    if ctx.document is None:
        return
    stacks: dict[int, list[int]] = {1: [], 2: []}
    kinds: dict[int, str] = {}
    for block in ctx.document.blocks:
        numbered = heading_number(block, any_length=True)
        if numbered is None:
            continue
        level, number, label = numbered
        if level == 1:
            stacks[2] = []
            kinds.pop(2, None)
        # "1." right after "1." in the same presentation repeats the number; otherwise it opens a nested list
        same_kind = kinds.get(level) == block.kind
        kinds[level] = block.kind
        opening = not any(stacks.values())
        expected = _place(stacks[level], number, nested_ok=not (same_kind and stacks[level][-1:] == [1]))
        if expected is None or opening:
            continue    # the first heading of all may go on from an earlier part ("(Phần 2)" opening at "4.")
        key = "check.heading_sequence.after" if expected > 1 else "check.heading_sequence.first"
        yield Problem(t(key, ctx.lang, label=label, previous=_shown(level, expected - 1),
                        expected=_shown(level, expected)),
                      (locate(ctx.path, block, 0, min(len(block.text), 60), pad=0),),
                      details={"number": number, "expected": expected})


def _place(stack: list[int], number: int, nested_ok: bool = True) -> int | None:
    """Fit `number` into the nested sequences; returns the number expected when it fits none."""
    if not stack:
        stack.append(number)
        return None if number == 1 else 1
    for depth in range(len(stack) - 1, -1, -1):
        if number == stack[depth] + 1:
            del stack[depth + 1:]
            stack[depth] = number
            return None
    if number == 1 and nested_ok:
        stack.append(number)
        return None
    expected = stack[-1] + 1
    stack[-1] = number
    return expected


def _shown(level: int, number: int) -> str:
    if level == 2:
        return str(number)
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in numerals:
        while number >= value:
            out, number = out + numeral, number - value
    return out or "-"
