"""Stock GX expectation names, known without importing great_expectations.

Rule files name stock expectations (`gx: expect_column_values_to_be_in_set`). Loading a rule file must
reject a misspelled name at once, naming it, and the plain CLI must not pay GX's import to do so: this
list mirrors GX 1.x's registry (a test compares it with the installed GX) and is what the rule loader
checks names against. The kwargs are checked strictly when the suite is built, where GX is imported anyway.
"""

from __future__ import annotations

import difflib

# Stock expectations that run on a pandas batch (GX 1.24). The SQL-only ones are listed apart so the
# message can say why they are refused instead of pretending the name is unknown.
STOCK_EXPECTATIONS: frozenset[str] = frozenset({
    "expect_column_distinct_values_to_be_in_set",
    "expect_column_distinct_values_to_contain_set",
    "expect_column_distinct_values_to_equal_set",
    "expect_column_kl_divergence_to_be_less_than",
    "expect_column_max_to_be_between",
    "expect_column_mean_to_be_between",
    "expect_column_median_to_be_between",
    "expect_column_min_to_be_between",
    "expect_column_most_common_value_to_be_in_set",
    "expect_column_pair_values_a_to_be_greater_than_b",
    "expect_column_pair_values_to_be_equal",
    "expect_column_pair_values_to_be_in_set",
    "expect_column_proportion_of_non_null_values_to_be_between",
    "expect_column_proportion_of_unique_values_to_be_between",
    "expect_column_quantile_values_to_be_between",
    "expect_column_stdev_to_be_between",
    "expect_column_sum_to_be_between",
    "expect_column_to_exist",
    "expect_column_type_to_be",
    "expect_column_unique_value_count_to_be_between",
    "expect_column_value_lengths_to_be_between",
    "expect_column_value_lengths_to_equal",
    "expect_column_value_z_scores_to_be_less_than",
    "expect_column_values_to_be_between",
    "expect_column_values_to_be_dateutil_parseable",
    "expect_column_values_to_be_decreasing",
    "expect_column_values_to_be_in_set",
    "expect_column_values_to_be_in_type_list",
    "expect_column_values_to_be_increasing",
    "expect_column_values_to_be_json_parseable",
    "expect_column_values_to_be_null",
    "expect_column_values_to_be_of_type",
    "expect_column_values_to_be_unique",
    "expect_column_values_to_match_json_schema",
    "expect_column_values_to_match_like_pattern",
    "expect_column_values_to_match_like_pattern_list",
    "expect_column_values_to_match_regex",
    "expect_column_values_to_match_regex_list",
    "expect_column_values_to_match_strftime_format",
    "expect_column_values_to_not_be_in_set",
    "expect_column_values_to_not_be_null",
    "expect_column_values_to_not_match_like_pattern",
    "expect_column_values_to_not_match_like_pattern_list",
    "expect_column_values_to_not_match_regex",
    "expect_column_values_to_not_match_regex_list",
    "expect_compound_columns_to_be_unique",
    "expect_multicolumn_sum_to_equal",
    "expect_multicolumn_values_to_be_equal",
    "expect_select_column_values_to_be_unique_within_record",
    "expect_table_column_count_to_be_between",
    "expect_table_column_count_to_equal",
    "expect_table_columns_to_match_ordered_list",
    "expect_table_columns_to_match_set",
    "expect_table_row_count_to_be_between",
    "expect_table_row_count_to_equal",
})
SQL_ONLY: frozenset[str] = frozenset({
    "expect_query_results_to_match_comparison",
    "expect_table_row_count_to_equal_other_table",
    "unexpected_rows_expectation",
    "expect_column_values_to_not_be_outliers",
})
# check-report's own expectations (check_report.gx.expectations); rule files may name them too.
CUSTOM_EXPECTATIONS: frozenset[str] = frozenset({
    "expect_fact_rule_to_hold",
    "expect_children_to_add_up_to_parent",
    "expect_column_relation_to_hold",
})
KNOWN: frozenset[str] = STOCK_EXPECTATIONS | CUSTOM_EXPECTATIONS


def gx_name_error(name: object) -> str | None:
    """Why `name` cannot be used as a `gx:` expectation in a rule file, or None when it can."""
    if not isinstance(name, str) or not name:
        return "gx: expected the name of a GX expectation, e.g. expect_column_values_to_be_in_set"
    if name in KNOWN:
        return None
    if name in SQL_ONLY:
        return f"gx: {name!r} runs only on SQL/Spark engines, not on check-report's pandas fact table"
    close = difflib.get_close_matches(name, sorted(KNOWN), n=1, cutoff=0.75)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"gx: unknown GX expectation {name!r}{hint}"


def check_gx_name(name: object) -> None:
    """Raise ValueError naming a misspelled or unusable expectation; cheap (no GX import)."""
    problem = gx_name_error(name)
    if problem:
        raise ValueError(problem)
