"""The engine's records: rules as loaded from YAML, the rule set, and what a run returns."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from numbers import Integral

from check_report.findings import Finding, RuleStats, Severity


class RuleError(Exception):
    """A rule file or rule option that cannot be used.

    The message is one line: ``<file>:<line>: <key>: <what is wrong> (did you mean 'x'?)``.
    """


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    severity: Severity
    description: dict[str, str]
    expr: str | None = None
    when: str | None = None
    check: str | None = None
    options: dict = field(default_factory=dict, compare=False, hash=False)
    tolerance_abs: float = 0.0
    tolerance_rel: float = 0.0
    # ((variable, (value, ...)), ...): the rule is applied once per value, with "{variable}" replaced
    # in expr and when; one id, so findings and stats stay under the rule the user knows.
    foreach: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str = ""
    line: int = 0
    doc: dict = field(default_factory=dict, compare=False, hash=False)
    # a rule of a kind an integration registered (engine.extensions): its key, the name it gives and the
    # settings as written; run_rules hands such rules to the integration's runner
    external: str | None = None
    external_name: str | None = None
    external_options: dict = field(default_factory=dict, compare=False, hash=False)
    # ids of stronger rules: a finding of this rule is dropped when a finding of one of them involves all
    # of its figures' locations (see engine.subsume)
    subsumed_by: tuple[str, ...] = ()
    # the severity was chosen by the user (a `severity:` table, --severity, config): it then covers every
    # finding of the rule, including the softer cases a check kind marks itself
    severity_set: bool = False

    def describe(self, lang: str = "en") -> str:
        return self.description.get(lang) or self.description.get("en") or self.id

    def variants(self) -> list[tuple[str | None, str | None, dict[str, str]]]:
        """(expr, when, bindings) for every combination of the foreach values, in declared order."""
        combos: list[dict[str, str]] = [{}]
        for name, values in self.foreach:
            combos = [{**c, name: v} for c in combos for v in values]
        return [(_fill(self.expr, c), _fill(self.when, c), c) for c in combos]


def _fill(text: str | None, bindings: dict[str, str]) -> str | None:
    if text is None:
        return None
    for name, value in bindings.items():
        text = text.replace("{" + name + "}", value)
    return text


@dataclass
class RuleSet:
    rules: list[Rule]
    measures: frozenset[str] = frozenset()   # every measure the rules may speak of (built-in + declared)

    def get(self, rule_id: str) -> Rule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


class Labels(Set):
    """A read-only set of fact-table labels, held as one sorted array when they are integers (the usual
    RangeIndex). A 100k-row sheet's figures that took part are close to a million labels: as a Python set
    of ints they were ~60 MB at the end of the run's peak of memory, as an array 7 MB. It compares, unites
    and tests membership like a set; labels of other kinds are held in a frozenset."""

    __slots__ = ("_sorted", "_other")

    def __init__(self, labels=(), more=()):
        """`labels` (an array, or any iterable) and `more`, united."""
        import numpy as np      # the engine's records import without numpy (`import check_report.engine` is cheap)

        items = labels if isinstance(labels, np.ndarray) else list(labels)
        array = np.asarray(items) if len(items) else np.zeros(0, dtype=np.int64)
        more = list(more)
        if array.dtype.kind in "iu" and all(isinstance(x, Integral) and not isinstance(x, bool) for x in more):
            self._other = frozenset()
            self._sorted = np.unique(np.concatenate([array.astype(np.int64), np.asarray(more, dtype=np.int64)]))
        else:                   # labels of other kinds, or of several kinds: as they are
            self._sorted = np.zeros(0, dtype=np.int64)
            self._other = frozenset([*(items.tolist() if isinstance(items, np.ndarray) else items), *more])

    @classmethod
    def _from_iterable(cls, iterable):
        return cls(iterable)

    def __contains__(self, label) -> bool:
        if self._other:
            return label in self._other
        if isinstance(label, bool) or not isinstance(label, Integral):
            return False
        at = int(self._sorted.searchsorted(label))
        return at < len(self._sorted) and int(self._sorted[at]) == label

    def __iter__(self):
        return iter(self._other) if self._other else iter(self._sorted.tolist())

    def __len__(self) -> int:
        return len(self._other) or len(self._sorted)

    def __repr__(self) -> str:
        return f"Labels({sorted(self, key=str)!r})"


@dataclass
class EngineResult:
    findings: list[Finding] = field(default_factory=list)
    per_rule: dict[str, RuleStats] = field(default_factory=dict)
    # labels of the facts that took part in some rule: a set (`Labels` from a run) for coverage counts
    checked_facts: Set = field(default_factory=set)
