"""Components that name every part of a standard breakdown add up to their total.

What it checks
    A total whose components (listed after `trong đó`, in a footnote, or named one after another with no cue
    at all) name every member of a standard statistical breakdown (`data/partitions.yaml`: khu vực nhà nước
    / ngoài nhà nước / có vốn đầu tư nước ngoài; nông nghiệp / lâm nghiệp / thủy sản; kinh tế nhà nước / tập
    thể / cá thể / tư nhân / có vốn đầu tư nước ngoài; khách quốc tế / nội địa; …) is the whole of them: the
    components must add up to it within rounding and hedges ("gần", "hơn", "khoảng"). Components above their
    total are reported by `core.children-within-parent`; this check reports the parts that fall short. A
    warning: the breakdown's completeness is read from the names, not declared with `gồm`.

Why it matters
    When the parts of a standard breakdown do not make up their total, one of the figures is wrong, or a
    part the reader takes for granted is missing from the text.

Failing example
    `Vốn đầu tư toàn xã hội 6 tháng đạt 10.250 tỷ đồng; khu vực nhà nước 2.900 tỷ đồng, khu vực ngoài nhà nước
    5.650 tỷ đồng, khu vực có vốn đầu tư nước ngoài 700 tỷ đồng` (the parts make 9.250).

Passing example
    The same with `khu vực ngoài nhà nước 6.650 tỷ đồng`; `Thu ngân sách 300 tỷ đồng, trong đó thu nội địa 250
    tỷ đồng` (a partial breakdown: no standard whole).
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report import facts as F
from check_report.checks._facts import VALUE_MEASURES, base_unit, figure, interval, present, text_rows, written
from check_report.checks._facts import scale as unit_scale
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t
from check_report.wording import number_text
from check_report.partitions import whole_partition

ID = "partition-sum"
SUMMARY = {
    "en": "Components naming every part of a standard breakdown add up to their total",
    "vi": "Các thành phần đủ mọi bộ phận của một cơ cấu chuẩn cộng lại bằng chỉ tiêu tổng",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for total, parts, partition in _wholes(ctx.facts):
        lo = sum(interval(p)[0] for p in parts)
        hi = sum(interval(p)[1] for p in parts)
        t_lo, t_hi = interval(total)
        if hi >= t_lo:
            continue                       # the parts reach the total (above it: core.children-within-parent)
        yield _problem(ctx, total, parts, partition, (lo, hi))


def checked_rows(facts, options: dict | None = None) -> set:
    return {row["_label"] for total, parts, _ in _wholes(facts) for row in (total, *parts)}


def _wholes(facts):
    """(total row, component rows, partition) for every total whose components are a standard whole."""
    rows = text_rows(facts, VALUE_MEASURES)
    by_entity: dict[str, list[dict]] = {}
    for label, row in rows:
        by_entity.setdefault(row[F.ENTITY], []).append({**row, "_label": label})
    children: dict[str, list[str]] = {}
    for entity, entity_rows in by_entity.items():
        parent = entity_rows[0][F.PARENT]
        if present(parent) and parent in by_entity:
            children.setdefault(parent, []).append(entity)
    for parent, kids in children.items():
        total = _value(by_entity[parent])
        if total is None or bool(total[F.COMPLETE]) or len(kids) < 2:
            continue
        parts = [_value(by_entity[k], total) for k in kids]
        if any(p is None for p in parts):
            continue
        partition = whole_partition(str(total[F.INDICATOR]), [str(p[F.INDICATOR]) for p in parts])
        if partition is not None:
            yield total, parts, partition


def _value(rows: list[dict], total: dict | None = None) -> dict | None:
    """The row of an entity to sum: the total's measure when given, in the same unit."""
    for row in rows:
        if total is None or row[F.MEASURE] == total[F.MEASURE] or {row[F.MEASURE], total[F.MEASURE]} <= {
                F.CUMULATIVE, F.AMOUNT, F.COUNT}:
            if total is None or base_unit(row) == base_unit(total):
                return row
    return None


def _problem(ctx, total: dict, parts: list[dict], partition, summed: tuple[float, float]) -> Problem:
    scale = unit_scale(total)
    decimals = max(int(p[F.DECIMALS]) for p in parts)
    # the parts as written, added ("hơn 3.900" is 3.900): a hedge widens a part's interval on one side only,
    # so the middle of the summed intervals is no figure the report wrote
    added = sum(written(p) for p in parts) / scale
    figures = (figure(ctx, total, "total"),) + tuple(figure(ctx, p, f"part {k}") for k, p in enumerate(parts, 1))
    names = ", ".join(str(p[F.INDICATOR]) for p in parts)
    message = t("check.partition_sum.short", ctx.lang, indicator=total[F.INDICATOR], names=names,
                partition=partition.description, summed=number_text(added, decimals, ctx.lang), unit=total[F.UNIT] or "",
                total=number_text(float(total[F.VALUE]), int(total[F.DECIMALS]), ctx.lang))
    return Problem(message, figures=figures, stated=(float(total[F.LOWER]), float(total[F.UPPER])),
                   implied=(summed[0] / scale, summed[1] / scale), details={"partition": partition.id},
                   values=(float(total[F.VALUE]), added), decimals=max(decimals, int(total[F.DECIMALS])),
                   indicator=str(total[F.INDICATOR]))
