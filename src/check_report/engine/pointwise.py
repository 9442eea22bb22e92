"""Evaluate a parsed expression whose names are intervals given by the caller (no fact table, no parents).

For relations between the figures of one row: the columns of a wide table (the GX row relation), or the
cells a table's own formula label names (`(5)=(3)/(4)×100`, checked by the `table-relation` kind). The
arithmetic is `engine.intervals`, so rounding is judged exactly as in the rule engine.
"""

from __future__ import annotations

from check_report.engine import expr as E
from check_report.engine import intervals as I

_ARITH = {"+": I.add, "-": I.sub, "*": I.mul, "/": I.div}
_CALLS = {"min": I.minimum, "max": I.maximum}


def evaluate_names(node: E.Node, env: dict, n: int, tol_abs: float = 0.0, tol_rel: float = 0.0,
                   comparisons: list | None = None):
    """An Iv (arithmetic) or a Truth (comparisons, and/or/not) for `n` rows; `env` maps names to Iv.
    Comparisons met are appended to `comparisons` as (node, left, right, truth) when a list is given."""
    def ev(sub):
        return evaluate_names(sub, env, n, tol_abs, tol_rel, comparisons)

    if isinstance(node, E.Num):
        return I.const(node.value, n)
    if isinstance(node, E.Ref):
        return env[node.measure]
    if isinstance(node, E.Compare):
        left, right = ev(node.left), ev(node.right)
        truth = I.compare(node.op, left, right, tol_abs, tol_rel)
        if comparisons is not None:
            comparisons.append((node, left, right, truth))
        return truth
    if isinstance(node, E.Unary):
        return I.neg(ev(node.operand)) if node.op == "-" else I.t_not(ev(node.operand))
    if isinstance(node, E.Binary):
        if node.op in _ARITH:
            return _ARITH[node.op](ev(node.left), ev(node.right))
        return (I.t_and if node.op == "and" else I.t_or)(ev(node.left), ev(node.right))
    if isinstance(node, E.Call):
        args = [ev(arg) for arg in node.args]
        if node.func == "abs":
            return I.absolute(args[0])
        out = args[0]
        for arg in args[1:]:
            out = _CALLS[node.func](out, arg)
        return out
    raise E.ExprError(f"not allowed in a row relation: {type(node).__name__}", node.start)
