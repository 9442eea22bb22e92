"""Contributions to growth add up to the growth of their total.

What it checks
    Components of a total each stating a contribution to its growth, in percentage points (`đóng góp 1,07
    điểm phần trăm`, `làm tăng 0,3 điểm phần trăm`, under `Trong mức tăng 8,4% …` or `… vào mức tăng chung`),
    or as a share of it (`đóng góp 44,28%`), must add up to the total's growth (the points) or to 100 (the
    shares) when they are the whole of it: declared with `gồm`, or naming every part of a standard breakdown
    (the sectors nông, lâm nghiệp và thủy sản / công nghiệp và xây dựng / dịch vụ, with the product taxes when
    the total is GDP or GRDP and not only its value added; the four industry sections of the IIP …). When a
    part is left out (GRDP with no word on the taxes), the check abstains.

Why it matters
    Each contribution is computed separately; a total that does not match the parts means the total growth,
    or one contribution, was copied from another period or another table.

Failing example
    `Trong mức tăng 8,4% của GRDP, khu vực nông, lâm nghiệp và thủy sản đóng góp 0,45 điểm phần trăm; công
    nghiệp và xây dựng 4,55 điểm; dịch vụ 3,9 điểm; thuế sản phẩm 0,5 điểm` (the parts make 9,4).

Passing example
    The same with `dịch vụ 2,9 điểm`; the three sectors of GRDP without the taxes (not the whole: no finding).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report import facts as F
from check_report.checks._facts import figure, overlap, present
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t
from check_report.wording import number_text
from check_report.partitions import whole_partition

ID = "contributions"
SUMMARY = {
    "en": "Contributions to growth add up to the total's growth",
    "vi": "Tổng điểm % đóng góp bằng tốc độ tăng của chỉ tiêu tổng",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

PARTS = (F.CONTRIBUTION, F.CONTRIBUTION_SHARE)
OTHER_FIGURE = re.compile("compared with|plan for a later period")


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for growth, parts, measure in _wholes(ctx.facts):
        lo = sum(float(p[F.LOWER]) for p in parts)
        hi = sum(float(p[F.UPPER]) for p in parts)
        target = (float(growth[F.LOWER]), float(growth[F.UPPER])) if measure == F.CONTRIBUTION else (100.0, 100.0)
        if overlap((lo, hi), target):
            continue
        yield _problem(ctx, growth, parts, measure, (lo, hi), target)


def checked_rows(facts, options: dict | None = None) -> set:
    return {row["_label"] for growth, parts, _ in _wholes(facts) for row in (growth, *parts)}


def _rows(facts) -> list[tuple[object, dict]]:
    """(label, row) of the contributions (tables state them too) and of the growth of the entities they are
    parts of, in reading order: a table states a growth on every row, and a dict per row is what costs."""
    if facts is None or not len(facts) or F.SOURCE not in facts:
        return []
    measures = facts[F.MEASURE]
    parts = measures.isin(PARTS)
    if not parts.any():
        return []
    parents = facts.loc[parts, F.PARENT].dropna().unique()
    rows = facts[parts | ((measures == F.GROWTH) & facts[F.ENTITY].isin(parents))]
    return list(zip(rows.index, rows.to_dict("records")))


def _wholes(facts):
    rows = _rows(facts)
    if not rows:
        return
    complete = set(facts.loc[facts[F.COMPLETE].fillna(False).astype(bool), F.ENTITY])
    growth_of: dict[str, dict] = {}
    parts_of: dict[tuple[str, str], list[dict]] = {}
    names: dict[str, str] = {}
    for label, row in rows:
        row = {**row, "_label": label}
        doubt = str(row.get(F.DOUBT)) if present(row.get(F.DOUBT)) else ""
        # last year's growth in brackets, or a target, is not the growth the parts split
        if row[F.MEASURE] == F.GROWTH and row[F.ENTITY] not in growth_of and not OTHER_FIGURE.search(doubt):
            growth_of[row[F.ENTITY]] = row
            names[row[F.ENTITY]] = str(row[F.INDICATOR])
        elif row[F.MEASURE] in PARTS and present(row[F.PARENT]):
            parts_of.setdefault((row[F.PARENT], row[F.MEASURE]), []).append(row)
    for (parent, measure), parts in parts_of.items():
        growth = growth_of.get(parent)
        if growth is None or len(parts) < 2:
            continue
        if parent in complete or whole_partition(names[parent], [str(p[F.INDICATOR]) for p in parts]):
            yield growth, parts, measure


def _problem(ctx, growth: dict, parts: list[dict], measure: str, summed, target) -> Problem:
    # the parts' sum as written (their own precision) against the growth, or 100%, as the report writes it
    decimals = max(int(p[F.DECIMALS]) for p in parts)
    total = sum(float(p[F.VALUE]) for p in parts)
    whole, whole_decimals = (float(growth[F.VALUE]), int(growth[F.DECIMALS])) if measure == F.CONTRIBUTION \
        else (100.0, 0)
    figures = (figure(ctx, growth, "total_growth"),) + tuple(
        figure(ctx, p, f"contribution {k}") for k, p in enumerate(parts, 1))
    key = "check.contributions.points" if measure == F.CONTRIBUTION else "check.contributions.shares"
    message = t(key, ctx.lang, indicator=growth[F.INDICATOR], summed=number_text(total, decimals, ctx.lang),
                growth=number_text(whole, whole_decimals, ctx.lang))
    return Problem(message, figures=figures, stated=target, implied=summed, values=(whole, total),
                   # the figure lines show the parts' sum as the message does (7,13, not 7,1): one precision
                   decimals=max(whole_decimals, decimals),
                   details={"measure": measure, "entity": growth[F.ENTITY]}, indicator=str(growth[F.INDICATOR]))
