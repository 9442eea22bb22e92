""".docx reader: paragraphs in order, tables inside the text as grids, real footnotes linked to their marks.

Places: body paragraphs are numbered 1, 2, ... in document order counting the non-empty ones
(`where="paragraph 12"`); a footnote's paragraphs are `where="footnote 3"`, numbered as Word shows them (the
order of their first reference in the body). Bold/italic runs are kept as `Block.emphasis` hints for
indicator labels; footnote reference marks as `Block.markers`. Tables go to the table reader as
`Grid(origin="document-table")` named "table N".

The container is screened first (`readers.safety`: zip bombs, DOCTYPE/entities, damage), like a
workbook's, and the parts python-docx parses whole (the document, its footnotes) must be within
limits.document_mb: an lxml tree takes several times its XML in memory.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import replace

from check_report.document import FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, Block, Document
from check_report.readers.base import Cell, Grid, InputError, Source
from check_report.readers.encodings import convert_as, detect_legacy
from check_report.readers.limits import DEFAULT, MB, Limits
from check_report.readers.safety import DAMAGE, check_zip_container, one_line
from check_report.readers.text import split_long

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def read_docx(path: str, limits: Limits = DEFAULT) -> Source:
    check_zip_container(path, "docx", limits)
    _check_parts(path, limits)
    try:
        import docx  # python-docx: a dependency, imported only for .docx input
    except ImportError:
        raise InputError(f"{path}: reading .docx needs python-docx (pip install python-docx)") from None
    try:
        word = docx.Document(path)
        reader = _Reader(path, limits)
        reader.body(word.element.body)
        reader.footnotes(_footnotes_xml(word))
    except InputError:
        raise
    except DAMAGE as exc:
        raise InputError(f"{path}: not a readable .docx file ({type(exc).__name__}: {one_line(exc)})") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError for non-packages
        raise InputError(f"{path}: not a readable .docx file ({one_line(exc)})") from None
    legacy = reader.convert_legacy()
    document = Document(path=path, kind="docx", blocks=reader.blocks, tables=reader.raw_tables)
    notes = [f"converted from the legacy {legacy} encoding to Unicode (Decree 30/2020 requires Unicode fonts)"] \
        if legacy else []
    document.notes.extend(notes)
    return Source(path=path, kind="docx", grids=reader.grids, document=document, notes=list(notes))


def _check_parts(path: str, limits: Limits) -> None:
    """The XML parts python-docx parses whole stay within limits.document_mb."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [(i.filename, i.file_size) for i in archive.infolist() if i.filename.startswith("word/")
                     and i.filename.endswith(".xml")]
    except DAMAGE as exc:
        raise InputError(f"{path}: damaged docx file ({one_line(exc)})") from None
    for name, size in parts:
        if size > limits.document_mb * MB:
            raise InputError(f"{path}: " + limits.refusal(
                "document_mb", f"part {name!r} holds {size / MB:,.0f} MB of XML"))


def _footnotes_xml(word):
    for rel in word.part.rels.values():
        if rel.reltype == FOOTNOTES_REL and not rel.is_external:
            part = rel.target_part
            for attribute in ("element", "_element"):   # an lxml element's truth is its child count: test None
                element = getattr(part, attribute, None)
                if element is not None:
                    return element
            from docx.oxml import parse_xml

            return parse_xml(part.blob)
    return None


