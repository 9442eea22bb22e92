"""The report's own period and date, read from its header and title: the one reading every stage shares.

    report_period(document) -> ReportPeriod | None
    report_date_bound(document) -> datetime.date | None

`ReportPeriod(year=2025, start_month=4, end_month=6, date=None, kind="quarter")` for a title reading
`BÁO CÁO ... QUÝ II NĂM 2025; PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM` (the outlook part is not the period).
`start_month..end_month` are the months the period itself covers (quý II: 4..6, tháng 5: 5..5, 6 tháng
đầu năm: 1..6, năm: 1..12); extraction, whose running totals count from January, reads
`1..end_month` (`ReportPeriod.months_to_date()`).

Where it looks: the short blocks before heading `I` (header and title, footnotes aside), the cells of a
.docx header table, and, when the title names no period, the opening paragraphs. The title is the text from
the block that says `BÁO CÁO` on (or the whole header when no block says so), without the place-and-date
line, cut where it starts planning. The earliest quarter, N-month span or month with a year wins; a bare
`năm YYYY` only when none is written.

The date comes from the place-and-date line (`Đông Sơn, ngày 20 tháng 6 năm 2025`); a draft leaves the day
blank, and then only its month and year are known (`header_month`, `header_year`).

Neutral on purpose: `extract/` and `checks/` both import it, and it imports neither.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from check_report.document import FOOTNOTE, HEADING, TABLE_CELL, Block, Document

HEADER_BLOCKS = 25        # the header and title stand within the first blocks, before heading I
INTRO_BLOCKS = 4          # paragraphs after the title that may restate the period
LONG_BLOCK = 300          # a block this long is prose, no longer the header
TITLE_CHARS = 200         # the block that opens the title ("BÁO CÁO ...") is short
DATE_LINE_CHARS = 120     # the place-and-date line is short
HEADER_TABLE_CELL_CHARS = 150
MAX_HEADING_CHARS = 250   # a numbered line longer than this is a paragraph, not a heading

ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# "6 tháng", "06 tháng", "sáu tháng": how many months a running period covers
SPAN_MONTHS = {**{str(n): n for n in range(1, 13)}, **{f"0{n}": n for n in range(1, 10)},
               "ba": 3, "sáu": 6, "chín": 9}
_YEAR = r"\s*(?:/|-|năm)\s*((?:19|20)\d{2})\b"
QUARTER = re.compile(r"\bqu[ýí]\s+(IV|I{1,3}|[1-4])\b" + _YEAR, re.IGNORECASE)
MONTHS_SPAN = re.compile(r"\b(1[0-2]|0?[1-9]|ba|sáu|chín)\s+tháng(?:\s+đầu)?(?:\s+năm)?\s*(?:/\s*)?((?:19|20)\d{2})\b",
                         re.IGNORECASE)
MONTH = re.compile(r"\btháng\s+(\d{1,2})" + _YEAR, re.IGNORECASE)
YEAR = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_PHRASE = r"(?:[^.;:,()]|(?<=\d)[.,](?=\d))"      # words up to a clause's end; a number's marks do not end it
# a period that is not the report's: compared with ("so với 6 tháng đầu năm 2021", "thấp hơn mức tăng 5,75% của 6
# tháng năm 2016", "so với kết quả 5,678 tỷ USD của năm 2014") or in a document's name ("Luật Thủy sản năm 2017")
COMPARED_BEFORE = re.compile(r"\b(?:so|cùng\s+kỳ|luật|bộ luật|nghị\s+quyết|nghị\s+định|quyết\s+định|chỉ\s+thị|"
                             r"thông\s+tư|kế\s+hoạch|chương\s+trình|đề\s+án|chiến\s+lược|giai\s+đoạn)\b" + _PHRASE +
                             r"{0,36}$|\bhơn\s(?:[^.;:()]{0,30}\s)?của\b" + _PHRASE + r"{0,20}$", re.IGNORECASE)
# a bare year is not the report's after those, nor as the bound of a span ("từ năm 2015", "đến năm 2030") or a
# target ("phấn đấu thành tỉnh công nghiệp vào năm 2020"); a period with its months is ("tính đến hết tháng 11-2015")
NOT_OWN_YEAR_BEFORE = re.compile(COMPARED_BEFORE.pattern + r"|\b(?:từ|trước|sau|đến|vào|tới|phấn\s+đấu)\b" + _PHRASE +
                                 r"{0,30}$", re.IGNORECASE)
# where the title stops describing results and starts planning ("; PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM",
# ", nhiệm vụ năm 2025", "và kế hoạch năm 2025")
OUTLOOK = re.compile(r"phương\s+hướng|tiếp\s+theo|cuối\s+năm|thời\s+gian\s+tới|(?:qu[ýí]|tháng|năm)\s+tới|"
                     r"(?:\bvà|[,;])\s+(?:kế\s+hoạch|nhiệm\s+vụ)\b", re.IGNORECASE)
# "Đông Sơn, ngày 20 tháng 6 năm 2025"; the day and month may be left blank in a draft
DATE_LINE = re.compile(r"\bngày\s*([0-9]{1,2})?[\s._…]*tháng\s*([0-9]{1,2})?[\s._…]*năm\s*(\d{4})", re.IGNORECASE)
TITLE_START = re.compile(r"\bbáo\s+cáo\b", re.IGNORECASE)
ROMAN_HEADING = re.compile(r"^\s*([IVXL]{1,6})\s*[.:)]\s+\S")
ARABIC_HEADING = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(?!\d)\S")
# "2.Cơ cấu dân tộc:": the space after the number left out, a capital letter right after it
ARABIC_TIGHT = re.compile(r"^\s*(\d{1,2})\.([^\W\d_])")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
# the same periods with no year written next to them ("BÁO CÁO KẾT QUẢ 9 THÁNG, NHIỆM VỤ QUÝ IV NĂM 2024")
BARE_QUARTER = re.compile(r"\bqu[ýí]\s+(IV|I{1,3}|[1-4])\b", re.IGNORECASE)
BARE_MONTHS_SPAN = re.compile(r"(?<![\w.,/])(1[0-2]|0?[1-9]|ba|sáu|chín)\s+tháng\b", re.IGNORECASE)
BARE_MONTH = re.compile(r"\btháng\s+(1[0-2]|0?[1-9])\b(?![/.,]\d)", re.IGNORECASE)
ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# "ngày 10 tháng 1 năm 2025" cited in a title or an opening paragraph is a date, not the period
DAY_BEFORE = re.compile(r"\bngày\s*\d{0,2}[\s._…]*$", re.IGNORECASE)

KINDS = ("month", "quarter", "months", "year")


@dataclass(frozen=True)
class ReportPeriod:
    year: int
    start_month: int
    end_month: int
    date: dt.date | None = None          # the report's own date when the header gives it whole
    kind: str = "year"                   # "month" | "quarter" | "months" | "year"
    header_month: int | None = None
    header_year: int | None = None

    def contains_month(self, year: int, month: int) -> bool:
        return year == self.year and self.start_month <= month <= self.end_month

    def months_to_date(self) -> tuple[int, int]:
        """(1, end_month): the months a running total of this report counts, from January."""
        return 1, self.end_month

    def label(self) -> str:
        """How a report names the period: "quý II/2025", "6 tháng/2025", "tháng 5/2025", "năm 2025"."""
        if self.kind == "quarter":
            return f"quý {('I', 'II', 'III', 'IV')[(self.end_month - 1) // 3]}/{self.year}"
        if self.kind == "months":
            return f"{self.end_month} tháng/{self.year}"
        if self.kind == "month":
            return f"tháng {self.end_month}/{self.year}"
        return f"năm {self.year}"

    def end(self) -> dt.date:
        return month_end(self.year, self.end_month)

    def latest_date(self) -> dt.date | None:
        """The latest date the report can carry: its date, or the end of the month of a draft's date line."""
        if self.date:
            return self.date
        if self.header_year and self.header_month:
            return month_end(self.header_year, self.header_month)
        return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def report_period(document: Document | None) -> ReportPeriod | None:
    """The period the report covers (from its title, else its opening paragraphs) and its date, or None."""
    if document is None:
        return None
    header, intro = _header_and_intro(document)
    date, header_month, header_year = _date_line(_table_header(document) + header)
    title = _title_text(header)
    results = _results_part(title)
    span = (_period_in(results) or _period_in(_results_part(" ".join(intro)))
            or _period_without_year(results, title, header_month, header_year))
    if span is None:
        return None
    year, start, end, kind = span
    return ReportPeriod(year, start, end, date, kind, header_month, header_year)


