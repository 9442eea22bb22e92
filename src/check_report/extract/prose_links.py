"""Breakdowns stated across blocks or without a cue: which facts are components of which total.

- bullets: a statement followed by a `Trong đó:` line and `+` items, each `+` item a component;
- footnotes: the statements of footnote n are components of the head statement of the sentence carrying mark
  n, when the footnote opens with "Trong đó:" or states the same measures (a footnote of remarks or lists is
  not a breakdown);
- exhaustive splits named without a cue ("khu vực nhà nước …, ngoài nhà nước …, vốn FDI …"): components
  that name every member of a standard partition (`check_report.partitions`) belong to the total before them.
Inline "trong đó" / "gồm" breakdowns are read in `prose_breakdowns`, whose helpers these share.
"""

from __future__ import annotations

from check_report import facts as F
from check_report.document import LIST_ITEM, Block
from check_report.extract import prose_patterns as P
from check_report.extract.prose_breakdowns import (VALUE_MEASURES, is_average, inherit_period, values_of)
from check_report.extract.prose_model import Stated, Statement
from check_report.extract.prose_parts import addable
from check_report.partitions import any_member, whole_partition


def link_bullets(blocks: list[Block], statements_by_block: list[list[Statement]]) -> None:
    """`- Total ...` / `Trong đó:` / `+ component` / `+ component`. Word lists lose the `+`; there a component
    is a list item without the bold label that the totals' items open with."""
    parent = None
    in_list = dash_parts = False
    for block, statements in zip(blocks, statements_by_block):
        text = block.text
        if P.BREAKDOWN_HEADER.match(text):
            in_list = parent is not None
            continue
        if text.rstrip().lower().endswith(("trong đó:", "trong đó")):
            parent = _head_value(statements, last=True) or parent
            in_list = parent is not None
            # a paragraph's "trong đó:" opens its parts with "-" (a "- total" item's, with "+")
            dash_parts = block.kind != LIST_ITEM and not P.BULLET_PARENT.match(text)
            continue
        if in_list and (_is_component_item(block) or dash_parts and P.BULLET_PARENT.match(text)):
            # "- Vốn NSNN do địa phương quản lý: 40.687 dự án, với số vốn …: 96.052 tỷ đồng": the part of the
            # total's kind (its amount under the amount), else the item's head
            child = _head_value(statements, kind=parent.figure.kind) or _head_value(statements)
            if child is not None and addable(parent, child):   # never areas in ha under an output in tấn
                for st in statements:
                    for s in st.stated:
                        if s.entity == child.entity and s.parent is None:
                            s.parent = parent.entity
                inherit_period([s for st in statements for s in st.stated], [parent], [child.entity])
            continue
        in_list = False
        parent = _head_value(statements, last=True) or (None if statements else parent)


def _is_component_item(block: Block) -> bool:
    if P.BULLET_CHILD.match(block.text):
        return True
    labelled = bool(block.emphasis) and block.emphasis[0][0] <= 2
    return block.kind == LIST_ITEM and not labelled and not P.BULLET_PARENT.match(block.text)


def _head_value(statements: list[Statement], last: bool = False, kind: str | None = None) -> Stated | None:
    """The value a statement is about: its figure for the longest period (3 tháng over tháng 03)."""
    order = reversed(statements) if last else statements
    for st in order:
        values = [s for s in st.stated if s.entity == st.entity and s.measure in VALUE_MEASURES and s.named and
                  (kind is None or s.figure.kind == kind)]
        if values:
            return max(values, key=lambda s: (s.measure == F.CUMULATIVE, s.period.end - s.period.start
                                              if s.period is not None else -1))
    return None


def link_footnotes(marks: list[tuple[int, list[Statement]]], bodies: dict[int, list[tuple[Block, list[Statement]]]]
                   ) -> None:
    """marks: (footnote number, the statements of the sentence carrying the mark)."""
    for number, carrier in marks:
        parent = _head_value(carrier)
        if parent is None:
            continue
        parent_measures = {s.measure for st in carrier for s in st.stated if s.entity == parent.entity}
        for block, statements in bodies.get(number, []):
            breakdown = bool(P.BREAKDOWN_OPENING.match(block.text))
            children = []
            for st in statements:
                own = [s for s in st.stated if s.entity == st.entity or not s.named]
                measures = {s.measure for s in own if s.entity == st.entity}
                kinds = {s.figure.kind for s in own if s.measure in VALUE_MEASURES}
                if breakdown and parent.figure.kind in kinds:
                    children.extend(dict.fromkeys(s.entity for s in own if s.measure in VALUE_MEASURES
                                                  and s.figure.kind == parent.figure.kind))
                elif measures & parent_measures & {F.MONTH, F.CUMULATIVE} and st.subject_sure and parent.explicit \
                        and any(s.explicit for s in own if s.entity == st.entity):
                    children.append(st.entity)           # the same flows, month and months to date
            every = [s for st in statements for s in st.stated]
            for s in every:
                if s.entity in children and s.parent is None and s.entity != parent.entity:
                    s.parent = parent.entity
            totals = values_of([s for st in carrier for s in st.stated], parent.entity)
            inherit_period(every, totals or [parent], list(dict.fromkeys(children)))


def link_partitions(statements: list[Statement]) -> None:
    """Components that name every member of a standard partition, stated right after a total of the same
    kind with no cue, are the whole of that total ("Vốn đầu tư … 10.250 tỷ đồng; khu vực nhà nước …,
    ngoài nhà nước …, có vốn đầu tư nước ngoài …")."""
    heads = [st for st in statements if st.depth == 0 and st.subject and _head_value([st]) is not None]
    # a part can be in a whole partition only if its name is a member of some partition: the runs tried stop at
    # the first that is not (a paragraph of a thousand clauses is otherwise tried prefix by prefix, each anew)
    member = [any_member(st.subject) for st in heads]
    for start in range(len(heads)):
        total = heads[start]
        run = []
        for k in range(start + 1, len(heads)):
            if heads[k].sentence > total.sentence + 1 or not member[k]:
                break
            run.append(heads[k])
        for end in range(len(run), 1, -1):
            parts = run[:end]
            values = [_head_value([st]) for st in parts]
            kind = _head_value([total]).figure.kind
            if any(v.parent for v in values) or any(v.figure.kind != kind for v in values):
                continue
            if not total.subject_sure or whole_partition(total.subject, [st.subject for st in parts]) is None:
                continue
            parent = _head_value([total])
            if is_average(total.subject, parent):
                break
            every = [s for st in parts for s in st.stated]
            for s in every:
                if s.parent is None:
                    s.parent = parent.entity
            inherit_period(every, values_of(total.stated, parent.entity), [st.entity for st in parts])
            break
