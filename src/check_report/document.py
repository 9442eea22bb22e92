"""A prose document as the extractors and document checks see it: plain-text blocks with exact places.

Readers for .md, .txt and .docx produce a `Document`; markup is stripped from `Block.text` but every
block keeps where it stands in the user's file, so a finding can quote the text at its line (or paragraph
or footnote). Tables found inside a document are handed on as raw grids for the table reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
FOOTNOTE = "footnote"      # the body of a footnote; Block.footnote holds its number
TABLE_CELL = "table_cell"


@dataclass(frozen=True)
class Block:
    text: str                               # plain text, markup stripped, NFC-normalised
    kind: str = PARAGRAPH
    line: int | None = None                 # 1-based line of the block in the file as given (.md/.txt)
    where: str | None = None                # "paragraph 12", "footnote 3" (.docx)
    footnote: int | None = None             # number of the footnote this block is the body of
    # footnote reference marks inside the text: (offset in `text` just after the mark's anchor, number)
    markers: tuple[tuple[int, int], ...] = ()
    # emphasised spans (start, end, "bold" | "italic"): hints for indicator labels
    emphasis: tuple[tuple[int, int, str], ...] = ()
    # `text` offset -> 1-based line, for blocks that span several physical lines; empty when one line
    line_starts: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int | None:
        """The file line of a character of `text` (blocks spanning several lines map each part)."""
        from bisect import bisect_right

        at = bisect_right(self.line_starts, (offset, float("inf")))   # a binary search: a block may span
        return self.line_starts[at - 1][1] if at else self.line       # thousands of lines


@dataclass
class Document:
    path: str
    kind: str                                       # "md" | "txt" | "docx"
    blocks: list[Block] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)  # raw grids of tables inside the text
    notes: list[str] = field(default_factory=list)  # e.g. "converted from TCVN3 encoding"

    def footnote_bodies(self) -> dict[int, list[Block]]:
        bodies: dict[int, list[Block]] = {}
        for block in self.blocks:
            if block.footnote is not None:
                bodies.setdefault(block.footnote, []).append(block)
        return bodies
