"""Fact rows for engine tests, written the way reports write figures ("1.138.000", "21,89")."""

from __future__ import annotations

import re

from check_report import facts as F
from check_report.numbers import VI, parse_number

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SPAN = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")


def period_fields(period: str) -> dict:
    if match := _MONTH.match(period):
        year, month = int(match.group(1)), int(match.group(2))
        return {F.PERIOD: period, F.PERIOD_START: month, F.PERIOD_END: month, F.YEAR: year}
    if match := _SPAN.match(period):
        return {F.PERIOD: period, F.PERIOD_START: int(match.group(2)), F.PERIOD_END: int(match.group(4)),
                F.YEAR: int(match.group(3))}
    return {F.PERIOD: period}


_VERDICTS = {"Vượt": 1.0, "Đạt": 0.0, "Hoàn thành": 0.0, "Không đạt": -1.0, "Chưa đạt": -1.0}


def fact(entity: str, measure: str, raw: str, *, period: str = "", cell: str | None = None,
         parent: str | None = None, file: str = "q1.xlsx", **extra) -> dict:
    parsed = parse_number(str(raw), VI)
    if parsed is None and raw in _VERDICTS:           # a written verdict ("Đạt"), as the reader codes it
        parsed = parse_number(str(int(_VERDICTS[raw])), VI)
    assert parsed is not None, raw
    record = {F.FILE: file, F.SHEET: "Sheet1", F.CELL: cell, F.ENTITY: entity, F.INDICATOR: f"Indicator {entity}",
              F.PARENT: parent, F.MEASURE: measure, F.VALUE: parsed.value, F.LOWER: parsed.lower,
              F.UPPER: parsed.upper, F.DECIMALS: parsed.decimals, F.RAW: str(raw), F.TEXT: f"row {entity}"}
    record.update(period_fields(period))
    record.update(extra)
    return record


def table(records: list[dict]):
    """A fact table; cells default to a distinct address per fact so findings can be told apart."""
    rows = []
    for i, rec in enumerate(records):
        rec = dict(rec)
        if rec.get(F.CELL) is None:
            rec[F.CELL] = f"Z{i + 1}"
        rows.append(rec)
    return F.new_table(rows)


def from_case(rows: list[dict]):
    """Case-file rows: {entity, measure, raw, period?, parent?, complete?, unit?, scale?, cell?}."""
    records = []
    for row in rows:
        row = dict(row)
        records.append(fact(str(row.pop("entity")), row.pop("measure"), str(row.pop("raw")),
                            period=str(row.pop("period", "")), cell=row.pop("cell", None),
                            parent=row.pop("parent", None), **row))
    return table(records)