class _Reader:
    def __init__(self, path: str, limits: Limits = DEFAULT):
        self.path = path
        self.limits = limits
        self.blocks: list[Block] = []
        self.grids: list[Grid] = []
        self.raw_tables: list[list[list[str]]] = []
        self.paragraphs = 0
        self.footnote_numbers: dict[str, int] = {}   # Word's footnote id -> number shown

    def body(self, body) -> None:
        for child in body.iterchildren():
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)

    def paragraph(self, p, footnote: int | None = None) -> None:
        text, markers, emphasis = self.runs(p)
        text = unicodedata.normalize("NFC", text)
        if not text.strip():
            return
        lead = len(text) - len(text.lstrip())          # the space after a footnote's printed number
        if lead:
            text = text[lead:]
            markers = [(max(0, o - lead), n) for o, n in markers]
            emphasis = [(max(0, a - lead), max(0, b - lead), st) for a, b, st in emphasis]
        if footnote is None:
            self.paragraphs += 1
            where, kind = f"paragraph {self.paragraphs}", self.kind_of(p, text, emphasis)
        else:
            where, kind = f"footnote {footnote}", FOOTNOTE
        self.blocks.extend(split_long(Block(text=text, kind=kind, where=where, footnote=footnote,
                                            markers=tuple(markers), emphasis=tuple(emphasis))))

    def runs(self, p) -> tuple[str, list, list]:
        parts: list[str] = []
        markers, emphasis = [], []
        length = 0                                    # of "".join(parts), kept as runs are added
        for run in p.iter(W + "r"):
            ref = run.find(W + "footnoteReference")
            if ref is not None:
                markers.append((length, self.footnote_number(ref.get(W + "id"))))
                continue
            if run.find(W + "footnoteRef") is not None:
                continue                              # the number printed at the start of a footnote body
            text = "".join(_run_text(node) for node in run.iterchildren())
            if not text:
                continue
            start = length
            parts.append(text)
            length += len(text)
            style = _emphasis(run)
            if style:
                emphasis.append((start, start + len(text), style))
        return "".join(parts), markers, _merge(emphasis)

    def footnote_number(self, word_id: str) -> int:
        if word_id not in self.footnote_numbers:
            self.footnote_numbers[word_id] = len(self.footnote_numbers) + 1
        return self.footnote_numbers[word_id]

    @staticmethod
    def kind_of(p, text: str, emphasis: list) -> str:
        ppr = p.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        name = (style.get(W + "val") or "").lower() if style is not None else ""
        if name.startswith(("heading", "title")):
            return HEADING
        if ppr is not None and ppr.find(W + "numPr") is not None or "list" in name:
            return LIST_ITEM
        if emphasis and emphasis[0][:2] == (0, len(text)) and len(text) < 200:
            return HEADING
        return PARAGRAPH

    def table(self, tbl) -> None:
        rows = []
        for tr in tbl.iter(W + "tr"):
            rows.append([" ".join("".join(_run_text(n) for r in tc.iter(W + "r") for n in r.iterchildren()).split())
                         for tc in tr.iter(W + "tc")])
        if not rows:
            return
        width = max(len(r) for r in rows)
        index = len(self.grids) + 1
        self.limits.check_table(f"{self.path}: table {index}", len(rows), width)
        cells = [[Cell(v or None) for v in r] + [Cell(None)] * (width - len(r)) for r in rows]
        self.grids.append(Grid(name=f"table {index}", rows=cells, origin="document-table"))
        self.raw_tables.append(rows)

    def footnotes(self, root) -> None:
        if root is None:
            return
        bodies = {fn.get(W + "id"): fn for fn in root.iter(W + "footnote")}
        for word_id, number in sorted(self.footnote_numbers.items(), key=lambda kv: kv[1]):
            footnote = bodies.get(word_id)
            if footnote is None:
                continue
            for p in footnote.iter(W + "p"):
                self.paragraph(p, footnote=number)

    def convert_legacy(self) -> str | None:
        """Judge the encoding on the whole text (one paragraph is too short to tell), convert every block."""
        legacy = detect_legacy("\n".join(b.text for b in self.blocks))
        if legacy:
            self.blocks = [replace(b, text=unicodedata.normalize("NFC", convert_as(b.text, legacy)))
                           for b in self.blocks]
        return legacy


def _run_text(node) -> str:
    tag = node.tag
    if tag == W + "t":
        return node.text or ""
    if tag == W + "tab":
        return " "
    if tag in (W + "br", W + "cr"):
        return " "
    if tag == W + "noBreakHyphen":
        return "-"
    return ""


def _emphasis(run) -> str | None:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return None
    for tag, style in (("b", "bold"), ("i", "italic")):
        flag = rpr.find(W + tag)
        if flag is not None and flag.get(W + "val", "true") not in ("0", "false", "off"):
            return style
    return None


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, style in spans:
        if merged and merged[-1][2] == style and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end, style)
        else:
            merged.append((start, end, style))
    return merged
