"""A verdict written beside a ratio to plan agrees with it.

What it checks
    `vượt kế hoạch`, `đạt kế hoạch`, `hoàn thành kế hoạch` beside an attainment below 100%, or `không đạt`,
    `chưa đạt`, `chưa hoàn thành` beside one of 100% or more, in the same clause, contradict the figure.
    Indicators where less is better (tỷ lệ hộ nghèo, tai nạn, vi phạm, tội phạm, …) are left alone: there
    `vượt` may mean a lower figure than planned.

Why it matters
    Readers skim the verdicts; a verdict that the figure beside it denies means one of them was copied from
    another line or another year.

Failing example
    `Thu ngân sách trên địa bàn 6 tháng đạt 96,7% dự toán, vượt kế hoạch đề ra.`

Passing example
    `Thu ngân sách trên địa bàn 6 tháng đạt 106,7% dự toán, vượt kế hoạch đề ra.`; `Tỷ lệ hộ nghèo đạt 96,7%
    kế hoạch, vượt chỉ tiêu` (lower is better: not judged).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from check_report import facts as F
from check_report.checks._facts import figure, text_rows
from check_report.checks.base import CheckContext, Problem
from check_report.i18n import t

ID = "judgement"
SUMMARY = {
    "en": "A verdict beside a ratio to plan (vượt, đạt, không đạt) agrees with it",
    "vi": "Nhận xét (vượt, đạt, không đạt kế hoạch) khớp với tỷ lệ nêu kèm",
}
DEFAULT_SEVERITY = "error"
OPTIONS: dict = {}

VERDICT = re.compile(r"\b(không đạt|chưa đạt|vượt|đạt|hoàn thành(?:\s+vượt)?|chưa hoàn thành|không hoàn thành)"
                     r"\s{1,3}(?:mức\s{1,3})?(?:kế hoạch|chỉ tiêu|dự toán|mục tiêu|nghị quyết)\b(?!\s{0,3}\d)",
                     re.IGNORECASE)
NEGATIVE = ("không đạt", "chưa đạt", "chưa hoàn thành", "không hoàn thành")
# indicators where less is better: a verdict there may be read the other way round
LOWER_IS_BETTER = re.compile(r"hộ nghèo|cận nghèo|tai nạn|vi phạm|tội phạm|ô nhiễm|suy dinh dưỡng|tử vong|thất nghiệp|"
                             r"cháy|ngộ độc|khiếu nại|nợ xấu|lạm phát|chi phí|tồn đọng|sinh con thứ|tệ nạn|mù chữ|"
                             r"bỏ học|giảm", re.IGNORECASE)


def check(ctx: CheckContext, options: dict) -> Iterator[Problem]:
    for row, verdict in _verdicts(ctx.facts):
        low, high = float(row[F.LOWER]), float(row[F.UPPER])
        if verdict in NEGATIVE:
            wrong = low >= 100.0
        else:
            wrong = high < 100.0
        if not wrong:
            continue
        message = t("check.judgement.contradicts", ctx.lang, indicator=row[F.INDICATOR], verdict=verdict,
                    pct=row[F.RAW])
        yield Problem(message, figures=(figure(ctx, row, "verdict"),),
                      stated=(low, high), details={"verdict": verdict}, indicator=str(row[F.INDICATOR]))


def checked_rows(facts, options: dict | None = None) -> set:
    return {label for label, _ in _labels(facts)}


def _labels(facts):
    for label, row in text_rows(facts, (F.PCT_PLAN,)):
        verdict = _verdict(row)
        if verdict:
            yield label, (row, verdict)


def _verdicts(facts):
    for _, found in _labels(facts):
        yield found


def _verdict(row: dict) -> str | None:
    """The verdict in the same clause after the figure, from its quoted context."""
    quote, raw = str(row[F.TEXT] or ""), str(row[F.RAW])
    at = quote.find(raw + "%")
    if at < 0 or LOWER_IS_BETTER.search(str(row[F.INDICATOR])):
        return None
    clause = re.split(r"[;.]\s|\.$", quote[at + len(raw) + 1:])[0]
    m = VERDICT.search(clause)
    return " ".join(m.group(1).lower().split()) if m else None
