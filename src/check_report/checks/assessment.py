"""A written verdict ("Đạt", "Vượt", "Không đạt", "Hoàn thành") agrees with the row's ratio to plan.

An engine check kind (engine.kinds runs `judge` on the fact table, so it also runs inside GX).

What it checks
    An indicator table's "Đánh giá" / "Kết quả đánh giá" column judges each row against its plan. The
    verdict is compared with the row's attainment: its stated % of plan, else cumulative / plan × 100.
    Where more is better, "Đạt" and "Hoàn thành" need at least 100%, "Vượt" more than 100%, "Không đạt"
    less. Where less is better (tỷ lệ hộ nghèo, tai nạn, số vụ vi phạm ...) the comparison turns round:
    "Đạt" needs the result at or below the plan. Which way an indicator goes is read from its name with
    the `lower_is_better` and `higher_is_better` word lists (options of the rule); where neither says,
    the verdict is not judged (a false alarm is worse than a miss), nor when the result covers only part
    of the year (a verdict on progress). Rounding never decides: the figures' intervals must rule the
    verdict out.

Why it matters
    The verdict column is what readers skim; a row marked "Đạt" at 92% of plan, or a poverty rate above
    its target marked "Đạt", misreports the year.

Failing example
    `Thu ngân sách: KH 1.000, TH 920, Đánh giá: Đạt` (92,0% of plan).

Passing example
    `Tỷ lệ hộ nghèo (%): KH 3,5, TH 3,2, Đánh giá: Đạt` (less is better: 3,2 is within 3,5).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from check_report import facts as F
from check_report.checks.base import CheckContext, Problem
from check_report.findings import fact_figure
from check_report.folding import fold, has_phrase
from check_report.i18n import t
from check_report.numbers import EN, VI, format_number

ID = "assessment"
SUMMARY = {
    "en": "A written verdict (Đạt, Vượt, Không đạt) agrees with the row's ratio to plan",
    "vi": "Đánh giá (Đạt, Vượt, Không đạt) khớp với tỷ lệ thực hiện so kế hoạch",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {
    "lower_is_better": ["ho ngheo", "ho can ngheo", "tai nan", "vi pham", "toi pham", "vu chay", "chay no",
                        "chay rung", "tu vong", "suy dinh duong", "that nghiep", "o nhiem", "bo hoc",
                        "sinh con thu 3", "no dong", "ton dong", "don thu", "khieu nai", "thiet hai", "ma tuy",
                        "ngo doc", "so vu", "vu viec", "lai xe"],
    "higher_is_better": ["thu ngan sach", "tong thu", "gia tri san xuat", "tong muc ban le", "doanh thu",
                         "san luong", "kim ngach", "xuat khau", "von dau tu", "khach du lich", "luot khach",
                         "viec lam", "thu nhap", "dat chuan", "nong thon moi", "che phu", "bao phu",
                         "bao hiem", "nuoc sach", "hop ve sinh", "tiem chung", "dien tich gieo trong",
                         "nang suat", "thanh lap moi", "giai ngan", "tang truong", "trong rung", "kien co hoa"],
}
_WORDS = {1.0: "Vượt", 0.0: "Đạt", -1.0: "Không đạt"}


def direction(indicator: str, options: dict) -> int:
    """+1 more is better, -1 less is better, 0 unknown (or both said: not judged)."""
    folded = fold(indicator)
    lower = any(has_phrase(folded, fold(w)) for w in options.get("lower_is_better", []))
    higher = any(has_phrase(folded, fold(w)) for w in options.get("higher_is_better", []))
    if lower and (higher or has_phrase(folded, "giam")):   # "tỷ lệ giảm hộ nghèo": more is better
        return 0
    return -1 if lower else 1 if higher else 0


def _attainment(rows) -> tuple[tuple[float, float], list] | None:
    """The row's % of plan as an interval, and the facts it comes from; None when it cannot be told."""
    cumulative = [r for r in rows if r[F.MEASURE] == F.CUMULATIVE]
    if cumulative:
        latest = max(cumulative, key=lambda r: (_num(r[F.PERIOD_END]) or 0, -(_num(r[F.PERIOD_START]) or 99)))
        end = _num(latest[F.PERIOD_END])
        if end is not None and end < 12:
            return None                                   # part of the year: a verdict on progress
    stated = [r for r in rows if r[F.MEASURE] == F.PCT_PLAN]
    if stated:
        row = stated[-1]
        return (float(row[F.LOWER]), float(row[F.UPPER])), [row]
    plan = [r for r in rows if r[F.MEASURE] == F.PLAN]
    if not cumulative or not plan:
        return None
    y, p = latest, plan[-1]
    if float(p[F.LOWER]) <= 0:
        return None
    lo = float(y[F.LOWER]) / float(p[F.UPPER]) * 100
    hi = float(y[F.UPPER]) / float(p[F.LOWER]) * 100
    return (np.nextafter(lo, -np.inf), np.nextafter(hi, np.inf)), [y, p]


