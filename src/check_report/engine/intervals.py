"""Interval arithmetic on numpy arrays: one element per rule application, NaN where a value is unknown.

A stated figure is the interval its shown precision allows; a relation holds when the intervals can agree
(XBRL Calculations 1.1, generalised from sums to every expression). Unknown propagates: any NaN endpoint
makes the result unknown, and so does a division by an interval that contains zero (never divided by).
Truth values carry two arrays: `possible` (the intervals allow it: what a relation needs to hold) and
`certain` (every value in the intervals satisfies it: what a `when` condition needs to apply).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Floating-point slack on comparisons, relative to the magnitudes compared: endpoint arithmetic on
# doubles must never turn a figure rounded exactly at the edge (21.885) into a false alarm.
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


def add(a: Iv, b: Iv) -> Iv:
    return Iv(a.lo + b.lo, a.hi + b.hi)


def sub(a: Iv, b: Iv) -> Iv:
    return Iv(a.lo - b.hi, a.hi - b.lo)


def neg(a: Iv) -> Iv:
    return Iv(-a.hi, -a.lo)


def mul(a: Iv, b: Iv) -> Iv:
    with np.errstate(invalid="ignore", over="ignore"):
        p1, p2, p3, p4 = a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi
        lo = np.minimum(np.minimum(p1, p2), np.minimum(p3, p4))
        hi = np.maximum(np.maximum(p1, p2), np.maximum(p3, p4))
    return Iv(lo, hi)


def div(a: Iv, b: Iv) -> Iv:
    """a / b; unknown where b's interval touches zero (a zero plan is skipped, never divided by)."""
    spans_zero = (b.lo <= 0) & (b.hi >= 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inv = Iv(np.where(spans_zero, np.nan, 1.0 / b.hi), np.where(spans_zero, np.nan, 1.0 / b.lo))
        result = mul(a, inv)
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


def _slack(a: Iv, b: Iv, tol_abs: float, tol_rel: float) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        scale = np.maximum(np.maximum(np.abs(a.lo), np.abs(a.hi)), np.maximum(np.abs(b.lo), np.abs(b.hi)))
    return tol_abs + (tol_rel + FLOAT_SLACK) * np.nan_to_num(scale) + FLOAT_SLACK


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