def titled_year(document: Document | None, period: ReportPeriod | None = None) -> int | None:
    """The report period's year when a `BÁO CÁO …` title writes it; None for a text without such a title (a
    news story: its period may have been read from a sentence of the body, and its year may be a guess).
    `period`: the document's `report_period`, when the caller has read it already."""
    if document is None:
        return None
    header, _intro = _header_and_intro(document)
    if not any(TITLE_START.search(text) and len(text) < TITLE_CHARS for text in header):
        return None
    period = period or report_period(document)
    if period is None or str(period.year) not in _title_text(header):
        return None
    return period.year


def year_written(text: str, year: int) -> bool:
    """`year` stands in `text` as a year of its own: not compared with, not in a document's name."""
    return any(int(m.group(1)) == year and not _not_own(text, m) for m in ANY_YEAR.finditer(text))


def report_date_bound(document: Document | None) -> dt.date | None:
    """The latest date the report can carry (its date, or the end of a draft's month), even without a period."""
    period = report_period(document)
    if period is not None:
        return period.latest_date()
    if document is None:
        return None
    date, month, year = _date_line(_table_header(document) + _header_and_intro(document)[0])
    return date or (month_end(year, month) if year and month else None)


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


def roman_value(numeral: str) -> int:
    total = 0
    values = [ROMAN_VALUES[c] for c in numeral.upper()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


def heading_number(block: Block, any_length: bool = False) -> tuple[int, int, str] | None:
    """(level, number, label) of a numbered heading: level 1 = I, II ...; level 2 = 1, 2 ... (else None).
    With `any_length`, a numbered paragraph of any length counts too ("1. Thu ngân sách … (300 words)"): its
    number belongs to the same sequence as the short ones around it."""
    if block.kind in (FOOTNOTE, TABLE_CELL) or block.footnote is not None:
        return None
    text = block.text.lstrip("#*_ \t")
    roman = ROMAN_HEADING.match(text)
    short = any_length or block.kind == HEADING or len(text) <= MAX_HEADING_CHARS
    if roman and short:
        return 1, roman_value(roman.group(1)), roman.group(1)
    arabic = ARABIC_HEADING.match(text)
    if arabic is None:
        tight = ARABIC_TIGHT.match(text)
        arabic = tight if tight and tight.group(2).isupper() else None
    if arabic and short:
        return 2, int(arabic.group(1)), arabic.group(1)
    return None


def _table_header(document: Document) -> list[str]:
    return [block.text for block in header_table_blocks(document)]


def _header_and_intro(document: Document) -> tuple[list[str], list[str]]:
    """Short blocks before heading I (header, title) and the first long paragraphs (the introduction)."""
    header: list[str] = []
    intro: list[str] = []
    for block in document.blocks[:HEADER_BLOCKS]:
        if not block.text.strip() or block.footnote is not None or block.kind == FOOTNOTE:
            continue
        numbered = heading_number(block)
        if numbered and numbered[0] == 1:
            break
        if intro or len(block.text) > LONG_BLOCK:
            intro.append(block.text)
        else:
            header.append(block.text)
    return header, intro[:INTRO_BLOCKS]


def _title_text(header: list[str]) -> str:
    """The title: from the `BÁO CÁO` block on (else the whole header), the date line left out."""
    start = next((i for i, text in enumerate(header) if TITLE_START.search(text) and len(text) < TITLE_CHARS), 0)
    return " ".join(text for text in header[start:] if not _is_date_line(text))


def _is_date_line(text: str) -> bool:
    return len(text) <= DATE_LINE_CHARS and DATE_LINE.search(text) is not None and not TITLE_START.search(text)


def _results_part(text: str) -> str:
    stop = OUTLOOK.search(text)
    return text[: stop.start()] if stop else text


def _period_in(text: str) -> tuple[int, int, int, str] | None:
    """(year, start month, end month, kind) of the earliest period with a year in `text`, else its `năm YYYY`."""
    candidates = []

    def dated(m: re.Match) -> bool:
        return DAY_BEFORE.search(text[max(0, m.start() - 12):m.start()]) is not None or \
            COMPARED_BEFORE.search(text[max(0, m.start() - 40):m.start()]) is not None

    for m in QUARTER.finditer(text):
        if dated(m):
            continue
        quarter = ROMAN_QUARTER[m.group(1).upper()]
        candidates.append((m.start(), (int(m.group(2)), 3 * quarter - 2, 3 * quarter, "quarter")))
    for m in MONTHS_SPAN.finditer(text):
        if dated(m):
            continue
        candidates.append((m.start(), (int(m.group(2)), 1, SPAN_MONTHS[m.group(1).lower()], "months")))
    for m in MONTH.finditer(text):
        month = int(m.group(1))
        if 1 <= month <= 12 and not dated(m):
            candidates.append((m.start(), (int(m.group(2)), month, month, "month")))
    if candidates:
        return min(candidates)[1]
    year = _own_year(text, YEAR)
    return (int(year.group(1)), 1, 12, "year") if year else None


def _own_year(text: str, pattern: re.Pattern) -> re.Match | None:
    """The first year in `text` that is not compared with or part of a document's name."""
    return next((m for m in pattern.finditer(text) if not _not_own(text, m)), None)


def _not_own(text: str, m: re.Match) -> bool:
    """A period or year compared with ("so với 6 tháng đầu năm 2021") or naming a document."""
    return NOT_OWN_YEAR_BEFORE.search(text[max(0, m.start() - 40):m.start()]) is not None


def _period_without_year(results: str, title: str, header_month: int | None,
                         header_year: int | None) -> tuple[int, int, int, str] | None:
    """`BÁO CÁO KẾT QUẢ 9 THÁNG, NHIỆM VỤ QUÝ IV NĂM 2024`: the period names no year of its own; it takes the
    title's first year, else the date line's (a December report dated in January belongs to the year before)."""
    spans = []
    for m in BARE_QUARTER.finditer(results):
        quarter = ROMAN_QUARTER[m.group(1).upper()]
        spans.append((3 * quarter - 2, 3 * quarter, "quarter"))
    spans += [(1, SPAN_MONTHS[m.group(1).lower()], "months") for m in BARE_MONTHS_SPAN.finditer(results)]
    spans += [(int(m.group(1)), int(m.group(1)), "month") for m in BARE_MONTH.finditer(results)]
    if not spans:
        return None
    start, end, kind = max(spans, key=lambda span: (span[1], span[1] - span[0]))  # "tháng 6 và 6 tháng": 1..6
    stated = _own_year(title, YEAR) or _own_year(title, ANY_YEAR)
    if stated:
        return int(stated.group(1)), start, end, kind
    if header_year is None:
        return None
    year = header_year - 1 if header_month is not None and header_month < end else header_year
    return year, start, end, kind


def _date_line(header: list[str]) -> tuple[dt.date | None, int | None, int | None]:
    """(whole date or None, month or None, year or None) of the first place-and-date line."""
    for text in header:
        m = DATE_LINE.search(text) if len(text) <= DATE_LINE_CHARS else None
        if not m:
            continue
        year = int(m.group(3))
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(1)) if m.group(1) else None
        if month and not 1 <= month <= 12:
            month = None
        try:
            date = dt.date(year, month, day) if month and day else None
        except ValueError:
            date = None
        return date, month, year
    return None, None, None
