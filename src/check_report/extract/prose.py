"""Prose in, fact table out: every stated figure of a report's text, and the relations stated between them.

`document_facts(document)` reads each block (a line of .md/.txt, a paragraph or footnote of .docx) into
statements (`prose_statements`), links stated breakdowns (`prose_breakdowns`) and returns rows of the same
fact table the spreadsheet reader produces, with source="text", the file line (or "paragraph N" /
"footnote N"), the quoted fragment and the figure as written.

Coverage (shown to the user, statcheck's lesson): `numbers` counts every number written in the text except
  - dates and month/year stamps (`17/01/2024`, `ngày 05 tháng 12 năm 2022`, `8/3`, `4/2024`),
  - years and year ranges (`năm 2024`, `2020-2025`), durations and anniversaries (`94 năm`, `5 tuổi`),
  - document codes and numbers that name rather than count (`03/CT-UBND`, `Nghị định 137`, `lớp 9`,
    `lần thứ 15`, `tỷ lệ 1/500`), list numbering at the start of a block (`1.`, `II.`, `a)`),
  - the numbers inside period phrases (`tháng 03`, `3 tháng`, `quý I`) and footnote marks;
`read` counts those that became a fact, `checked` those whose fact took part in at least one check.
"""

from __future__ import annotations

from check_report import facts as F
from check_report.document import Document
from check_report.extract.prose_breakdowns import link_bullets, link_footnotes, link_inline
from check_report.extract.prose_periods import Period, report_period
from check_report.extract.prose_scan import scan_block
from check_report.extract.prose_statements import BlockReader, Segment, Stated


def document_facts(document: Document):
    """(facts DataFrame, notes) of a prose document."""
    records, notes = _read(document)
    return F.new_table(records), notes


def _read(document: Document) -> tuple[list[dict], list[str]]:
    report = report_period(document)
    notes = [] if report else [f"{document.path}: the report's period was not found in its title; "
                               "figures without period words have no period"]
    per_block: list[list[Segment]] = []
    marks: list[tuple[int, list[Segment]]] = []
    bodies: dict[int, list[list[Segment]]] = {}
    for index, block in enumerate(document.blocks):
        scan = scan_block(block.text, report)
        reader = BlockReader(index, block.text, scan, report, _place(block, index))
        segments = reader.read()
        link_inline(block.text, reader.depths, segments)
        per_block.append(segments)
        if block.footnote is not None:
            bodies.setdefault(block.footnote, []).append(segments)
        for offset, number in block.markers:
            marks.append((number, [_segment_at(segments, offset)]))
        notes.extend(_ambiguity_notes(document, block, scan))
    link_bullets(document.blocks, per_block)
    link_footnotes(marks, bodies)
    records = [_record(document, s, report) for segments in per_block for seg in segments for s in seg.stated]
    return records, notes


def _place(block, index: int) -> str:
    if block.line is not None:
        return f"L{block.line}"
    return (block.where or f"block {index + 1}").replace(" ", "")


def _segment_at(segments: list[Segment], offset: int) -> Segment:
    for seg in segments:
        if seg.start <= offset <= seg.end + 2:
            return seg
    return segments[-1]


def _ambiguity_notes(document: Document, block, scan) -> list[str]:
    notes = []
    for fig in scan.figures:
        # "62.388 triệu đồng" is plain Vietnamese style; only a percentage like "13.177%" reads both ways
        if fig.ambiguous and fig.kind == "percent":
            where = f"{document.path}:{block.line_at(fig.start)}" if block.line else f"{document.path}, {block.where}"
            notes.append(f"{where}: '{fig.raw}' read as {fig.value:g} (a separator before three digits "
                         "groups thousands in Vietnamese style)")
    return notes


def _record(document: Document, s: Stated, report: Period | None) -> dict:
    block = document.blocks[s.block]
    period = s.period
    return {
        F.FILE: document.path, F.LINE: block.line_at(s.offset) if block.line is not None else None,
        F.WHERE: block.where, F.ENTITY: s.entity, F.INDICATOR: s.indicator, F.PARENT: s.parent,
        F.COMPLETE: s.complete, F.MEASURE: s.measure,
        F.PERIOD: period.label if period else "", F.PERIOD_START: period.start if period else None,
        F.PERIOD_END: period.end if period else None,
        F.YEAR: period.year if period else (report.year if report else None),
        F.UNIT: s.figure.unit, F.SCALE: s.figure.scale, F.VALUE: s.value, F.LOWER: s.lower, F.UPPER: s.upper,
        F.DECIMALS: s.figure.decimals, F.RAW: s.figure.raw, F.TEXT: s.quote, F.PHRASING: s.phrasing,
        F.SOURCE: "text",
    }


def _numbers(document: Document) -> list[tuple[object, str, str]]:
    """Every number the coverage counts: (line or "paragraph N"/"footnote N", raw, context)."""
    report = report_period(document)
    found = []
    for block in document.blocks:
        scan = scan_block(block.text, report)
        spans = [(f.start, f.raw, f.unit_end) for f in scan.figures]
        spans += [(part.start, part.raw, r.end) for r in scan.ratios for part in (r.numerator, r.denominator)]
        for start, raw, end in sorted(spans):
            place = block.line_at(start) if block.line is not None else block.where
            context = block.text[max(0, start - 40):min(len(block.text), end + 30)].strip()
            found.append((place, raw, context))
    return found


def _match(document: Document, facts, checked_facts) -> list[tuple[tuple, bool, bool]]:
    """Each counted number with (read into a fact, took part in a check)."""
    pool: dict[tuple, list[bool]] = {}
    if facts is not None and len(facts):
        text_rows = facts[facts[F.SOURCE] == "text"] if F.SOURCE in facts else facts
        for label, row in zip(text_rows.index, text_rows.to_dict("records")):
            line = row[F.LINE]
            place = row[F.WHERE] if line is None or line != line else int(line)
            pool.setdefault((place, str(row[F.RAW])), []).append(label in checked_facts)
    for states in pool.values():
        states.sort(reverse=True)             # a checked fact is matched first
    out = []
    for number in _numbers(document):
        states = pool.get(number[:2])
        if states:
            out.append((number, True, states.pop(0)))
        else:
            out.append((number, False, False))
    return out


def prose_coverage(document: Document, facts, checked_facts: set) -> dict:
    """{"numbers", "read", "checked"}: see the module docstring for what counts as a number.

    `checked_facts` are the fact-table labels that took part in a rule (EngineResult.checked_facts); the
    code check kinds report theirs through `checks.crossmention.checked_rows` / `checks.derived.checked_rows`
    for the engine to add."""
    matched = _match(document, facts, set(checked_facts or ()))
    return {"numbers": len(matched), "read": sum(1 for _, r, _ in matched if r),
            "checked": sum(1 for _, _, c in matched if c)}


def unchecked_numbers(document: Document, facts, checked_facts: set) -> list[tuple[object, str, str]]:
    """Numbers that took part in no check, as (line or place, raw, context), for --show-unchecked."""
    return [number for number, _, checked in _match(document, facts, set(checked_facts or ())) if not checked]
