import math

import pytest
from hypothesis import given, strategies as st

from check_report.numbers import EN, VI, bounds, decimals_of, format_interval, format_number, parse_number


@pytest.mark.parametrize(
    "text, value, decimals, ambiguous",
    [
        ("1.138.000", 1138000, 0, False),   # Vietnamese thousands dots
        ("21,89", 21.89, 2, False),         # Vietnamese decimal comma
        ("55.722,974", 55722.974, 3, False),
        ("289867,1", 289867.1, 1, False),   # no grouping, decimal comma
        ("28647783", 28647783, 0, False),
        ("03", 3, 0, False),                 # leading zero in counts
        ("140.7", 140.7, 1, False),          # dot decimal among comma decimals: not a thousands group
        ("0,125", 0.125, 3, False),          # "0,125" cannot be thousands: a leading zero group
        ("1,138,000", 1138000, 0, False),    # English thousands commas
        ("1,138.5", 1138.5, 1, False),
        ("1.138,5", 1138.5, 1, False),
        ("-2,5", -2.5, 1, False),
        ("−2,5", -2.5, 1, False),            # unicode minus
        ("1.500", 1500, 0, True),            # reads both ways: VI reading, flagged
        ("14,560", 14.56, 3, True),
    ],
)
def test_vietnamese_reading(text, value, decimals, ambiguous):
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == pytest.approx(value)
    assert parsed.decimals == decimals
    assert parsed.ambiguous is ambiguous
    assert parsed.raw == text


def test_english_style_flips_only_the_ambiguous_case():
    assert parse_number("14,560", style=EN).value == 14560
    assert parse_number("1.500", style=EN).value == pytest.approx(1.5)
    assert parse_number("21,89", style=EN).value == pytest.approx(21.89)  # not a 3-digit group


@pytest.mark.parametrize("text", ["", "-", "x", "abc", "1.2.3", "12.34.567", "1,2,3", ",5", "1..2"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_interval_from_shown_precision():
    lo, hi = parse_number("21,89").lower, parse_number("21,89").upper
    assert lo == pytest.approx(21.885) and hi == pytest.approx(21.895)
    assert bounds(62388, 0) == (62387.5, 62388.5)
    assert bounds(1200, -2) == (1150, 1250)


def test_decimals_of_floats():
    assert decimals_of(0.2189) == 4
    assert decimals_of(182881.0) == 0
    assert decimals_of(1e-7) == 7
    assert decimals_of(math.inf) == 0


def test_formatting_round_trips_in_both_styles():
    assert format_number(1138000) == "1.138.000"
    assert format_number(21.894, 2) == "21,89"
    assert format_number(1138000.5, 1, EN) == "1,138,000.5"
    assert format_interval(21.885, 21.895, 3) == "[21,885; 21,895]"


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_formatted_numbers_parse_back(units, decimals):
    value = units / 10**decimals
    for style in (VI, EN):
        parsed = parse_number(format_number(value, decimals, style), style=style)
        assert parsed is not None
        assert parsed.value == pytest.approx(value)
        assert parsed.lower <= value <= parsed.upper
