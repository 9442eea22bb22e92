"""Stated breakdowns: which facts are components of which total.

Three shapes in Vietnamese reports, all turned into the `parent` / `complete` columns the rule packs check:
- inline: `416 hồ sơ (trong đó: 179 hồ sơ ...; 50 hồ sơ ...)` is partial (children <= total);
  `416 hồ sơ, gồm: ...` / `bao gồm` is complete (children = total);
- bullets: a statement followed by a `Trong đó:` line and `+` items, each `+` item a component;
- footnotes: the statements of footnote n are components of the statement carrying mark n, when they state
  the same measures (a footnote of remarks or lists is not a breakdown).
"""

from __future__ import annotations

from check_report import facts as F
from check_report.document import LIST_ITEM, Block
from check_report.extract import prose_patterns as P
from check_report.extract.prose_statements import Segment, Stated

VALUE_MEASURES = (F.COUNT, F.AMOUNT, F.MONTH, F.CUMULATIVE)
# a total stated only as a rate ("GRDP tăng 6,5%, gồm: ...") and the rates of its components
RATE_MEASURES = (F.GROWTH, F.CONTRIBUTION, F.SHARE)
# how far before "trong đó"/"gồm" the total may stand
PARENT_REACH = 90


def link_inline(text: str, depths: list[int], segments: list[Segment]) -> None:
    stated = sorted((s for seg in segments for s in seg.stated), key=lambda s: s.offset)
    for pattern, complete in ((P.PARTIAL, False), (P.COMPLETE, True)):
        for m in pattern.finditer(text):
            depth = depths[min(m.start(), len(depths) - 1)]
            parent = _parent_before(text, stated, m.start(), depth)
            if parent is None:
                continue
            end = _region_end(text, depths, m.end(), depth)
            children = _children(stated, m.end(), end, depth, parent.entity)
            _attach(stated, parent.entity, children, complete and len(children) >= 2)
            _inherit_period(stated, parent, children)


def _parent_before(text: str, stated: list[Stated], pos: int, depth: int) -> Stated | None:
    for s in reversed([s for s in stated if s.offset < pos]):
        rate_total = s.measure == F.GROWTH and s.named
        if s.depth > depth or s.linked or not (s.measure in VALUE_MEASURES or rate_total):
            continue
        between = text[s.figure.unit_end:pos].rstrip()
        between = between[:-1] if between.endswith(";") else between   # "...28.500 lao động; trong đó ..."
        if len(between) > PARENT_REACH or ". " in between or ";" in between:
            return None
        return s
    return None


def _region_end(text: str, depths: list[int], start: int, depth: int) -> int:
    for i in range(start, len(text)):
        if depths[i] < depth or (depth == 0 and text[i] == "." and (i + 1 == len(text) or text[i + 1] == " ")):
            return i
    return len(text)


def _children(stated: list[Stated], start: int, end: int, depth: int, parent: str) -> list[str]:
    entities: list[str] = []
    for s in stated:
        component = s.measure in VALUE_MEASURES or s.measure in RATE_MEASURES and s.named
        if start <= s.offset < end and s.depth == depth and component and not s.linked \
                and s.entity != parent and s.entity not in entities:
            entities.append(s.entity)
    return entities


def _attach(stated: list[Stated], parent: str, children: list[str], complete: bool) -> None:
    for s in stated:
        if s.entity in children and s.parent is None:
            s.parent = parent
        if complete and s.entity == parent:
            s.complete = True


def _inherit_period(stated: list[Stated], parent: Stated, children: list[str]) -> None:
    """"3 tháng ước thực hiện 250 tỷ đồng, trong đó thu nội địa 200 tỷ đồng": a plain component of a month or
    cumulative value is a value of the same period."""
    if parent.measure not in (F.MONTH, F.CUMULATIVE):
        return
    for s in stated:
        if s.entity in children and s.measure in (F.COUNT, F.AMOUNT) and s.measure == _plain_measure(parent):
            s.measure, s.period = parent.measure, parent.period


def _plain_measure(parent: Stated) -> str:
    return F.AMOUNT if parent.figure.kind == "money" else F.COUNT


def link_bullets(blocks: list[Block], segments_by_block: list[list[Segment]]) -> None:
    """`- Total ...` / `Trong đó:` / `+ component` / `+ component`. Word lists lose the `+`; there a component
    is a list item without the bold label that the totals' items open with."""
    parent_entity = None
    in_list = False
    for block, segments in zip(blocks, segments_by_block):
        text = block.text
        if P.BREAKDOWN_HEADER.match(text):
            in_list = parent_entity is not None
            continue
        if text.rstrip().lower().endswith(("trong đó:", "trong đó")):
            parent_entity = _statement_entity(segments, last=True) or parent_entity
            in_list = parent_entity is not None
            continue
        if in_list and _is_component_item(block):
            child = _statement_entity(segments)
            if child is not None:
                for seg in segments:
                    for s in seg.stated:
                        if s.entity == child and s.parent is None:
                            s.parent = parent_entity
            continue
        in_list = False
        parent_entity = _statement_entity(segments, last=True) or (None if segments else parent_entity)


def _is_component_item(block: Block) -> bool:
    if P.BULLET_CHILD.match(block.text):
        return True
    labelled = bool(block.emphasis) and block.emphasis[0][0] <= 2
    return block.kind == LIST_ITEM and not labelled and not P.BULLET_PARENT.match(block.text)


def _statement_entity(segments: list[Segment], last: bool = False) -> str | None:
    order = reversed(segments) if last else segments
    for seg in order:
        if any(s.entity == seg.entity and s.measure in VALUE_MEASURES for s in seg.stated):
            return seg.entity
    return None


def link_footnotes(marks: list[tuple[int, list[Segment]]], bodies: dict[int, list[list[Segment]]]) -> None:
    """marks: (footnote number, segments of the statement carrying the mark)."""
    for number, carrier in marks:
        parent = _statement_entity(carrier, last=True)
        if parent is None:
            continue
        parent_measures = {s.measure for seg in carrier for s in seg.stated if s.entity == parent}
        for segments in bodies.get(number, []):
            for seg in segments:
                measures = {s.measure for s in seg.stated if s.entity == seg.entity}
                if not measures & parent_measures & set(VALUE_MEASURES):
                    continue
                for s in seg.stated:
                    if s.entity == seg.entity and s.parent is None:
                        s.parent = parent
