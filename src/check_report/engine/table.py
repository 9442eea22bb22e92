"""The fact table indexed for vectorised evaluation: entities, slots and fast lookups.

A *slot* is one (file, entity, measure, period): several facts stating it are intersected (an empty
intersection is a finding of its own). Entities are keyed by (file, entity) so that concatenated inputs
never mix. Everything here is integer codes and numpy arrays; strings are only read back for findings.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from check_report import facts as F
from check_report.engine.intervals import FLOAT_SLACK
from check_report.findings import Location

MONTHS = 12
# measures that carry the indicator's own unit (the others are percentages of something)
AMOUNT_MEASURES = (F.PLAN, F.MONTH, F.CUMULATIVE, F.PREVIOUS, F.PREVIOUS_MONTH, F.CHANGE, F.COUNT, F.AMOUNT,
                   F.NUMERATOR, F.DENOMINATOR)
RATE_UNIT = r"%|‰|/|\blần\b|\bbình quân\b|\btỷ lệ\b|\bper\b|\bratio\b|\brate\b"


def _codes(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    codes, uniques = pd.factorize(series.astype(object).where(series.notna(), ""), sort=False)
    return codes.astype(np.int64), pd.Index(uniques)


def _int_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


class FactIndex:
    def __init__(self, facts: pd.DataFrame, periodic: frozenset[str] = F.PERIODIC_MEASURES):
        lower = pd.to_numeric(facts[F.LOWER], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        upper = pd.to_numeric(facts[F.UPPER], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        usable = ~(np.isnan(lower) | np.isnan(upper))
        self.facts = facts
        self.periodic = periodic
        self.labels = facts.index
        self.rows = np.flatnonzero(usable)           # positions of usable facts
        frame = facts.iloc[self.rows]
        self._build_entities(frame)
        self._build_slots(frame, lower[self.rows], upper[self.rows])
        self._chosen: dict[str, np.ndarray] = {}
        self._periodic_keys: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # -- construction ---------------------------------------------------------------------------------
    def _build_entities(self, frame: pd.DataFrame) -> None:
        file_codes, self.files = _codes(frame[F.FILE])
        ent_codes, ent_names = _codes(frame[F.ENTITY])
        width = max(len(ent_names), 1)
        keys = file_codes * width + ent_codes
        fact_ent, uniq_keys = pd.factorize(keys, sort=True)
        self.fact_ent = fact_ent.astype(np.int64)
        self.n_ent = len(uniq_keys)
        first = np.full(self.n_ent, len(frame), dtype=np.int64)
        np.minimum.at(first, self.fact_ent, np.arange(len(frame)))
        self.ent_first = self.rows[first] if len(frame) else np.zeros(0, dtype=np.int64)
        parent_codes = ent_names.get_indexer(frame[F.PARENT].astype(object).where(frame[F.PARENT].notna(), None))
        parent_keys = np.where(parent_codes >= 0, file_codes * width + parent_codes, -1)
        pos = np.searchsorted(uniq_keys, parent_keys)
        pos = np.clip(pos, 0, max(self.n_ent - 1, 0))
        found = (parent_keys >= 0) & (np.asarray(uniq_keys)[pos] == parent_keys) if self.n_ent else parent_keys >= 0
        fact_parent = np.where(found, pos, -1)
        self.parent = np.full(self.n_ent, -1, dtype=np.int64)
        np.maximum.at(self.parent, self.fact_ent, fact_parent)
        self.parent[self.parent == np.arange(self.n_ent)] = -1
        complete = frame[F.COMPLETE].fillna(False).astype(bool).to_numpy()
        self.complete = np.zeros(self.n_ent, dtype=bool)
        np.logical_or.at(self.complete, self.fact_ent, complete)
        self.rate_unit = self._rate_units(frame)
        scale = pd.to_numeric(frame[F.SCALE], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        self.fact_scale = np.where(np.isnan(scale) | (scale <= 0), 1.0, scale)
        amounts = np.flatnonzero(frame[F.MEASURE].isin(AMOUNT_MEASURES).to_numpy())[::-1]
        self.ent_scale = np.ones(self.n_ent)
        self.ent_scale[self.fact_ent[amounts]] = self.fact_scale[amounts]   # the first amount stated wins
        children = self.parent[self.parent >= 0]
        self.n_children = np.bincount(children, minlength=self.n_ent)

    def _rate_units(self, frame: pd.DataFrame) -> np.ndarray:
        """Entities whose amounts are rates or prices (%, per-unit, 'lần'): months of such an indicator do
        not add up and its children are not parts of it."""
        amounts = frame[F.MEASURE].isin(AMOUNT_MEASURES).to_numpy()
        units = frame[F.UNIT].astype(object).where(frame[F.UNIT].notna(), "").astype(str).str.lower()
        rate = units.str.contains(RATE_UNIT).to_numpy(dtype=bool) & amounts
        flags = np.zeros(self.n_ent, dtype=bool)
        np.logical_or.at(flags, self.fact_ent, rate)
        return flags

    def _build_slots(self, frame: pd.DataFrame, lower: np.ndarray, upper: np.ndarray) -> None:
        meas_codes, self.measures = _codes(frame[F.MEASURE])
        per_codes, self.periods = _codes(frame[F.PERIOD])
        n_meas, n_per = max(len(self.measures), 1), max(len(self.periods), 1)
        keys = (self.fact_ent * n_meas + meas_codes) * n_per + per_codes
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]) if len(keys) else order
        self.fact_slot = np.empty(len(keys), dtype=np.int64)
        self.fact_slot[order] = np.cumsum(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]) - 1 if len(keys) else 0
        rep = order[starts]                             # first stated fact of each slot
        self.slot_fact = self.rows[rep]
        self.slot_ent = self.fact_ent[rep]
        self.slot_meas = meas_codes[rep]
        self.slot_per = per_codes[rep]
        if len(keys):
            lo = np.maximum.reduceat(lower[order], starts)
            hi = np.minimum.reduceat(upper[order], starts)
        else:
            lo = hi = np.zeros(0)
        counts = np.diff(np.r_[starts, len(keys)])
        scale = np.maximum(np.abs(lo), np.abs(hi))
        self.conflict = (counts > 1) & (lo > hi + FLOAT_SLACK * (1 + scale))
        # a conflicting slot keeps its first statement, so later rules still judge a stated figure
        self.slot_lo = np.where(self.conflict, lower[rep], lo)
        self.slot_hi = np.where(self.conflict, upper[rep], hi)
        self.slot_count = counts
        self.slot_scale = self.fact_scale[rep]
        self.slot_start = _int_column(frame, F.PERIOD_START)[rep]
        self.slot_end = _int_column(frame, F.PERIOD_END)[rep]
        self.slot_year = _int_column(frame, F.YEAR)[rep]

    # -- lookups --------------------------------------------------------------------------------------
    def measure_code(self, measure: str) -> int:
        loc = self.measures.get_indexer([measure])[0]
        return int(loc)

    def chosen(self, measure: str) -> np.ndarray:
        """Slot per entity of a non-periodic measure (-1 when not stated). Stated for several periods,
        the latest and longest period is the one the relations speak of."""
        if measure not in self._chosen:
            slot_of = np.full(self.n_ent, -1, dtype=np.int64)
            code = self.measure_code(measure)
            if code >= 0:
                slots = np.flatnonzero(self.slot_meas == code)
                end = np.nan_to_num(self.slot_end[slots], nan=-1)
                start = np.nan_to_num(self.slot_start[slots], nan=99)
                order = np.lexsort((-start, end, self.slot_ent[slots]))
                ordered = slots[order]
                slot_of[self.slot_ent[ordered]] = ordered   # the last write per entity wins
            self._chosen[measure] = slot_of
        return self._chosen[measure]

    def periodic_slots(self, measure: str) -> np.ndarray:
        code = self.measure_code(measure)
        return np.flatnonzero(self.slot_meas == code) if code >= 0 else np.zeros(0, dtype=np.int64)

    def lookup(self, measure: str, ent: np.ndarray, per: np.ndarray) -> np.ndarray:
        """Slot of a periodic measure for each (entity, period) pair; -1 where not stated."""
        if measure not in self._periodic_keys:
            slots = self.periodic_slots(measure)
            keys = self.slot_ent[slots] * max(len(self.periods), 1) + self.slot_per[slots]
            order = np.argsort(keys, kind="stable")
            self._periodic_keys[measure] = (keys[order], slots[order])
        keys, slots = self._periodic_keys[measure]
        want = ent * max(len(self.periods), 1) + per
        return _search(keys, slots, want, ent >= 0)

    def month_grid(self, measure: str, year: np.ndarray) -> np.ndarray:
        """(n_ent, 12) slots of single-month facts by month number, preferring the given year per entity."""
        grid = np.full((self.n_ent, MONTHS), -1, dtype=np.int64)
        slots = self.periodic_slots(measure)
        single = (self.slot_start[slots] == self.slot_end[slots]) & (self.slot_start[slots] >= 1) \
            & (self.slot_start[slots] <= MONTHS)
        slots = slots[single]
        ent = self.slot_ent[slots]
        slot_year, want_year = self.slot_year[slots], year[ent]
        fits = np.isnan(slot_year) | np.isnan(want_year) | (slot_year == want_year)
        slots, ent = slots[fits], ent[fits]
        month = self.slot_start[slots].astype(np.int64) - 1
        grid[ent[::-1], month[::-1]] = slots[::-1]       # the first stated one wins
        return grid

    # -- reading back for findings ---------------------------------------------------------------------
    def slot_facts(self, slot: int) -> np.ndarray:
        return self.rows[np.flatnonzero(self.fact_slot == slot)]

    def indicator(self, ent: int) -> str:
        return _text(self.facts[F.INDICATOR].iat[int(self.ent_first[ent])])

    def period_label(self, slot: int) -> str:
        return str(self.periods[self.slot_per[slot]])

    def location(self, position: int) -> Location:
        row = self.facts.iloc[int(position)]
        raw, context = _text(row[F.RAW]), _text(row[F.TEXT])
        line = row[F.LINE]
        return Location(path=_text(row[F.FILE]), sheet=_opt(row[F.SHEET]), cell=_opt(row[F.CELL]),
                        line=None if _missing(line) else int(line), where=_opt(row[F.WHERE]),
                        text=f"{raw} — {context}" if context and context != raw else raw)

    def fact_value(self, position: int) -> tuple[float, int, str]:
        row = self.facts.iloc[int(position)]
        decimals = row[F.DECIMALS]
        return float(row[F.VALUE]), 0 if _missing(decimals) else int(decimals), _text(row[F.RAW])


def _search(keys: np.ndarray, values: np.ndarray, want: np.ndarray, valid: np.ndarray) -> np.ndarray:
    if not len(keys):
        return np.full(len(want), -1, dtype=np.int64)
    pos = np.clip(np.searchsorted(keys, want), 0, len(keys) - 1)
    hit = valid & (keys[pos] == want)
    return np.where(hit, values[pos], -1)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _opt(value) -> str | None:
    return None if _missing(value) or value == "" else str(value)


def _text(value) -> str:
    return "" if _missing(value) else str(value)
