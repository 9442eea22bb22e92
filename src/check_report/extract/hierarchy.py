"""Parents and children from the codes of an STT column (or from the start of the row label).

Vietnamese indicator tables nest by the kind of code: parts A, B or sections I, II; then 1, 2; then 1.1,
1.2 (one level per dot); then a, b; then "-"; then "+". A row's parent is the nearest row above it whose
code is of a shallower kind. Whether the children are the whole of their parent is said in words: "gồm",
"chia ra" make a complete breakdown (children must add up), "trong đó" a partial one (children must not
exceed it); without such words the breakdown counts as partial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_INT = re.compile(r"^\d{1,3}$")
_DOTTED = re.compile(r"^\d{1,3}(?:\.\d{1,3})+$")
_LOWER = re.compile(r"^[a-zđ]$")
_UPPER = re.compile(r"^[A-Z]$")
_ASCII_DIGITS = frozenset("0123456789")
_BULLETS = {"-": 20.0, "–": 20.0, "•": 20.0, "*": 25.0, "+": 30.0}
# A code at the start of a label when a table has no STT column: "1. ...", "1.2 ...", "a) ...", "- ...".
_LABEL_CODE = re.compile(r"^\s*(?:([IVXLC]+|[A-Z]|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]\s+|(\d{1,3}(?:\.\d{1,3})+)\s+"
                         r"|([-–•+*])\s*)(?=\S)")


@dataclass(slots=True)
class Node:
    entity: object
    code: str | None
    rank: float
    label: str


def clean_code(value: object) -> str | None:
    """The code as written, without trailing dots/parentheses: "1.", "a)", "(1)" -> "1", "a", "1"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().strip("()").rstrip(".)").strip()
    return text or None


def code_from_label(label: str) -> tuple[str | None, str]:
    """(code, label without it) for labels that carry their own code."""
    match = _LABEL_CODE.match(label)
    if not match:
        return None, label
    return match.group(1) or match.group(2) or match.group(3), label[match.end():].strip()


def code_rank(code: str | None, previous_upper: str | None = None) -> float | None:
    """How deep a kind of code sits (smaller = shallower); None when the text is not a code."""
    if not code:
        return None
    if code in _BULLETS:
        return _BULLETS[code]
    if code[0] in _ASCII_DIGITS:       # the common codes ("1", "1.2"): never a letter or a roman numeral
        if code.isdecimal():           # what \d matches, each character: _INT's test without a regex
            return 1.0 if len(code) <= 3 else None
        if code[-1] == "\n" and _INT.match(code):      # ("$" takes a final line break)
            return 1.0
        return 1.0 + code.count(".") if _DOTTED.match(code) else None
    if _UPPER.match(code) and (not _ROMAN.match(code) or _follows(code, previous_upper)):
        return 0.0
    if _ROMAN.match(code):
        return 0.5
    if _INT.match(code):
        return 1.0
    if _DOTTED.match(code):
        return 1.0 + code.count(".")
    if _LOWER.match(code):
        return 10.0
    return None


def _follows(code: str, previous_upper: str | None) -> bool:
    """"C" after "B" is a letter, "C" (100) among romans would be absurd in an STT column."""
    return previous_upper is not None and len(previous_upper) == 1 and ord(code) == ord(previous_upper) + 1


class Hierarchy:
    """Feed rows top-down; `add` returns the parent entity of each."""

    def __init__(self) -> None:
        self.stack: list[Node] = []
        self.previous_upper: str | None = None

    def add(self, entity, code: str | None, label: str):
        rank = code_rank(code, self.previous_upper)
        if rank == 0.0 and code and _UPPER.match(code):
            self.previous_upper = code
        if rank is None:
            # an uncoded row ("Tổng số", a stray label): guessing its place would invent false alarms
            return None
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        parent = self.stack[-1].entity if self.stack else None
        self.stack.append(Node(entity, code, rank, label))
        return parent

    def add_under(self, entity, parent, code: str | None, label: str):
        """A row the words place under `parent`: "Trong đó: - Cá" under the row above it, or the first coded
        part under an uncoded total that said "chia ra:". Its siblings then follow by their codes; a row
        without a code sits deepest, so no coded row is taken for its part."""
        rank = code_rank(code, self.previous_upper)
        at = next((k for k in range(len(self.stack) - 1, -1, -1) if self.stack[k].entity == parent), None)
        if at is None:        # an uncoded parent: just shallower than its first part, for as long as it lasts
            own = _UNCODED if rank is None else rank
            while self.stack and self.stack[-1].rank >= own - 0.5:
                self.stack.pop()
            self.stack.append(Node(parent, None, own - 0.5, ""))
        else:
            del self.stack[at + 1:]
            above = self.stack[at].rank
            own = _UNCODED if rank is None else rank if rank > above else above + 0.25
        self.stack.append(Node(entity, code, max(own, self.stack[-1].rank + 0.25), label))
        return parent

    def close(self) -> None:
        """An uncoded row that states figures ends what the words opened (add_under): later codes are not
        parts of an uncoded total or of an uncoded part."""
        at = next((k for k, node in enumerate(self.stack) if node.code is None), None)
        if at is not None:
            del self.stack[at:]


_UNCODED = 100.0
