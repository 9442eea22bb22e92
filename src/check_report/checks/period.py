"""The report's own period and date, read from its header and title: other checks (and other code) use it.

    report_period(document) -> ReportPeriod | None

`ReportPeriod(year=2025, start_month=4, end_month=6, date=None, kind="quarter")` for a title reading
`BÁO CÁO ... QUÝ II NĂM 2025; PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM` (the outlook part is not the period).
The date comes from the place-and-date line (`Đông Sơn, ngày 20 tháng 6 năm 2025`); a draft leaves the day
blank, and then only its month and year are known (`header_month`, `header_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from check_report.checks._dates import month_end
from check_report.checks._text import header_table_blocks, heading_number
from check_report.document import Document

HEADER_BLOCKS = 25        # the header and title stand within the first blocks, before heading I
INTRO_BLOCKS = 4          # paragraphs after the title that may restate the period
LONG_BLOCK = 300          # a block this long is prose, no longer the header
DATE_LINE_CHARS = 120     # the place-and-date line is short

ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"\s*(?:/|-|năm)\s*(\d{4})"
QUARTER = re.compile(r"\bquý\s+(IV|I{1,3}|[1-4])\b" + _YEAR, re.IGNORECASE)
MONTHS_SPAN = re.compile(r"\b(3|6|9|ba|sáu|chín)\s+tháng(?:\s+đầu)?(?:\s+năm)?\s*(?:/\s*)?(\d{4})", re.IGNORECASE)
MONTH = re.compile(r"\btháng\s+(\d{1,2})" + _YEAR, re.IGNORECASE)
YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
# where the title stops describing results and starts planning ("; PHƯƠNG HƯỚNG NHIỆM VỤ 6 THÁNG CUỐI NĂM")
OUTLOOK = re.compile(r"phương\s+hướng|tiếp\s+theo|cuối\s+năm|thời\s+gian\s+tới|(?:quý|tháng|năm)\s+tới",
                     re.IGNORECASE)
# "Đông Sơn, ngày 20 tháng 6 năm 2025"; the day and month may be left blank in a draft
DATE_LINE = re.compile(r"\bngày\s*([0-9]{1,2})?[\s._…]*tháng\s*([0-9]{1,2})?[\s._…]*năm\s*(\d{4})", re.IGNORECASE)
TITLE_START = re.compile(r"\bbáo\s+cáo\b", re.IGNORECASE)
SPAN_MONTHS = {"3": 3, "ba": 3, "6": 6, "sáu": 6, "9": 9, "chín": 9}


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


def report_period(document: Document | None) -> ReportPeriod | None:
    """The period the report covers (from its title, else its opening paragraphs) and its date, or None."""
    if document is None:
        return None
    header, intro = _header_and_intro(document)
    span = _period_in(_title_text(header)) or _period_in(_results_part(" ".join(intro)))
    date, header_month, header_year = _date_line(_table_header(document) + header)
    if span is None:
        return None
    year, start, end, kind = span
    return ReportPeriod(year, start, end, date, kind, header_month, header_year)


def report_date_bound(document: Document | None) -> dt.date | None:
    period = report_period(document)
    if period is not None:
        return period.latest_date()
    if document is None:
        return None
    date, month, year = _date_line(_table_header(document) + _header_and_intro(document)[0])
    return date or (month_end(year, month) if year and month else None)


def _table_header(document: Document) -> list[str]:
    return [block.text for block in header_table_blocks(document)]


def _header_and_intro(document: Document) -> tuple[list[str], list[str]]:
    """Short blocks before heading I (header, title) and the first long paragraphs (the introduction)."""
    header: list[str] = []
    intro: list[str] = []
    for block in document.blocks[:HEADER_BLOCKS]:
        if not block.text.strip():
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
    for i, text in enumerate(header):
        if TITLE_START.search(text) and len(text) < 200:
            return _results_part(" ".join(header[i:]))
    return ""


def _results_part(text: str) -> str:
    stop = OUTLOOK.search(text)
    return text[: stop.start()] if stop else text


def _period_in(text: str) -> tuple[int, int, int, str] | None:
    candidates = []
    for m in QUARTER.finditer(text):
        quarter = ROMAN_QUARTER[m.group(1).upper()]
        candidates.append((m.start(), (int(m.group(2)), 3 * quarter - 2, 3 * quarter, "quarter")))
    for m in MONTHS_SPAN.finditer(text):
        candidates.append((m.start(), (int(m.group(2)), 1, SPAN_MONTHS[m.group(1).lower()], "months")))
    for m in MONTH.finditer(text):
        month = int(m.group(1))
        if 1 <= month <= 12:
            candidates.append((m.start(), (int(m.group(2)), month, month, "month")))
    if candidates:
        return min(candidates)[1]
    year = YEAR.search(text)
    return (int(year.group(1)), 1, 12, "year") if year else None


def _date_line(header: list[str]) -> tuple[dt.date | None, int | None, int | None]:
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
