"""The wide-table row relation: the engine's parser and interval arithmetic on DataFrame columns."""

import math

import pandas as pd
import pytest

from check_report.engine.expr import ExprError
from check_report.gx.rowwise import column_interval, relation_names, row_relation


def frame():
    return pd.DataFrame({
        "m1": [120.4, 100.0, 1.0, 500.0],
        "m2": [131.2, 200.0, None, 500.0],
        "m3": [140.7, 300.0, 1.0, 500.0],
        "cumulative": [392.3, 610.0, 3.0, 1500.0],
        "plan": [1500.0, 2000.0, 0.0, 3000.0],
        "pct": [26.15, 30.5, 1.0, 51.0],
    })


def test_sum_of_months_fails_only_beyond_rounding():
    holds, known = row_relation(frame(), "cumulative == m1 + m2 + m3")
    # 392.3 vs 392.3 holds; 610 vs 600 +- 1.5 fails; a missing month is not evaluated
    assert known.tolist() == [True, True, False, True]
    assert (known & ~holds).tolist() == [False, True, False, False]


def test_percent_of_plan_with_rounding_and_zero_plan_skipped():
    holds, known = row_relation(frame(), "pct == cumulative / plan * 100", decimals={"pct": 1})
    assert known.tolist() == [True, True, False, True]      # plan 0: never divided by
    assert (known & ~holds).tolist() == [False, False, False, True]


def test_edge_of_rounding_is_not_a_false_alarm():
    # 21.89 stands for [21.885, 21.895]: 21.885 / 100 * 100 sits exactly on the edge
    df = pd.DataFrame({"pct": [21.89], "part": [21.885], "whole": [100.0]})
    holds, known = row_relation(df, "pct == part / whole * 100", decimals={"part": 3, "whole": 0})
    assert known.all() and holds.all()


def test_tolerance_widens_equality():
    df = pd.DataFrame({"a": [100.0], "b": [103.0]})
    assert not row_relation(df, "a == b")[0][0]
    assert row_relation(df, "a == b", tolerance_abs=2.0)[0][0]
    assert row_relation(df, "a == b", tolerance_rel=0.03)[0][0]


def test_explicit_bound_columns_win_over_values():
    df = pd.DataFrame({"a": [10.0], "a_lo": [9.0], "a_hi": [11.0], "b": [10.9]})
    assert row_relation(df, "a == b", bounds={"a": ["a_lo", "a_hi"]}, decimals={"b": 1})[0][0]
    interval = column_interval(df, "a", bounds={"a": ["a_lo", "a_hi"]})
    assert (interval.lo[0], interval.hi[0]) == (9.0, 11.0)
    holds, _ = row_relation(pd.DataFrame({"a": [10.0], "a_lo": [10.0], "a_hi": [10.0], "b": [10.9]}),
                            "a == b", bounds={"a": ["a_lo", "a_hi"]}, decimals={"b": 1})
    assert not holds[0]


def test_declared_decimals_give_the_interval():
    interval = column_interval(pd.DataFrame({"x": [21.89]}), "x", decimals={"x": 2})
    assert math.isclose(interval.lo[0], 21.885) and math.isclose(interval.hi[0], 21.895)


def test_logic_and_functions():
    df = pd.DataFrame({"a": [-5.0, 5.0], "b": [5.0, 6.0]})
    holds, _known = row_relation(df, "abs(a) <= b and max(a, b) >= 5")
    assert holds.tolist() == [True, True]


def test_names_must_be_columns_and_parent_or_children_are_refused():
    assert relation_names("c == a + b", ["a", "b", "c", "d"]) == ["a", "b", "c"]
    with pytest.raises(ExprError, match="unknown measure 'e'"):
        relation_names("c == a + e", ["a", "b", "c"])
    with pytest.raises(ExprError, match="own columns"):
        row_relation(pd.DataFrame({"a": [1.0]}), "a == parent.a")
    with pytest.raises(ExprError, match="own columns"):
        row_relation(pd.DataFrame({"a": [1.0]}), "a == sum(children.a)")


def test_a_relation_must_compare():
    with pytest.raises(ExprError):
        row_relation(pd.DataFrame({"a": [1.0], "b": [2.0]}), "a + b")


def test_indicator_view_maps_every_cell_back_to_its_fact():
    from gx_helpers import table_with_errors

    from check_report.gx.wide import indicator_view

    facts = table_with_errors()
    facts = facts[facts["cell"] != "G10"]                          # one indicator without a plan
    view, where = indicator_view(facts)
    assert list(view["entity"]) == list(dict.fromkeys(facts["entity"]))   # report order
    assert {"plan", "cumulative", "pct_plan", "month@2024-01", "month@2024-03"} <= set(view.columns)
    assert len(where) == len(facts)                                # every figure has exactly one cell
    for (row, column), label in where.items():
        assert isinstance(label, int)
        fact = facts.loc[label]
        assert view.at[row, column] == fact["value"] and view.at[row, "entity"] == fact["entity"]
    assert view["plan"].isna().sum() == 1
