"""The report's own period and date, for the document checks: read once, in `check_report.periods`.

    report_period(document) -> ReportPeriod | None
    report_date_bound(document) -> datetime.date | None

Extraction reads the same period (`extract/prose_periods.py`), so a check and the fact table never disagree
on what the report covers. The period patterns stay importable from here for the checks that scan the body
with them (`period-year`).
"""

from __future__ import annotations

from check_report.periods import (
    MONTH,
    MONTHS_SPAN,
    QUARTER,
    ROMAN_QUARTER,
    SPAN_MONTHS,
    YEAR,
    ReportPeriod,
    report_date_bound,
    report_period,
)

__all__ = ["MONTH", "MONTHS_SPAN", "QUARTER", "ROMAN_QUARTER", "SPAN_MONTHS", "YEAR", "ReportPeriod",
           "report_date_bound", "report_period"]
