"""A table's column plan: what each column of figures holds, read from its own header and nothing else.

For an indicator table (rows are indicators) a column is a measure of the row's indicator (plan, a month,
the cumulative value, % of plan ...). For a consolidation table (rows are reporting units) a column is an
indicator of its own ("Số hộ nghèo (hộ)"), or a measure of the indicator its group header names
("Diện tích lúa (ha)" over "KH | TH | % KH"). Beyond the roles:

- units written in the header ("(hộ)", "(%)", "(triệu đồng)") and rates ("Tỷ lệ", "bình quân", "%", "/"):
  a rate is never summed over the rows;
- sub-columns "Tổng số / Trong đó: Nữ": a part of the whole in the same row ("Chia ra" / "Gồm": the parts
  add up to it);
- formula labels ("(5)=(3)/(4)×100") in the header or the column-number row, and a rate beside the
  columns of its numerator and denominator by header words ("Tỷ lệ hộ nghèo" = "Số hộ nghèo" /
  "Tổng số hộ"): relations checked in every row;
- columns read and columns ignored, with the reason, for the user (`describe`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from check_report import facts as F
from check_report.extract.formulas import Formula, find_formula, number_of_column
from check_report.extract.headers import Column, Period
from check_report.extract.sink import PERCENT_MEASURES, letters
from check_report.extract.vocabulary import Vocabulary, fold, has_phrase
from check_report.units import RATE, parse_unit

_PAREN = re.compile(r"\(([^()]{1,30})\)")
_GROWTH = (F.GROWTH, F.GROWTH_MONTH)


@dataclass
class Plan:
    col: int
    header: str
    measure: str
    period: str = ""
    start: int | None = None
    end: int | None = None
    year: int | None = None
    group: int | None = None       # None: the row's own indicator; else the column keying its indicator
    name: str | None = None        # the indicator the header names (grouped columns)
    unit: str | None = None        # the unit the header writes
    rate: bool = False             # a rate, average or index: never summed over rows
    whole: int | None = None       # a part sub-column ("Trong đó: Nữ"): the column of its whole
    formula: Formula | None = None  # declared in the header, or found from header words
    refs: dict[str, int] = field(default_factory=dict)   # the formula's references -> columns

    @property
    def percent(self) -> bool:
        return self.measure in PERCENT_MEASURES or (self.unit or "").strip() in ("%", "‰")


@dataclass
class ColumnPlan:
    plans: list[Plan]
    ignored: list[tuple[int, str, str]]     # (column, header, why)
    assessment: int | None = None
    extra_codes: list[int] = field(default_factory=list)   # "Mã số" beside "STT": codes for row formulas

    def describe(self, units_mode: bool) -> str:
        """"read D plan, E-G month 2024-01..03, H 'Số hộ nghèo' (hộ) ...; ignored: M 'Ghi chú' (notes)"."""
        parts = []
        for plan in self.plans:
            what = plan.measure if plan.group is None and plan.whole is None else \
                f"{(plan.name or plan.header)!r}" + ("" if plan.measure == F.AMOUNT else f" {plan.measure}")
            extra = [x for x in (plan.period, plan.unit) if x]
            if plan.rate and not plan.percent:
                extra.append("rate")
            if plan.whole is not None:
                extra.append(f"part of {letters(plan.whole)}")
            if plan.formula is not None and plan.whole is None:
                extra.append(f"relation {plan.formula.text}")
            parts.append(f"{letters(plan.col)} {what}" + (f" ({', '.join(extra)})" if extra else ""))
        text = "columns read: " + ("; ".join(parts) if parts else "none")
        if self.assessment is not None:
            text += f"; {letters(self.assessment)} assessment"
        if self.ignored:
            text += "; ignored: " + "; ".join(f"{letters(c)} {h!r} ({why})" for c, h, why in self.ignored)
        return ("rows are reporting units; " if units_mode else "") + text


def header_unit(texts: tuple[str, ...]) -> str | None:
    """A unit written in brackets in the header: "Số hộ nghèo (hộ)", "Tỷ lệ (%)", "(triệu đồng)"."""
    for text in reversed(texts):
        for inner in _PAREN.findall(text):
            inner = " ".join(inner.split())
            if inner and not any(ch.isdigit() for ch in inner) and len(inner.split()) <= 3:
                unit = parse_unit(inner)
                if unit.dimension is not None or unit.scale != 1.0 or len(inner.split()) <= 2:
                    return inner
    return None


def is_rate(texts: tuple[str, ...], unit: str | None, vocab: Vocabulary) -> bool:
    folded = fold(" ".join(texts))
    if unit and parse_unit(unit).dimension == RATE:
        return True
    return any(has_phrase(folded, word) for word in vocab.rate_words)


def core_words(text: str, vocab: Vocabulary) -> str:
    """The header without unit brackets, formula labels, rate words and "số"/"tổng số": "Tỷ lệ hộ nghèo
    (%)" -> "ho ngheo", "Số hộ nghèo (hộ)" -> "ho ngheo", "Tổng số hộ" -> "ho"."""
    text = _PAREN.sub(" ", text)
    folded = f" {fold(text)} "
    for word in sorted([*vocab.rate_words, "tong so", "so luong", "so", "tong"], key=len, reverse=True):
        folded = folded.replace(f" {word} ", " ")
    return " ".join(w for w in folded.split() if not w.isdigit())


