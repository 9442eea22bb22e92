"""Registry of check kinds: the explicit list of modules that implement `checks.base`'s contract."""

from __future__ import annotations

import importlib
from types import ModuleType

# id -> module path. Add a line here to add a check kind; nothing is discovered implicitly.
REGISTRY: dict[str, str] = {}
REGISTRY["citation-type-code"] = "check_report.checks.citation_type_code"
REGISTRY["citation-year"] = "check_report.checks.citation_year"
REGISTRY["citation-style"] = "check_report.checks.citation_style"
REGISTRY["citation-date"] = "check_report.checks.citation_date"
REGISTRY["citation-conflict"] = "check_report.checks.citation_conflict"
REGISTRY["date-valid"] = "check_report.checks.date_valid"
REGISTRY["date-range"] = "check_report.checks.date_range"
REGISTRY["date-done"] = "check_report.checks.date_done"
REGISTRY["school-year"] = "check_report.checks.school_year"
REGISTRY["term-span"] = "check_report.checks.term_span"
REGISTRY["period-year"] = "check_report.checks.period_year"
REGISTRY["anniversary"] = "check_report.checks.anniversary"
REGISTRY["list-count"] = "check_report.checks.list_count"
REGISTRY["list-restated"] = "check_report.checks.list_restated"
REGISTRY["header-blank"] = "check_report.checks.header_blank"
REGISTRY["heading-sequence"] = "check_report.checks.heading_sequence"
REGISTRY["footnote-order"] = "check_report.checks.footnote_order"
REGISTRY["number-style"] = "check_report.checks.number_style"
# plausibility: slips no relation catches (issue 12)
REGISTRY["growth-percent"] = "check_report.checks.growth_percent"
REGISTRY["repeated-clause"] = "check_report.checks.repeated_clause"
REGISTRY["fractional-count"] = "check_report.checks.fractional_count"
REGISTRY["amount-magnitude"] = "check_report.checks.amount_magnitude"
REGISTRY["thousands-comma"] = "check_report.checks.thousands_comma"
REGISTRY["plan-year"] = "check_report.checks.plan_year"
REGISTRY["plan-span"] = "check_report.checks.plan_span"
REGISTRY["stated-product"] = "check_report.checks.stated_product"
REGISTRY["resolved-rate"] = "check_report.checks.resolved_rate"
REGISTRY["from-to"] = "check_report.checks.from_to"
REGISTRY["cross-mention"] = "check_report.checks.crossmention"
REGISTRY["derived-plan"] = "check_report.checks.derived"
REGISTRY["partition-sum"] = "check_report.checks.partition_sum"
REGISTRY["contributions"] = "check_report.checks.contributions"
REGISTRY["count-restated"] = "check_report.checks.count_restated"
REGISTRY["target-raised"] = "check_report.checks.target_raised"
REGISTRY["judgement"] = "check_report.checks.judgement"
REGISTRY["comparison-year"] = "check_report.checks.comparison_year"

# Kinds that check figures of the fact table rather than the wording of the document; configured in
# rules/text.yaml (the others in rules/document.yaml) and tested through the prose reader (tests/text).
FACT_KINDS: frozenset[str] = frozenset({"cross-mention", "derived-plan", "partition-sum", "contributions",
                                        "count-restated", "target-raised", "judgement",
                                        "comparison-year"})
# Kinds that only find something in the prose of a document. The engine skips them for workbooks and CSV
# without importing them (start-up time) and without counting them as evaluated (they did not apply).
NEEDS_DOCUMENT: frozenset[str] = frozenset(REGISTRY) - {"cross-mention", "derived-plan", "contributions"}


def load(check_id: str) -> ModuleType:
    return importlib.import_module(REGISTRY[check_id])
