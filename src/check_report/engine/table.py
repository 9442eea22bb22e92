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
from check_report.engine import intervals as I
from check_report.engine.arrays import INT32, extended, narrow, search, smallest
from check_report.engine.columns import (codes_of, dimension_code, entity_codes_of, fact_scales, file_codes_of,
                                         float_column, with_optional_columns)
from check_report.findings import Location, fact_location

MONTHS = 12
DENSE_LIMIT = 8_000_000   # entities x periods up to which periodic lookups use a direct table (32 MB)
# measures that carry the indicator's own unit (the others are percentages of something)
AMOUNT_MEASURES = (F.PLAN, F.MONTH, F.CUMULATIVE, F.PREVIOUS, F.PREVIOUS_MONTH, F.CHANGE, F.COUNT, F.AMOUNT,
                   F.NUMERATOR, F.DENOMINATOR)
PERCENT_MEASURES = (F.PCT_PLAN, F.PCT_PREVIOUS, F.GROWTH, F.PCT_PREVIOUS_MONTH, F.GROWTH_MONTH, F.SHARE,
                    F.CONTRIBUTION, F.RATIO_PCT)
RATE_UNIT = r"%|‰|/|\blần\b|\bbình quân\b|\btỷ lệ\b|\bper\b|\bratio\b|\brate\b"
# units of figures that are percentages whatever their measure: never converted between scales
PERCENT_UNIT = r"%|‰|phần trăm|percent"


