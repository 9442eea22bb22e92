"""The contract of a check kind: a small module for what an expression cannot say (citations, dates, lists).

Each check kind is a module registered by hand in `check_report.checks.REGISTRY` (no discovery magic) with:

    ID = "citation-type-code"          # stable id, used in rule files, select/ignore and reports
    SUMMARY = {"en": "...", "vi": "..."}   # one line for `check-report rules`
    DEFAULT_SEVERITY = "warning"
    OPTIONS = {"name": default, ...}   # every option it accepts; the loader rejects unknown ones
    def check(ctx: CheckContext, options: dict) -> Iterator[Problem]: ...

and a module docstring in a fixed shape (a test enforces the headings):

    What it checks / Why it matters / Failing example / Passing example

The engine, not the check, stamps the rule id and the configured severity on every problem (yamllint's way),
so a check never decides how loud it is, except to mark a softer case with `Problem.severity` (a severity
the user sets for the rule overrides that too: `--severity rule=info` covers every finding of the rule).

Messages come from the catalogue (`check_report.i18n.t("check.<kind>.<key>", ctx.lang, ...)`), with the key
in both `locale/en.yaml` and `locale/vi.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from check_report.document import Document
from check_report.findings import Figure, Location, Severity


@dataclass(frozen=True)
class CheckContext:
    path: str
    document: Document | None          # None for workbooks and CSV
    facts: Any                         # the fact table (pandas DataFrame) of this input
    lang: str = "en"                   # language of messages: "en" | "vi"


@dataclass(frozen=True)
class Problem:
    message: str
    locations: tuple[Location, ...] = ()
    figures: tuple[Figure, ...] = ()
    stated: tuple[float, float] | None = None
    implied: tuple[float, float] | None = None
    severity: Severity | None = None    # None: the rule's configured severity; set only for softer cases
    details: dict = field(default_factory=dict)
    indicator: str = ""                 # the indicator the problem is about, as the report names it
    # the stated figure as written and what the other figures give (points, at `decimals`): reporters then
    # show "stated · implied · difference · ±rounding" in the reader's number style
    values: tuple[float, float] | None = None
    decimals: int | None = None
