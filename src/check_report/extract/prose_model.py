"""What the prose reader produces before it becomes fact-table rows: statements and the figures stated in them.

A `Statement` is one subject and what a clause says of it; a `Stated` is one figure with its identity: the
indicator, the measure, the period and the base (whose plan, which period it is compared with), each either
read for sure or not. `Stated.doubts` says what is not sure; a figure without doubts is `certain`, and only
certain figures take part in relations between clauses (cross-mention, breakdowns across sentences,
derived plans).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from check_report.extract.prose_periods import Period
from check_report.extract.prose_scan import Figure

# reasons a figure's identity is not sure (shown by --show-unchecked and counted in coverage)
NO_SUBJECT = "subject not named"
VAGUE_SUBJECT = "subject unclear"
NO_PERIOD = "period not stated"
PERIOD_GUESSED = "period taken from an earlier paragraph"
NO_BASE = "base not stated"
PLAIN_BASE = "plan's issuer not stated"
COMPARISON = "a figure of the period compared with"
REACHED = "a value reached from another, its period said after it"
FORWARD = "in a plan for a later period"
HEADLINE = "in a headline or title"


@dataclass
class Stated:
    """One fact as read, before it becomes a fact-table row (keeps offsets for breakdowns and coverage)."""
    block: int
    offset: int
    depth: int                   # bracket depth at the figure
    statement: int               # index of its Statement in the block
    entity: str
    indicator: str
    measure: str
    figure: Figure
    period: Period | None = None
    phrasing: str | None = None
    value: float | None = None   # when the stated number is not the value (vượt p% -> 100 + p; giảm -> -p)
    lower: float | None = None
    upper: float | None = None
    parent: str | None = None
    complete: bool = False
    quote: str = ""
    linked: bool = False         # the left side of "N x = M y" (the same thing counted twice)
    named: bool = False          # a figure of a statement with a subject (not a bare count, not a ratio)
    base: str | None = None
    doubts: list[str] = field(default_factory=list)
    explicit: bool = False       # its period was written with it ("3 tháng ước thực hiện …"), not assumed

    @property
    def certain(self) -> bool:
        return not self.doubts

    def doubt(self, reason: str) -> None:
        if reason not in self.doubts:
            self.doubts.append(reason)


@dataclass
class Statement:
    index: int                   # in the block
    sentence: int                # index of its sentence in the block
    start: int
    end: int
    depth: int
    subject: str
    entity: str
    subject_sure: bool
    role: str = "main"           # "main" | "component" | "comparison" | "aside"
    cue: str | None = None       # "partial" / "complete": the statement opens a breakdown of the one before
    plan: str | None = None      # "Dự toán thu ngân sách …": its values are plans (the plan word)
    issuer: str | None = None    # who set the plan its next value is of ("tỉnh giao")
    attribute: bool = False      # its subject names an attribute of something named before ("năng suất …")
    stated: list[Stated] = field(default_factory=list)

    def values(self) -> list[Stated]:
        """Its own figures that are values (not percentages), in order."""
        return [s for s in self.stated if s.entity == self.entity and s.figure.kind not in ("percent", "points")]