class FactIndex:
    def __init__(self, facts: pd.DataFrame, periodic: frozenset[str] = F.PERIODIC_MEASURES):
        facts = with_optional_columns(facts)
        lower, upper = float_column(facts, F.LOWER), float_column(facts, F.UPPER)
        lower, upper = np.fmin(lower, upper), np.fmax(lower, upper)   # a reversed interval is still one
        widened = I.stated(lower, upper)            # value ± half unit was itself rounded
        lower, upper = widened.lo, widened.hi
        usable = ~(np.isnan(lower) | np.isnan(upper))
        self.facts = facts
        self.periodic = periodic
        self.labels = facts.index
        # positions of usable facts; this and the other arrays only ever used to index or compare are held
        # in the narrowest integers that fit (each is the size of the fact table)
        self.rows = narrow(np.flatnonzero(usable))
        del usable
        frame = facts if len(self.rows) == len(facts) else facts.iloc[self.rows]
        meas_codes, self.measures = codes_of(frame[F.MEASURE])
        names = np.asarray(self.measures, dtype=object)
        self.fact_amount = np.isin(names, AMOUNT_MEASURES)[meas_codes]
        self.fact_percent = np.isin(names, PERCENT_MEASURES)[meas_codes]
        unit_codes, units = codes_of(frame[F.UNIT])
        unit_names = pd.Series(units.astype(str)).str.lower()
        self.fact_rate_unit = unit_names.str.contains(RATE_UNIT).to_numpy(dtype=bool)[unit_codes]
        # a percentage (by its measure or by its unit) keeps its value whatever its indicator's scale
        self.fact_unscaled = self.fact_percent | unit_names.str.contains(PERCENT_UNIT).to_numpy(dtype=bool)[unit_codes]
        dims = np.asarray([dimension_code(u) for u in units], dtype=np.int32)
        fact_dim = dims[unit_codes] if len(dims) else np.zeros(0, dtype=np.int32)
        del unit_codes
        # a stated negative amount (a deduction row, a loss): its siblings may exceed their total
        stated_negative = self.fact_amount & (names[meas_codes] != F.CHANGE) & (upper[self.rows] < 0) \
            if len(self.rows) else np.zeros(0, dtype=bool)
        self._build_entities(frame, stated_negative, fact_dim)
        # the bounds go to _build_slots alone, which lets go of each array once it is used: a 100k-row
        # sheet's index is built at the run's peak of memory, where each array of the facts is 7 MB
        arrays = [lower, upper] if len(self.rows) == len(facts) else [lower[self.rows], upper[self.rows]]
        arrays.append(meas_codes)
        del lower, upper, widened, fact_dim, stated_negative, meas_codes
        self._build_slots(frame, arrays)
        del self._scale         # fact_scale is worked out again when asked
        self._chosen: dict = {}
        self._periodic_keys: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._domains: dict[tuple[str, ...], object] = {}

    # -- construction ---------------------------------------------------------------------------------
    def _build_entities(self, frame: pd.DataFrame, stated_negative: np.ndarray, fact_dim: np.ndarray) -> None:
        file_codes, self.files = file_codes_of(frame[F.FILE])
        ent_codes, parent_codes, n_names = entity_codes_of(frame[F.ENTITY], frame[F.PARENT])
        if len(self.files) <= 1:      # one input: entity codes are the ids already
            self.fact_ent, self.n_ent = ent_codes, n_names
            fact_parent = parent_codes
        else:
            file_keys = file_codes.astype(np.int64) * n_names
            fact_ent, uniq_keys = pd.factorize(file_keys + ent_codes, sort=False)
            self.fact_ent, self.n_ent = narrow(fact_ent), len(uniq_keys)
            parent_keys = np.where(parent_codes >= 0, file_keys + parent_codes, -1)
            fact_parent = pd.Index(uniq_keys).get_indexer(parent_keys)
        first = np.full(self.n_ent, len(frame), dtype=np.int64)
        np.minimum.at(first, self.fact_ent, np.arange(len(frame)))
        self.ent_first = self.rows[first] if len(frame) else np.zeros(0, dtype=np.int64)
        self.parent = np.full(self.n_ent, -1, dtype=np.int64)
        np.maximum.at(self.parent, self.fact_ent, fact_parent)
        self.parent[self.parent == np.arange(self.n_ent)] = -1
        complete = frame[F.COMPLETE].fillna(False).astype(bool).to_numpy()
        self.complete = np.zeros(self.n_ent, dtype=bool)
        np.logical_or.at(self.complete, self.fact_ent, complete)
        self.rate_unit = self._rate_units()
        self._scale = fact_scales(frame)
        amounts = np.flatnonzero(self.fact_amount & ~self.fact_unscaled)[::-1]
        self.ent_scale = np.ones(self.n_ent)
        self.ent_scale[self.fact_ent[amounts]] = self._scale[amounts]   # the first amount stated wins
        # scale the figures of other indicators are converted to: 0 (none) for an indicator whose amounts
        # are all percentages, whose figures meet others' as they are written
        self.ent_unit = np.zeros(self.n_ent)
        self.ent_unit[self.fact_ent[amounts]] = self.ent_scale[self.fact_ent[amounts]]
        has_amount = np.zeros(self.n_ent, dtype=bool)
        has_amount[self.fact_ent[self.fact_amount]] = True
        self.ent_unit[~has_amount] = self.ent_scale[~has_amount]
        # dimension of the indicator's amounts (check_report.units): figures of another dimension never meet
        self.ent_dim = np.full(self.n_ent, -1, dtype=np.int32)
        self.ent_dim[self.fact_ent[amounts]] = fact_dim[amounts]
        children = self.parent[self.parent >= 0]
        self.n_children = np.bincount(children, minlength=self.n_ent)
        negative = np.zeros(self.n_ent, dtype=bool)
        np.logical_or.at(negative, self.fact_ent, stated_negative)
        is_child = self.parent >= 0
        self.negative_parts = np.zeros(self.n_ent, dtype=bool)
        np.logical_or.at(self.negative_parts, self.parent[is_child], negative[is_child])
        self.negative_siblings = np.where(is_child, self.negative_parts[np.maximum(self.parent, 0)], False)

    def _rate_units(self) -> np.ndarray:
        """Entities whose amounts are rates or prices (%, per-unit, 'lần'): months of such an indicator do
        not add up and its children are not parts of it."""
        rate = self.fact_rate_unit & self.fact_amount
        flags = np.zeros(self.n_ent, dtype=bool)
        np.logical_or.at(flags, self.fact_ent, rate)
        return flags

    def _build_slots(self, frame: pd.DataFrame, arrays: list[np.ndarray]) -> None:
        """`arrays`: [lower, upper, measure codes] of the usable facts, emptied here (each temporary is let
        go of as soon as it is used: they are the facts' size)."""
        meas_codes = arrays.pop()
        bounds = arrays
        per_codes, self.periods = codes_of(frame[F.PERIOD])
        # amounts are held in their indicator's unit (a figure in tỷ beside figures in triệu đồng is
        # converted), so restatements and relations compare like with like; percentages are never scaled
        percent = self.fact_unscaled
        to_entity_unit = np.where(percent, 1.0, self._scale / self.ent_scale[self.fact_ent])
        upper = bounds.pop()
        converted = I.scaled(bounds.pop(), upper, to_entity_unit)
        lower, upper = converted.lo, converted.hi
        del converted, to_entity_unit
        n_meas, n_per = max(len(self.measures), 1), max(len(self.periods), 1)
        keys = (self.fact_ent.astype(np.int64) * n_meas + meas_codes) * n_per + per_codes
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        size = len(keys)
        del keys
        order = narrow(order)
        new_slot = np.empty(size, dtype=bool)
        new_slot[:1] = True
        np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new_slot[1:])
        del sorted_keys
        starts = narrow(np.flatnonzero(new_slot))
        self.fact_slot = np.empty(size, dtype=np.int32 if size < INT32 else np.int64)
        self.fact_slot[order] = np.cumsum(new_slot) - 1
        del new_slot
        rep = order[starts]                             # first stated fact of each slot
        self.slot_fact = self.rows[rep]
        self.slot_ent = self.fact_ent[rep]
        self.slot_meas = smallest(meas_codes[rep])
        self.slot_per = smallest(per_codes[rep])
        del meas_codes, per_codes
        counts = smallest(np.diff(np.r_[starts, size]))
        # each per-slot array lives once, in its form with a last element for 'not stated' (slot -1) that
        # evaluation reads through; the plain form is a view of it. Bounds are written into it in place:
        # this runs at the peak of a large sheet's memory, where each temporary is the size of the facts
        self.lo_ext, self.hi_ext = np.empty(len(starts) + 1), np.empty(len(starts) + 1)
        self.lo_ext[-1] = self.hi_ext[-1] = np.nan
        for ext, bound, pick in ((self.lo_ext, lower, np.maximum), (self.hi_ext, upper, np.minimum)):
            if len(starts) == size:                     # every figure stated once: nothing to intersect
                np.take(bound, rep, out=ext[:-1])
            else:
                ext[:-1] = pick.reduceat(bound[order], starts)
        del order, starts
        # bounds are widened outwards, so statements that agree to the last digit never look apart
        self.conflict = (counts > 1) & (self.lo_ext[:-1] > self.hi_ext[:-1])
        # a conflicting slot keeps its first statement, so later rules still judge a stated figure
        if self.conflict.any():
            clash = np.flatnonzero(self.conflict)
            self.lo_ext[clash], self.hi_ext[clash] = lower[rep[clash]], upper[rep[clash]]
        del lower, upper
        self.slot_lo, self.slot_hi = self.lo_ext[:-1], self.hi_ext[:-1]
        # the figure as written, in its indicator's unit: "hơn 1.690" is 1.690 at the foot of its interval
        # (worked in place: at this peak of memory each temporary is the size of the slots)
        conv = self._scale[rep]
        conv /= self.ent_scale[self.slot_ent]
        conv[percent[rep]] = 1.0
        point = frame[F.VALUE].to_numpy(dtype="float64", na_value=np.nan)[rep]
        point *= conv
        del conv
        unstated = np.flatnonzero(~np.isfinite(point))
        np.clip(point, self.slot_lo, self.slot_hi, out=point)
        point[unstated] = (self.slot_lo[unstated] + self.slot_hi[unstated]) / 2
        self.slot_point = point
        self.slot_count = counts
        del counts
        # the slots that are percentages, never scaled (the per-slot unit arrays are made from it on need)
        self.slot_unscaled = percent[rep]
        # one scale and one dimension among all amounts (the usual table): no figure is ever converted, and
        # the per-slot scales and dimensions evaluation would convert by are never made
        self._units: tuple | None = None
        scaled = np.zeros(self.n_ent, dtype=bool)       # the entities a slot of which is scaled
        scaled[self.slot_ent[~self.slot_unscaled]] = True
        scales, dims = self.ent_scale[scaled], self.ent_dim[scaled]
        self.one_unit = len(np.unique(scales[scales > 0])) <= 1 and len(np.unique(dims[dims >= 0])) <= 1
        # start, end and year follow from the period label: read them once per distinct label
        # (a label's first figure is the first of its slot: the slots' first figures will do)
        first_of_period = np.full(len(self.periods), max(len(frame) - 1, 0), dtype=np.int64)
        np.minimum.at(first_of_period, self.slot_per, rep)
        del rep
        sample = frame.iloc[first_of_period] if len(frame) else frame
        self.per_start, self.per_end, self.per_year = (float_column(sample, column) for column in
                                                       (F.PERIOD_START, F.PERIOD_END, F.YEAR))

    @property
    def fact_scale(self) -> np.ndarray:
        """Scale of each usable fact (1 where none is stated), as its row gives it: worked out again when
        asked (localisation asks once), not held beside the index's other arrays at the run's peak."""
        scale = getattr(self, "_scale", None)
        if scale is not None:
            return scale
        return fact_scales(self.facts if len(self.rows) == len(self.facts) else self.facts.iloc[self.rows])

    def _unit_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """(scale_ext, dim_ext): each slot's unit scale for figures of other indicators (0 marks a
        percentage, never scaled) and its dimension (-1: none), with a last element for 'not stated'. Made
        on first need: a table of one unit never converts a figure."""
        if self._units is None:
            scale = extended(np.where(self.slot_unscaled, 0.0, self.ent_scale[self.slot_ent]), 0.0)
            dim = extended(np.where(self.slot_unscaled, -1, self.ent_dim[self.slot_ent]), -1)
            self._units = (scale, dim)
        return self._units

    @property
    def scale_ext(self) -> np.ndarray:
        return self._unit_arrays()[0]

    @property
    def dim_ext(self) -> np.ndarray:
        return self._unit_arrays()[1]

    @property
    def slot_unit(self) -> np.ndarray:
        return self._unit_arrays()[0][:-1]

    @property
    def slot_dim(self) -> np.ndarray:
        return self._unit_arrays()[1][:-1]

    def slot_period(self, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(start, end, year) of the periods of these slots (slot_start[slots] ..., without making those)."""
        per = self.slot_per[slots]
        return self.per_start[per], self.per_end[per], self.per_year[per]

    # start, end and year of each slot's period, made when asked (three arrays a slot that few rules read)
    @property
    def slot_start(self) -> np.ndarray:
        return self.per_start[self.slot_per]

    @property
    def slot_end(self) -> np.ndarray:
        return self.per_end[self.slot_per]

    @property
    def slot_year(self) -> np.ndarray:
        return self.per_year[self.slot_per]

    # -- lookups --------------------------------------------------------------------------------------
    def measure_code(self, measure: str) -> int:
        if not hasattr(self, "_measure_codes"):
            self._measure_codes = {str(name): code for code, name in enumerate(self.measures)}
        return self._measure_codes.get(measure, -1)

    def chosen(self, measure: str) -> np.ndarray:
        """Slot per entity of a non-periodic measure (-1 when not stated). Stated for several periods,
        the latest and longest period is the one the relations speak of."""
        if measure not in self._chosen:
            slot_of = np.full(self.n_ent, -1, dtype=np.int64)
            code = self.measure_code(measure)
            if code >= 0:
                slots = np.flatnonzero(self.slot_meas == code)
                start, end, _year = self.slot_period(slots)
                end = np.nan_to_num(end, nan=-1)
                start = np.nan_to_num(start, nan=99)
                order = np.lexsort((-start, end, self.slot_ent[slots]))
                ordered = slots[order]
                slot_of[self.slot_ent[ordered]] = ordered   # the last write per entity wins
            self._chosen[measure] = slot_of
        return self._chosen[measure]

    def several_periods(self, measure: str) -> np.ndarray:
        """Per entity: is this (non-periodic) measure stated for more than one period?"""
        key = ("several", measure)
        if key not in self._chosen:
            slots = self.periodic_slots(measure)
            self._chosen[key] = np.bincount(self.slot_ent[slots], minlength=self.n_ent) > 1
        return self._chosen[key]

    def periodic_slots(self, measure: str) -> np.ndarray:
        code = self.measure_code(measure)
        return np.flatnonzero(self.slot_meas == code) if code >= 0 else np.zeros(0, dtype=np.int64)

    def periodic_domain(self, measures: tuple[str, ...]):
        """Distinct (entity, period) pairs stating any of the periodic measures, sorted; cached."""
        from check_report.engine.evaluate import Domain

        if measures not in self._domains:
            slots = np.concatenate([self.periodic_slots(m) for m in measures])
            width = max(len(self.periods), 1)
            keys = self.slot_ent[slots].astype(np.int64) * width + self.slot_per[slots]
            if len(measures) > 1:      # one measure's slots are sorted by (entity, period) already
                keys = np.sort(keys)
                keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
            self._domains[measures] = Domain(keys // width, keys % width)
        return self._domains[measures]

    def lookup(self, measure: str, ent: np.ndarray, per: np.ndarray) -> np.ndarray:
        """Slot of a periodic measure for each (entity, period) pair; -1 where not stated."""
        width = max(len(self.periods), 1)
        if measure not in self._periodic_keys:
            slots = self.periodic_slots(measure)
            keys = self.slot_ent[slots].astype(np.int64) * width + self.slot_per[slots]
            if self.n_ent * width <= DENSE_LIMIT:          # a direct table beats a binary search
                dense = np.full(self.n_ent * width, -1, dtype=self.fact_slot.dtype)   # kept per measure
                dense[keys] = slots
                self._periodic_keys[measure] = (dense, None)
            else:
                order = np.argsort(keys, kind="stable")
                self._periodic_keys[measure] = (keys[order], slots[order])
        keys, slots = self._periodic_keys[measure]
        valid = (ent >= 0) & (per >= 0)
        want = np.where(valid, ent * width + per, 0)
        if slots is None:
            return np.where(valid, keys[want], -1) if len(keys) else np.full(len(want), -1, dtype=np.int64)
        return search(keys, slots, want, valid)

    def month_grid(self, measure: str, year: np.ndarray) -> np.ndarray:
        """(n_ent, 12) slots of single-month facts by month number, preferring the given year per entity."""
        grid = np.full((self.n_ent, MONTHS), -1, dtype=self.fact_slot.dtype)
        slots = self.periodic_slots(measure)
        start, end, slot_year = self.slot_period(slots)
        single = (start == end) & (start >= 1) & (start <= MONTHS)
        slots, start, slot_year = slots[single], start[single], slot_year[single]
        ent = self.slot_ent[slots]
        want_year = year[ent]
        fits = np.isnan(slot_year) | np.isnan(want_year) | (slot_year == want_year)
        slots, ent = slots[fits], ent[fits]
        month = start[fits].astype(np.int64) - 1
        grid[ent[::-1], month[::-1]] = slots[::-1]       # the first stated one wins
        return grid

    # -- reading back for findings ---------------------------------------------------------------------
    def slot_facts(self, slot: int) -> np.ndarray:
        return self.rows[np.flatnonzero(self.fact_slot == slot)]

    def indicator(self, ent: int) -> str:
        return _text(self.facts[F.INDICATOR].iat[int(self.ent_first[ent])])

    def entity_key(self, ent: int) -> str:
        return _text(self.facts[F.ENTITY].iat[int(self.ent_first[ent])])

    def period_label(self, slot: int) -> str:
        return str(self.periods[self.slot_per[slot]])

    def location(self, position: int) -> Location:
        return fact_location(self.facts.iloc[int(position)])

    def fact_bounds(self, position: int) -> tuple[float, float]:
        """The interval of one statement as written (in its own unit)."""
        row = self.facts.iloc[int(position)]
        return float(row[F.LOWER]), float(row[F.UPPER])

    def fact_value(self, position: int) -> tuple[float, int, str]:
        row = self.facts.iloc[int(position)]
        decimals = row[F.DECIMALS]
        return float(row[F.VALUE]), 0 if _missing(decimals) else int(decimals), _text(row[F.RAW])


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _text(value) -> str:
    return "" if _missing(value) else str(value)
