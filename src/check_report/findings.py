"""What the checks produce and the reporters consume: findings that point into the user's own file.

Findings, locations and figures are frozen records; every reporter (terminal, JSON, SARIF ...) is built
from them and never looks back at the fact table. `FileResult` carries the per-file outcome, including a
file that could not be read, so one bad file in a batch is a reported outcome rather than a crash.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import IntEnum

from check_report import facts as F


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


# Exit codes, as ruff and sqlfluff use them.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


@dataclass(frozen=True)
class Location:
    path: str
    sheet: str | None = None
    cell: str | None = None     # A1 address as the user sees it
    line: int | None = None     # 1-based line in the file as given
    where: str | None = None    # "paragraph 12", "footnote 3" when neither cell nor line says it
    text: str = ""              # the quoted text: raw figure and its context

    def short(self) -> str:
        """The place in one token a reviewer can jump to: `Sheet1!H9`, `report.md:37`, `paragraph 12`."""
        if self.cell:
            return f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        if self.line is not None:
            return f"{self.path}:{self.line}"
        return self.where or self.path


@dataclass(frozen=True)
class Figure:
    """One stated figure taking part in a finding, with the interval its shown precision allows."""
    role: str                   # the name it has in the rule: "cumulative", "month 2024-03", "children[2]"
    value: float
    lower: float
    upper: float
    raw: str
    location: Location
    decimals: int = 0
    unit: str = ""              # the unit as written beside it ("triệu đồng", "%"), when known


@dataclass(frozen=True)
class Suspect:
    """The stated figure most likely to be wrong (check_report.localise), with the correction the relations
    point to when they determine it (or a typo pattern links it to what was written)."""
    location: Location
    stated: str                          # as written: "1.297.400"
    suggested: str | None = None         # in the report's own number style: "1.279.400"
    pattern: str | None = None           # "swapped digits", ... (localise.typos); None when none applies
    role: str = ""                       # the figure's measure: "cumulative", "pct_plan"
    # the same figures as numbers, for formats that write them in the reader's number style (issue 13's
    # "never two styles in one finding"); `stated`/`suggested` stay as the report writes them (SARIF fixes)
    value: float | None = None
    decimals: int = 0
    suggested_value: float | None = None
    suggested_decimals: int = 0
    percent: bool = False


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    indicator: str = ""
    figures: tuple[Figure, ...] = ()
    stated: tuple[float, float] | None = None    # interval of the side that was stated
    implied: tuple[float, float] | None = None   # interval the other figures imply
    extra_locations: tuple[Location, ...] = ()  # places that are not figures (a citation, a heading)
    details: dict = field(default_factory=dict, compare=False, hash=False)
    # the stated figure as written and the value the other figures give at that precision (a point, not an
    # interval: what a reviewer recomputes by hand), and the decimals both are shown with
    values: tuple[float, float] | None = None
    decimals: int | None = None
    formula: str = ""                            # the rule's expression, for `explain` and JSON
    # most likely first; empty when no figure is a unique suspect (check_report.localise)
    suspects: tuple[Suspect, ...] = ()
    # other failed checks explained by the same suspect, shown within this finding (one finding per mistake)
    related: tuple[Finding, ...] = ()

    @property
    def locations(self) -> tuple[Location, ...]:
        return tuple(f.location for f in self.figures) + self.extra_locations

    def sort_key(self) -> tuple:
        first = self.locations[0] if self.locations else Location("")
        return (first.path, first.sheet or "", first.line or 0, cell_order(first.cell), self.rule)


def primary_first(figures: tuple[Figure, ...], about: frozenset[int] = frozenset()) -> tuple[Figure, ...]:
    """The figures with the one a reviewer should look at first in front: the figure the relation is about
    (the total of a sum, the percentage of a ratio), given as positions in `about`; the others keep their
    order. The primary location of a finding (SARIF's location, the annotation's line, the sort key) is the
    first figure's, so this is the one place that decides it."""
    first = [f for i, f in enumerate(figures) if i in about]
    return tuple(first + [f for i, f in enumerate(figures) if i not in about])


def cell_order(cell: str | None) -> tuple[int, int]:
    """Sort key of an A1 address in reading order: row first, then column ('B2' before 'A10')."""
    if not cell:
        return (0, 0)
    letters = "".join(c for c in cell if c.isalpha())
    digits = "".join(c for c in cell if c.isdigit())
    col = 0
    for c in letters.upper():
        col = col * 26 + (ord(c) - 64)
    return (int(digits or 0), col)


def fact_location(row, *, path: str | None = None, quote: str | None = None) -> Location:
    """Where one fact-table row stands in the user's file. `row` is a record or a pandas row; `quote`
    overrides the quoted text, which is by default the figure as written and its context ("21,89 — …")."""
    line = _present(row[F.LINE])
    return Location(path=path or str(row[F.FILE]), sheet=_present(row[F.SHEET]) or None,
                    cell=_present(row[F.CELL]) or None, line=None if line is None else int(line),
                    where=_present(row[F.WHERE]) or None,
                    text=fact_quote(row) if quote is None else quote)


def fact_figure(row, role: str, *, path: str | None = None, quote: str | None = None) -> Figure:
    """One fact-table row as a figure of a finding, with the interval its precision states."""
    decimals = _present(row[F.DECIMALS])
    unit = _present(row[F.UNIT]) if F.UNIT in row else None
    return Figure(role=role, value=float(row[F.VALUE]), lower=float(row[F.LOWER]), upper=float(row[F.UPPER]),
                  raw=str(_present(row[F.RAW]) or ""), location=fact_location(row, path=path, quote=quote),
                  decimals=0 if decimals is None else int(decimals), unit=str(unit or ""))


def fact_quote(row) -> str:
    """The figure as written, then its context when that says more: "21,89 — Giá trị sản xuất ..."."""
    raw = str(_present(row[F.RAW]) or "")
    context = row[F.TEXT] if isinstance(row[F.TEXT], str) else ""
    return f"{raw} — {context}" if context and context != raw else raw


def context_quote(row) -> str:
    """The context alone (the sentence or row label), or the figure when there is none."""
    context = row[F.TEXT] if isinstance(row[F.TEXT], str) else ""
    return context or str(_present(row[F.RAW]) or "")


def _present(value):
    """None for the ways a fact table says "nothing here" (None, NaN, pandas NA)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return None if value != value else value   # pandas NA / NaT compare unequal to themselves
    except (TypeError, ValueError):
        return None


@dataclass
class RuleStats:
    evaluated: int = 0      # rule applications that could be computed
    passed: int = 0
    failed: int = 0
    not_evaluated: int = 0  # applications skipped for missing data or a zero denominator
    subsumed: int = 0       # failures (counted in `failed`) shown within a stronger rule's finding
    grouped: int = 0        # failures (counted in `failed`) shown within the finding of the same mistake

    def add(self, other: RuleStats) -> None:
        self.evaluated += other.evaluated
        self.passed += other.passed
        self.failed += other.failed
        self.not_evaluated += other.not_evaluated
        self.subsumed += other.subsumed
        self.grouped += other.grouped


@dataclass
class FileResult:
    path: str
    status: str = "ok"                      # "ok" | "error"
    error: str | None = None                # one line, naming the file (and line or cell)
    facts: int = 0
    findings: list[Finding] = field(default_factory=list)
    stats: RuleStats = field(default_factory=RuleStats)
    per_rule: dict[str, RuleStats] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)   # skipped sheets, unmapped columns, chosen readings
    coverage: dict[str, int] = field(default_factory=dict)  # numbers seen / read into facts / checked
