"""Prose in, fact table out: every stated figure of a report's text, and the relations stated between them.

`document_facts(document)` reads each block (a line of .md/.txt, a paragraph or footnote of .docx) into
statements (`prose_reader`), links stated breakdowns (`prose_breakdowns`) and returns rows of the same
fact table the spreadsheet reader produces, with source="text", the file line (or "paragraph N" /
"footnote N"), the quoted fragment, the figure as written, its base and whether its identity is certain.

The period of figures without period words is the report's (from its title), held for sure only while
nothing in the section says otherwise: a heading naming another period sets the section's, a paragraph that
set a period of its own leaves the paragraphs after it unsure, and a section of plans ("PHƯƠNG HƯỚNG NHIỆM
VỤ …") makes its figures targets, never results.

Coverage (shown to the user, statcheck's lesson): `numbers` counts every number written in the text except
  - dates and month/year stamps (`17/01/2024`, `ngày 05 tháng 12 năm 2022`, `8/3`, `4/2024`),
  - years and year ranges (`năm 2024`, `2020-2025`), durations and anniversaries (`94 năm`, `5 tuổi`),
  - document codes and numbers that name rather than count (`03/CT-UBND`, `Nghị định 137`, `lớp 9`,
    `lần thứ 15`, `tỷ lệ 1/500`, `3 sao`, `trên 1 ha`), list numbering at the start of a block (`1.`, `II.`, `a)`),
  - the numbers inside period phrases (`tháng 03`, `3 tháng`, `quý I`) and footnote marks;
`read` counts those that became a fact, `checked` those whose fact took part in at least one check, and
`uncertain` the pairs of mentions of one indicator that were not compared because an identity was unsure.
"""

from __future__ import annotations

import bisect
import re

from check_report import facts as F
from check_report.document import HEADING, Document
from check_report.extract.prose_breakdowns import link_inline
from check_report.extract.prose_links import link_bullets, link_footnotes, link_partitions
from check_report.extract import prose_model as M
from check_report.extract.prose_model import NO_PERIOD, Stated, Statement
from check_report.extract.prose_periods import Period, find_period_mentions, report_period
from check_report.extract.prose_clause import BlockContext
from check_report.extract.prose_reader import BlockReader
from check_report.extract.prose_scan import scan_block
from check_report.extract.prose_scope import Scopes
from check_report.periods import OUTLOOK, heading_number

# a heading of plans for a later period: its figures are targets, not results
FORWARD_HEADING = re.compile(r"phương\s+hướng|nhiệm\s+vụ\s.{0,40}(?:tiếp\s+theo|cuối\s+năm|năm\s+tới)|"
                             r"kế\s+hoạch\s+(?:phát\s+triển\s+)?(?:kinh\s+tế\s*-?\s*xã\s+hội\s+)?năm\s+\d{4}|"
                             r"mục\s+tiêu|giải\s+pháp", re.IGNORECASE)
HEADING_CHARS = 160


def document_facts(document: Document):
    """(facts DataFrame, notes) of a prose document."""
    records, notes = _read(document)
    return F.new_table(records), notes


def read_statements(document: Document) -> list[list[Statement]]:
    """The statements of every block (for the checks that need the reading, not only the rows)."""
    return _statements(document)[0]


def _statements(document: Document):
    report = report_period(document)
    sections = _Sections(report)
    scopes = Scopes.of(document)
    per_block: list[list[Statement]] = []
    marks: list[tuple[int, list[Statement]]] = []
    bodies: dict[int, list] = {}
    for index, block in enumerate(document.blocks):
        scan = scan_block(block.text, report)
        ctx = sections.context_for(block)
        reader = BlockReader(index, block.text, scan, ctx, _place(block, index))
        statements = reader.read()
        scopes.read(index, block, _is_heading(block))
        link_inline(block.text, reader.depths, statements)
        link_partitions(statements)
        per_block.append(statements)
        sections.after(block, reader)
        if block.footnote is not None:
            bodies.setdefault(block.footnote, []).append((block, statements))
        for offset, number in block.markers:
            marks.append((number, _sentence_at(statements, block.text, reader, offset)))
    link_bullets(document.blocks, per_block)
    link_footnotes(marks, bodies)
    return per_block, report, scopes