def rate_relation(rate: Plan, candidates: list[Plan], vocab: Vocabulary) -> tuple[Plan, Plan] | None:
    """Numerator and denominator columns of a rate by header words: the numerator's words are the rate's
    ("Tỷ lệ hộ nghèo" / "Số hộ nghèo"), the denominator's begin them ("Tổng số hộ"); one of each, or none."""
    want = core_words(rate.name or rate.header, vocab)
    if not want or not rate.percent:
        return None
    nums = [p for p in candidates if core_words(p.name or p.header, vocab) == want]
    dens = [p for p in candidates if p not in nums and (core := core_words(p.name or p.header, vocab))
            and want.startswith(core + " ") and fold(p.name or p.header).startswith(("tong so", "so", "tong"))]
    if len(nums) == 1 and len(dens) == 1:
        return nums[0], dens[0]
    return None


def column_numbers(columns: list[Column], number_row: list | None) -> tuple[dict[str, int], dict[int, Formula]]:
    """Column numbers ("(3)" -> column) and formulas per column, from the number row or the headers."""
    numbers: dict[str, int] = {}
    formulas: dict[int, Formula] = {}
    for column in columns:
        written = number_row[column.index] if number_row is not None and column.index < len(number_row) else None
        texts = [str(written)] if written is not None else []
        texts += list(column.texts)
        for text in texts:
            formula = find_formula(text)
            if formula is not None and column.index not in formulas:
                formulas[column.index] = formula
                if formula.own is not None:
                    numbers.setdefault(formula.own, column.index)
            number = number_of_column(text)
            if number is not None:
                numbers.setdefault(number, column.index)
                break
    return numbers, formulas


def part_cue(texts: tuple[str, ...], vocab: Vocabulary) -> str | None:
    """"partial" for "Trong đó: Nữ" (or under a "Trong đó" group), "complete" for "Chia ra" / "Gồm"."""
    for text in texts:
        folded = fold(text)
        if any(folded == p or folded.startswith(p + " ") for p in vocab.breakdown_partial):
            return "partial"
        if any(folded == p or folded.startswith(p + " ") for p in vocab.breakdown_complete):
            return "complete"
    return None


def is_whole(texts: tuple[str, ...], vocab: Vocabulary) -> bool:
    return bool(texts) and fold(_PAREN.sub(" ", texts[-1])) in vocab.whole_words


def indicator_name(texts: tuple[str, ...], vocab: Vocabulary) -> str:
    """The indicator a consolidation column names: its header words without units, formulas and cues."""
    kept = []
    for text in texts:
        clean = _PAREN.sub(" ", text)
        formula = find_formula(clean)
        if formula is not None:
            clean = clean.replace(formula.text, " ")
        folded = fold(clean)
        for cue in (*vocab.breakdown_partial, *vocab.breakdown_complete):
            if folded.startswith(cue + " ") or folded == cue:
                clean = re.sub(r"^\s*\S+(?:\s+\S+)?\s*:?", "", clean, count=1) if " " in cue else \
                    re.sub(r"^\s*\S+\s*:?", "", clean, count=1)
                break
        clean = " ".join(clean.split()).strip(" :;,-–")
        if clean and fold(clean) not in vocab.breakdown_partial + vocab.breakdown_complete:
            kept.append(clean)
    return " – ".join(kept)


def period_label(period: Period | None, year: int | None) -> tuple[str, int | None, int | None]:
    def month(m: int) -> str:
        return f"{year}-{m:02d}" if year else f"{m:02d}"

    if period is None or period.start is None or period.end is None:
        return "", None, None
    if period.kind == "month":
        return month(period.start), period.start, period.end
    return f"{month(period.start)}..{month(period.end)}", period.start, period.end
