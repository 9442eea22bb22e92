"""Relations a table implies between its columns without writing them.

- A rate beside the columns of its numerator and denominator, by header words ("Tỷ lệ hộ nghèo" =
  "Số hộ nghèo" / "Tổng số hộ" × 100), in a consolidation table.
- A quarter (or any shorter cumulative column) beside the year to date, each of its months a column of the
  table ("Tháng 7 | Tháng 8 | Ước tháng 9 | Quý III | Lũy kế 9 tháng"): the quarter is the sum of those
  months, in every row whose unit adds up. The rules relate an indicator's months to its longest
  cumulative period only, so without this the quarter would go unchecked.
"""

from __future__ import annotations

import re

from check_report import facts as F
from check_report.extract.formulas import relation
from check_report.extract.sink import letters
from check_report.extract.vocabulary import fold

_PAREN = re.compile(r"\(([^()]{1,30})\)")


def core_words(text: str, vocab) -> str:
    """The header without unit brackets, formula labels, rate words and "số"/"tổng số": "Tỷ lệ hộ nghèo
    (%)" -> "ho ngheo", "Số hộ nghèo (hộ)" -> "ho ngheo", "Tổng số hộ" -> "ho"."""
    text = _PAREN.sub(" ", text)
    folded = f" {fold(text)} "
    for word in sorted([*vocab.rate_words, "tong so", "so luong", "so", "tong"], key=len, reverse=True):
        folded = folded.replace(f" {word} ", " ")
    return " ".join(w for w in folded.split() if not w.isdigit())


def rate_relation(rate, candidates: list, vocab) -> tuple | None:
    """Numerator and denominator columns of a rate by header words: the numerator's words are the rate's
    ("Tỷ lệ hộ nghèo" / "Số hộ nghèo"), the denominator's begin them ("Tổng số hộ"); one of each, or none."""
    want = core_words(rate.name or rate.header, vocab)
    if not want or not rate.percent:
        return None
    nums = [p for p in candidates if core_words(p.name or p.header, vocab) == want]
    dens = [p for p in candidates if p not in nums and (core := core_words(p.name or p.header, vocab))
            and want.startswith(core + " ") and fold(p.name or p.header).startswith(("tong so", "so", "tong"))]
    if not dens:
        # "Tổng số hộ dân cư" under "Tỷ lệ hộ nghèo": the one total of the same things counted
        head = want.split()[0]
        dens = [p for p in candidates if p not in nums and fold(p.name or p.header).startswith("tong so ")
                and core_words(p.name or p.header, vocab).split()[:1] == [head]]
    if len(nums) == 1 and len(dens) == 1:
        return nums[0], dens[0]
    return None


def quarter_sums(plans: list) -> None:
    """Each shorter cumulative column whose months are all columns of the table: the sum of them."""
    cumulative = [p for p in plans if p.measure == F.CUMULATIVE and p.group is None and p.whole is None
                  and p.formula is None and p.start and p.end]
    if len(cumulative) < 2:
        return
    longest = max(cumulative, key=lambda p: (p.end, p.end - p.start))
    months: dict[tuple, list] = {}
    for p in plans:
        if p.measure == F.MONTH and p.group is None and p.start == p.end:
            months.setdefault((p.start, p.year), []).append(p)
    for cum in cumulative:
        if cum is longest or cum.end - cum.start >= longest.end - longest.start:
            continue
        parts = [months.get((m, cum.year), []) for m in range(cum.start, cum.end + 1)]
        if len(parts) < 2 or any(len(found) != 1 for found in parts):
            continue
        parts = [found[0] for found in parts]
        cum.formula = relation([letters(p.col) for p in parts], "==", f"{_lowest(cum.header)} = "
                               + " + ".join(_lowest(p.header) for p in parts))
        cum.refs = {letters(p.col): p.col for p in parts}
        cum.additive_rows = True


def _lowest(header: str) -> str:
    """The header row that names the column ("Tháng 7" of "Thực hiện / Tháng 7")."""
    return header.rpartition(" / ")[2]