def _read(document: Document) -> tuple[list[dict], list[str]]:
    per_block, report, scopes = _statements(document)
    notes = [] if report else [f"{document.path}: the report's period was not found in its title; "
                               "figures without period words have no period"]
    for block in document.blocks:
        notes.extend(_ambiguity_notes(document, block, report))
    bases = _PriceBases(document)
    records = [_record(document, s, report, scopes.at(s.block, s.offset) + bases.at(s.block, s.offset))
               for statements in per_block for st in statements for s in st.stated]
    return _one_period_each(records), notes


# "GRDP … (theo giá so sánh 2010) ước đạt 17.948,95 tỷ đồng" and "(theo giá hiện hành) ước đạt 24.042,68 tỷ
# đồng": one indicator valued two ways
PRICE_BASIS = re.compile(r"\bgiá\s+(so\s+sánh|hiện\s+hành|thực\s+tế|cố\s+định)\b", re.IGNORECASE)


class _PriceBases:
    """The price basis a paragraph last named before a figure, as part of its scope ("" when none); each
    block's mentions are found once."""

    def __init__(self, document: Document):
        self.document = document
        self.found: dict[int, tuple[list[int], list[str]]] = {}

    def at(self, block: int, offset: int) -> str:
        if block not in self.found:
            named = list(PRICE_BASIS.finditer(self.document.blocks[block].text))
            self.found[block] = ([m.end() for m in named], [_basis(m.group(1)) for m in named])
        ends, bases = self.found[block]
        k = bisect.bisect_right(ends, offset)
        return bases[k - 1] if k else ""


def _basis(words: str) -> str:
    basis = " ".join(words.lower().split())
    return "|giá " + ("hiện hành" if basis == "thực tế" else basis)


def _one_period_each(records: list[dict]) -> list[dict]:
    """An entity's figures of measures that are not per month hold for one period: "6 tháng đầu năm tăng 6,86%
    …, dự kiến năm 2019 đạt 9,33%" speaks of two, so the later period's figures become an entity of their own
    (the engine relates the figures of one entity as one row of a table)."""
    def running(record: dict) -> bool:      # a period of several months (a month's own rates aside)
        return bool(record[F.PERIOD]) and record[F.MEASURE] not in F.PERIODIC_MEASURES and \
            record[F.PERIOD_START] != record[F.PERIOD_END]

    first: dict[str, str] = {}
    for record in records:
        if running(record):
            first.setdefault(record[F.ENTITY], record[F.PERIOD])
    for record in records:
        main = first.get(record[F.ENTITY])
        if main is not None and running(record) and record[F.PERIOD] != main:
            record[F.ENTITY] = f"{record[F.ENTITY]}@{record[F.PERIOD]}"
    # "… thịt bò đạt 187,5 nghìn tấn, tăng 4,1% (quý II đạt 86,1 nghìn tấn)" after a sentence that opened
    # with one month and then named 6 months: the figures whose period is a guess are not one table row
    # with those whose period is written
    written: dict[str, set] = {}
    for r in records:
        if M.NO_PERIOD not in str(r[F.DOUBT] or ""):
            written.setdefault(r[F.ENTITY], set()).add(r[F.PERIOD])
    for record in records:
        if M.NO_PERIOD in str(record[F.DOUBT] or "") and written.get(record[F.ENTITY], set()) - {record[F.PERIOD]}:
            record[F.ENTITY] = f"{record[F.ENTITY]}@?"
    return records


