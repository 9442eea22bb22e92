"""Interval arithmetic on numpy arrays: one element per rule application, NaN where a value is unknown.

A stated figure is the interval its shown precision allows; a relation holds when the intervals can agree
(XBRL Calculations 1.1, generalised from sums to every expression). Unknown propagates: any NaN endpoint
makes the result unknown, and so does a division by an interval that contains zero (never divided by).
Truth values carry two arrays: `possible` (the intervals allow it: what a relation needs to hold) and
`certain` (every value in the intervals satisfies it: what a `when` condition needs to apply).

Exactness. Endpoints are doubles, so every operation rounds its result outwards (`np.nextafter`): the
computed interval always contains the exact one, and no relative slack is needed to keep a figure rounded
exactly at its edge (21,885 for 21,89) from becoming a false alarm. Figures shown without decimals (whole
units ± 0,5, below 2**52 = 4,5·10^15) are exact in doubles, and so are their sums and differences: no
widening at all, a 1.234.567.890.123 đồng total is judged to the đồng. A bound like `21.89 - 0.005` is
itself rounded and moves two ulps outwards (`stated`); sums over many terms (`split_sum`) add the whole
parts exactly and the fractions apart. What is left is a few ulps of the magnitude for figures with
decimals: below the half unit of any figure written with at most 14 significant digits. The comparison
itself adds no slack beyond a rule's own `tolerance`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_INF = np.inf
EXACT_LIMIT = 2.0 ** 52     # below it, sums of whole and half units are exact in doubles
# A relative slack the engine's own comparisons no longer use; the localiser's candidate search
# (check_report.localise) still widens by it when it screens corrections
FLOAT_SLACK = 1e-9


@dataclass(frozen=True)
class Iv:
    lo: np.ndarray
    hi: np.ndarray

    @property
    def known(self) -> np.ndarray:
        return ~(np.isnan(self.lo) | np.isnan(self.hi))


@dataclass(frozen=True)
class Truth:
    possible: np.ndarray
    certain: np.ndarray
    known: np.ndarray


def const(value: float, n: int) -> Iv:
    arr = np.full(n, float(value))
    return Iv(arr, arr)


def outward(lo: np.ndarray, hi: np.ndarray, ulps: int = 1) -> Iv:
    """The interval with each endpoint moved `ulps` representable doubles outwards (NaN stays NaN)."""
    for _ in range(ulps):
        lo, hi = np.nextafter(lo, -_INF), np.nextafter(hi, _INF)
    return Iv(lo, hi)


def _moved(values: np.ndarray, where: np.ndarray, way: float, ulps: int = 1) -> np.ndarray:
    """`values` with the flagged entries moved `ulps` doubles towards `way` (a copy only when needed)."""
    picked = np.flatnonzero(where)
    if not len(picked):
        return values
    out = np.array(values, dtype=float)        # a copy, of any shape
    flat = out.reshape(-1)
    moved = flat[picked]
    for _ in range(ulps):
        moved = np.nextafter(moved, way)
    flat[picked] = moved
    return out


def stated(lo, hi) -> Iv:
    """The interval of stated figures from their computed bounds: `21.89 - 0.005` is itself rounded, so
    such bounds move two ulps outwards; a whole or half unit (`1.234.567.890.123 ± 0.5`) is exact as is."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    return Iv(_moved(lo, not_half_units(lo), -_INF, 2), _moved(hi, not_half_units(hi), _INF, 2))


def scaled(lo: np.ndarray, hi: np.ndarray, factor: np.ndarray) -> Iv:
    """An interval times a positive unit factor (tỷ -> triệu đồng), exact where the factor is 1."""
    other = factor != 1.0
    if not other.any():
        return Iv(lo, hi)
    return Iv(_moved(lo * factor, other, -_INF), _moved(hi * factor, other, _INF))


def split_sum(add_up, lo: np.ndarray, hi: np.ndarray) -> Iv:
    """Σ of interval terms grouped by `add_up` (a function summing an array per group, such as a
    bincount), exact where the values allow. Whole and half units below 2**52 sum exactly in doubles;
    otherwise each bound is split into a whole part (summed exactly) and a fraction in [-0.5, 0.5], whose
    sum errs by far less than an ulp of the total; the rigorous bound of that error and one outward step
    cover the rest."""
    out = []
    for bound, way in ((lo, -_INF), (hi, _INF)):
        odd = not_half_units(bound)
        with np.errstate(invalid="ignore"):
            small = np.nansum(np.abs(bound)) < EXACT_LIMIT
        if small and not odd.any():                 # the usual table: whole units, exact sums
            out.append(add_up(bound))
            continue
        whole = np.round(bound)
        frac = bound - whole                   # exact: both are doubles within a unit of each other
        total = add_up(whole) + add_up(frac)
        magnitude, frac_size = add_up(np.abs(whole)), add_up(np.abs(frac))
        count = add_up(np.ones_like(bound))
        with np.errstate(invalid="ignore"):
            exact = (magnitude < EXACT_LIMIT) & (add_up(odd.astype(float)) == 0)
            pad = np.where(magnitude < EXACT_LIMIT, 0.0, count * np.spacing(np.nan_to_num(magnitude))) \
                + count * np.spacing(np.nan_to_num(frac_size))
            padded = total - pad if way < 0 else total + pad
        out.append(np.where(exact, total, np.nextafter(padded, way)))
    return Iv(out[0], out[1])


