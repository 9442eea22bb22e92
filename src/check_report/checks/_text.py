"""Helpers the document checks share: quoting a match at its exact line, clauses, headings, outlook sections.

Not a check kind (not in the registry). Every regex that decides what counts as forward-looking or as a
heading lives here, so the checks agree with one another about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.document import Block, Document
from check_report.findings import Location

# heading numbers and the .docx header table are read where the report period is read (extraction needs them too)
from check_report.periods import header_table_blocks, heading_number  # noqa: F401

# Words that make a clause an intention rather than a result: "sẽ tổ chức", "dự kiến", "phấn đấu" ...
FORWARD_WORDS = re.compile(
    r"\b(?:sẽ|dự kiến|phấn đấu|chuẩn bị|hướng tới|tiến tới|định hướng|tầm nhìn|kế hoạch năm|đề ra|"
    r"chỉ tiêu|mục tiêu|tiếp tục|triển khai kế hoạch|đến năm|trong thời gian tới|sắp tới)\b",
    re.IGNORECASE,
)
# Headings of the sections that plan the next period: results are not reported there.
FORWARD_HEADING = re.compile(
    r"phương\s+hướng|nhiệm\s+vụ.{0,40}(?:tiếp\s+theo|trọng\s+tâm|thời\s+gian\s+tới|cuối\s+năm)", re.IGNORECASE)
# weaker words: "III. KẾ HOẠCH NĂM 2026" plans, "I. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH NĂM 2025" reports results
PLAN_HEADING = re.compile(r"kế\s+hoạch|giải\s+pháp|kiến\s+nghị|đề\s+xuất", re.IGNORECASE)
RESULTS_HEADING = re.compile(r"kết\s+quả|tình\s+hình|thực\s+hiện|đánh\s+giá", re.IGNORECASE)


def snippet(text: str, start: int, end: int, pad: int = 15) -> str:
    """The matched text with a little context, cut at word boundaries, as the reviewer will search for it."""
    left = max(0, start - pad)
    right = min(len(text), end + pad)
    while left > 0 and not text[left - 1].isspace() and start - left < pad + 15:
        left -= 1
    while right < len(text) and not text[right].isspace() and right - end < pad + 15:
        right += 1
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    return prefix + text[left:right].strip() + suffix


def locate(path: str, block: Block, start: int, end: int, pad: int = 15) -> Location:
    return Location(path=path, line=block.line_at(start), where=block.where,
                    text=snippet(block.text, start, end, pad))


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a match: up to the nearest '.', ';' or ':' followed by a space (dates keep their dots)."""
    left = 0
    for m in re.finditer(r"[.;:!?](?:\s|$)|\n", text[:start]):
        left = m.end()
    stop = re.search(r"[.;!?](?:\s|$)|\n", text[end:])
    right = end + stop.start() if stop else len(text)
    return left, right


def clause(text: str, start: int, end: int) -> str:
    left, right = clause_bounds(text, start, end)
    return text[left:right]


def blocks_with_outlook(document: Document) -> Iterator[tuple[Block, bool]]:
    """Every block with whether it stands in a section that plans ahead (under 'IV. PHƯƠNG HƯỚNG ...').

    Footnotes inherit the outlook of the section their body stands in, which is good enough: reports
    put footnote bodies near their markers.
    """
    forward = False
    for block in document.blocks:
        numbered = heading_number(block)
        if numbered and numbered[0] == 1:
            forward = _plans_ahead(block.text)
        yield block, forward


def _plans_ahead(heading: str) -> bool:
    if FORWARD_HEADING.search(heading):
        return True
    return bool(PLAN_HEADING.search(heading)) and not RESULTS_HEADING.search(heading)


def is_forward(text: str) -> bool:
    return FORWARD_WORDS.search(text) is not None


# a whole count or amount as Vietnamese reports write it, thousands grouped with dots: "1.572", "876.000.000"
WHOLE_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"


def numbers_in(m: re.Match, *groups: str) -> list | None:
    """The named groups of a match read as Vietnamese numbers (`numbers.Parsed`), or None when one is not."""
    from check_report.numbers import VI, parse_number

    parsed = [parse_number(m.group(name), VI) for name in groups]
    return None if None in parsed else parsed


def figures_of(path: str, block: Block, m: re.Match, numbers: list, roles: dict[str, str]) -> tuple:
    """The figures of a match (`numbers_in` of the groups named in `roles`, in that order), each where it is
    written: a finding shows them, and coverage counts them as checked."""
    from check_report.findings import Figure

    return tuple(Figure(role, n.value, n.lower, n.upper, m.group(group), locate(path, block, m.start(group), m.end(group)),
                        n.decimals)
                 for (group, role), n in zip(roles.items(), numbers))


def matches(document: Document | None, pattern: re.Pattern) -> Iterator[tuple[Block, re.Match]]:
    """Every match of `pattern` in the document's blocks, with its block (none without a document)."""
    for block in document.blocks if document is not None else ():
        for m in pattern.finditer(block.text):
            yield block, m


def matches_unless(document: Document, pattern: re.Pattern, before: re.Pattern) -> Iterator[tuple[Block, re.Match]]:
    """Every match of `pattern`, with its block, unless the clause before it contains `before` (a rate's
    subject, an average: what makes the match mean something else)."""
    for block in document.blocks:
        text = block.text
        for m in pattern.finditer(text):
            start, _end = clause_bounds(text, m.start(), m.end())
            if not before.search(text[start:m.start()]):
                yield block, m
