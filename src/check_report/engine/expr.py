"""The rule expression language: a tokenizer and a recursive-descent parser. Nothing is ever eval'ed.

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("==" | "!=" | "<=" | "<" | ">=" | ">") sum)?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | NAME | "parent" "." NAME | FUNC "(" args ")" | "(" expr ")"

Bounded: an expression is at most MAX_CHARS long, nests parentheses, signs, `not` and function calls at
most MAX_NESTING deep, and its tree is at most MAX_DEPTH deep (a sum of many terms nests one level per
term); beyond, `ExprError("expression too deep ...")`, which the loader reports as `file:line: expr: ...`.
Every walk over a tree (type checks, evaluation, row-wise evaluators of integrations) recurses along its depth, so
the bound keeps them all far from Python's recursion limit. The tokenizer moves a position along the
text, never copying it.

Names are measures of the indicator (`plan`, `cumulative`, `month` ...), `parent.<measure>`, and the flags
`complete` (the children are the whole breakdown), `rate_unit` (the unit is a rate or price: %, /, lần) and
`in_cumulative` (the period in turn lies inside the indicator's cumulative period; true for non-periodic
rules), `negative_parts` (a component of this indicator states a negative amount: a deduction row) and
`negative_siblings` (a component of this indicator's parent, itself included, does). Functions: abs, min,
max, sum(children.<m>) (known only when every component states m), sum_stated(children.<m>) (the
components that state m, known when one does), count(children.<m>), sum_months(<periodic m>).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"(?P<num>\d++(?:\.\d++)?(?![\w.]))|(?P<name>[A-Za-z_][A-Za-z0-9_]*+)"
                    r"|(?P<op>==|!=|<=|>=|[-+*/<>().,])")
_SPACE = re.compile(r"\s*+")
_WORD = re.compile(r"[\w.]{1,40}")
MAX_CHARS = 10_000
MAX_NESTING = 32
MAX_DEPTH = 100
COMPARISONS = ("==", "!=", "<=", "<", ">=", ">")
KEYWORDS = ("and", "or", "not")
FLAGS = ("complete", "rate_unit", "in_cumulative", "negative_parts", "negative_siblings")
ARITH_FUNCS = {"abs": (1, 1), "min": (2, 99), "max": (2, 99)}
CHILD_FUNCS = ("sum", "sum_stated", "count")
PERIOD_FUNCS = ("sum_months",)
SCOPES = ("parent", "children")
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ExprError(ValueError):
    def __init__(self, message: str, pos: int):
        super().__init__(f"col {pos + 1}: {message}")
        self.pos = pos
        self.reason = message


@dataclass(frozen=True)
class Node:
    start: int
    end: int


@dataclass(frozen=True)
class Num(Node):
    value: float


@dataclass(frozen=True)
class Ref(Node):
    measure: str
    scope: str = "self"         # "self" | "parent"


@dataclass(frozen=True)
class Flag(Node):
    name: str


@dataclass(frozen=True)
class Children(Node):
    func: str                   # "sum" | "count"
    measure: str


@dataclass(frozen=True)
class SumMonths(Node):
    measure: str


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Unary(Node):
    op: str                     # "-" | "not"
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str                     # + - * /   or   and / or
    left: Node
    right: Node


@dataclass(frozen=True)
class Compare(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Token:
    kind: str                   # "num" | "name" | "op" | "end"
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_CHARS:
        raise ExprError(f"expression too long ({len(text):,} characters, at most {MAX_CHARS:,}); split it "
                        "into several rules", 0)
    tokens, pos = [], 0
    while pos < len(text):
        pos = _SPACE.match(text, pos).end()
        if pos == len(text):
            break
        match = _TOKEN.match(text, pos)
        if not match:
            bad = pos
            if text[bad].isdigit():
                word = _WORD.match(text, bad).group(0)
                raise ExprError(f"malformed number {word!r} (write digits with a dot decimal: 1250.5)", bad)
            raise ExprError(f"unexpected character {text[bad]!r}", bad)
        kind = match.lastgroup
        tokens.append(Token(kind, match.group(kind), match.start(kind)))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


class Parser:
    def __init__(self, text: str, measures: frozenset[str] | set[str], periodic: frozenset[str]):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.measures = measures
        self.periodic = periodic
        self.nesting = 0

    def enter(self, tok: Token) -> None:
        """One more level of parentheses, signs, `not` or calls; refused past MAX_NESTING, before Python's
        own recursion limit is near."""
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ExprError(f"expression too deep: more than {MAX_NESTING} nested parentheses, signs, 'not' "
                            "or calls; simplify it", tok.pos)

    # -- token helpers
    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def accept(self, *texts: str) -> Token | None:
        tok = self.peek()
        if tok.kind in ("op", "name") and tok.text in texts:
            return self.take()
        return None

    def expect(self, text: str) -> Token:
        tok = self.peek()
        if tok.text != text or tok.kind not in ("op", "name"):
            raise ExprError(f"expected {text!r}, found {_show(tok)}", tok.pos)
        return self.take()

    # -- grammar
    def parse(self) -> Node:
        node = self.logic()
        tok = self.peek()
        if tok.kind != "end":
            raise ExprError(f"unexpected {_show(tok)}", tok.pos)
        return node

    def logic(self) -> Node:
        return self._chain(self.conj, ("or",))

    def conj(self) -> Node:
        return self._chain(self.negation, ("and",))

    def _chain(self, sub, ops) -> Node:
        node = sub()
        while (tok := self.accept(*ops)) is not None:
            right = sub()
            node = Binary(node.start, right.end, tok.text, node, right)
        return node

    def negation(self) -> Node:
        tok = self.accept("not")
        if tok is not None:
            self.enter(tok)
            operand = self.negation()
            self.nesting -= 1
            return Unary(tok.pos, operand.end, "not", operand)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.additive()
        tok = self.accept(*COMPARISONS)
        if tok is None:
            return left
        right = self.additive()
        if self.peek().text in COMPARISONS:
            raise ExprError("chained comparison: join them with 'and'", self.peek().pos)
        return Compare(left.start, right.end, tok.text, left, right)

    def additive(self) -> Node:
        return self._arith(self.product, ("+", "-"))

    def product(self) -> Node:
        return self._arith(self.unary, ("*", "/"))

    def _arith(self, sub, ops) -> Node:
        node = sub()
        while (tok := self.accept(*ops)) is not None:
            right = sub()
            node = Binary(node.start, right.end, tok.text, node, right)
        return node

    def unary(self) -> Node:
        tok = self.accept("-")
        if tok is not None:
            self.enter(tok)
            operand = self.unary()
            self.nesting -= 1
            return Unary(tok.pos, operand.end, "-", operand)
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return Num(tok.pos, tok.pos + len(tok.text), float(tok.text))
        if tok.kind == "op" and tok.text == "(":
            self.enter(tok)
            node = self.logic()
            close = self.expect(")")
            self.nesting -= 1
            return _respan(node, tok.pos, close.pos + 1)
        if tok.kind == "name" and tok.text not in KEYWORDS:
            return self.named(tok)
        raise ExprError(f"unexpected {_show(tok)}", tok.pos)

    def named(self, tok: Token) -> Node:
        if self.peek().text == "(":
            return self.call(tok)
        if self.peek().text == ".":
            self.take()
            attr = self.take()
            if tok.text != "parent":
                where = "inside sum(...) or count(...)" if tok.text == "children" else "here"
                raise ExprError(f"attribute access is only parent.<measure> (or children.<measure> "
                                f"inside sum/count); {tok.text}.{attr.text} is not allowed {where}", tok.pos)
            self.measure_name(attr)
            return Ref(tok.pos, attr.pos + len(attr.text), attr.text, "parent")
        if tok.text in FLAGS:
            return Flag(tok.pos, tok.pos + len(tok.text), tok.text)
        self.measure_name(tok)
        return Ref(tok.pos, tok.pos + len(tok.text), tok.text)

    def measure_name(self, tok: Token) -> str:
        if tok.kind != "name":
            raise ExprError(f"expected a measure name, found {_show(tok)}", tok.pos)
        if tok.text not in self.measures:
            raise ExprError(f"unknown measure {tok.text!r}{suggest(tok.text, self.measures)}", tok.pos)
        return tok.text

    def call(self, tok: Token) -> Node:
        func = tok.text
        self.expect("(")
        if func in CHILD_FUNCS:
            scope = self.take()
            if scope.text != "children":
                raise ExprError(f"{func}() takes children.<measure>", scope.pos)
            self.expect(".")
            measure = self.measure_name(self.take())
            close = self.expect(")")
            return Children(tok.pos, close.pos + 1, func, measure)
        if func in PERIOD_FUNCS:
            arg = self.take()
            measure = self.measure_name(arg)
            if measure not in self.periodic:
                raise ExprError(f"{func}() takes a periodic measure ({', '.join(sorted(self.periodic))})",
                                arg.pos)
            close = self.expect(")")
            return SumMonths(tok.pos, close.pos + 1, measure)
        if func not in ARITH_FUNCS:
            known = list(ARITH_FUNCS) + list(CHILD_FUNCS) + list(PERIOD_FUNCS)
            raise ExprError(f"unknown function {func!r}{suggest(func, known)}", tok.pos)
        self.enter(tok)
        args = [self.additive()]
        while self.accept(","):
            args.append(self.additive())
        close = self.expect(")")
        self.nesting -= 1
        low, high = ARITH_FUNCS[func]
        if not low <= len(args) <= high:
            raise ExprError(f"{func}() takes {low if low == high else f'at least {low}'} argument(s)", tok.pos)
        return Call(tok.pos, close.pos + 1, func, tuple(args))


def _respan(node: Node, start: int, end: int) -> Node:
    fields = {k: getattr(node, k) for k in node.__dataclass_fields__}
    fields.update(start=start, end=end)
    return type(node)(**fields)


def _show(tok: Token) -> str:
    return "end of expression" if tok.kind == "end" else repr(tok.text)


def suggest(word: str, choices) -> str:
    choices = sorted(str(c) for c in choices)
    close = difflib.get_close_matches(word, choices, n=1) or \
        [c for c in choices if word and len(c) >= 3 and (word.startswith(c) or c.startswith(word))][:1]
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- static checks over the tree ------------------------------------------------------------------------

def is_boolean(node: Node) -> bool:
    if isinstance(node, (Compare, Flag)):
        return True
    if isinstance(node, Unary):
        return node.op == "not"
    return isinstance(node, Binary) and node.op in ("and", "or")


def check_types(node: Node, want_bool: bool) -> None:
    """Arithmetic takes numbers, and/or/not take truth values; raise ExprError at the offending part."""
    if is_boolean(node) != want_bool:
        kind = "a condition (a comparison)" if want_bool else "a number"
        raise ExprError(f"expected {kind} here", node.start)
    if isinstance(node, Compare):
        check_types(node.left, False)
        check_types(node.right, False)
    elif isinstance(node, Unary):
        check_types(node.operand, want_bool)
    elif isinstance(node, Binary):
        check_types(node.left, want_bool)
        check_types(node.right, want_bool)
    elif isinstance(node, Call):
        for arg in node.args:
            check_types(arg, False)


def walk(node: Node):
    """Every node of the tree, parents before children, left before right (no recursion)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(_children(current)))