class _Sections:
    """The period and the kind (results or plans) of the section each block stands in."""

    def __init__(self, report: Period | None):
        self.report = report
        self.section_period: Period | None = report
        self.forward = False
        self.unsure = report is None
        self.growth_said: list[tuple] = []
        self.body = False                 # a paragraph of the body has been read (titles come before it)

    def context_for(self, block) -> BlockContext:
        if not self.body and _is_title_like(block):
            # a headline or a title line before the body ("Kim ngạch xuất khẩu tăng 28%"): a figure there has
            # no period and no base the reader can be sure of
            return BlockContext(self.report, self.report, False, M.HEADLINE, False, [], [])
        self.body = True
        if block.footnote is not None:
            return BlockContext(self.report, self.report, False, NO_PERIOD, False, [], self.growth_said)
        sure = not self.unsure and self.section_period is not None and not self.forward
        # a coordinated pair's bases hold within the paragraph ("… so với tháng trước và … so với cùng kỳ. …
        # giảm 0,8% và tăng 9,5%"); the growth rates said hold within the section ("Trong mức tăng 8,4%, …")
        return BlockContext(self.report, self.section_period, sure, NO_PERIOD, self.forward, [], self.growth_said)

    def after(self, block, reader: BlockReader) -> None:
        if _is_heading(block):
            self.forward = bool(FORWARD_HEADING.search(block.text) or OUTLOOK.search(block.text))
            mentions = [m for m in find_period_mentions(block.text, self.report) if m.period is not None]
            self.section_period = mentions[0].period if mentions and not self.forward else self.report
            self.unsure = self.report is None and not mentions
            self.growth_said.clear()
            return
        if block.footnote is None and reader.last_period is not None and reader.last_period != self.section_period:
            self.unsure = True            # the paragraphs after this one may go on with its period


def _is_title_like(block) -> bool:
    text = block.text.strip()
    return len(text) <= HEADING_CHARS and not text.endswith((".", ";", ":")) and block.footnote is None


def _is_heading(block) -> bool:
    if block.kind == HEADING:
        return True
    text = block.text.strip()
    return len(text) <= HEADING_CHARS and heading_number(block) is not None and not text.endswith((".", ";"))


def _place(block, index: int) -> str:
    if block.line is not None:
        return f"L{block.line}"
    return (block.where or f"block {index + 1}").replace(" ", "")


def _sentence_at(statements: list[Statement], text: str, reader: BlockReader, offset: int) -> list[Statement]:
    """The statements of the sentence a footnote mark stands in (the mark follows its sentence's head)."""
    from check_report.extract.prose_grammar import sentence_spans

    spans = sentence_spans(text, reader.depths)
    index = next((k for k, (s, e) in enumerate(spans) if s <= offset <= e + 2), len(spans) - 1)
    return [st for st in statements if st.sentence == index]


def _ambiguity_notes(document: Document, block, report) -> list[str]:
    notes = []
    for fig in scan_block(block.text, report).figures:
        # "62.388 triệu đồng" is plain Vietnamese style; only a percentage like "13.177%" reads both ways
        if fig.ambiguous and fig.kind == "percent":
            where = f"{document.path}:{block.line_at(fig.start)}" if block.line else f"{document.path}, {block.where}"
            notes.append(f"{where}: '{fig.raw}' read as {fig.value:g} (a separator before three digits "
                         "groups thousands in Vietnamese style)")
    return notes


def _record(document: Document, s: Stated, report: Period | None, scope: str) -> dict:
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
        F.SOURCE: "text", F.BASE: s.base, F.CERTAIN: s.certain, F.DOUBT: "; ".join(s.doubts) or None,
        F.SCOPE: scope,
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


def prose_coverage(document: Document, facts, checked_facts: set, uncertain_pairs: int = 0) -> dict:
    """{"numbers", "read", "checked", "uncertain"}: see the module docstring for what counts as a number.

    `checked_facts` are the fact-table labels that took part in a rule (EngineResult.checked_facts); the
    code check kinds report theirs through `checks.crossmention.checked_rows` / `checks.derived.checked_rows`
    for the engine to add; `uncertain_pairs` comes from `checks.crossmention.uncertain_pairs`."""
    matched = _match(document, facts, set(checked_facts or ()))
    return {"numbers": len(matched), "read": sum(1 for _, r, _ in matched if r),
            "checked": sum(1 for _, _, c in matched if c), "uncertain": int(uncertain_pairs)}


def unchecked_numbers(document: Document, facts, checked_facts: set) -> list[tuple[object, str, str]]:
    """Numbers that took part in no check, as (line or place, raw, context), for --show-unchecked."""
    return [number for number, _, checked in _match(document, facts, set(checked_facts or ())) if not checked]
