"""Periods in prose: the report's own period (from its title) and the period words before each figure.

`tháng 03` is one month; `3 tháng`, `03 tháng`, `quý I`, `6 tháng đầu năm`, `lũy kế` are cumulative from
January (a quarter other than the first covers its own three months). Labels follow the fact-table contract:
"2024-03" for a month, "2024-01..2024-03" for a cumulative period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from check_report.document import Document
from check_report.extract import prose_patterns as P

# how many blocks from the top may hold the title
TITLE_BLOCKS = 25


@dataclass(frozen=True)
class Period:
    start: int              # first month 1..12
    end: int                # last month 1..12
    year: int | None
    cumulative: bool        # True: a period to date (measure cumulative); False: one month

    @property
    def label(self) -> str:
        year = self.year if self.year is not None else "????"
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

    for m in P.PERIOD_MONTHS.finditer(text):
        months = int(m.group(1))
        if 1 <= months <= 12:
            period = Period(1, months, _year(m.group(2), default_year), True)
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
            period = Period(month, month, _year(m.group(2), default_year), False)
            found.append(PeriodMention(m.start(), m.end(), period))
            taken.append(m.span())
    for m in P.PERIOD_TO_DATE.finditer(text):
        if free(*m.span()):
            to_date = Period(1, report.end, report.year, True) if report else None
            found.append(PeriodMention(m.start(), m.end(), to_date))
            taken.append(m.span())
    return sorted(found, key=lambda p: p.start)


# title phrases, most specific first: "6 THÁNG ĐẦU NĂM 2024", "QUÝ I NĂM 2024", "THÁNG 5 NĂM 2024", "NĂM 2024"
_TITLE = [
    (re.compile(r"\b(\d{1,2})\s+tháng(?:\s+đầu)?\s+năm\s+((?:19|20)\d{2})", P.CI), "months"),
    (re.compile(r"\bquý\s+(IV|I{1,3}|[1-4])\s*(?:năm|/)\s*((?:19|20)\d{2})", P.CI), "quarter"),
    (re.compile(r"\btháng\s+(\d{1,2})\s*(?:năm|/)\s*((?:19|20)\d{2})", P.CI), "month"),
    (re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", P.CI), "year"),
]
_BODY_START = re.compile(r"^\s*I\.\s")  # the first section heading ends the title
_FORWARD = re.compile(r"\b(?:tiếp theo|phương hướng|kế hoạch|cuối năm)\b", P.CI)


def report_period(document: Document) -> Period | None:
    """The period the report is about, read from its title (the first blocks, before the body)."""
    head: list[str] = []
    for block in document.blocks[:TITLE_BLOCKS]:
        if _BODY_START.match(block.text):
            break
        if block.footnote is None:
            head.append(block.text)
    for pattern, kind in _TITLE:
        for text in head:
            for m in pattern.finditer(text):
                if _FORWARD.search(text[max(0, m.start() - 30):m.start()]):
                    continue  # "phương hướng nhiệm vụ 9 tháng tiếp theo" is not the report's period
                period = _title_period(kind, m)
                if period is not None:
                    return period
    return None


def _title_period(kind: str, m: re.Match) -> Period | None:
    if kind == "year":
        return Period(1, 12, int(m.group(1)), True)
    year = int(m.group(2))
    if kind == "months":
        months = int(m.group(1))
        return Period(1, months, year, True) if 1 <= months <= 12 else None
    if kind == "quarter":
        q = P.ROMAN_QUARTER.get(m.group(1).upper()) or int(m.group(1))
        return Period(1, 3 * q, year, True)   # a quarterly report's cumulative runs from January
    month = int(m.group(1))
    return Period(1, month, year, True) if 1 <= month <= 12 else None
