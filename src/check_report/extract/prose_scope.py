"""Whose a figure is: the place a passage speaks of, part of a prose figure's identity.

A report speaks of its own area (the body in its header: "UBND HUYỆN KIẾN AN"), and sometimes of another:
a round-up lists provinces one after another ("TP. Hồ Chí Minh … Tổng doanh thu du lịch ước đạt 49.681 tỷ
đồng" … "Quảng Ninh … Doanh thu du lịch ước đạt 12.129 tỷ đồng"), a district report quotes the province
("toàn tỉnh Quảng Nam có …"), a paragraph is about one commune ("Xã Bình Long …"). The same words then
name different figures, and comparing them would be a false alarm.

A place is a province or city of `data/places.yaml` or a name after an administrative marker ("huyện Võ
Nhai", "TP. Hải Phòng", "xã Bình Long"). A named place other than the report's own sets the scope of the
figures after it in its paragraph and the paragraphs that follow, until another place is named or a numbered
heading opens a section without one (back to the report's own, ""). Places inside a cited document ("Quyết
định số 12/QĐ-UBND của UBND tỉnh …") and the issuer words before them are not a change of subject. A
paragraph opened with the unit it is about ("Riêng Cục Thuế, …", "Tại các Chi cục Thuế, …") has that unit
in its figures' scope, for that paragraph only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from check_report.document import Block, Document
from check_report.folding import fold
from check_report.periods import heading_number

MARKER = (r"(?:TP\.?|Tp\.?|T\.P\.?|thành\s+phố|tỉnh|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)")
_MARKED = re.compile(rf"(?<![\w.]){MARKER}\s+(?P<name>(?:[^\W\d_][\w-]*\.?\s+){{0,3}}[^\W\d_][\w-]*)",
                     re.IGNORECASE)
# a cited document, before the place it was issued by: its place says who issued it, not whose figures follow
_CITED = re.compile(r"(?:nghị\s+quyết|quyết\s+định|kế\s+hoạch|công\s+văn|thông\s+báo|chỉ\s+thị|chương\s+trình|"
                    r"đề\s+án|báo\s+cáo|tờ\s+trình|văn\s+bản)\s+(?:số\s+)?[\w/.-]*\d[^.;]{0,60}$", re.IGNORECASE)
# a paragraph opened with the unit it is about, not a place: "Riêng Cục Thuế, …", "Tại các Chi cục Thuế, …"
# (a period is no unit: "Riêng tháng 12, …", "Riêng trong quý I, …")
_UNIT_FRAME = re.compile(r"^\W{0,3}(?:riêng|tại)\s+(?:các\s+)?(?!(?:trong|tháng|quý|năm|kỳ|đợt|ngày|đầu|cuối|"
                         r"\d)\b)(?P<unit>[^\W\d_][^,:;.()]{1,40}?)\s*,", re.IGNORECASE)
HEADER_BLOCKS = 8
HEADER_CHARS = 160


@cache
def _gazetteer() -> tuple[re.Pattern, re.Pattern]:
    from check_report.checks._data import load

    data = load("places.yaml")
    names = sorted({str(n) for n in data["provinces"]}, key=len, reverse=True)
    provinces = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    country = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(str(n)) for n in data["country"]) + r")(?![\w])",
                         re.IGNORECASE)
    return provinces, country


def _capitalised(name: str) -> str:
    """The capitalised words a marker is followed by ("Hải Phòng", "Bình Long"), else ""."""
    words = []
    for word in name.split():
        if not word[:1].isupper():
            break
        words.append(word.rstrip("."))
        if word.endswith("."):
            break                     # "TP. HCM. Địa phương này …": the sentence ends with the name
    return " ".join(words)


def mentions(text: str) -> list[tuple[int, str]]:
    """(offset, folded name) of every place named in `text`, in order."""
    pattern, country = _gazetteer()
    found: dict[int, str] = {}
    marked: list[tuple[int, int]] = []
    for m in _MARKED.finditer(text):
        name = _capitalised(m.group("name"))
        if name and not _CITED.search(text, max(0, m.start() - 90), m.start()):
            found[m.start()] = fold(name)
            marked.append((m.start(), m.start("name") + len(name)))
    for m in pattern.finditer(text):
        if not any(start <= m.start() < end for start, end in marked) and \
                not _CITED.search(text, max(0, m.start() - 90), m.start()):
            found[m.start()] = fold(m.group(0))
    for m in country.finditer(text):
        found.setdefault(m.start(), "cả nước")
    return sorted(found.items())


def only_place(text: str) -> bool:
    """The words name a place and nothing else ("Lâm Đồng", "tỉnh Đắk Nông"): whose figure, not which."""
    words = fold(" ".join(text.split()))
    return any(words == name or words.endswith(" " + name) and len(words.split()) <= len(name.split()) + 2
               for at, name in mentions(text) if at <= 12)


def _same(name: str, own: set[str]) -> bool:
    return any(name == o or name.endswith(" " + o) or o.endswith(" " + name) for o in own)


@dataclass
class Scopes:
    """The scope of every figure of one document, read block by block in order."""

    own: set[str]
    national: bool
    current: str = ""
    changes: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Document) -> Scopes:
        """The report's own area: the places its header names ("UBND HUYỆN VÕ NHAI", the title), read up to
        the first sentence of the body."""
        own: set[str] = set()
        for block in document.blocks[:HEADER_BLOCKS]:
            text = block.text.strip()
            if len(text) > HEADER_CHARS or text.endswith((".", ";", ":")) and len(text) > 40:
                break
            if heading_number(block) is not None:
                continue              # "1. TP. Hồ Chí Minh": a section about a place, not the report's header
            own.update(name for _, name in mentions(text) if name != "cả nước")
        return cls(own=own, national=not own)

    def read(self, index: int, block: Block, heading: bool) -> None:
        """Note the places block `index` names; a numbered heading without one goes back to the report's own."""
        here = []
        for offset, name in mentions(block.text):
            if name == "cả nước" and self.national or _same(name, self.own):
                name = ""
            here.append((offset, name))
        if heading and not here:
            self.current = ""
        frame = _UNIT_FRAME.match(block.text)
        if frame and not any(offset < frame.end() for offset, _ in here):
            # the unit holds for its paragraph only: the next one goes back to the place before it
            self.changes[index] = [(-1, f"{self.current}/{fold(frame.group('unit'))}")] + here
        else:
            self.changes[index] = [(-1, self.current)] + here
        if here:
            self.current = here[-1][1]

    def at(self, index: int, offset: int) -> str:
        """The scope of a figure at `offset` in block `index` ("" for the report's own area)."""
        scope = ""
        for start, name in self.changes.get(index, [(-1, "")]):
            if start > offset:
                break
            scope = name
        return scope
