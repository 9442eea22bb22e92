"""Column roles and periods from header text.

A column's header is read bottom-up (see data/vocabulary.yaml): the lowest header row decides the role
when it can, the group header above adds the year, a comparison ("So sánh (%)" over "KH năm" is % of plan)
or last year ("Cùng kỳ năm trước" over "Quý I"). Periods are read from the words: "Tháng 01" is month 1,
"Quý I/2024" months 1-3 of 2024, "6 tháng đầu năm" months 1-6, "lũy kế đến tháng 5" months 1-5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from check_report import facts as F
from check_report.extract.vocabulary import Vocabulary, fold, has_phrase

NON_MEASURE_ROLES = ("code", "indicator", "unit", "notes", "assessment")
QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d|21\d\d)\b")
_MONTH = re.compile(r"\b(?:thang|month|t|m)\s?(\d{1,2})\b(?!\s*thang)")
_QUARTER = re.compile(r"\b(?:quy|quarter|q)\s?(iv|iii|ii|i|[1-4])\b")
_N_MONTHS = re.compile(r"\b(\d{1,2})\s?(?:thang|months?|t)\b")   # "9 tháng", "9T"
_UP_TO_MONTH = re.compile(r"\b(?:den|through|to|toi)\s+(?:het\s+)?(?:(?:thang|month)\s?(\d{1,2})|(?:ngay\s+)?"
                          r"\d{1,2}\s+(\d{1,2}))\b")   # "đến tháng 9", "đến 30/9/2024"
_NOT_DONE = ("chua", "con lai")
_BARE_YEAR = re.compile(r"(?:nam\s+)?(?:19[5-9]\d|20\d\d|21\d\d)")
_COLUMN_NUMBER = re.compile(r"^\(?[0-9]{1,2}[a-z]?\)?(\s*[-=+*/x×X:]\s*\(?[0-9]{1,2}\)?)*(\s*[*x×X/]\s*10{2,3})?\)?$"
                            r"|^\(?[A-Z]\)?$")
# a column number with a formula in nested brackets: "(14)=((8)+(9))/(7)x100"
_NESTED_NUMBER = re.compile(r"^[(\[]?\s*\d{1,2}\s*[)\]]?\s*=[\s()\[\]\d+\-*/x×X:]+$")


@dataclass(frozen=True)
class Period:
    kind: str                     # "month" | "cumulative"
    start: int | None
    end: int | None
    year: int | None


@dataclass
class Column:
    index: int                    # 0-based column in the grid
    header: str                   # the header words joined, as written (for notes)
    role: str | None              # a measure of facts.MEASURES, a NON_MEASURE_ROLE, or None (unmapped)
    period: Period | None = None
    year: int | None = None
    texts: tuple[str, ...] = ()   # the header text of each header row, top first (repeats merged away)
    origins: tuple[tuple[int, int], ...] = ()   # the merged cell each of those texts comes from
    duplicate_of: str | None = None   # a second code / label / unit column ("Mã số" beside "STT")


def years_in(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text)]


def parse_period(folded: str, vocab: Vocabulary) -> Period | None:
    """The period a header names, if any (months 1..12; a quarter or cumulative span)."""
    year = max(years_in(folded), default=None)
    clean = _YEAR.sub(" ", folded)
    upto = _UP_TO_MONTH.search(clean)
    if upto and 1 <= int(upto.group(1) or upto.group(2)) <= 12:
        return Period("cumulative", 1, int(upto.group(1) or upto.group(2)), year)
    quarter = _QUARTER.search(clean)
    if quarter:
        q = QUARTERS[quarter.group(1)]
        return Period("cumulative", 3 * q - 2, 3 * q, year)
    span = _N_MONTHS.search(clean)
    if span and 1 <= int(span.group(1)) <= 12:
        return Period("cumulative", 1, int(span.group(1)), year)
    month = _MONTH.search(clean)
    if month and 1 <= int(month.group(1)) <= 12:
        return Period("month", int(month.group(1)), int(month.group(1)), year)
    for word in clean.split():
        if word in vocab.month_names:
            m = vocab.month_names[word]
            return Period("month", m, m, year)
    if any(has_phrase(clean, w) for w in ("ca nam", "full year", "whole year")):
        return Period("cumulative", 1, 12, year)
    return None


def classify(texts: list[str], vocab: Vocabulary) -> tuple[str | None, Period | None, int | None]:
    """Role, period and year of a column from its header texts, top row first."""
    texts = [t for t in texts if t and t.strip()]
    if not texts:
        return None, None, None
    folded = [fold(t) for t in texts]
    whole = " ".join(folded)
    ratio = _ratio_role(texts[-1], vocab)
    if ratio is not None:
        role, numerator = ratio
        above = " ".join(folded[:-1])
        period = parse_period(numerator, vocab) or (parse_period(above, vocab) if above else None)
        year = max(years_in(numerator) or years_in(above), default=None)
        if period is not None and period.kind == "month" and role == F.PCT_PREVIOUS:
            role = F.PCT_PREVIOUS_MONTH
        return role, period, year
    role = None
    for part in reversed(folded):  # the lowest header row first
        role, _ = vocab.best_role(part)
        if role == "notes" and _names_a_part(part, vocab):
            # "Trong đó: chi từ nguồn tỉnh bổ sung": a part of the whole above, named by where its money came
            # from ('nguồn'); a notes column is never announced as a part. The header above says what it is.
            role = None
            continue
        if role and role not in NON_MEASURE_ROLES and any(has_phrase(part, w) for w in _NOT_DONE):
            return None, None, None   # "Vốn còn lại chưa giải ngân": what is left, not what was done
        if role:
            break
    period = parse_period(folded[-1], vocab) or parse_period(whole, vocab)
    year = max(years_in(whole), default=None)
    if role in NON_MEASURE_ROLES:
        return role, None, None
    if role is None and period is None and _BARE_YEAR.fullmatch(folded[-1]):
        # "Năm 2024 | Năm 2023" over the figures: the year's total (last year's when it is the year before)
        return "cumulative", Period("cumulative", 1, 12, year), year
    role = _refine(role, folded, whole, period, vocab)
    return role, period, year


def _names_a_part(folded: str, vocab: Vocabulary) -> bool:
    return any(folded == p or folded.startswith(p + " ") for p in vocab.breakdown_partial)


_SLASH = re.compile(r"^\s*([^/]{1,40}?)\s*/\s*([^/]{1,40}?)\s*$")
_PLAN_ABBREVIATIONS = ("dt",)     # "LK/DT": dự toán, only as the denominator of a ratio ("DT" alone may be diện tích)


def _ratio_role(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """A header written as a ratio of two measures ("TH/KH", "9T/CK", "ƯTH/TH 2023", "LK/DT", "2024/2023"):
    (pct_plan or pct_previous, the numerator folded), or None (a date "30/9", a unit "người/km2")."""
    m = _SLASH.match(text)
    if not m:
        return None
    left, right = fold(m.group(1)), fold(m.group(2))
    if not left or not right or (left.split()[-1].isdigit() and len(left.split()[-1]) <= 2):
        return None
    num_role, den_role = vocab.best_role(left)[0], vocab.best_role(right)[0]
    if num_role not in (None, "cumulative", "month"):
        return None
    num_years, den_years = years_in(left), years_in(right)
    if den_role == "plan" or right.split()[0] in _PLAN_ABBREVIATIONS:
        return F.PCT_PLAN, left
    if den_role == "previous":
        return F.PCT_PREVIOUS, left
    if den_years and (max(den_years) < max(num_years) if num_years else den_role == "cumulative" and num_role):
        return F.PCT_PREVIOUS, left          # "2024/2023", "ƯTH/TH 2023": over an earlier year's figure
    return None


def pair_years(columns: list[Column]) -> None:
    """Columns headed alike but for the year ("Vụ Đông Xuân năm 2023 | ... năm 2024", "Năm học 2023 - 2024 |
    2024 - 2025"): each the figure of its year, an earlier year's being last year's (as "Năm 2023 | Năm 2024")."""
    groups: dict[str, list[tuple[Column, int]]] = {}
    for column in columns:
        if column.role is not None or column.period is not None or not column.texts:
            continue
        folded = fold(" ".join(column.texts))
        years = years_in(folded)
        if years:
            groups.setdefault(_YEAR.sub(" ", folded).strip(), []).append((column, max(years)))
    for same in groups.values():
        if len(same) >= 2 and len({y for _, y in same}) == len(same):
            for column, year in same:
                column.role, column.period, column.year = "cumulative", Period("cumulative", 1, 12, year), year


def _refine(role, folded, whole, period, vocab) -> str | None:
    compare = vocab.any_phrase(whole, "compare")
    group_roles = {vocab.best_role(part)[0] for part in folded[:-1]}
    if role in ("month", "cumulative", None) and period is not None:
        role = "month" if period.kind == "month" else "cumulative"
        if "previous" in group_roles:
            role = "previous"
        elif "plan" in group_roles and not compare:
            role = "plan"
    if role == "month" and period is None:
        return None  # "Tháng" without a number
    if role in ("month", "cumulative") and compare and not has_phrase(whole, "luy ke"):
        return None  # a period under "So sánh (%)": a percentage of something the words do not say
    if role == "plan" and compare:
        role = "pct_plan"
    if role == "previous" and compare:
        role = "pct_previous"
    single_month = period is not None and period.kind == "month"
    if single_month and role in ("previous", "pct_previous", "growth"):
        role = {"previous": F.PREVIOUS_MONTH, "pct_previous": F.PCT_PREVIOUS_MONTH,
                "growth": F.GROWTH_MONTH}[role]
    return role


def is_column_number_row(values: list[str]) -> bool:
    """A row of column numbers under the header: "(1) (2) (3)=(2)/(1)" or "A B 1 2 3"."""
    texts = [v.strip() for v in values if v is not None and str(v).strip()]
    if len(texts) < 2:
        return False
    return all(_COLUMN_NUMBER.match(t) or _nested_number(t) for t in texts)


def _nested_number(text: str) -> bool:
    if not _NESTED_NUMBER.match(text) or text.count("(") + text.count("[") != text.count(")") + text.count("]"):
        return False
    return all(len(n) <= 2 or n in ("100", "1000") for n in re.findall(r"\d+", text))
