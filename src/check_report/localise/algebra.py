"""A relation as polynomials over its leaves, for the solver (milp.py): what is linear, what is one product
of two figures, and the sign a denominator keeps.

Each leaf of a relation (a figure, or a sum of figures) is a variable, keyed by the id of its expression
node; a relation is turned into numerator/denominator polynomials of degree at most two, then, cross-
multiplied by denominators of known sign, into one polynomial `P op 0`. Anything else (abs, min, max,
logical combinations, products of three figures) is `Unsupported`: the solver leaves that relation out and
the exact check at the end judges it.
"""

from __future__ import annotations

from check_report.engine import expr as X

EPS = 1e-9


class Unsupported(Exception):
    pass


def poly_mul(a: dict, b: dict) -> dict:
    out: dict = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = tuple(sorted(ma + mb))
            if len(m) > 2:
                raise Unsupported
            out[m] = out.get(m, 0.0) + ca * cb
    return out


def poly_add(a: dict, b: dict, sign: float = 1.0) -> dict:
    out = dict(a)
    for m, c in b.items():
        out[m] = out.get(m, 0.0) + sign * c
    return out


ONE = {(): 1.0}


def rational(node: X.Node, relation) -> tuple[dict, dict]:
    """(numerator, denominator) polynomials in the relation's occurrences (keys: id of the leaf)."""
    if isinstance(node, X.Num):
        return {(): float(node.value)}, ONE
    if isinstance(node, (X.Ref, X.Children, X.SumMonths)):
        occurrence = relation.occurrences.get(id(node))
        if occurrence is None:
            raise Unsupported
        if occurrence.count:
            return {(): float(len(occurrence.slots))}, ONE
        return {(id(node),): 1.0}, ONE
    if isinstance(node, X.Unary) and node.op == "-":
        n, d = rational(node.operand, relation)
        return {m: -c for m, c in n.items()}, d
    if isinstance(node, X.Binary) and node.op in ("+", "-", "*", "/"):
        (n1, d1), (n2, d2) = rational(node.left, relation), rational(node.right, relation)
        if node.op in ("+", "-"):
            sign = 1.0 if node.op == "+" else -1.0
            if d1 == d2:
                return poly_add(n1, n2, sign), d1
            return poly_add(poly_mul(n1, d2), poly_mul(n2, d1), sign), poly_mul(d1, d2)
        if node.op == "*":
            return poly_mul(n1, n2), poly_mul(d1, d2)
        return poly_mul(n1, d2), poly_mul(d1, n2)
    raise Unsupported


def cross(left, right, op: str, ranges: dict):
    """Nl/Dl op Nr/Dr as one polynomial `P op' 0`, denominators of known sign; (None, op) otherwise."""
    (nl, dl), (nr, dr) = left, right
    sign = sign_of(dl, ranges) * sign_of(dr, ranges)
    if sign == 0:
        return None, op
    try:
        poly = poly_add(poly_mul(nl, dr), poly_mul(nr, dl), -1.0)
    except Unsupported:
        return None, op
    if sign < 0:
        op = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}.get(op, op)
    return {m: c for m, c in poly.items() if c}, op


def sign_of(poly: dict, ranges: dict) -> int:
    """+1 / -1 when the polynomial keeps one sign over the stated intervals, 0 when it may change sign."""
    lo = hi = 0.0
    for m, c in poly.items():
        a, b = c, c
        for key in m:
            r = ranges[key]
            products = [a * r[0], a * r[1], b * r[0], b * r[1]]
            a, b = min(products), max(products)
        lo, hi = lo + a, hi + b
    if lo > EPS * max(1.0, abs(hi)):
        return 1
    if hi < -EPS * max(1.0, abs(lo)):
        return -1
    return 0


def expand(poly: dict, copies: dict) -> dict:
    """A linear polynomial over occurrences as a form over copy variables (None: the constant)."""
    form: dict = {}
    for m, c in poly.items():
        if not m:
            form[None] = form.get(None, 0.0) + c
            continue
        if len(m) != 1:
            raise ValueError("not linear")
        for x, factor in copies[m[0]].items():
            form[x] = form.get(x, 0.0) + c * factor
    return form


def combine(a_form: dict, e: float, b_form: dict) -> dict:
    out = {k: v * e for k, v in a_form.items()}
    for k, v in b_form.items():
        out[k] = out.get(k, 0.0) + v
    return out
