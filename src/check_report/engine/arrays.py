"""Array helpers of the fact index (`engine.table`): its per-fact and per-slot arrays are the size of the
fact table, so how they are held is a matter of memory."""

from __future__ import annotations

import numpy as np

INT32 = 2**31 - 1


def narrow(positions: np.ndarray) -> np.ndarray:
    """Integers below 2^31 as int32 (positions, codes and counts of the fact table: half the memory of int64).
    They are compared and used to index; where they make a key, they are cast to int64 first."""
    if len(positions) and int(positions.max()) >= INT32:
        return positions
    return positions.astype(np.int32)


def smallest(codes: np.ndarray) -> np.ndarray:
    """Small non-negative codes (a slot's measure or period, a count of statements) in the narrowest
    integers that hold them: int8 for the dozen measures, int16 for the periods of a table."""
    top = int(codes.max()) if len(codes) else 0
    for kind in (np.int8, np.int16):
        if top <= np.iinfo(kind).max:
            return codes.astype(kind)
    return narrow(codes)


def extended(values: np.ndarray, last) -> np.ndarray:
    """`values` with one more element, `last`, at the end (np.append's result, built in place)."""
    out = np.empty(len(values) + 1, dtype=np.result_type(values, last))   # a Python `last` keeps values' width
    out[:-1] = values
    out[-1] = last
    return out


def search(keys: np.ndarray, values: np.ndarray, want: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """values[k] where keys[k] == want (keys sorted), -1 where it is absent or not `valid`."""
    if not len(keys):
        return np.full(len(want), -1, dtype=np.int64)
    pos = np.clip(np.searchsorted(keys, want), 0, len(keys) - 1)
    hit = valid & (keys[pos] == want)
    return np.where(hit, values[pos], -1)
