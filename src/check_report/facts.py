"""The fact table: the one contract between the pipeline stages.

Readers and extractors produce it, the rule engine consumes it, reporters only see findings that point
back into it. One row per stated figure. Column names are the constants below; nothing else in the code
spells them as string literals, so a rename happens here or nowhere.

Column          dtype     meaning
--------------  --------  -------------------------------------------------------------------------------
file            str       path of the input as the user gave it
sheet           str|None  worksheet name (tables), None for prose
cell            str|None  A1 address as the user sees it in Excel, title rows counted (tables)
line            int|None  1-based line in the file as given (.md/.txt); None for workbooks
where           str|None  human locator when neither cell nor line says it all: "paragraph 12",
                          "footnote 3", "table 2, row 4, column 3" (.docx)
entity          str       key of the indicator the figure belongs to, unique within one file; rows of one
                          indicator share it (e.g. "Sheet1!12" or "L37:industrial-output")
code            str|None  the hierarchical code as written in the STT column ("1", "1.1", "a", "-", "+")
indicator       str       the indicator's name as written (row label or the subject of a sentence)
parent          str|None  entity key of the parent indicator (from codes, or a breakdown in prose)
complete        bool      True when the children of this entity are declared to be the whole breakdown
                          ("gồm", or a rule-set declaration); children then must add up to it
measure         str       what the figure is; one of MEASURES (or a user-declared measure)
period          str       normalised period label: "2024-03" (a month), "2024-01..2024-03" (cumulative
                          from January), "2024-01..2024-08-31" (from January to a day: "đến ngày
                          31/8/2024"), "" when the figure has no period (a plan, a count); last
                          year's month (previous_month) carries the month it is compared with, so
                          "Tháng 9/2023" beside "Tháng 9/2024" is "2024-09" and the two pair up
period_start    int|None  first month of the period (1..12)
period_end      int|None  last month of the period (1..12)
year            int|None  year of the period label when known
unit            str|None  unit as written ("triệu đồng", "%", "hộ")
scale           float     factor to the unit's base (triệu đồng -> 1e6 of đồng, tấn -> 1e3 of kg; see
                          check_report.units); 1.0 when unknown
value           float     the value as stated, in the stated unit (percentages in percent: 21.89)
lower, upper    float     the interval the stated precision allows: a relation holds when these can agree;
                          a consolidation table's whole count of things (hộ, người, vụ) is exact (lower =
                          upper): nobody rounds 143 households
decimals        int       decimals shown; lower/upper = value -/+ 0.5 * 10**-decimals
raw             str       the figure exactly as written or displayed ("21,89", "1.138.000")
text            str       the quoted context: the row label, or the sentence around a figure in prose
phrasing        str|None  wording that carries meaning in prose: "tăng", "giảm", "bằng", "đạt", "vượt"
source          str       "table" or "text"
base            str|None  what a percentage or a plan is measured against, as part of its identity: for
                          plans whose issuer is named "plan:tỉnh", "plan:HĐND huyện", "resolution:huyện";
                          "plan" for a plain "kế hoạch"/"dự toán"; "same-period" for "so cùng kỳ";
                          "prior-period" for "so với tháng trước"; None for a table or a figure without one
certain         bool      prose only: the figure's identity (indicator, measure, period, base) was read for
                          sure. Relations between figures of different clauses use only certain figures
doubt           str|None  why a prose figure's identity is not certain ("period not stated", "base not
                          stated", "subject not named"); None when certain
formula         str|None  a relation the table itself declares for this figure, over cells of the same sheet:
                          "F12 == D12 / E12 * 100 | (5)=(4)/(3)×100" (the expression over A1 cells, then
                          the label as written); from formula labels in headers and row labels, "Trong
                          đó" sub-columns, and rates beside their numerator and denominator. Checked by
                          the `table-relation` check kind; None for most figures
scope           str       prose only: the place the passage speaks of when it is not the report's own area
                          ("ha noi" in a round-up of provinces, "binh long" in a paragraph on one commune),
                          folded; "" for the report's own area and for tables; with the price basis the
                          passage names after a "|" ("|giá hiện hành", "ha noi|giá so sánh"). Part of a
                          prose figure's identity: mentions in different scopes are different figures

Text columns of few distinct values (LABELS: file, sheet, where, parent, measure, period, unit, phrasing,
source, base, doubt, formula, scope) are pandas categoricals of str: a 100k-row sheet's million figures keep
one code each, not a pointer per column. They compare, filter, group and sort as text; setting a value the
column does not hold yet needs `.cat.add_categories` first. A missing value in any text column is pandas'
missing value (test it with `pd.isna`), not None.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

FILE = "file"
SHEET = "sheet"
CELL = "cell"
LINE = "line"
WHERE = "where"
ENTITY = "entity"
CODE = "code"
INDICATOR = "indicator"
PARENT = "parent"
COMPLETE = "complete"
MEASURE = "measure"
PERIOD = "period"
PERIOD_START = "period_start"
PERIOD_END = "period_end"
YEAR = "year"
UNIT = "unit"
SCALE = "scale"
VALUE = "value"
LOWER = "lower"
UPPER = "upper"
DECIMALS = "decimals"
RAW = "raw"
TEXT = "text"
PHRASING = "phrasing"
SOURCE = "source"
BASE = "base"
CERTAIN = "certain"
DOUBT = "doubt"
FORMULA = "formula"
SCOPE = "scope"

COLUMNS: tuple[str, ...] = (
    FILE, SHEET, CELL, LINE, WHERE, ENTITY, CODE, INDICATOR, PARENT, COMPLETE, MEASURE, PERIOD,
    PERIOD_START, PERIOD_END, YEAR, UNIT, SCALE, VALUE, LOWER, UPPER, DECIMALS, RAW, TEXT, PHRASING,
    SOURCE, BASE, CERTAIN, DOUBT, FORMULA, SCOPE,
)

_DEFAULTS: dict[str, Any] = {
    SHEET: None, CELL: None, LINE: None, WHERE: None, CODE: None, PARENT: None, COMPLETE: False,
    PERIOD: "", PERIOD_START: None, PERIOD_END: None, YEAR: None, UNIT: None, SCALE: 1.0,
    TEXT: "", PHRASING: None, SOURCE: "table", BASE: None, CERTAIN: True, DOUBT: None, FORMULA: None, SCOPE: "",
}

# The measures the built-in rule packs speak of. Readers map header words and phrases onto these.
PLAN = "plan"                      # annual plan / target (kế hoạch, dự toán, chỉ tiêu)
MONTH = "month"                    # value of one month (period = that month)
CUMULATIVE = "cumulative"          # value of the period to date (quý I, 3 tháng, 6 tháng, lũy kế)
PREVIOUS = "previous"              # same period last year (cùng kỳ)
PCT_PLAN = "pct_plan"              # cumulative as % of plan
PCT_PREVIOUS = "pct_previous"      # cumulative as % of the same period last year (a ratio: 109.1)
GROWTH = "growth"                  # growth vs the same period last year in % (9.1)
PREVIOUS_MONTH = "previous_month"  # the same month last year
PCT_PREVIOUS_MONTH = "pct_previous_month"
GROWTH_MONTH = "growth_month"
CHANGE = "change"                  # absolute change vs the same period ("tăng p% hay tăng d")
SHARE = "share"                    # share of the parent in % ("chiếm p%")
CONTRIBUTION = "contribution"      # contribution to the parent's growth in percentage points
CONTRIBUTION_SHARE = "contribution_share"   # share of the parent's growth in % ("đóng góp 44,28%")
GROWTH_PRIOR = "growth_prior"      # growth over the period just before ("so với tháng trước"), in %
PLAN_INCREASE = "plan_increase"    # an increase of the plan stated in the text ("giao tăng thêm 40 triệu")
WHOLE = "whole"                    # the whole a share is of, stated with it ("chiếm 18,42% lao động (79.055 người)")
NUMERATOR = "numerator"            # a of "a/b ... đạt tỷ lệ p%"
DENOMINATOR = "denominator"        # b of "a/b"
RATIO_PCT = "ratio_pct"            # p of "a/b ... p%"
COUNT = "count"                    # a count beside an amount ("900 suất = 450.000.000 đồng")
AMOUNT = "amount"                  # the amount beside a count, or a plain stated figure (a
                                   # consolidation table's cell: one indicator of one reporting unit)
ASSESSMENT = "assessment"          # a written verdict beside the figures ("Đánh giá"): 1 "Vượt",
                                   # 0 "Đạt"/"Hoàn thành", -1 "Không đạt"/"Chưa đạt"; raw is the word

MEASURES: tuple[str, ...] = (
    PLAN, MONTH, CUMULATIVE, PREVIOUS, PCT_PLAN, PCT_PREVIOUS, GROWTH, PREVIOUS_MONTH,
    PCT_PREVIOUS_MONTH, GROWTH_MONTH, CHANGE, SHARE, CONTRIBUTION, NUMERATOR, DENOMINATOR, RATIO_PCT,
    COUNT, AMOUNT, CONTRIBUTION_SHARE, GROWTH_PRIOR, PLAN_INCREASE, WHOLE,
    COUNT, AMOUNT, ASSESSMENT,
)
# Measures that may be stated once per period within one indicator (one column per month).
PERIODIC_MEASURES: frozenset[str] = frozenset({MONTH, PREVIOUS_MONTH, PCT_PREVIOUS_MONTH, GROWTH_MONTH})


def new_table(records: Iterable[Mapping[str, Any]] = ()):
    """Build a fact table from dict records, filling defaults and fixing the column order."""
    import pandas as pd

    rows = [{**_DEFAULTS, **rec} for rec in records]
    missing = [c for c in (FILE, ENTITY, INDICATOR, MEASURE, VALUE, LOWER, UPPER, DECIMALS, RAW)
               if rows and c not in rows[0]]
    if missing:
        raise ValueError(f"fact records lack required columns: {', '.join(missing)}")
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return compact(frame.astype({VALUE: "float64", LOWER: "float64", UPPER: "float64", SCALE: "float64"}))


# Columns of few distinct values per table (labels, and columns most figures leave empty) are pandas
# categoricals: a code per figure and each distinct text once, where a 100k-row sheet's million facts
# would hold a pointer each per column. Categories are sorted, so sorting by one sorts by its text.
LABELS: tuple[str, ...] = (FILE, SHEET, WHERE, PARENT, MEASURE, PERIOD, UNIT, PHRASING, SOURCE, BASE, DOUBT,
                           FORMULA, SCOPE)


def labels(values, take=None):
    """The categorical of the object array `values` (or of values[take], when given), texts or missing;
    None when a value is neither (the column then keeps pandas' own reading)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values, sort=False)
    uniques = np.asarray(uniques, dtype=object)
    if not all(isinstance(u, str) for u in uniques.tolist()):
        return None
    if take is not None:                                 # the values taken: a mark per value, not per figure
        taken = np.zeros(len(values), dtype=bool)
        taken[take] = True
        used = np.flatnonzero(np.bincount(codes[taken] + 1, minlength=len(uniques) + 1)[1:])
    else:
        used = np.flatnonzero(np.bincount(codes + 1, minlength=len(uniques) + 1)[1:])
    order = used[np.argsort(uniques[used])] if len(used) else used
    # codes in the narrowest integers, as pandas keeps them; the last: a missing value's code -1
    rank = np.full(len(uniques) + 1, -1, dtype=np.int8 if len(order) < 127 else np.int32)
    rank[order] = np.arange(len(order))
    codes = rank[codes]                                  # per value, then per figure: one small gather
    return pd.Categorical.from_codes(codes if take is None else codes[take],
                                     categories=pd.Index(uniques[order], dtype="str"), validate=False)


def compact(frame):
    """The table with each LABELS column a categorical (see LABELS)."""
    import pandas as pd

    columns = {}
    for name in LABELS:
        if not isinstance(frame[name].dtype, pd.CategoricalDtype):
            column = labels(frame[name].to_numpy(dtype=object))
            if column is not None:
                columns[name] = column
    return frame.assign(**columns) if columns else frame


def concat(tables):
    """Concatenate fact tables of several inputs, keeping the column contract."""
    import pandas as pd

    tables = [t for t in tables if len(t)]
    if not tables:
        return new_table()
    if len(tables) == 1 and list(tables[0].columns) == list(COLUMNS) and tables[0].index.equals(
            pd.RangeIndex(len(tables[0]))):
        return tables[0]
    # categoricals of different categories concatenate as plain values: made categoricals again
    return compact(pd.concat(tables, ignore_index=True)[list(COLUMNS)])
