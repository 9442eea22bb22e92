"""Finding messages in the reader's words: figures as the report writes them, never intervals or formulas.

A relation's message names the rule in plain words, the stated figure as written (its precision, its unit),
what the other figures give at the same precision, and the difference; the rounding allowance is a detail
the reporters add. The rule's expression stays in `Finding.formula` (JSON) and in `explain`.
"""

from __future__ import annotations

import re

from check_report.engine import expr as X
from check_report.facts import PERIODIC_MEASURES
from check_report.i18n import measure_name, t
from check_report.wording import difference_text, number_text

MAX_DECIMALS = 6
# a failed `left OP right`, read from the stated side: what the stated figure is compared with
_FLIPPED = {"<=": ">=", ">=": "<=", "<": ">", ">": "<", "==": "==", "!=": "!="}
_OPS = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥", "<": "<", ">": ">"}


def stated_on_right(node: X.Compare) -> bool:
    """Whether the figure the relation is about stands on the right: `sum(children.plan) <= plan` is
    about the total `plan`, whose parts' sum is what the other figures give."""
    return not _single_figure(node.left) and _single_figure(node.right)


def _single_figure(node: X.Node) -> bool:
    return isinstance(node, X.Ref)


def flipped(op: str) -> str:
    return _FLIPPED.get(op, op)


def side_name(node: X.Node, lang: str, period: str = "") -> str:
    """A side of a relation as the reader calls it: "% of plan", "the months added up", "the other figures"."""
    if isinstance(node, X.Ref):
        name = measure_name(node.measure, lang)
        if node.scope == "parent":
            return t("finding.parent", lang, measure=name)
        periodic = node.measure in PERIODIC_MEASURES
        return f"{name} {period_name(period, lang)}".strip() if periodic else name
    if isinstance(node, X.Children):
        if node.func == "count":
            return t("finding.children_count", lang)
        return t("finding.children_sum", lang, measure=measure_name(node.measure, lang))
    if isinstance(node, X.SumMonths):
        return t("finding.months_sum", lang)
    return t("finding.others", lang)


def side_said(node: X.Node, value: str, lang: str, period: str = "") -> str:
    """A side of a relation with its value, as a clause: "the months add up to 1.279.400"."""
    if isinstance(node, X.Ref) and node.scope == "parent":
        return t("finding.source.parent", lang, measure=measure_name(node.measure, lang), value=value)
    if isinstance(node, X.Ref):
        return t("finding.source.figure", lang, name=side_name(node, lang, period), value=value)
    if isinstance(node, X.Children):
        if node.func == "count":
            return t("finding.source.children_count", lang, value=value)
        return t("finding.source.children_sum", lang, measure=measure_name(node.measure, lang), value=value)
    if isinstance(node, X.SumMonths):
        return t("finding.source.months_sum", lang, value=value)
    return t("finding.source.others", lang, value=value)


def period_name(label: str, lang: str) -> str:
    """"2024-03" -> 03/2024; "2024-01..2024-03" -> 01–03/2024 (a period label of the fact table)."""
    if not label:
        return ""
    first, _, last = label.partition("..")
    to_day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", last)
    if to_day:                          # "2024-01..2024-08-31": the months since January to a day
        return t("period.to_day", lang, day=to_day.group(3), month=to_day.group(2), year=to_day.group(1))
    try:
        year, month = first.split("-")
        last_year, last_month = (last or first).split("-")
    except ValueError:
        return label
    if first == (last or first):
        return t("period.month", lang, month=month, year=year)
    if year != last_year:
        return f"{period_name(first, lang)}–{period_name(last, lang)}"
    return t("period.months", lang, first=month, last=last_month, year=year)


def display_decimals(stated: float, implied: float, base: int) -> int:
    """The figures' own decimals, or more when the two values (or their difference) would look the same."""
    decimals = max(0, base)
    while decimals < MAX_DECIMALS:
        a, b = round(stated, decimals), round(implied, decimals)
        if a != b or stated == implied:
            break
        decimals += 1
    return decimals


