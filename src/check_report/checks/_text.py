"""Helpers the document checks share: quoting a match at its exact line, clauses, headings, outlook sections.

Not a check kind (not in the registry). Every regex that decides what counts as forward-looking or as a
heading lives here, so the checks agree with one another about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report.document import FOOTNOTE, HEADING, TABLE_CELL, Block, Document
from check_report.findings import Location

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
ROMAN_HEADING = re.compile(r"^\s*([IVXL]{1,6})\s*[.:)]\s+\S")
ARABIC_HEADING = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(?!\d)\S")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
MAX_HEADING_CHARS = 250      # a numbered line longer than this is a paragraph, not a heading


def msg(lang: str, en: str, vi: str) -> str:
    return vi if lang == "vi" else en


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


def roman_value(numeral: str) -> int:
    total = 0
    values = [ROMAN_VALUES[c] for c in numeral.upper()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


def heading_number(block: Block) -> tuple[int, int, str] | None:
    """(level, number, label) of a numbered heading: level 1 = I, II ...; level 2 = 1, 2 ... (else None)."""
    if block.kind in (FOOTNOTE, TABLE_CELL) or block.footnote is not None:
        return None
    text = block.text.lstrip("#*_ \t")
    roman = ROMAN_HEADING.match(text)
    if roman and (block.kind == HEADING or len(text) <= MAX_HEADING_CHARS):
        return 1, roman_value(roman.group(1)), roman.group(1)
    arabic = ARABIC_HEADING.match(text)
    if arabic and (block.kind == HEADING or len(text) <= MAX_HEADING_CHARS):
        return 2, int(arabic.group(1)), arabic.group(1)
    return None


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


HEADER_TABLE_CELL_CHARS = 150


def header_table_blocks(document: Document) -> list[Block]:
    """The cells of a .docx header table (agency and `Số:` left, date line right) as blocks of `table 1`.

    Word reports lay their header out in a borderless table, which the reader hands on as a raw grid
    rather than as blocks; the first table is the header when one of its cells reads `Số` or `ngày`.
    """
    if not document.tables:
        return []
    cells = [cell for row in document.tables[0] for cell in row
             if cell and len(cell) <= HEADER_TABLE_CELL_CHARS]
    if not any(re.search(r"\bSố\b|\bngày\b", cell, re.IGNORECASE) for cell in cells):
        return []
    return [Block(text=cell, kind=TABLE_CELL, where="table 1") for cell in cells]


def is_forward(text: str) -> bool:
    return FORWARD_WORDS.search(text) is not None
