"""Helpers the check kinds on prose facts share: the rows they read, intervals in base units, figures.

Not a check kind (not in the registry).
"""

from __future__ import annotations

import math
import weakref

from check_report import facts as F
from check_report.findings import Figure, context_quote, fact_figure

VALUE_MEASURES = (F.CUMULATIVE, F.MONTH, F.AMOUNT, F.COUNT)


# the frame the cached results below belong to (held weakly: checks run one after another on one frame)
_LAST: dict = {"frame": lambda: None, "results": {}}


def memo(facts, key: str, compute):
    """compute(facts), computed once per fact table: each check kind reads the table in `check` and again in
    `checked_rows`, and several kinds read the same rows; converting them to dicts is the costly part. The
    engine never edits a fact table it checks."""
    if _LAST["frame"]() is not facts:
        _LAST["frame"], _LAST["results"] = weakref.ref(facts), {}
    results = _LAST["results"]
    if key not in results:
        results[key] = compute(facts)
    return results[key]


def _prose_records(facts) -> list[tuple[object, dict]]:
    rows = facts[facts[F.SOURCE] == "text"]
    return list(zip(rows.index, rows.to_dict("records")))


def text_rows(facts, measures, *, prose_only: bool = True) -> list[tuple[object, dict]]:
    """(label, row) of the prose facts (or all facts) with one of `measures`, in reading order."""
    if facts is None or not len(facts) or F.SOURCE not in facts:
        return []
    if prose_only:
        wanted = set(measures)
        return [(label, row) for label, row in memo(facts, "prose", _prose_records) if row[F.MEASURE] in wanted]
    rows = facts[facts[F.MEASURE].isin(list(measures))]
    return list(zip(rows.index, rows.to_dict("records")))


def scale(row: dict) -> float:
    value = row.get(F.SCALE)
    return float(value) if value and not (isinstance(value, float) and math.isnan(value)) else 1.0


def interval(row: dict) -> tuple[float, float]:
    """The stated interval in the unit's base (đồng, tấn, người): "1.250 nghìn m3" is [1.249.500; 1.250.500]."""
    s = scale(row)
    return float(row[F.LOWER]) * s, float(row[F.UPPER]) * s


def written(row: dict) -> float:
    """The figure as written in the unit's base ("hơn 3.900 tỷ đồng" is 3.900 tỷ: the foot of its interval,
    not the middle)."""
    return float(row[F.VALUE]) * scale(row)


def base_unit(row: dict) -> str:
    """The unit without its scale word: "triệu đồng" and "tỷ đồng" are both "đồng"."""
    unit = str(row.get(F.UNIT) or "").lower().split()
    words = [w for w in unit if w not in ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn")]
    return " ".join(words)


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    slack = 1e-9 * max(1.0, abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]))
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def figure(ctx, row: dict, role: str) -> Figure:
    return fact_figure(row, role, path=ctx.path or None, quote=context_quote(row))


def present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value != ""
