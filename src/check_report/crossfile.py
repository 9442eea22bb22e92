"""Cross-file checks: facts of several reports of one reporting unit, checked together.

A district sends a report every month and a cumulative one every quarter. Each file can be consistent on
its own and still contradict the others: the quarter's cumulative figure is not the sum of the three
monthly figures, a later cumulative figure falls below an earlier one, or two files state different values
for the same indicator and period. Every finding points into each file involved (the figures' locations).

Indicators match across files by a normalised key: code (when it is a real hierarchical code, not a bullet),
name, and the parent's name, all case-folded with punctuation and spacing removed. Values are compared in
the unit's base (value x scale) with interval semantics: a relation holds when the stated intervals can agree.

The rules are described in `RULES` (a documented registry, like `checks.REGISTRY`): `check-report rules`
can list them and `explain` can show them; a rule set may override their severity or leave some out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from check_report import facts as F
from check_report.findings import Figure, Finding, Severity, context_quote, fact_figure
from check_report.i18n import measure_name, t
from check_report.numbers import format_number

MONTHS_SUM = "cross.months-sum"
CUMULATIVE_ORDER = "cross.cumulative-order"
SAME_FIGURE = "cross.same-figure"


@dataclass(frozen=True)
class CrossRule:
    """Metadata of one cross-file rule, shaped like the rule set's rules (id, severity, description, doc)."""
    id: str
    severity: Severity
    description: dict[str, str]
    doc: dict[str, dict[str, str]] = field(default_factory=dict)
    pack: str = "cross"


RULES: dict[str, CrossRule] = {
    MONTHS_SUM: CrossRule(
        MONTHS_SUM, Severity.ERROR,
        {"en": "A cumulative figure equals the sum of the monthly figures stated in the monthly reports",
         "vi": "Số lũy kế bằng tổng các số tháng nêu trong các báo cáo tháng"},
        {"what": {"en": "The cumulative figure of a period (quý I, 6 tháng) of an indicator against the sum "
                        "of the month figures of the same indicator from the reports of each month; when "
                        "early months are missing, against the latest earlier cumulative figure of another "
                        "report plus the months after it (6 months = quarter I + April, May, June).",
                  "vi": "Số lũy kế của một kỳ (quý I, 6 tháng) so với tổng số liệu từng tháng của cùng chỉ "
                        "tiêu trong các báo cáo tháng; khi thiếu các tháng đầu, so với số lũy kế gần nhất của "
                        "báo cáo trước cộng các tháng sau đó (6 tháng = quý I + tháng 4, 5, 6)."},
         "why": {"en": "A quarterly report that disagrees with the monthly reports already sent means one of "
                       "them was revised without the other.",
                 "vi": "Báo cáo quý lệch với các báo cáo tháng đã gửi nghĩa là một bên đã sửa mà bên kia chưa."},
         "fail": {"en": "January 100, February 120, March 130; quarter I states 360.",
                  "vi": "Tháng 1: 100, tháng 2: 120, tháng 3: 130; quý I ghi 360."},
         "pass": {"en": "January 100, February 120, March 130; quarter I states 350.",
                  "vi": "Tháng 1: 100, tháng 2: 120, tháng 3: 130; quý I ghi 350."}}),
    CUMULATIVE_ORDER: CrossRule(
        CUMULATIVE_ORDER, Severity.ERROR,
        {"en": "A later cumulative figure of a non-negative flow is not below an earlier one",
         "vi": "Số lũy kế kỳ sau của một chỉ tiêu không âm không nhỏ hơn số lũy kế kỳ trước"},
        {"what": {"en": "Cumulative figures of one indicator and year from different reports, ordered by "
                        "the last month they cover.",
                  "vi": "Các số lũy kế của cùng chỉ tiêu, cùng năm trong các báo cáo, xếp theo tháng cuối kỳ."},
         "why": {"en": "A flow that only adds up (output, revenue, cases) cannot shrink from one period to a "
                       "longer one; a drop means a typo or a changed definition.",
                 "vi": "Chỉ tiêu chỉ cộng dồn (giá trị sản xuất, thu ngân sách) không thể giảm khi kỳ dài "
                       "hơn; giảm là do nhập sai hoặc đổi cách tính."},
         "fail": {"en": "2 months: 220; quarter I: 210.", "vi": "2 tháng: 220; quý I: 210."},
         "pass": {"en": "2 months: 220; quarter I: 350.", "vi": "2 tháng: 220; quý I: 350."}}),
    SAME_FIGURE: CrossRule(
        SAME_FIGURE, Severity.ERROR,
        {"en": "The same indicator and period stated in two reports agrees",
         "vi": "Cùng chỉ tiêu, cùng kỳ nêu trong hai báo cáo phải khớp nhau"},
        {"what": {"en": "Figures of one indicator, measure and period stated in several files.",
                  "vi": "Số liệu cùng chỉ tiêu, cùng loại số và cùng kỳ nêu ở nhiều tệp."},
         "why": {"en": "The reader of both reports cannot tell which figure is right.",
                 "vi": "Người đọc hai báo cáo không biết số nào đúng."},
         "fail": {"en": "March report: March 130; quarterly report: March 135.",
                  "vi": "Báo cáo tháng 3: tháng 3 là 130; báo cáo quý: tháng 3 là 135."},
         "pass": {"en": "Both reports state March 130.", "vi": "Cả hai báo cáo ghi tháng 3 là 130."}}),
}

