"""The figures of a table's columns, read a column at a time: `extract.cells` rules, numpy speed.

A 100k-row sheet states a million figures; read one cell at a time, the cells-to-facts stage cost ten
times what reading the workbook did. Here a column's numbers are read in runs of one display format
(`Grid.column`): the format is parsed once per run, the shown value, its decimals and the text the
reader sees are computed for the whole run. The result is the one `extract.cells.read_figure` gives
cell by cell (the tests compare both on every kind of cell):

- rounding to the format's decimals is Python's `round` (correctly rounded), computed as k / 10^d from
  the nearest integer k of x·10^d wherever x·10^d is far enough from a half that the product's rounding
  error cannot move it; `General`'s 10 significant digits alike; the few others go cell by cell;
- the text is written from those integers k (Python's format, correctly rounded, shows the same digits),
  by one format call each for the few others;
- numbers typed as text, dates and anything unusual go through `read_figure` cell by cell.
"""

from __future__ import annotations

import numpy as np

from check_report.extract.cells import GENERAL_DIGITS, Figure, _from_number, parse_format, read_figure
from check_report.numbers import VI, decimals_of

_VI_MARKS = str.maketrans(",.", ".,")
_HALF_MARGIN = 1e-12      # relative room for the rounding error of x·10^d (a few units in the last place)
_EXACT_BELOW = 2.0**52
_POW10 = np.array([float(10**i) for i in range(23)])      # exact doubles
_WRITTEN_DECIMALS = 16       # 10^d within int64 for `_written`


class Figures:
    """The figures of one column over a run of rows, by position: `present` says where a figure is."""

    __slots__ = ("present", "value", "decimals", "raw", "percent", "ambiguous")

    def __init__(self, size: int):
        self.present = np.zeros(size, dtype=bool)
        self.value = np.zeros(size, dtype=np.float64)
        self.decimals = np.zeros(size, dtype=np.int64)
        self.raw = np.full(size, None, dtype=object)
        self.percent = np.zeros(size, dtype=bool)
        self.ambiguous = np.zeros(size, dtype=bool)

    def put(self, i: int, figure: Figure) -> None:
        self.present[i] = True
        self.value[i], self.decimals[i], self.raw[i] = figure.value, figure.decimals, figure.raw
        self.percent[i], self.ambiguous[i] = figure.percent, figure.ambiguous


def read_column(values: list, runs, no_data: set[str], style: str = VI) -> Figures:
    """The figures of one column (`Grid.column`: values and runs of display formats)."""
    size = len(values)
    out = Figures(size)
    if not size:
        return out
    if set(map(type, values)) == {float}:           # a column of figures' rows: numbers only
        numbers, floats, others = np.arange(size), np.array(values, dtype=np.float64), []
    else:
        kinds = np.fromiter(map(type, values), dtype=object, count=size)
        numbers = np.flatnonzero(kinds == float)
        floats = np.fromiter(values, dtype=object, count=size)[numbers].astype(np.float64)
        others = np.flatnonzero(kinds != float).tolist()
    if len(numbers):
        for first, end, code in runs:
            lo, hi = np.searchsorted(numbers, (first, end))
            if hi > lo:
                _numbers(out, numbers[lo:hi], floats[lo:hi], code)
    if others:
        formats = _format_at(runs)
        for i in others:
            value = values[i]
            if value is None or value == "":
                continue
            figure = read_figure(value, formats(i), no_data, style)
            if figure is not None:
                out.put(i, figure)
    return out


def _format_at(runs):
    starts = [first for first, _end, _code in runs]

    def format_of(i: int):
        k = int(np.searchsorted(starts, i, side="right")) - 1
        return runs[k][2] if k >= 0 and i < runs[k][1] else None

    return format_of


