"""Dates as Vietnamese reports write them, found anywhere in a block's text.

`28/02/2025`, `7/12/2023`, `26.3.1931`, Party style `01-10-1997`, long form `ngày 05 tháng 12 năm 2022`,
and day/month without a year after `ngày` (`ngày 31/4`). Both separators of a numeric date must be the same.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# d/m/yyyy, d.m.yyyy, d-m-yyyy (same separator twice); not inside a longer number or code
NUMERIC_DATE = re.compile(
    r"(?<![\d/.,\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4})(?![\d/]|[.,]\d)"
)
# ngày 05 tháng 12 năm 2022 (also "ngày 5 tháng 2, năm 2022")
LONG_DATE = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})\b", re.IGNORECASE)
# ngày 31/4 without a year: still impossible whatever the year
DAY_MONTH = re.compile(r"\bngày\s+(\d{1,2})\s?([/.\-])\s?(\d{1,2})(?![\d/.\-]|\s?[/.\-]\s?\d)", re.IGNORECASE)

MIN_YEAR, MAX_YEAR = 1800, 2200
CACHED_TEXTS = 8192   # outside this a four-digit number is not a year of these reports


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    raw: str
    day: int
    month: int
    year: int | None          # None: written without a year

    @property
    def valid(self) -> bool:
        if not 1 <= self.month <= 12 or self.day < 1:
            return False
        if self.year is None:
            return self.day <= (29 if self.month == 2 else calendar.monthrange(2001, self.month)[1])
        return self.day <= calendar.monthrange(self.year, self.month)[1]

    @property
    def date(self) -> dt.date | None:
        if self.year is None or not self.valid:
            return None
        return dt.date(self.year, self.month, self.day)


def find_dates(text: str) -> Iterator[DateMention]:
    """Every date in `text`, in order; each character belongs to at most one date."""
    return iter(_dates_in(text))


@lru_cache(maxsize=CACHED_TEXTS)
def _dates_in(text: str) -> tuple[DateMention, ...]:
    # several checks read the dates of the same blocks: parse each text once
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for m in LONG_DATE.finditer(text):
        found.append(DateMention(m.start(), m.end(), m.group(0), int(m.group(1)), int(m.group(2)), int(m.group(3))))
        taken.append(m.span())
    for m in NUMERIC_DATE.finditer(text):
        year = int(m.group(4))
        if MIN_YEAR <= year <= MAX_YEAR and not _overlaps(m.span(), taken):
            found.append(DateMention(m.start(), m.end(), m.group(0), int(m.group(1)), int(m.group(3)), year))
            taken.append(m.span())
    for m in DAY_MONTH.finditer(text):
        if not _overlaps(m.span(), taken):
            start = m.start(1)
            found.append(DateMention(start, m.end(), text[start:m.end()], int(m.group(1)), int(m.group(3)), None))
    return tuple(sorted(found, key=lambda d: d.start))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])
