"""Small fact tables for the GX tests: a wide indicator table written as long facts, like the readers do."""

from __future__ import annotations

import dataclasses

from check_report import facts as F
from check_report.engine import Rule
from check_report.findings import Severity
from check_report.numbers import bounds

PATH = "q.xlsx"
SHEET = "Bieu 1"
# columns of the imagined sheet: month 1..3, cumulative, plan, % of plan
COLUMNS = {"m1": "C", "m2": "D", "m3": "E", "cumulative": "F", "plan": "G", "pct_plan": "H"}


def fact(row: int, column: str, measure: str, value: float, decimals: int, **extra) -> dict:
    lower, upper = bounds(value, decimals)
    raw = f"{value:.{max(decimals, 0)}f}".replace(".", ",")
    record = dict(file=PATH, sheet=SHEET, cell=f"{column}{row}", entity=f"{SHEET}!{row}",
                  indicator=f"Chỉ tiêu {row}", measure=measure, value=value, lower=lower, upper=upper,
                  decimals=decimals, raw=raw, text=f"Chỉ tiêu {row}", unit="triệu đồng", year=2024)
    record.update(extra)
    return record


def indicator_rows(row: int, months, cumulative, plan, pct, *, decimals=0, pct_decimals=1, **extra) -> list[dict]:
    out = []
    for k, value in enumerate(months, start=1):
        out.append(fact(row, COLUMNS[f"m{k}"], F.MONTH, value, decimals, period=f"2024-{k:02d}",
                        period_start=k, period_end=k, **extra))
    out.append(fact(row, COLUMNS["cumulative"], F.CUMULATIVE, cumulative, decimals,
                    period="2024-01..2024-03", period_start=1, period_end=3, **extra))
    out.append(fact(row, COLUMNS["plan"], F.PLAN, plan, decimals, **extra))
    out.append(fact(row, COLUMNS["pct_plan"], F.PCT_PLAN, pct, pct_decimals, **{**extra, "unit": "%"}))
    return out


def clean_table():
    """Three consistent indicators (derived figures rounded as a report shows them)."""
    rows = []
    rows += indicator_rows(8, (120.4, 131.2, 140.7), 392.3, 1500.0, 26.2, decimals=1)
    rows += indicator_rows(9, (1000, 1200, 1300), 3500, 14000, 25.0)
    rows += indicator_rows(10, (55, 60, 65), 180, 700, 25.7)
    return F.new_table(rows)


# Injected errors: (cell that carries the wrong figure, the rule that must catch it)
INJECTED = {
    f"{SHEET}!F12": "core.cumulative-sum-of-months",   # 100 + 200 + 300 stated as 610
    f"{SHEET}!H13": "core.pct-of-plan",                 # 1500 / 3000 stated as 51,0 %
}


def table_with_errors():
    rows = list(clean_table().to_dict("records"))
    rows += indicator_rows(12, (100, 200, 300), 610, 2000, 30.5)
    rows += indicator_rows(13, (500, 500, 500), 1500, 3000, 51.0)
    return F.new_table(rows)


def hierarchy_table(child_values=(40, 50), parent_value=90, complete=True):
    """A parent row 20 with children rows 21, 22 (cumulative only)."""
    parent = f"{SHEET}!20"
    rows = [fact(20, "F", F.CUMULATIVE, parent_value, 0, period="2024-01..2024-03", period_start=1,
                 period_end=3, complete=complete, code="1")]
    for k, value in enumerate(child_values, start=1):
        rows.append(fact(20 + k, "F", F.CUMULATIVE, value, 0, period="2024-01..2024-03", period_start=1,
                         period_end=3, parent=parent, code=f"1.{k}"))
    return F.new_table(rows)


def cells(result) -> list[tuple[str, str, tuple[str, ...]]]:
    """What parity means: the same rule, severity and cells for every finding."""
    return sorted((f.rule, f.severity.label, tuple(sorted(loc.short() for loc in f.locations)))
                  for f in result.findings)


@dataclasses.dataclass(frozen=True)
class GxRule(Rule):
    """A rule naming a stock GX expectation, as the rule loader builds it from `gx:` and `kwargs:`."""
    gx: str | None = None
    gx_kwargs: dict = dataclasses.field(default_factory=dict)


def gx_rule(name, kwargs, rule_id="user.gx", severity=Severity.WARNING):
    return GxRule(id=rule_id, pack="user", severity=severity, description={"en": "units are known"},
                  gx=name, gx_kwargs=kwargs, source="rules.yaml", line=12)