def _numbers(out: Figures, at: np.ndarray, x: np.ndarray, code) -> None:
    """Numbers of one display format: what `cells._from_number` gives for each, computed for them all."""
    fmt = parse_format(code)
    with np.errstate(over="ignore", invalid="ignore"):
        shown = x * (100.0 if fmt.percent else 1.0) / (1000.0 ** fmt.scale_down)
    ok = np.isfinite(shown)
    if fmt.decimals is None:
        ok &= (np.floor(shown) == shown) & (np.abs(shown) < 1e15)     # a whole number: 0 decimals
    else:
        shown, ok = _round(shown, fmt.decimals, ok)
    rest = ~ok
    if fmt.decimals is None:
        general = rest & np.isfinite(shown)
        rest &= ~general
        _place(out, at[general], *_general(shown[general]), fmt.percent)
    _place(out, at[ok], shown[ok], np.full(int(ok.sum()), fmt.decimals or 0), fmt.percent)
    for j in np.flatnonzero(rest).tolist():    # the rest one by one, as the cell reader does
        figure = _from_number(float(x[j]), code)
        if figure is not None:
            out.put(int(at[j]), figure)


def _place(out: Figures, at: np.ndarray, shown: np.ndarray, decimals: np.ndarray, percent: bool) -> None:
    """Figures at positions `at`: shown values, their decimals, and the text written (one `_texts` call per
    number of decimals)."""
    if not len(at):
        return
    out.present[at] = True
    out.value[at], out.decimals[at], out.percent[at] = shown, decimals, percent
    small = decimals.min() >= 0 and decimals.max() < 64          # as always: counted, not hashed or sorted
    for d in (np.flatnonzero(np.bincount(decimals)) if small else np.unique(decimals)).tolist():
        mine = decimals == d
        out.raw[at[mine]] = _texts(shown[mine], d, percent)


