"""Property: on any small indicator table, clean or broken, GX and native report exactly the same."""

import pytest

pytest.importorskip("great_expectations", reason="great_expectations not installed (optional extra)")

from gx_helpers import indicator_rows  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from check_report import facts as F  # noqa: E402
from check_report.engine import load_rules, run_rules  # noqa: E402
from check_report.gx.run import run_with_gx  # noqa: E402

RULES = load_rules(["core"])

indicator = st.tuples(
    st.lists(st.integers(0, 5000), min_size=3, max_size=3),          # months
    st.integers(1, 20000),                                            # plan
    st.sampled_from([0, 0, 0, 1, -1, 50]),                            # error added to the cumulative
    st.sampled_from([0.0, 0.0, 0.1, 3.0]),                            # error added to the % of plan
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(indicator, min_size=1, max_size=6))
def test_gx_and_native_agree_on_any_table(rows):
    records = []
    for k, (months, plan, cum_error, pct_error) in enumerate(rows):
        cumulative = sum(months) + cum_error
        pct = round(cumulative / plan * 100, 1) + pct_error
        records += indicator_rows(5 + k, months, cumulative, plan, pct)
    facts = F.new_table(records)
    native = run_rules(facts, RULES, path="q.xlsx")
    through_gx = run_with_gx(facts, RULES, path="q.xlsx")
    assert through_gx.findings == native.findings
    assert through_gx.per_rule == native.per_rule
    assert through_gx.checked_facts == native.checked_facts
