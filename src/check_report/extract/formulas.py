"""Formula labels a table writes for itself: declared relations between its columns or its rows.

Columns: "(3)=(1)+(2)", "(5)=(3)/(4)×100", "6=4/2*100", "(4)=(3):(2)", "(7)=(5)-(6)" in a header or in the
column-number row under it; the numbers are the column numbers of that row (or the "(n)" a header carries).
Rows: "Tổng thu (1+2)", "Tổng chi (I+II+III)", "10 = 01 - 02" in a row label; the names are the codes of
other rows of the table (the STT column or a "Mã số" column).

A label is turned into check-report's own expression language (`engine.expr`, never `eval`) with each
referenced column or row as a name, and validated by parsing it. Bare numbers of 100 and more are
constants (the "×100" of a percentage); parenthesised numbers and smaller bare ones are references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REF = r"(?:\d{1,4}|[IVX]{1,4}|[A-Z])"
_OP = r"[=+\-*/×xX:]"
# a run of references joined by operators, each reference in as many brackets as written ("((8)+(9))/(7)")
_CANDIDATE = re.compile(r"[(\[]*\s*" + _REF + r"\s*[)\]]*(?:\s*" + _OP + r"\s*[(\[]*\s*" + _REF
                        + r"\s*[)\]]*)+")
_TOKEN = re.compile(r"\s*(?:(?P<paren>[(\[]\s*(?P<inner>" + _REF + r")\s*[)\]])|(?P<ref>" + _REF + r")|(?P<op>"
                    + _OP + r")|(?P<open>[(\[])|(?P<close>[)\]]))")
_ARITH = {"+": "+", "-": "-", "*": "*", "×": "*", "x": "*", "X": "*", "/": "/", ":": "/"}
_ANY_OP = re.compile(r"[-+*/×:=]")
# what every candidate holds: the last character of a reference, closing brackets or spaces, an operator,
# opening brackets or spaces, the first character of a reference; one cheap search rules most labels out
_ADJACENT = re.compile(r"[\dA-Z][\s)\]]*" + _OP + r"[\s(\[]*[\dA-Z]")
CONSTANT_FROM = 100          # bare numbers from here on are constants (×100, /1000), not column numbers


@dataclass(frozen=True)
class Formula:
    own: str | None          # the reference on the left of "=", when written ("5" of "(5)=(3)/(4)")
    rhs: str                 # the right side in engine syntax, references as names ("n3 / n4 * 100")
    refs: tuple[str, ...]    # references on the right side, as written ("3", "4"; "I", "II")
    text: str                # the label as written
    op: str = "=="           # "<=" for a part within its whole

    def expression(self, own_name: str, names: dict[str, str], percent: bool = False) -> str:
        """`own_name <op> rhs` with each reference replaced by names[ref] (a cell address). A ratio
        written without "×100" over a column of percentages holds either way ("(5)=(3)/(4)" beside
        85,5%)."""
        rhs = re.sub(r"\bn_([A-Za-z0-9]+)\b", lambda m: names[m.group(1)], self.rhs)
        if percent and self.op == "==" and self.is_ratio and not self.times_100:
            return f"{own_name} == ({rhs}) * 100 or {own_name} == {rhs}"
        return f"{own_name} {self.op} {rhs}"

    @property
    def is_ratio(self) -> bool:
        return "/" in self.rhs

    @property
    def times_100(self) -> bool:
        return bool(re.search(r"\*\s*100\b|\b100\s*\*", self.rhs))


def find_formula(text: str, *, rows: bool = False) -> Formula | None:
    """The formula label inside a header or a row label, if one is written there. `rows`: the references
    are row codes (numbers, roman numerals, capital letters); otherwise column numbers only."""
    if not text or not _ANY_OP.search(text) or not _ADJACENT.search(text):   # "x" alone is a letter in most labels
        return None
    for match in _CANDIDATE.finditer(text):
        formula = _parse(match.group(0), rows)
        if formula is not None:
            return formula
    return None


def _parse(candidate: str, rows: bool) -> Formula | None:
    tokens = []
    pos = 0
    while pos < len(candidate):
        m = _TOKEN.match(candidate, pos)
        if not m or m.end() == pos:
            return None
        pos = m.end()
        if m.group("paren"):
            tokens.append(("ref", m.group("inner")))
        elif m.group("ref"):
            ref = m.group("ref")
            if not rows and not ref.isdigit():
                if ref in ("x", "X"):
                    tokens.append(("op", "*"))
                    continue
                return None
            tokens.append(("num" if ref.isdigit() and int(ref) >= CONSTANT_FROM else "ref", ref))
        elif m.group("op"):
            op = m.group("op")
            tokens.append(("op", "=" if op == "=" else _ARITH[op]))
        else:
            tokens.append(("open" if m.group("open") else "close", ""))
    tokens, wrapped = _unwrap(tokens)
    if tokens is None:
        return None
    if ("op", "=") not in tokens and not wrapped:
        return None                                # "1-3", "30/6": a range or a date, not a formula
    own = None
    if ("op", "=") in tokens:
        at = tokens.index(("op", "="))
        left, tokens = tokens[:at], tokens[at + 1:]
        if len(left) != 1 or left[0][0] != "ref" or ("op", "=") in tokens:
            return None
        own = left[0][1]
    if not tokens or not any(kind == "op" for kind, _ in tokens):
        return None
    refs = tuple(value for kind, value in tokens if kind == "ref")
    if not refs or (own is not None and own in refs):
        return None
    rhs = " ".join(f"n_{value}" if kind == "ref" else "(" if kind == "open" else ")" if kind == "close" else value
                   for kind, value in tokens)
    if not _valid(rhs, refs):
        return None
    return Formula(own, rhs, refs, candidate.strip())


def _unwrap(tokens: list) -> tuple[list | None, bool]:
    """Tokens without the brackets around the whole label ("(1+2)", "(A = B + C)"); None when the brackets
    do not balance (the candidate cut a bracket of the text around it)."""
    depth = 0
    for kind, _ in tokens:
        depth += {"open": 1, "close": -1}.get(kind, 0)
        if depth < 0:
            return None, False
    if depth:
        return None, False
    wrapped = False
    while len(tokens) > 2 and tokens[0][0] == "open" and tokens[-1][0] == "close" and _closes_at_end(tokens):
        tokens, wrapped = tokens[1:-1], True
    return tokens, wrapped


def _closes_at_end(tokens: list) -> bool:
    """Whether the first bracket closes at the last token ("(1+2)", not "(1)+(2)")."""
    depth = 0
    for i, (kind, _) in enumerate(tokens):
        depth += {"open": 1, "close": -1}.get(kind, 0)
        if depth == 0:
            return i == len(tokens) - 1
    return False


def _valid(rhs: str, refs: tuple[str, ...]) -> bool:
    from check_report.engine.expr import ExprError, parse

    try:
        parse(f"n_own == {rhs}", {f"n_{r}" for r in refs} | {"n_own"}, frozenset())
    except ExprError:
        return False
    return True


def relation(refs: list[str], op: str, text: str, joiner: str = "+") -> Formula:
    """A relation the table implies rather than writes: a part within its whole, parts adding up to it,
    a rate of two columns ("Tỷ lệ hộ nghèo" = "Số hộ nghèo" / "Tổng số hộ" × 100)."""
    rhs = f" {joiner} ".join(f"n_{r}" for r in refs)
    if joiner == "/":
        rhs += " * 100"
    return Formula(None, rhs, tuple(refs), text, op)


def number_of_column(text: str) -> str | None:
    """The column number a cell of the column-number row (or a header) gives: "(3)", "3", "(5)=(3)/(4)"."""
    text = text.strip()
    m = re.match(r"^[(\[]?\s*(\d{1,2})\s*[)\]]?(?:\s*=|$)", text)
    if m:
        return m.group(1)
    m = re.search(r"[(\[]\s*(\d{1,2})\s*[)\]]\s*$", text)     # "Số hộ nghèo (3)"
    return m.group(1) if m else None