def _general(x: np.ndarray, distinct: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """What a General format shows of finite numbers that are not whole (or too large for 0 decimals):
    `cells._from_number` keeps 10 significant digits, and as many decimals as the shortest repr of that
    shows. Worked out once per distinct number (`distinct`: x's are): as integers where that is exact
    (`_ten_digits`), else by one format call and one repr."""
    apart = None if distinct else _distinct(x)
    if apart is not None:
        shown, decimals = _general(apart[0], distinct=True)
        return shown[apart[1]], decimals[apart[1]]
    shown, decimals, done = _ten_digits(x)
    rest = np.flatnonzero(~done)
    if not len(rest):
        return shown, decimals
    spec = f"{{:.{GENERAL_DIGITS}g}}".format
    shown[rest] = np.array(list(map(float, map(spec, x[rest].tolist()))), dtype=np.float64)
    reprs = np.array(list(map(repr, shown[rest].tolist())), dtype=str)
    counted = np.strings.str_len(reprs) - np.strings.find(reprs, ".") - 1
    counted[np.strings.endswith(reprs, ".0")] = 0      # a whole number's repr ("2.0"): no decimals
    counted = np.minimum(counted, 10)
    odd = (np.strings.find(reprs, "e") >= 0) | (np.strings.find(reprs, ".") < 0)    # 1e-05, 1e+16, inf
    for j in np.flatnonzero(odd).tolist():     # as the cell reader counts them
        counted[j] = decimals_of(float(shown[rest[j]]))
    decimals[rest] = counted
    return shown, decimals


def _ten_digits(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(shown, decimals, done): `float(f"{x:.10g}")` and the decimals of its repr, computed where x·10^d
    (d = 9 - the decimal exponent of x) lands strictly between 10^9 and 10^10, so that d is right whatever
    log10's rounding, and far enough from a half that its nearest integer k is the 10 digits Python's
    correctly rounded format keeps. Then shown is k / 10^d (both exact: the double nearest to the decimal,
    which is what float() of the text gives), and its shortest repr is those digits, trailing zeros
    dropped (two decimals of at most 15 digits are never the same double)."""
    shown, decimals = np.array(x, dtype=np.float64), np.zeros(len(x), dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        places = GENERAL_DIGITS - 1 - np.floor(np.log10(np.abs(x)))
        done = (places >= 0) & (places < len(_POW10))
        scale = _POW10[np.where(done, places, 0).astype(np.int64)]
        scaled = x * scale
        nearest = np.rint(scaled)
        done &= (np.abs(scaled) > 1e9) & (np.abs(scaled) < 1e10) & \
            (np.abs(scaled - nearest) < 0.5 - _HALF_MARGIN * np.abs(scaled))
    if not done.any():
        return shown, decimals, done
    shown[done] = nearest[done] / scale[done]
    digits, zeros = np.abs(nearest[done]).astype(np.int64), np.zeros(int(done.sum()), dtype=np.int64)
    for _ in range(GENERAL_DIGITS):      # trailing zeros of k (at most 10 of its 10 or 11 digits)
        even = digits % 10 == 0
        zeros += even
        digits = np.where(even, digits // 10, digits)
    decimals[done] = np.clip(places[done].astype(np.int64) - zeros, 0, 10)
    return shown, decimals, done


def _round(x: np.ndarray, digits: int, ok: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """round(x, digits) where it can be computed exactly for the whole array, and where it was."""
    out = np.array(x, dtype=np.float64)
    if digits == 0:
        return np.rint(out), ok          # round-half-even of the exact value, as Python's round(x, 0)
    if digits > 22:
        return out, np.zeros(len(x), dtype=bool)
    scale = 10.0 ** digits               # exact up to 10^22
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = x * scale
        nearest = np.rint(scaled)
        safe = ok & (np.abs(scaled) < _EXACT_BELOW) & \
            (np.abs(scaled - nearest) < 0.5 - _HALF_MARGIN * np.maximum(np.abs(scaled), 1.0))
        out[safe] = nearest[safe] / scale    # the double nearest to k / 10^d: what round() returns
    return out, safe


def _texts(shown: np.ndarray, decimals: int, percent: bool, distinct: bool = False) -> np.ndarray:
    """`numbers.format_number(value, decimals, VI)` (+ "%") for each, worked out once per distinct value
    (`distinct`: shown's are); a figure repeated shares its text (a string per figure held tens of MB for a
    100k-row sheet). The digits are written from integers (`_written`) where x·10^d is far enough from a
    half for its nearest integer to be what Python's correctly rounded format shows; the others by one
    format call each."""
    apart = None if distinct else _distinct(shown)
    if apart is not None:
        return _texts(apart[0], decimals, percent, distinct=True)[apart[1]]
    texts = np.empty(len(shown), dtype=object)
    if not len(shown):
        return texts
    exact = np.zeros(len(shown), dtype=bool)
    if decimals < _WRITTEN_DECIMALS:
        with np.errstate(over="ignore", invalid="ignore"):
            scaled = shown * _POW10[decimals]
            nearest = np.rint(scaled)
            exact = (np.abs(scaled) < _EXACT_BELOW) & \
                (np.abs(scaled - nearest) < 0.5 - _HALF_MARGIN * np.maximum(np.abs(scaled), 1.0))
        if exact.any():
            texts[exact] = _written(np.abs(nearest[exact]).astype(np.int64), np.signbit(shown[exact]),
                                    decimals, percent)
    rest = np.flatnonzero(~exact)
    if len(rest):
        spec = f"{{:,.{decimals}f}}".format
        joined = ("%\n" if percent else "\n").join(map(spec, shown[rest].tolist()))
        texts[rest] = (joined + "%" if percent else joined).translate(_VI_MARKS).split("\n")
    return texts


def _written(k: np.ndarray, negative: np.ndarray, decimals: int, percent: bool) -> list[str]:
    """The VI text of each k / 10^decimals (k >= 0, below 2^52; a sign where `negative`): what
    `f"{x:,.{decimals}f}"` with the marks swapped writes. Built as one byte matrix, a row per number,
    right-aligned with 0 bytes for padding, then read as one string: a format call per number cost more
    than all the rest of reading the figures."""
    whole, fraction = np.divmod(k, 10 ** decimals)
    places = len(str(int(whole.max())))
    width = places + (places - 1) // 3            # the integer part with its thousands dots
    end = 1 + width                               # after a sign and the integer part
    chars = np.zeros((len(k), end + (decimals + 1 if decimals else 0) + percent + 1), dtype=np.uint8)
    length = np.ones(len(k), dtype=np.int64)      # characters of the integer part
    rest = whole
    for j in range(places):
        rest, digit = np.divmod(rest, 10)
        at = end - 1 - (j + j // 3)
        if j == 0:
            chars[:, at] = digit + 48
            continue
        shown = whole >= 10 ** j
        chars[:, at] = np.where(shown, digit + 48, 0)
        if j % 3 == 0:
            chars[:, at + 1] = np.where(shown, 46, 0)          # "."
        length += shown * (2 if j % 3 == 0 else 1)
    rows = np.flatnonzero(negative)
    chars[rows, end - 1 - length[rows]] = 45                  # "-"
    if decimals:
        chars[:, end] = 44                                    # ","
        rest = fraction
        for j in range(decimals):
            rest, digit = np.divmod(rest, 10)
            chars[:, end + decimals - j] = digit + 48
    if percent:
        chars[:, -2] = 37                                     # "%"
    chars[:, -1] = 10
    return chars[chars != 0].tobytes().decode("ascii").split("\n")[:-1]


def _distinct(x: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(the distinct numbers of x, the position of each of x among them), or None when none repeats. A
    column repeats its figures (months, rounded rates): what is written of each is worked out once.
    Distinct by their bits, so -0.0 (written "-0") stays apart from 0.0. A long run whose sample of 512
    holds no number twice (amounts) is taken as it is: sorting it to find its few repeats cost more than
    writing them again."""
    if len(x) < 2:
        return None
    bits = np.ascontiguousarray(x, dtype=np.float64).view(np.int64)
    sample = bits[::len(bits) // _SAMPLE] if len(bits) >= 8 * _SAMPLE else None
    if sample is not None and len(np.unique(sample)) == len(sample):
        return None
    bits, inverse = np.unique(bits, return_inverse=True)
    return (bits.view(np.float64), inverse.reshape(-1)) if len(bits) < len(x) else None


_SAMPLE = 512


class FigureBlock:
    """The figures of a table's columns of figures (its plans) over the sheet rows [start, stop)."""

    def __init__(self, grid, plans: list, start: int, stop: int, no_data: set[str], style: str):
        self.plans, self.start = plans, start
        self.columns = [read_column(*grid.column(plan.col, start, stop), no_data, style) for plan in plans]
        self.present = np.array([c.present for c in self.columns]) if plans else \
            np.zeros((0, stop - start), dtype=bool)
        self.count = self.present.sum(axis=0)          # figures per row
        self.any = (self.count > 0).tolist()
        self.counts = self.count.tolist()

    def row(self, i: int) -> list[tuple]:
        """(plan, Figure) of one row (position i), in the plans' order."""
        return [(plan, Figure(float(c.value[i]), int(c.decimals[i]), c.raw[i], bool(c.percent[i]),
                              bool(c.ambiguous[i])))
                for plan, c in zip(self.plans, self.columns) if c.present[i]]

    def ambiguous(self, rows: int) -> list[str]:
        """The figures of the first `rows` rows that read both ways, as written, row by row."""
        if not any(c.ambiguous[:rows].any() for c in self.columns):
            return []
        marks = np.array([c.ambiguous[:rows] & c.present[:rows] for c in self.columns])
        at, cols = np.nonzero(marks.T)
        return [self.columns[k].raw[i] for i, k in zip(at.tolist(), cols.tolist())]