# Messages: the catalogue's `cross.*` keys ({stated} and {implied} are figures as the report's readers write
# them; {parts} lists the months added up).
_MESSAGES = {MONTHS_SUM: "cross.months_sum", CUMULATIVE_ORDER: "cross.cumulative_order",
             SAME_FIGURE: "cross.same_figure"}

# Bullets mark list items, not positions in a hierarchy: they never identify an indicator.
_BULLET_CODES = {"", "-", "+", "*", "•", "–", "—"}


@dataclass(frozen=True)
class _Fact:
    """One fact row with what matching needs, its figure ready for findings."""
    order: int            # input order of its file, then row order: keeps results deterministic
    path: str
    key: tuple
    measure: str
    year: int | None
    start: int | None
    end: int | None
    unit: str
    scale: float
    lower: float          # in base units (x scale)
    upper: float
    indicator: str
    figure: Figure


def describe_rules(lang: str = "en") -> list[dict]:
    """The cross-file rules as `check-report rules` lists them: id, severity, one-line description."""
    return [{"id": r.id, "pack": r.pack, "severity": r.severity.label,
             "description": r.description.get(lang) or r.description["en"]} for r in RULES.values()]


def check_together(inputs: list[tuple[str, object]], ruleset=None, lang: str = "en") -> list[Finding]:
    """Check the facts of several files of one reporting unit against each other.

    `inputs` holds (path, fact table) per file, in the order the user gave them. `ruleset` may be None
    (every cross rule at its default severity) or a loaded rule set whose `rules` carry `id` and
    `severity`: when it names any `cross.*` rule, only the named ones run, at their configured severity.
    """
    severities = _active_rules(ruleset)
    rows = list(_fact_rows(inputs))
    findings: list[Finding] = []
    if MONTHS_SUM in severities:
        findings += _months_sum(rows, severities[MONTHS_SUM], lang)
    if CUMULATIVE_ORDER in severities:
        findings += _cumulative_order(rows, severities[CUMULATIVE_ORDER], lang)
    if SAME_FIGURE in severities:
        findings += _same_figure(rows, severities[SAME_FIGURE], lang)
    return sorted(findings, key=Finding.sort_key)


def _active_rules(ruleset) -> dict[str, Severity]:
    configured = {getattr(rule, "id", None): getattr(rule, "severity", None)
                  for rule in (getattr(ruleset, "rules", None) or ())}
    named = {rid: sev for rid, sev in configured.items() if isinstance(rid, str) and rid in RULES}
    if not named:
        return {rid: rule.severity for rid, rule in RULES.items()}
    return {rid: Severity.parse(sev) if isinstance(sev, str) else Severity(sev or RULES[rid].severity)
            for rid, sev in named.items()}


# --- reading fact tables ---------------------------------------------------------------------------

