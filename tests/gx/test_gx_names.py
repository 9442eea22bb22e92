"""Expectation names in rule files are checked without importing GX, against a list that mirrors GX."""

import subprocess
import sys

import pytest

from check_report.gx.names import CUSTOM_EXPECTATIONS, KNOWN, SQL_ONLY, STOCK_EXPECTATIONS, check_gx_name, gx_name_error


def test_known_names_pass():
    assert gx_name_error("expect_column_values_to_be_in_set") is None
    assert gx_name_error("expect_fact_rule_to_hold") is None


def test_misspelled_name_is_named_with_a_suggestion():
    message = gx_name_error("expect_column_values_to_be_in_sett")
    assert "'expect_column_values_to_be_in_sett'" in message
    assert "did you mean 'expect_column_values_to_be_in_set'" in message
    with pytest.raises(ValueError, match="expect_colum_values_to_be_between"):
        check_gx_name("expect_colum_values_to_be_between")


@pytest.mark.parametrize("bad", ["", None, 3, ["expect_column_to_exist"]])
def test_not_a_name(bad):
    assert "expected the name of a GX expectation" in gx_name_error(bad)


def test_sql_only_expectations_are_refused_with_the_reason():
    assert "SQL" in gx_name_error("unexpected_rows_expectation")


def test_checking_names_does_not_import_gx():
    code = ("import sys; from check_report.gx import check_gx_name; check_gx_name('expect_column_to_exist');"
            "print('great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_list_mirrors_the_installed_gx_registry():
    pytest.importorskip("great_expectations")
    from great_expectations.expectations.registry import list_registered_expectation_implementations

    import check_report.gx.expectations  # noqa: F401  (registers the custom ones)

    registered = set(list_registered_expectation_implementations())
    assert CUSTOM_EXPECTATIONS <= registered
    assert STOCK_EXPECTATIONS <= registered, sorted(STOCK_EXPECTATIONS - registered)
    # every stock expectation GX knows is either usable on pandas or listed as SQL-only
    assert registered - KNOWN - SQL_ONLY == set()
