"""A plan raised in the text is the plan the result is then measured against.

What it checks
    A report that states a plan (`giao chỉ tiêu thu ngân sách là 96 triệu 500 nghìn đồng`), then an increase
    of it (`giao tăng thêm 40 triệu đồng`), and then the result as a ratio to a plan (`đạt 118 triệu/151 triệu
    500 nghìn đồng`): the denominator must be the plan plus the increase. Amounts written the way they are
    spoken (`151 triệu 500 nghìn`) are read as numbers. The plan, its increase and the ratio must stand in one
    paragraph, the ratio naming the same indicator as the plan.

Why it matters
    When the plan raised in one sentence is not the one divided by in the next, either the increase or the
    plan figure is wrong, and so is the percentage built on it.

Failing example
    `Được giao chỉ tiêu thu ngân sách là 96 triệu 500 nghìn đồng; huyện giao tăng thêm 40 triệu đồng; thu
    ngân sách đạt 118 triệu/151 triệu 500 nghìn đồng` (96,5 + 40 = 136,5).

Passing example
    The same with `giao tăng thêm 55 triệu đồng`.
"""

from __future__ import annotations

from collections.abc import Iterator

from check_report import facts as F
from check_report.checks._facts import base_unit, figure, interval, overlap, text_rows, written
from check_report.checks.base import CheckContext, Problem
from check_report.identity import name_keys
from check_report.i18n import t
from check_report.wording import number_text

ID = "target-raised"
SUMMARY = {
    "en": "A plan raised in the text is the plan the result is measured against",
    "vi": "Kế hoạch được giao tăng thêm là kế hoạch dùng để tính tỷ lệ thực hiện",
}
DEFAULT_SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for plan, increase, denominator in _triples(ctx.facts):
        raised = (interval(plan)[0] + interval(increase)[0], interval(plan)[1] + interval(increase)[1])
        if overlap(raised, interval(denominator)):
            continue
        scale = interval(denominator)[1] / float(denominator[F.UPPER]) if float(denominator[F.UPPER]) else 1.0
        decimals = max(int(plan[F.DECIMALS] or 0), int(increase[F.DECIMALS] or 0))
        shown = _trimmed(number_text((written(plan) + written(increase)) / scale, decimals, ctx.lang), decimals, ctx.lang)
        figures = (figure(ctx, plan, "plan"), figure(ctx, increase, "plan_increase"),
                   figure(ctx, denominator, "divisor"))
        message = t("check.target_raised.differs", ctx.lang, indicator=plan[F.INDICATOR], plan=plan[F.RAW],
                    increase=increase[F.RAW], raised=shown, unit=plan[F.UNIT] or "", divisor=denominator[F.RAW])
        yield Problem(message, figures=figures,
                      stated=(float(denominator[F.LOWER]), float(denominator[F.UPPER])),
                      implied=(raised[0] / scale, raised[1] / scale), indicator=str(plan[F.INDICATOR]))


def _trimmed(shown: str, decimals: int, lang: str) -> str:
    """"227,700" -> "227,7": the sum of two written amounts, without zeros the amounts did not write."""
    if decimals <= 0:
        return shown
    return shown.rstrip("0").rstrip("," if lang == "vi" else ".")


def checked_rows(facts, options: dict | None = None) -> set:
    return {row["_label"] for triple in _triples(facts) for row in triple}


def _block(row: dict) -> tuple:
    """Rows of one paragraph share the part of the entity key before the sentence number."""
    return (row[F.FILE], str(row[F.ENTITY]).split(".", 1)[0])


def _triples(facts):
    rows = [{**row, "_label": label} for label, row in text_rows(facts, (F.PLAN, F.PLAN_INCREASE, F.DENOMINATOR))]
    for i, plan in enumerate(rows):
        if plan[F.MEASURE] != F.PLAN:
            continue
        keys = name_keys(plan[F.INDICATOR], 2)
        later = [r for r in rows[i + 1:] if _block(r) == _block(plan)]
        increase = next((r for r in later if r[F.MEASURE] == F.PLAN_INCREASE), None)
        if increase is None or base_unit(increase) != base_unit(plan):
            continue
        after = later[later.index(increase) + 1:]
        denominator = next((r for r in after if r[F.MEASURE] == F.DENOMINATOR
                            and name_keys(r[F.INDICATOR], 2) & keys and base_unit(r) == base_unit(plan)), None)
        if denominator is not None:
            yield plan, increase, denominator