def normalise_name(text: str | None) -> str:
    """Case-folded, accent-preserving, punctuation- and space-free: 'Giá trị  sản xuất:' == 'giá trị sản xuất'."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = re.sub(r"\(.*?\)", " ", text)          # "(ước thực hiện)", "(triệu đồng)" vary between files
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _normalise_code(code) -> str:
    text = "" if _missing(code) else str(code).strip().rstrip(".)").lower()
    return "" if text in _BULLET_CODES else text


def _fact_rows(inputs: Iterable[tuple[str, object]]) -> Iterator[_Fact]:
    for file_order, (path, table) in enumerate(inputs):
        if table is None or not len(table):
            continue
        names = dict(zip(table[F.ENTITY], table[F.INDICATOR]))
        for row_order, row in enumerate(table.to_dict("records")):
            fact = _make_fact(path, row, names, file_order * 1_000_000 + row_order)
            if fact is not None:
                yield fact


def _make_fact(path: str, row: dict, names: dict, order: int) -> _Fact | None:
    value, lower, upper = row.get(F.VALUE), row.get(F.LOWER), row.get(F.UPPER)
    if any(_missing(v) for v in (value, lower, upper)):
        return None
    scale = 1.0 if _missing(row.get(F.SCALE)) else float(row[F.SCALE])
    parent = names.get(row.get(F.PARENT)) if not _missing(row.get(F.PARENT)) else None
    key = (_normalise_code(row.get(F.CODE)), normalise_name(row.get(F.INDICATOR)), normalise_name(parent))
    if not key[1]:
        return None
    figure = fact_figure(row, str(row.get(F.MEASURE)), path=str(row.get(F.FILE) or path),
                         quote=context_quote(row))
    return _Fact(order=order, path=figure.location.path, key=key, measure=str(row.get(F.MEASURE)),
                 year=_opt_int(row.get(F.YEAR)), start=_opt_int(row.get(F.PERIOD_START)),
                 end=_opt_int(row.get(F.PERIOD_END)), unit=normalise_name(row.get(F.UNIT)), scale=scale,
                 lower=float(lower) * scale, upper=float(upper) * scale,
                 indicator=str(row.get(F.INDICATOR) or ""), figure=figure)


def _missing(value) -> bool:
    if value is None:
        return True
    import pandas as pd     # here: listing the cross-file rules (`rules`, `explain`) needs no pandas

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or other non-scalar is a value, not a gap
        return False


def _opt_int(value) -> int | None:
    return None if _missing(value) else int(value)


# --- the three relations ---------------------------------------------------------------------------

def _comparable(a: _Fact, b: _Fact) -> bool:
    """Same indicator, same year (an unknown year matches any) and units that can be compared."""
    if a.key != b.key:
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    # different units compare only when both carry a known scale (tỷ vs triệu đồng)
    return a.unit == b.unit or not a.unit or not b.unit or (a.scale != 1.0 and b.scale != 1.0)


def _overlap(lo1: float, hi1: float, lo2: float, hi2: float) -> bool:
    tolerance = 1e-9 * max(1.0, abs(lo1), abs(hi1), abs(lo2), abs(hi2))
    return lo1 <= hi2 + tolerance and lo2 <= hi1 + tolerance


def _month_values(rows: list[_Fact]) -> dict[tuple, list[_Fact]]:
    """Figures that state one month's value: a month column, or a cumulative of January alone."""
    months: dict[tuple, list[_Fact]] = defaultdict(list)
    for fact in rows:
        single = fact.start is not None and fact.start == fact.end
        if single and (fact.measure == F.MONTH or (fact.measure == F.CUMULATIVE and fact.start == 1)):
            months[(fact.key, fact.start)].append(fact)
    return months


def _months_sum(rows: list[_Fact], severity: Severity, lang: str) -> list[Finding]:
    months = _month_values(rows)
    to_date = _by_key(r for r in rows if r.measure == F.CUMULATIVE and r.start == 1 and r.end is not None)
    findings = []
    for cum in rows:
        if cum.measure != F.CUMULATIVE or cum.start is None or cum.end is None or cum.end <= cum.start:
            continue
        parts = _decomposition(cum, months, to_date.get(cum.key, ()))
        if parts is None or all(p.path == cum.path for p in parts):
            continue  # a file checked against itself is the single-file engine's business
        lo, hi = sum(p.lower for p in parts), sum(p.upper for p in parts)
        if _overlap(cum.lower, cum.upper, lo, hi):
            continue
        roles = [f"{'month' if p.start == p.end else 'cumulative'} {_span(p)}" for p in parts]
        findings.append(_finding(MONTHS_SUM, severity, lang, cum, parts, (lo, hi), period=_span(cum),
                                 roles=roles))
    return findings


def _decomposition(cum: _Fact, months: dict[tuple, list[_Fact]], earlier: Iterable[_Fact]) -> list[_Fact] | None:
    """The figures that must add up to `cum`: every month of its period, or else (for a figure to date)
    the latest earlier cumulative of another report plus the months after it (6 months = quarter I + 4, 5, 6)."""
    picked = [_pick_month(months.get((cum.key, m), ()), cum) for m in range(cum.start, cum.end + 1)]
    if all(p is not None for p in picked):
        return picked
    if cum.start != 1:
        return None
    bases = sorted((e for e in earlier if e.path != cum.path and e.end < cum.end and _comparable(e, cum)),
                   key=lambda e: (-e.end, e.order))
    for base in bases:
        rest = picked[base.end:]
        if all(p is not None for p in rest):
            return [base] + rest
    return None


def _by_key(facts: Iterable[_Fact]) -> dict[tuple, list[_Fact]]:
    grouped: dict[tuple, list[_Fact]] = defaultdict(list)
    for fact in facts:
        grouped[fact.key].append(fact)
    return grouped


