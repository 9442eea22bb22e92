import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from check_report.engine import intervals as I


def iv(lo, hi):
    return I.Iv(np.array([float(lo)]), np.array([float(hi)]))


def pair(x: I.Iv):
    return float(x.lo[0]), float(x.hi[0])


def tight(x: I.Iv, expected) -> bool:
    """Arithmetic rounds outwards: the result holds the exact interval and is at most one ulp wider."""
    lo, hi = pair(x)
    want_lo, want_hi = (float(v) for v in expected)
    return np.nextafter(want_lo, -np.inf) <= lo <= want_lo and want_hi <= hi <= np.nextafter(want_hi, np.inf)


def test_add_sub_neg():
    assert tight(I.add(iv(1, 2), iv(10, 20)), (11, 22))
    assert tight(I.sub(iv(1, 2), iv(10, 20)), (-19, -8))
    assert pair(I.neg(iv(1, 2))) == (-2, -1)


@pytest.mark.parametrize("a, b, expected", [
    ((1, 2), (3, 4), (3, 8)),
    ((-1, 2), (3, 4), (-4, 8)),
    ((-2, -1), (-4, -3), (3, 8)),
    ((-1, 2), (-3, 4), (-6, 8)),
])
def test_mul_takes_all_endpoint_products(a, b, expected):
    assert tight(I.mul(iv(*a), iv(*b)), expected)


def test_div_and_zero_denominator_is_unknown():
    assert tight(I.div(iv(1, 2), iv(4, 8)), (0.125, 0.5))
    assert tight(I.div(iv(1, 2), iv(-8, -4)), (-0.5, -0.125))
    for denominator in [(-0.5, 0.5), (0, 1), (-1, 0)]:
        result = I.div(iv(1, 2), iv(*denominator))
        assert not result.known[0]


def test_abs_min_max():
    assert pair(I.absolute(iv(-3, 2))) == (0, 3)
    assert pair(I.absolute(iv(-3, -2))) == (2, 3)
    assert pair(I.absolute(iv(2, 3))) == (2, 3)
    assert pair(I.minimum(iv(1, 5), iv(2, 3))) == (1, 3)
    assert pair(I.maximum(iv(1, 5), iv(2, 3))) == (2, 5)


def test_unknown_propagates():
    nan = I.Iv(np.array([np.nan]), np.array([np.nan]))
    assert not I.add(nan, iv(1, 2)).known[0]
    assert not I.mul(iv(1, 2), nan).known[0]
    assert not I.absolute(nan).known[0]
    assert not I.compare("==", nan, iv(1, 2)).known[0]


@pytest.mark.parametrize("op, a, b, possible, certain", [
    ("==", (21.885, 21.895), (21.89, 21.9), True, False),
    ("==", (1, 2), (2.5, 3), False, False),
    ("==", (2, 2), (2, 2), True, True),
    ("!=", (2, 2), (2, 2), False, False),
    ("!=", (1, 2), (3, 4), True, True),
    ("<=", (1, 3), (2, 2.5), True, False),
    ("<=", (3, 4), (1, 2), False, False),
    ("<=", (1, 2), (2, 3), True, True),
    ("<", (2, 3), (1, 2), False, False),
    (">", (0.25, 0.35), (0, 0), True, True),
    (">", (-0.5, 0.5), (0, 0), True, False),
    (">=", (1, 2), (3, 4), False, False),
])
def test_comparisons_possible_and_certain(op, a, b, possible, certain):
    truth = I.compare(op, iv(*a), iv(*b))
    assert bool(truth.possible[0]) is possible
    assert bool(truth.certain[0]) is certain


def test_edge_of_rounding_is_not_a_false_alarm():
    # 21.89 stated, 21.885 computed from other figures: touching intervals agree despite float error
    computed = I.mul(I.div(iv(218.85, 218.85), iv(1000, 1000)), iv(100, 100))
    assert I.compare("==", iv(21.885, 21.895), computed).possible[0]


def test_tolerance_widens():
    assert not I.compare("==", iv(10, 10), iv(10.4, 10.4)).possible[0]
    assert I.compare("==", iv(10, 10), iv(10.4, 10.4), tol_abs=0.5).possible[0]
    assert I.compare("==", iv(100, 100), iv(104, 104), tol_rel=0.05).possible[0]
    assert not I.compare("==", iv(100, 100), iv(106, 106), tol_rel=0.05).possible[0]


def test_logic_three_valued():
    t = I.Truth(np.array([True]), np.array([True]), np.array([True]))
    f = I.Truth(np.array([False]), np.array([False]), np.array([True]))
    u = I.Truth(np.array([False]), np.array([False]), np.array([False]))
    assert not I.t_and(f, u).possible[0] and I.t_and(f, u).known[0]
    assert not I.t_and(t, u).known[0]
    assert I.t_or(t, u).certain[0] and I.t_or(t, u).known[0]
    assert not I.t_or(f, u).known[0]
    assert I.t_not(f).certain[0] and not I.t_not(t).possible[0]


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False)


@given(finite, finite, finite, finite, st.sampled_from(["add", "sub", "mul", "div"]))
def test_result_contains_every_pointwise_result(a1, a2, b1, b2, name):
    a, b = iv(min(a1, a2), max(a1, a2)), iv(min(b1, b2), max(b1, b2))
    result = getattr(I, name)(a, b)
    if not result.known[0]:
        assert name == "div" and (b.lo[0] <= 0 <= b.hi[0] or min(abs(b.lo[0]), abs(b.hi[0])) < 1e-300)
        return
    for x in (a.lo[0], a.hi[0], (a.lo[0] + a.hi[0]) / 2):
        for y in (b.lo[0], b.hi[0], (b.lo[0] + b.hi[0]) / 2):
            with np.errstate(all="ignore"):
                value = {"add": x + y, "sub": x - y, "mul": x * y, "div": x / y if y else 0}[name]
            # outward rounding: even the rounded pointwise result lies inside, with no slack
            assert result.lo[0] <= value <= result.hi[0]
