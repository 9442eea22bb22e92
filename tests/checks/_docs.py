"""Build Documents from text for the checks' tests, without depending on the text reader.

One Block per non-empty line, 1-based line numbers; markdown `#`, `**`, `*`, `\\*` stripped; a line that
starts with `<sup>n</sup>` is the body of footnote n; other `<sup>n</sup>` are footnote markers.
"""

from __future__ import annotations

import re
from pathlib import Path

from check_report.document import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, Block, Document

SUP = re.compile(r"<sup>\s*(\d+)\s*</sup>")


def block_from_line(raw: str, line: int) -> Block | None:
    text = raw.replace("\\*", "").replace("**", "").replace("*", "").strip()
    kind = PARAGRAPH
    if text.startswith("#"):
        kind, text = HEADING, text.lstrip("#").strip()
    footnote = None
    head = SUP.match(text)
    if head:
        kind, footnote, text = FOOTNOTE, int(head.group(1)), text[head.end():].strip()
    elif text.startswith(("- ", "+ ")):
        kind = LIST_ITEM
    markers = []
    pieces = []
    length = 0
    last = 0
    for m in SUP.finditer(text):
        pieces.append(text[last:m.start()])
        length += m.start() - last
        markers.append((length, int(m.group(1))))
        last = m.end()
    pieces.append(text[last:])
    plain = "".join(pieces).strip()
    if not plain:
        return None
    return Block(plain, kind=kind, line=line, footnote=footnote, markers=tuple(markers))


def doc_from_text(text: str, path: str = "report.md") -> Document:
    blocks = []
    for number, raw in enumerate(text.splitlines(), start=1):
        block = block_from_line(raw, number)
        if block is not None:
            blocks.append(block)
    return Document(path=path, kind="md", blocks=blocks)


def doc_from_file(path: Path) -> Document:
    return doc_from_text(path.read_text(encoding="utf-8"), path=str(path))