def _num(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(number) else number


def _ruled_out(verdict: float, way: int, lo: float, hi: float) -> str | None:
    """Why the attainment interval [lo, hi] rules the verdict out (a catalogue key), None when it allows it."""
    if way > 0:
        if verdict == 1 and hi <= 100:
            return "higher_exceeded"
        if verdict == 0 and hi < 100:
            return "higher_met"
        if verdict == -1 and lo >= 100:
            return "higher_short"
    else:
        if verdict == 1 and lo >= 100:
            return "lower_exceeded"
        if verdict == 0 and lo > 100:
            return "lower_met"
        if verdict == -1 and hi <= 100:
            return "lower_short"
    return None


def _entities(facts):
    if facts is None or not len(facts):
        return {}
    verdicts = facts[F.MEASURE] == F.ASSESSMENT
    if not verdicts.any():
        return {}
    with_verdict = set(facts.loc[verdicts, F.ENTITY])
    subset = facts[facts[F.ENTITY].isin(with_verdict)]
    out: dict = {}
    for label, row in zip(subset.index, subset.to_dict("records")):
        row["_label"] = label
        out.setdefault((row[F.FILE], row[F.ENTITY]), []).append(row)
    return out


def judge(facts, options: dict, lang: str = "en") -> tuple[list[Problem], set]:
    """(problems, fact-table labels judged) for every verdict whose indicator's direction is known."""
    options = {**OPTIONS, **(options or {})}
    problems, labels = [], set()
    for rows in _entities(facts).values():
        verdict = next(r for r in rows if r[F.MEASURE] == F.ASSESSMENT)
        way = direction(str(verdict[F.INDICATOR] or verdict[F.TEXT] or ""), options)
        found = _attainment(rows) if way else None
        if found is None:
            continue
        (lo, hi), sources = found
        labels.add(verdict["_label"])
        labels.update(r["_label"] for r in sources)
        why = _ruled_out(float(verdict[F.VALUE]), way, lo, hi)
        if why is None:
            continue
        style = VI if lang == "vi" else EN
        shown = f"{format_number(lo, 1, style)}–{format_number(hi, 1, style)}%" if round(lo, 1) != round(hi, 1) \
            else f"{format_number(lo, 1, style)}%"
        raw = str(verdict[F.RAW])
        message = t("check.assessment.verdict", lang, indicator=verdict[F.INDICATOR], verdict=raw, result=shown,
                    why=t(f"check.assessment.{why}", lang, verdict=raw))
        problems.append(Problem(message=message, figures=(fact_figure(verdict, "assessment"),
                                                          *(fact_figure(r, str(r[F.MEASURE])) for r in sources)),
                                implied=(lo, hi),
                                details={"entity": verdict[F.ENTITY], "direction": "higher" if way > 0 else "lower"}))
    return problems, labels


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    yield from judge(ctx.facts, options, ctx.lang)[0]