def _pick_month(candidates: Iterable[_Fact], cum: _Fact) -> _Fact | None:
    """The month's figure from another file than the cumulative, preferring the earliest input."""
    usable = [c for c in candidates if _comparable(c, cum)]
    others = [c for c in usable if c.path != cum.path]
    chosen = others or usable
    return min(chosen, key=lambda c: c.order) if chosen else None


def _cumulative_order(rows: list[_Fact], severity: Severity, lang: str) -> list[Finding]:
    flows = (r for r in rows if r.measure == F.CUMULATIVE and r.start == 1 and r.end is not None
             and r.lower >= 0 and r.unit not in ("", "%"))
    findings = []
    for same_indicator in _by_key(flows).values():
        for later in same_indicator:
            earlier = [e for e in same_indicator if e.path != later.path and e.end < later.end
                       and _comparable(e, later) and later.upper < e.lower]
            if earlier:
                worst = max(earlier, key=lambda e: (e.lower, -e.order))
                findings.append(_finding(CUMULATIVE_ORDER, severity, lang, later, [worst],
                                         (worst.lower, worst.upper), period=_span(later),
                                         roles=[f"cumulative {_span(worst)}"],
                                         earlier=_period(worst, lang), other=worst.path))
    return findings


def _same_figure(rows: list[_Fact], severity: Severity, lang: str) -> list[Finding]:
    groups: dict[tuple, dict[str, _Fact]] = defaultdict(dict)
    for fact in rows:
        group = groups[(fact.key, fact.measure, fact.start, fact.end, fact.year)]
        group.setdefault(fact.path, fact)  # the first statement per file; repeats inside a file are not ours
    findings = []
    for group in groups.values():
        ordered = sorted(group.values(), key=lambda f: f.order)
        first = ordered[0]
        for other in ordered[1:]:
            if _comparable(first, other) and not _overlap(first.lower, first.upper, other.lower, other.upper):
                findings.append(_finding(SAME_FIGURE, severity, lang, other, [first],
                                         (first.lower, first.upper), period=_span(other),
                                         roles=[f"{first.measure} {_span(first)}".strip()],
                                         measure=_measure_name(other.measure, lang), other=first.path))
    return findings


# --- findings ------------------------------------------------------------------------------------

def _span(fact: _Fact) -> str:
    """The period in the fact table's notation, for figure roles: '2024-03', '2024-01..2024-03'."""
    if fact.start is None:
        return str(fact.year or "")
    year = f"{fact.year}-" if fact.year else ""
    first, last = f"{year}{fact.start:02d}", f"{year}{fact.end:02d}"
    return first if first == last else f"{first}..{last}"


def _measure_name(measure: str, lang: str) -> str:
    return t("cross.measure_month", lang) if measure == F.MONTH else measure_name(measure, lang)


def _period(fact: _Fact, lang: str = "en") -> str:
    """'months 1-3/2024', 'month 3/2024' (vi: 'tháng 1-3/2024'); the year only for figures without months."""
    if fact.start is None:
        return str(fact.year) if fact.year else ""
    year = f"/{fact.year}" if fact.year else ""
    if fact.start == fact.end:
        return t("cross.month", lang, month=fact.start, year=year)
    return t("cross.months", lang, first=fact.start, last=fact.end, year=year)


def _finding(rule: str, severity: Severity, lang: str, stated: _Fact, others: list[_Fact],
             implied_base: tuple[float, float], *, period: str, roles: list[str], **extra) -> Finding:
    """A finding in the stated figure's own unit, with every figure (and so every file) it involves."""
    scale = stated.scale or 1.0
    implied = (implied_base[0] / scale, implied_base[1] / scale)
    stated_iv = (stated.lower / scale, stated.upper / scale)
    style = "vi" if lang == "vi" else "en"
    decimals = max([stated.figure.decimals] + [o.figure.decimals for o in others])
    implied_value = sum(o.figure.value * o.scale for o in others) / scale
    parts = " + ".join(f"{_period(o, lang)}: {format_number(o.figure.value, o.figure.decimals, style)}"
                       for o in others)
    message = t(_MESSAGES[rule], lang, indicator=stated.indicator, period=_period(stated, lang),
                stated=format_number(stated.figure.value, stated.figure.decimals, style),
                implied=format_number(implied_value, decimals, style), parts=parts, **extra)
    figures = [_with_role(stated.figure, f"{stated.measure} {period}".strip())]
    figures += [_with_role(o.figure, role) for o, role in zip(others, roles)]
    return Finding(rule=rule, severity=severity, message=message, indicator=stated.indicator,
                   figures=tuple(figures), stated=stated_iv, implied=implied,
                   values=(stated.figure.value, implied_value), decimals=decimals,
                   details={"files": sorted({f.location.path for f in figures})})


def _with_role(figure: Figure, role: str) -> Figure:
    return replace(figure, role=role)
