"""The indicator view: one row per indicator, one column per measure, as the sheet shows them.

Stock GX column expectations read naturally on it (`column: pct_plan, max_value: 300`), and every cell of
the view is one stated figure, so a failing row maps straight back to the figure's sheet and cell.
Periodic measures (one figure per month) get one column per period: `month@2024-03`.
"""

from __future__ import annotations

from check_report import facts as F

# the descriptive columns kept beside the measures
KEEP = (F.FILE, F.SHEET, F.ENTITY, F.CODE, F.INDICATOR, F.UNIT)


def column_of(measure: str, period: str) -> str:
    return f"{measure}@{period}" if measure in F.PERIODIC_MEASURES and period else measure


def indicator_view(facts):
    """(view DataFrame with a RangeIndex, {(view row, column): fact-table label}); the first figure wins
    when an indicator states one measure twice (the duplicate-figure rule reports that case)."""
    import pandas as pd

    if not len(facts):
        return pd.DataFrame(columns=list(KEEP)), {}
    names = [column_of(m, p) for m, p in zip(facts[F.MEASURE], facts[F.PERIOD].fillna(""), strict=True)]
    long = pd.DataFrame({"entity": facts[F.ENTITY].to_numpy(), "column": names, "value": facts[F.VALUE].to_numpy(),
                         "label": facts.index.to_numpy(dtype=object)})   # object: no NaN-to-float labels
    long = long.drop_duplicates(["entity", "column"], keep="first")
    values = long.pivot(index="entity", columns="column", values="value")
    labels = long.pivot(index="entity", columns="column", values="label")
    first = facts.drop_duplicates(F.ENTITY, keep="first").set_index(F.ENTITY)
    order = list(dict.fromkeys(facts[F.ENTITY]))            # indicators in the order of the report
    view = first.loc[order, [c for c in KEEP if c != F.ENTITY]].reset_index()
    view = pd.concat([view, values.loc[order].reset_index(drop=True)], axis=1)
    where = {(row, column): label
             for column in labels.columns
             for row, label in enumerate(labels.loc[order, column].tolist()) if not pd.isna(label)}
    return view, where


def measure_columns(kwargs: dict) -> list[str]:
    """Columns an expectation's kwargs name (column, column_A/B, column_list, column_set ...)."""
    named = [kwargs.get(key) for key in ("column", "column_A", "column_B")]
    for key in ("column_list", "column_set"):
        named.extend(kwargs.get(key) or ())
    return [str(c) for c in named if c]


def wants_view(kwargs: dict, measures) -> bool:
    """True when the expectation speaks of measures (the view's columns), not of the fact table's."""
    columns = measure_columns(kwargs)
    return bool(columns) and all(c.split("@")[0] in measures and c not in F.COLUMNS for c in columns)
