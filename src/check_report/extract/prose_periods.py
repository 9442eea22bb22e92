"""Periods in prose: the report's own period (read by `check_report.periods`) and the period words before
each figure.

`tháng 03` is one month; `3 tháng`, `03 tháng`, `quý I`, `6 tháng đầu năm`, `lũy kế` are cumulative from
January (a quarter other than the first covers its own three months). Labels follow the fact-table contract:
"2024-03" for a month, "2024-01..2024-03" for a cumulative period.
"""

from __future__ import annotations

from dataclasses import dataclass

from check_report.document import Document
from check_report.extract import prose_patterns as P
from check_report.periods import ReportPeriod
from check_report.periods import report_period as read_report_period


@dataclass(frozen=True)
class Period:
    start: int              # first month 1..12
    end: int                # last month 1..12
    year: int | None
    cumulative: bool        # True: a period to date (measure cumulative); False: one month
    day: int | None = None  # "đến ngày 31/8": to a day, never taken for "8 tháng" nor for another day

    @property
    def label(self) -> str:
        year = self.year if self.year is not None else "????"
        if self.day is not None:
            return f"{year}-{self.start:02d}..{year}-{self.end:02d}-{self.day:02d}"
        if not self.cumulative and self.start == self.end:
            return f"{year}-{self.end:02d}"
        return f"{year}-{self.start:02d}..{year}-{self.end:02d}"


@dataclass(frozen=True)
class PeriodMention:
    start: int              # offsets of the words in the block text
    end: int
    period: Period | None   # None: "lũy kế" without a known report period


def _year(text: str | None, default: int | None) -> int | None:
    return int(text) if text else default


def find_period_mentions(text: str, report: Period | None) -> list[PeriodMention]:
    """Every period phrase in a block, in order. Months since January win over a bare "tháng N"."""
    default_year = report.year if report else None
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in P.AS_OF_DAY.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            period = Period(1, month, _year(m.group(3), default_year), True, day)
            found.append(PeriodMention(m.start(), m.end(), period))
            taken.append(m.span())
    for m in P.PERIOD_MONTHS.finditer(text):
        word = " ".join(m.group(1).lower().split())
        months = int(word) if word.isdigit() else P.SPELLED_MONTHS.get(word, 0)
        if 1 <= months <= 12:
            period = Period(1, months, _year(m.group(2) or m.group(3), default_year), True)
            found.append(PeriodMention(m.start(), m.end(), period))
            taken.append(m.span())
    for m in P.PERIOD_QUARTER.finditer(text):
        q = P.ROMAN_QUARTER.get(m.group(1).upper()) or int(m.group(1))
        if free(*m.span()):
            start = 1 if q == 1 else 3 * q - 2
            period = Period(start, 3 * q, _year(m.group(2), default_year), True)
            found.append(PeriodMention(m.start(), m.end(), period))
            taken.append(m.span())
    for m in P.PERIOD_MONTH.finditer(text):
        month = int(m.group(1))
        if 1 <= month <= 12 and free(*m.span()):
            up_to = P.UP_TO_MONTH.search(text, max(0, m.start() - 16), m.start())
            period = Period(1 if up_to else month, month, _year(m.group(2) or m.group(3), default_year), bool(up_to))
            found.append(PeriodMention(m.start(), m.end(), period))
            taken.append(m.span())
    for m in P.PERIOD_YEAR.finditer(text):
        if free(*m.span()):
            found.append(PeriodMention(m.start(), m.end(), Period(1, 12, int(m.group(1)), True)))
            taken.append(m.span())
    for m in P.PERIOD_THIS_MONTH.finditer(text):
        if free(*m.span()):
            month = Period(report.end, report.end, report.year, False) if report else None
            found.append(PeriodMention(m.start(), m.end(), month))
            taken.append(m.span())
    for m in P.PERIOD_TO_DATE.finditer(text):
        if free(*m.span()):
            to_date = Period(1, report.end, report.year, True) if report else None
            found.append(PeriodMention(m.start(), m.end(), to_date))
            taken.append(m.span())
    return sorted(found, key=lambda p: p.start)


def report_period(document: Document) -> Period | None:
    """The report's period as extraction counts it: from January to the period's last month.

    The title and header are read once, by `check_report.periods` (the document checks read the same); a
    quarterly or monthly report's running totals count from January, so quý II/2025 is 2025-01..2025-06
    here, and the words "lũy kế" take that span.
    """
    return from_report(read_report_period(document))


def from_report(report: ReportPeriod | None) -> Period | None:
    if report is None:
        return None
    start, end = report.months_to_date()
    return Period(start, end, report.year, True)
