import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from check_report import facts as F
from check_report.engine import expr as X

MEASURES = frozenset(F.MEASURES)


def parse(text, want_bool=True):
    return X.parse(text, MEASURES, F.PERIODIC_MEASURES, want_bool=want_bool)


def show(node) -> str:
    """Fully parenthesised form, to read precedence off the tree."""
    if isinstance(node, X.Num):
        return f"{node.value:g}"
    if isinstance(node, X.Ref):
        return node.measure if node.scope == "self" else f"parent.{node.measure}"
    if isinstance(node, X.Flag):
        return node.name
    if isinstance(node, X.Children):
        return f"{node.func}(children.{node.measure})"
    if isinstance(node, X.SumMonths):
        return f"sum_months({node.measure})"
    if isinstance(node, X.Call):
        return f"{node.func}({', '.join(show(a) for a in node.args)})"
    if isinstance(node, X.Unary):
        return f"({node.op} {show(node.operand)})"
    return f"({show(node.left)} {node.op} {show(node.right)})"


@pytest.mark.parametrize("text, expected", [
    ("plan + cumulative * 2 > 1", "((plan + (cumulative * 2)) > 1)"),
    ("(plan + cumulative) * 2 > 1", "(((plan + cumulative) * 2) > 1)"),
    ("plan - cumulative - month > 0", "(((plan - cumulative) - month) > 0)"),
    ("plan / cumulative / 2 > 0", "(((plan / cumulative) / 2) > 0)"),
    ("-plan * 2 < 1", "(((- plan) * 2) < 1)"),
    ("plan > 0 and month > 0 or count > 0", "(((plan > 0) and (month > 0)) or (count > 0))"),
    ("plan > 0 or month > 0 and count > 0", "((plan > 0) or ((month > 0) and (count > 0)))"),
    ("not plan > 0 and complete", "((not (plan > 0)) and complete)"),
    ("pct_plan == cumulative / plan * 100", "(pct_plan == ((cumulative / plan) * 100))"),
    ("growth == (cumulative / previous - 1) * 100", "(growth == (((cumulative / previous) - 1) * 100))"),
    ("sum(children.plan) <= parent.plan", "(sum(children.plan) <= parent.plan)"),
    ("cumulative == sum_months(month)", "(cumulative == sum_months(month))"),
    ("abs(growth - min(plan, month, 3)) <= 0.5", "(abs((growth - min(plan, month, 3))) <= 0.5)"),
    ("count(children.count) >= 1.25", "(count(children.count) >= 1.25)"),
])
def test_precedence(text, expected):
    assert show(parse(text)) == expected


def test_spans_point_into_the_text():
    text = "pct_plan == cumulative / plan * 100"
    node = parse(text)
    assert text[node.left.start:node.left.end] == "pct_plan"
    assert text[node.right.start:node.right.end] == "cumulative / plan * 100"
    text = "growth == (cumulative / previous - 1) * 100"
    node = parse(text)
    assert text[node.right.left.start:node.right.left.end] == "(cumulative / previous - 1)"


@pytest.mark.parametrize("text, col, fragment", [
    ("plna > 0", 1, "unknown measure 'plna' (did you mean 'plan'?)"),
    ("plan > cumulativ", 8, "did you mean 'cumulative'?"),
    ("__import__(plan) > 0", 1, "unknown function '__import__'"),
    ("__import__('os') > 0", 12, "unexpected character \"'\""),
    ("plan.__class__ > 0", 1, "attribute access is only parent.<measure>"),
    ("children.plan > 0", 1, "not allowed"),
    ("parent.nope > 0", 8, "unknown measure 'nope'"),
    ("plan > 0 +", 11, "unexpected end of expression"),
    ("(plan > 0", 10, "expected ')'"),
    ("plan > 0)", 9, "unexpected ')'"),
    ("plan @ 2 > 0", 6, "unexpected character '@'"),
    ("1 < plan < 3", 10, "chained comparison"),
    ("plan + 1", 1, "expected a condition"),
    ("(plan > 1) + 2 > 0", 1, "expected a number"),
    ("sum(plan) > 0", 5, "sum() takes children.<measure>"),
    ("sum_months(plan) > 0", 12, "takes a periodic measure"),
    ("abs(plan, month) > 0", 1, "abs() takes 1 argument"),
    ("max(plan) > 0", 1, "max() takes at least 2"),
    ("lambda > 0", 1, "unknown measure 'lambda'"),
    ("parent.month <= 5", 1, "needs the same measure of the indicator itself"),
    ("", 1, "empty expression"),
    ("plan > 1e5", 8, "malformed number '1e5'"),
    ("plan > 1,5", 9, "unexpected ','"),
])
def test_errors_name_the_position(text, col, fragment):
    with pytest.raises(X.ExprError) as info:
        parse(text)
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"col {col}:")


def test_declared_measures_are_accepted():
    node = X.parse("exports > 0", MEASURES | {"exports"}, F.PERIODIC_MEASURES)
    assert isinstance(node.left, X.Ref) and node.left.measure == "exports"


def test_keywords_are_not_names():
    with pytest.raises(X.ExprError):
        parse("and > 0")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="planmothcu_ .()+-*/<>=!,0123456789abdnrs", max_size=40) | st.text(max_size=30))
def test_any_text_parses_or_raises_expr_error(text):
    try:
        node = parse(text)
    except X.ExprError as exc:
        assert 0 <= exc.pos <= len(text)
    else:
        assert X.is_boolean(node)