def relation(rule: str, op: str, subject: str, other: X.Node, stated: float, implied: float, decimals: int,
             lang: str, unit: str = "", period: str = "") -> str:
    """The message of a failed relation, read from the stated figure (`op` as seen from it)."""
    stated_text = number_text(stated, decimals, lang, unit)
    implied_text = number_text(implied, decimals, lang, unit)
    difference = difference_text(abs(stated - implied), decimals, lang, unit)
    if op in ("==",):
        return t("finding.equal", lang, rule=rule, subject=subject, stated=stated_text,
                 source=side_said(other, implied_text, lang, period), difference=difference)
    other_name = side_name(other, lang, period)
    if op == "!=":
        return t("finding.same", lang, rule=rule, subject=subject, stated=stated_text, other=other_name)
    key = "finding.more" if stated > implied else "finding.less"
    return t(key, lang, rule=rule, subject=subject, stated=stated_text, other=other_name, implied=implied_text,
             difference=difference)


def declared(rule: str, op: str, cell: str, relation: str, stated: float, implied: float, decimals: int,
             lang: str, unit: str = "") -> str:
    """A relation the table declares ("(6)=(5)/(4)×100"), read from the cell it is written for."""
    subject = t("finding.cell", lang, cell=cell)
    stated_text = number_text(stated, decimals, lang, unit)
    implied_text = number_text(implied, decimals, lang, unit)
    difference = difference_text(abs(stated - implied), decimals, lang, unit)
    if op == "==":
        return t("finding.equal", lang, rule=rule, subject=subject, stated=stated_text,
                 source=t("finding.source.declared", lang, relation=relation, value=implied_text),
                 difference=difference)
    key = "finding.more" if stated > implied else "finding.less"
    return t(key, lang, rule=rule, subject=subject, stated=stated_text, other=relation, implied=implied_text,
             difference=difference)


def bound(rule: str, op: str, subject: str, stated: float, decimals: int, limit: float, lang: str,
          unit: str = "") -> str:
    """A bound written in the rule ("pct_plan <= 60"): nothing is implied, the figure breaks a limit."""
    limit_decimals = max(0, min(MAX_DECIMALS, len(repr(float(limit)).split(".")[1].rstrip("0"))))
    return t("finding.bound", lang, rule=rule, subject=subject, stated=number_text(stated, decimals, lang, unit),
             op=_OPS.get(op, op), limit=number_text(limit, limit_decimals, lang, unit))


def duplicate(rule: str, indicator: str, measure: str, period: str, raws: list[str], lang: str) -> str:
    return t("finding.duplicate", lang, rule=rule, indicator=indicator or t("finding.unknown_indicator", lang),
             measure=measure_name(measure, lang), period=f" {period_name(period, lang)}" if period else "",
             count=len(raws), values="; ".join(raws))


def rule_error(rule_id: str, error: BaseException, lang: str) -> str:
    text = f"{type(error).__name__}: {error}".splitlines()[0]
    return t("finding.rule_error", lang, rule=rule_id, error=text)


def figure_label(role: str, lang: str) -> str:
    """A figure's role in a finding as the reader calls it: "pct_plan" -> "% of plan", "month 2024-01" ->
    "month 01/2024", "children.plan: Thu thuế" -> "component Thu thuế: plan". Roles this module does not
    know (set by a check kind) are shown as they are."""
    head, sep, name = role.partition(": ")
    if sep and head.startswith("children."):
        return t("finding.component", lang, name=name, measure=measure_name(head.removeprefix("children."), lang))
    word, _, rest = role.partition(" ")
    if word == "statement" and rest.isdigit():
        return t("finding.statement", lang, n=rest)
    if has_measure(word, lang) and (not rest or _looks_like_period(rest)):
        return f"{measure_name(word, lang)} {period_name(rest, lang)}".strip()
    if has_role(word, lang):       # the roles of the check kinds: "mention 2", "part 1", "total_pct pct_plan"
        args = rest.split()
        n = next((a for a in args if a.isdigit()), "")
        measure = next((measure_name(a, lang) for a in args if has_measure(a, lang)), "")
        return t(f"role.{word}", lang, n=n, measure=measure)
    return role


def has_role(word: str, lang: str) -> bool:
    from check_report.i18n import has

    return bool(word) and has(f"role.{word}", lang)


def has_measure(word: str, lang: str) -> bool:
    from check_report.i18n import has

    return has(f"measure.{word}", lang)


def _looks_like_period(text: str) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}(?:\.\.\d{4}-\d{2}(?:-\d{2})?)?", text) is not None
