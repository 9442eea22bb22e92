"""The fact table's columns as the index reads them: integer codes in order of first appearance, floats with
missing values as NaN, the columns a partial table may lack filled with their defaults."""

from __future__ import annotations

import numpy as np
import pandas as pd

from check_report import facts as F
from check_report.engine.arrays import narrow


# columns the engine can do without (a partial table from another tool), with the values they default to
_OPTIONAL = {F.SHEET: None, F.CELL: None, F.LINE: None, F.WHERE: None, F.PARENT: None, F.COMPLETE: False,
             F.PERIOD: "", F.PERIOD_START: None, F.PERIOD_END: None, F.YEAR: None, F.UNIT: None, F.SCALE: 1.0,
             F.TEXT: "", F.FILE: "", F.INDICATOR: "", F.RAW: "", F.DECIMALS: 0, F.VALUE: np.nan}


_DIMENSIONS: dict[str, int] = {}


def dimension_code(unit) -> int:
    """A small integer per dimension of check_report.units (-1: a count, a rate or no unit)."""
    from check_report.units import RATE, parse_unit

    dimension = parse_unit(None if unit is None or unit == "" else str(unit)).dimension
    if dimension is None or dimension == RATE:
        return -1
    return _DIMENSIONS.setdefault(dimension, len(_DIMENSIONS))


def with_optional_columns(facts: pd.DataFrame) -> pd.DataFrame:
    missing = {column: value for column, value in _OPTIONAL.items() if column not in facts.columns}
    return facts.assign(**missing) if missing else facts


def codes_of(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes in order of first appearance; a missing value is its own code, shown as ''. Codes are
    only compared and used to index (key arithmetic casts them to int64 first): they are held narrow. The
    fact table's labels are categoricals, factorised on their codes, never as a column of objects."""
    values = series if isinstance(series.dtype, pd.CategoricalDtype) else series.to_numpy(dtype=object)
    codes, uniques = pd.factorize(values, sort=False)
    codes = narrow(codes.astype(np.int64, copy=False))
    uniques = pd.Index(np.asarray(uniques, dtype=object))
    if (codes < 0).any():
        codes[codes < 0] = len(uniques)
        uniques = uniques.append(pd.Index([""], dtype=object))
    return codes, uniques


def file_codes_of(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    values = series.to_numpy(dtype=object)
    if len(values) and (values == values[0]).all():       # the usual case: one input file
        return np.zeros(len(values), dtype=np.int64), pd.Index([values[0]], dtype=object)
    return codes_of(series)


def entity_codes_of(entities: pd.Series, parents: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """Codes of entities, and of parents in the same numbering (-1 when the parent states no figure).
    Parents are factorised on their own and only their few distinct names are looked up."""
    ent_codes, ent_names = codes_of(entities)
    parent_codes, parent_names = pd.factorize(parents.to_numpy(dtype=object), sort=False)
    as_entity = pd.Index(ent_names).get_indexer(pd.Index(np.asarray(parent_names, dtype=object)))
    parent_codes = np.where(parent_codes >= 0, as_entity[np.maximum(parent_codes, 0)] if len(as_entity) else -1, -1)
    return ent_codes, parent_codes.astype(np.int64), len(ent_names)


def fact_scales(frame: pd.DataFrame) -> np.ndarray:
    scale = pd.to_numeric(frame[F.SCALE], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isnan(scale) | (scale <= 0), 1.0, scale)


def float_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    try:
        return frame[column].astype("float64").to_numpy(na_value=np.nan)
    except (TypeError, ValueError):
        return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