def not_half_units(values: np.ndarray) -> np.ndarray:
    """Terms a double sum may round: not a multiple of 0.5, or too large for exact sums."""
    with np.errstate(invalid="ignore"):
        twice = values * 2.0
        return (twice != np.floor(twice)) | (np.abs(values) >= EXACT_LIMIT)


def _rounding_error(a: np.ndarray, b: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Knuth's TwoSum: the exact error of s = a + b in doubles (zero when the sum is exact)."""
    with np.errstate(invalid="ignore", over="ignore"):
        z = s - a
        return (a - (s - z)) + (b - z)


def add(a: Iv, b: Iv) -> Iv:
    lo, hi = a.lo + b.lo, a.hi + b.hi
    return Iv(_moved(lo, _rounding_error(a.lo, b.lo, lo) < 0, -_INF),
              _moved(hi, _rounding_error(a.hi, b.hi, hi) > 0, _INF))


def sub(a: Iv, b: Iv) -> Iv:
    return add(a, neg(b))


def neg(a: Iv) -> Iv:
    return Iv(-a.hi, -a.lo)


def mul(a: Iv, b: Iv) -> Iv:
    with np.errstate(invalid="ignore", over="ignore"):
        p1, p2, p3, p4 = a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi
        lo = np.minimum(np.minimum(p1, p2), np.minimum(p3, p4))
        hi = np.maximum(np.maximum(p1, p2), np.maximum(p3, p4))
    return outward(lo, hi)


def div(a: Iv, b: Iv) -> Iv:
    """a / b; unknown where b's interval touches zero (a zero plan is skipped, never divided by)."""
    spans_zero = (b.lo <= 0) & (b.hi >= 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        q1, q2, q3, q4 = a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi
        lo = np.minimum(np.minimum(q1, q2), np.minimum(q3, q4))
        hi = np.maximum(np.maximum(q1, q2), np.maximum(q3, q4))
        result = outward(np.where(spans_zero, np.nan, lo), np.where(spans_zero, np.nan, hi))
    finite = np.isfinite(result.lo) & np.isfinite(result.hi)    # a denominator too close to zero
    return Iv(np.where(finite, result.lo, np.nan), np.where(finite, result.hi, np.nan))


def absolute(a: Iv) -> Iv:
    lo = np.where(a.lo >= 0, a.lo, np.where(a.hi <= 0, -a.hi, 0.0))
    hi = np.maximum(np.abs(a.lo), np.abs(a.hi))
    lo = np.where(np.isnan(a.lo) | np.isnan(a.hi), np.nan, lo)
    return Iv(lo, hi)


def minimum(a: Iv, b: Iv) -> Iv:
    return Iv(np.minimum(a.lo, b.lo), np.minimum(a.hi, b.hi))


def maximum(a: Iv, b: Iv) -> Iv:
    return Iv(np.maximum(a.lo, b.lo), np.maximum(a.hi, b.hi))


def _slack(a: Iv, b: Iv, tol_abs: float, tol_rel: float) -> np.ndarray | float:
    """The user's tolerance only: bounds come in through `stated` and every operation rounds outwards."""
    if not tol_abs and not tol_rel:
        return 0.0
    with np.errstate(invalid="ignore"):
        scale = np.nan_to_num(np.maximum(np.maximum(np.abs(a.lo), np.abs(a.hi)),
                                         np.maximum(np.abs(b.lo), np.abs(b.hi))))
    return tol_abs + tol_rel * scale


def compare(op: str, a: Iv, b: Iv, tol_abs: float = 0.0, tol_rel: float = 0.0) -> Truth:
    """Compare intervals; tolerance widens the intervals before judging `possible`."""
    known = a.known & b.known
    slack = _slack(a, b, tol_abs, tol_rel)
    with np.errstate(invalid="ignore"):
        if op in ("<=", "<"):
            # touching intervals allow a <= b but not a < b: slack only forgives float noise on ties
            possible = a.lo <= b.hi + slack if op == "<=" else a.lo < b.hi
            certain = a.hi <= b.lo if op == "<=" else a.hi < b.lo
        elif op in (">=", ">"):
            flipped = compare("<=" if op == ">=" else "<", b, a, tol_abs, tol_rel)
            return flipped
        elif op in ("==", "!="):
            overlap = (a.lo <= b.hi + slack) & (b.lo <= a.hi + slack)
            same_point = (a.lo == a.hi) & (b.lo == b.hi) & (a.lo == b.lo)
            possible, certain = (overlap, same_point) if op == "==" else (~same_point, ~overlap)
        else:
            raise ValueError(f"unknown comparison {op!r}")
    return Truth(possible & known, certain & known, known)


def t_not(a: Truth) -> Truth:
    return Truth(~a.certain & a.known, ~a.possible & a.known, a.known)


def t_and(a: Truth, b: Truth) -> Truth:
    # false on one side decides even when the other is unknown
    known = (a.known & b.known) | (a.known & ~a.possible) | (b.known & ~b.possible)
    return Truth(a.possible & b.possible & known, a.certain & b.certain & known, known)


def t_or(a: Truth, b: Truth) -> Truth:
    known = (a.known & b.known) | (a.known & a.certain) | (b.known & b.certain)
    return Truth((a.possible | b.possible) & known, (a.certain | b.certain) & known, known)


def boolean(values: np.ndarray, known: np.ndarray) -> Truth:
    """A stated yes/no (the `complete` flag): possible and certain alike."""
    return Truth(values & known, values & known, known)