def depth(node: Node) -> int:
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in _children(current))
    return deepest


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, (Binary, Compare)):
        return (node.left, node.right)
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Call):
        return node.args
    return ()


def periodic_in(node: Node, periodic: frozenset[str]) -> tuple[set[str], set[str]]:
    """(periodic measures used bare or as parent.m, periodic measures inside sum/count of children)."""
    own, nested = set(), set()
    for sub in walk(node):
        if isinstance(sub, Ref) and sub.measure in periodic:
            own.add(sub.measure) if sub.scope == "self" else nested.add(sub.measure)
        elif isinstance(sub, Children) and sub.measure in periodic:
            nested.add(sub.measure)
    return own, nested


def parse(text: str, measures, periodic: frozenset[str], *, want_bool: bool = True) -> Node:
    """Parse and type-check one expression; ExprError carries the 0-based position of the problem."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("empty expression", 0)
    return _parse(text, frozenset(measures), frozenset(periodic), want_bool)


@functools.lru_cache(maxsize=1024)
def _parse(text: str, measures: frozenset[str], periodic: frozenset[str], want_bool: bool) -> Node:
    # the loader validates every expression and the evaluator parses it again: once is enough
    # (nodes are frozen, so sharing them is safe)
    node = Parser(text, measures, periodic).parse()
    if depth(node) > MAX_DEPTH:
        raise ExprError(f"expression too deep: its operations nest more than {MAX_DEPTH} levels (a sum of many "
                        "terms nests one level per term); split it into several rules", node.start)
    check_types(node, want_bool)
    own, nested = periodic_in(node, periodic)
    if nested and not own:
        example = min(nested)
        raise ExprError("a periodic measure of the parent or children needs the same measure of the "
                        f"indicator itself to say which period (e.g. {example} <= parent.{example})", node.start)
    return node
