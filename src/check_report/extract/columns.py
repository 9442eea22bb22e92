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
- columns read and columns ignored, with the reason, for the user (`listing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from check_report import facts as F
from check_report.extract.cells import read_figure
from check_report.extract.formulas import Formula, find_formula, number_of_column, relation
from check_report.extract.headers import Column, Period, parse_period
from check_report.extract.implied import quarter_sums, rate_relation
from check_report.extract.siblings import separate
from check_report.extract.sink import PERCENT_MEASURES, letters
from check_report.extract.vocabulary import Vocabulary, fold, has_phrase
from check_report.units import RATE, is_count, parse_unit

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
    declared: bool = False         # read only for the formula the table writes for it ("4=3/1")
    additive_rows: bool = False    # its relation holds only in rows whose unit adds up (not %, tạ/ha)

    @property
    def percent(self) -> bool:
        return self.measure in PERCENT_MEASURES or (self.unit or "").strip() in ("%", "‰")


@dataclass
class ColumnPlan:
    plans: list[Plan]
    ignored: list[tuple[int, str, str]]     # (column, header, why)
    assessment: int | None = None
    extra_codes: list[int] = field(default_factory=list)   # "Mã số" beside "STT": codes for row formulas

    def listing(self, layout) -> list[tuple[str, str, str]]:
        """(column, header, what it is read as) for every column of the table, in sheet order."""
        out: dict[int, tuple[str, str]] = {}
        for role, col in (("code", layout.code_col), ("row label", layout.label_col), ("unit", layout.unit_col),
                          ("row group label", layout.group_col)):
            if col is not None:
                out[col] = (layout.columns[col].header, role)
        for plan in self.plans:
            reading = plan.measure if plan.group is None and plan.whole is None else \
                f"{(plan.name or plan.header)!r}" + ("" if plan.measure == F.AMOUNT else f" {plan.measure}")
            extra = [x for x in (plan.period, plan.unit) if x]
            if plan.rate and not plan.percent:
                extra.append("rate, never summed")
            if plan.whole is not None:
                extra.append(f"part of {letters(plan.whole)}")
            if plan.formula is not None and plan.whole is None:
                extra.append(f"relation {plan.formula.text}")
            out[plan.col] = (plan.header, reading + (f" ({', '.join(extra)})" if extra else ""))
        if self.assessment is not None:
            out[self.assessment] = (layout.columns[self.assessment].header, "assessment (verdict words)")
        for col, header, why in self.ignored:
            out.setdefault(col, (layout.columns[col].header if col < len(layout.columns) else header,
                                 f"ignored: {why}"))
        return [(letters(col), header, reading) for col, (header, reading) in sorted(out.items())]


def header_unit(texts: tuple[str, ...]) -> str | None:
    """A unit written in brackets in the header: "Số hộ nghèo (hộ)", "Tỷ lệ (%)", "(triệu đồng)", or alone in
    the header's last row (a row of units under it: "Hộ", "%")."""
    if len(texts) > 1 and _bare_unit(texts[-1]):
        return " ".join(texts[-1].split())
    for text in reversed(texts):
        for inner in _PAREN.findall(text):
            inner = " ".join(inner.split())
            if inner and not any(ch.isdigit() for ch in inner) and len(inner.split()) <= 3 and \
                    any(ch.isalpha() or ch in "%‰" for ch in inner):     # not "(+)", "(*)"
                unit = parse_unit(inner)
                if unit.dimension is not None or unit.scale != 1.0 or len(inner.split()) <= 2:
                    return inner
    return next((noun for text in reversed(texts) if (noun := _counted(text))), None)


def _bare_unit(text: str) -> bool:
    """A header text that is a unit and nothing else ("Hộ", "%", "Triệu đồng"): a row of units."""
    text = " ".join(text.split())
    return text in ("%", "‰") or is_count(text) or (0 < len(text) <= 20 and parse_unit(text).dimension is not None)


def _counted(text: str) -> str | None:
    """The things a "Số ..." header counts, as written: "Tổng số hộ dân cư" -> "hộ dân", "Số hộ" -> "hộ"."""
    words = text.split()
    folded = [fold(w) for w in words]
    start = 2 if folded[:2] == ["tong", "so"] else 1 if folded[:1] == ["so"] else 0
    if not start:
        return None
    for n in (3, 2, 1):
        if len(words) >= start + n and is_count(" ".join(folded[start:start + n])):
            return " ".join(words[start:start + n])
    return None


def is_rate(texts: tuple[str, ...], unit: str | None, vocab: Vocabulary) -> bool:
    folded = fold(" ".join(texts))
    if unit and parse_unit(unit).dimension == RATE:
        return True
    if any("/" in inner or "‰" in inner for text in texts for inner in _PAREN.findall(text)):
        return True                     # "(người/km2)", "(số nam/100 nữ)", "(‰)": per something
    if any(has_phrase(folded, word) for word in vocab.not_rates):
        return False                    # "Dân số trung bình": the year's mean population, additive
    return any(has_phrase(folded, word) for word in vocab.rate_words)


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
    for k, text in enumerate(texts):
        if k and k == len(texts) - 1 and _bare_unit(text):
            continue                                   # the row of units under the header
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


def _figure_share(ctx, col: int) -> tuple[int, int]:
    """(figures, non-empty cells) of a column in the first data rows."""
    figures = filled = 0
    for cells in ctx.sample():
        value = cells[col].value if col < len(cells) else None
        if value is not None and str(value).strip() and str(value).strip() not in ctx.vocab.no_data:
            filled += 1
            if read_figure(cells[col].value, cells[col].number_format, ctx.vocab.no_data) is not None:
                figures += 1
    return figures, filled


def build_plan(ctx) -> ColumnPlan:
    """The column plan of a table (`ctx`: the table being read, extract.table._TableContext)."""
    layout = ctx.layout
    number_row = [c.value for c in ctx.grid.rows[layout.number_row]] if layout.number_row is not None else None
    numbers, formulas = column_numbers(layout.columns, number_row)
    plan = ColumnPlan([], [])
    structural = {layout.code_col, layout.label_col, layout.unit_col, layout.group_col}
    for column in layout.columns:
        if column.index in structural:
            continue
        figures, filled = _figure_share(ctx, column.index)
        if column.duplicate_of:
            if column.duplicate_of == "code":
                plan.extra_codes.append(column.index)
            if filled:
                what = {"indicator": "indicator"}.get(column.duplicate_of, column.duplicate_of)
                plan.ignored.append((column.index, column.header, f"a second {what} column"))
            continue
        if column.role == "notes":
            plan.ignored.append((column.index, column.header, "notes"))
        elif column.role == "assessment" and figures * 2 > filled:
            plan.ignored.append((column.index, column.header, "scores, not verdict words"))
        elif column.role == "assessment":
            plan.assessment = column.index
        elif column.role is not None:
            plan.plans.append(_measure_plan(ctx, column))
        elif not column.header.strip():
            if figures:
                plan.ignored.append((column.index, "", "no header"))
        elif figures * 2 <= filled or not figures:
            if filled:
                plan.ignored.append((column.index, column.header, "holds no figures"))
        else:
            unnamed = _unnamed_plan(ctx, column)
            if unnamed is None and column.index in formulas:
                unnamed = _declared_plan(ctx, column, formulas[column.index])
            if unnamed is None:
                plan.ignored.append((column.index, column.header, "header not understood"))
            else:
                plan.plans.append(unnamed)
    separate(ctx, plan.plans)
    for part in _link_parts(ctx, plan.plans):
        plan.ignored.append((part.col, part.header, "a sub-column whose whole is not in the table"))
    _formulas(ctx, plan, numbers, formulas)
    quarter_sums(plan.plans)
    return plan


def _declared_plan(ctx, column: Column, formula: Formula) -> Plan:
    """A column the header does not name ("So với DT tỉnh (%)") whose formula the table writes ("4=3/1"):
    an indicator of its own, read for that relation only."""
    unit = header_unit(column.texts)
    plan = Plan(column.index, column.header, F.AMOUNT, year=column.year or ctx.year, group=column.index,
                name=indicator_name(column.texts, ctx.vocab) or column.header, unit=unit, declared=True)
    plan.rate = plan.percent or formula.is_ratio or is_rate(column.texts, unit, ctx.vocab)
    return plan


def _measure_plan(ctx, column: Column) -> Plan:
    """A column whose header names a measure (plan, a month, % of plan ...)."""
    role, period = column.role, column.period
    year = column.year or ctx.year
    if role in (F.MONTH, F.CUMULATIVE) and column.year and ctx.year and column.year == ctx.year - 1:
        role = F.PREVIOUS_MONTH if role == F.MONTH else F.PREVIOUS
    if role == F.PREVIOUS:
        year = column.year if column.year and ctx.year and column.year < ctx.year else \
            (ctx.year - 1 if ctx.year else None)
    elif role == F.PREVIOUS_MONTH:
        year = ctx.year or (column.year + 1 if column.year else None)   # the month it is compared with
    if period is None and role not in (F.MONTH, F.PLAN):
        period = ctx.cumulative if role not in (F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH) else None
    label, start, end = ("", None, None) if role == F.PLAN else period_label(period, year)
    plan = Plan(column.index, column.header, role, label, start, end, year)
    plan.unit = header_unit(column.texts)
    if ctx.units_mode and len(column.texts) > 1 and _names_indicator(ctx, column.texts[0]):
        plan.group, plan.name = column.origins[0][1], indicator_name(column.texts[:-1], ctx.vocab)
    plan.rate = plan.percent or is_rate(column.texts, plan.unit, ctx.vocab)
    return plan


def _names_indicator(ctx, text: str) -> bool:
    """A group header that names an indicator ("Diện tích lúa (ha)"), not a measure or a period."""
    folded = fold(text)
    role, _ = ctx.vocab.best_role(folded)
    return role is None and parse_period(folded, ctx.vocab) is None and \
        not ctx.vocab.any_phrase(folded, "compare") and bool(folded)


def _unnamed_plan(ctx, column: Column) -> Plan | None:
    """A column of figures whose header names no measure: an indicator of a consolidation table, the
    whole ("Tổng số") of an indicator table's row, or a part of it ("Trong đó: Nữ")."""
    unit = header_unit(column.texts)
    label, start, end = period_label(column.period, column.year or ctx.year) \
        if column.period is not None and column.period.kind == "cumulative" else ("", None, None)
    plan = Plan(column.index, column.header, F.AMOUNT, label, start, end, column.year or ctx.year,
                unit=unit, name=indicator_name(column.texts, ctx.vocab) or column.header)
    plan.rate = is_rate(column.texts, unit, ctx.vocab)
    if ctx.units_mode:
        plan.group = column.index
        return plan
    if is_whole(column.texts, ctx.vocab) and not part_cue(column.texts, ctx.vocab):
        plan.name = None
        return plan
    if part_cue(column.texts, ctx.vocab) or len(column.texts) > 1:
        plan.group = column.index          # linked to its whole by _link_parts, or dropped there
        return plan
    return None


def _link_parts(ctx, plans: list[Plan]) -> list[Plan]:
    """"Tổng số | Trong đó: Nữ | ...": each part is linked to the whole on its left, in the same group.
    Returns the sub-columns of an indicator table left without a whole (not read)."""
    columns = ctx.layout.columns
    by_col = {p.col: p for p in plans}
    for plan in plans:
        texts = columns[plan.col].texts
        cue = part_cue(texts, ctx.vocab)
        if plan.measure != F.AMOUNT or (cue is None and not _beside_whole(ctx, plan, by_col)):
            continue
        whole = _whole_left_of(ctx, plan, by_col)
        if whole is not None:
            plan.whole = whole.col
    if not ctx.units_mode:       # an indicator table keeps only parts with a whole
        kept = [p for p in plans if p.group is None or p.whole is not None or p.measure != F.AMOUNT or p.declared]
        dropped = [p for p in plans if all(p is not k for k in kept)]
        plans[:] = kept
        return dropped
    return []


def _beside_whole(ctx, plan: Plan, by_col: dict[int, Plan]) -> bool:
    whole = _whole_left_of(ctx, plan, by_col)
    return whole is not None and len(ctx.layout.columns[plan.col].texts) > 1


def _whole_left_of(ctx, plan: Plan, by_col: dict[int, Plan]) -> Plan | None:
    columns = ctx.layout.columns
    top = columns[plan.col].origins[0] if columns[plan.col].origins else None
    if top is not None and len(columns[plan.col].texts) > 1 and part_cue(columns[plan.col].texts[:1], ctx.vocab):
        # "Dân số | Chia ra: Nam | Nữ": the column just left of a "Chia ra" / "Trong đó" group is its whole
        first = min(c.index for c in columns if c.origins and c.origins[0] == top)
        other = by_col.get(first - 1)
        if other is not None and not other.rate and not part_cue(columns[first - 1].texts, ctx.vocab):
            return other
    for col in range(plan.col - 1, -1, -1):
        other = by_col.get(col)
        if other is None:
            return None
        texts = columns[col].texts
        same_group = not top or not columns[col].origins or columns[col].origins[0] == top or \
            len(texts) == 1
        if is_whole(texts, ctx.vocab) and same_group:
            return other
        if not part_cue(texts, ctx.vocab) and not same_group:
            return None
    return None


def _formulas(ctx, plan: ColumnPlan, numbers: dict[str, int], formulas: dict) -> None:
    by_col = {p.col: p for p in plan.plans}
    for col, formula in formulas.items():
        target = by_col.get(col)
        if target is None:
            continue
        if all(r in numbers and numbers[r] in by_col for r in formula.refs):
            target.formula, target.refs = formula, {r: numbers[r] for r in formula.refs}
            if target.measure in (F.GROWTH, F.GROWTH_MONTH) and not formula.is_ratio:
                target.measure = F.CHANGE          # "(5)=(3)-(4)": an absolute change, not a growth rate
        else:
            plan.ignored.append((col, formula.text, "a formula naming columns not numbered in the header"))
            if target.declared:
                plan.plans.remove(target)
    for part in [p for p in plan.plans if p.whole is not None and p.formula is None]:
        whole = by_col[part.whole]
        cue = part_cue(ctx.layout.columns[part.col].texts, ctx.vocab)
        part.formula, part.refs = relation(["w"], "<=", f"{part.name} ≤ {whole.header}"), {"w": whole.col}
        if cue == "complete" and whole.formula is None:
            parts = [p for p in plan.plans if p.whole == whole.col
                     and part_cue(ctx.layout.columns[p.col].texts, ctx.vocab) == "complete"]
            whole.formula = relation([letters(p.col) for p in parts], "==",
                                     f"{whole.header} = " + " + ".join(p.name or p.header for p in parts))
            whole.refs = {letters(p.col): p.col for p in parts}
    if ctx.units_mode:
        amounts = [p for p in plan.plans if not p.rate and p.measure == F.AMOUNT]
        for rate in [p for p in plan.plans if p.rate and p.formula is None]:
            found = rate_relation(rate, amounts, ctx.vocab)
            if found:
                num, den = found
                rate.formula = relation(["num", "den"], "==", f"{num.name} / {den.name} × 100", "/")
                rate.refs = {"num": num.col, "den": den.col}
