"""GX validation results back into check-report findings, stats and checked facts.

Expression rules (`expect_fact_rule_to_hold`) carry the engine's own findings in their result; stock GX
expectations report failing rows, which are mapped back to stated figures (a fact-table row, or a cell of
the indicator view) so each finding names a sheet and cell, or a file and line, like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from check_report import facts as F
from check_report.findings import Figure, Finding, Location, RuleStats, Severity, fact_figure
from check_report.gx import compile as C
from check_report.gx.relations import unpack_rows
from check_report.gx.serial import finding_from_dict
from check_report.gx.wide import measure_columns
from check_report.i18n import t

ENGINE_ERROR_RULE = "engine.rule-error"
@dataclass
class Batch:
    """One frame validated by some of the expectations, and how its rows map back to fact-table rows."""
    name: str
    frame: Any                                   # the DataFrame GX validates
    expectations: list
    facts_of: Callable[[Any, list[str]], list]   # (failing row label, columns named) -> fact labels


def collect(item, batch: Batch, table, path: str, ruleset, result, lang: str = "en") -> None:
    """Findings, stats and checked rows of one expectation's validation result into `result`."""
    info = C.rule_of(item.expectation_config)
    rule = ruleset.get(info["rule"])
    severity = rule.severity if rule else Severity.parse(info["severity"])
    error = raised_message(item.exception_info)
    if error is not None:
        result.findings.append(_error_finding(info["rule"], error, path, lang))
        result.per_rule[info["rule"]] = RuleStats(not_evaluated=1)
        return
    body = item.result or {}
    if info["kind"] == C.FACT_RULE:
        details = body.get("details") or {}
        result.findings.extend(finding_from_dict(f) for f in details.get("findings", ()))
        result.per_rule[info["rule"]] = RuleStats(**details.get("stats", {}))
        if details.get("checked_rows"):
            result.checked_facts |= unpack_rows(table.index, details["checked_rows"])
        return
    what = (rule.describe(lang) if rule else "") or item.expectation_config.type
    findings = [] if item.success else _stock_findings(item, batch, table, path, info["rule"], severity, what, lang)
    result.findings.extend(findings)
    result.per_rule[info["rule"]] = _stock_stats(body, item.success, len(findings))


def raised_message(exception_info) -> str | None:
    """The error GX caught for one expectation, or None. GX reports it flat for the expectation itself and
    keyed by metric id when a metric failed; either way it is a result, never an exception."""
    if not exception_info:
        return None
    entries = [exception_info] if "raised_exception" in exception_info else [
        v for v in exception_info.values() if isinstance(v, dict)]
    for entry in entries:
        if entry.get("raised_exception"):
            return " ".join(str(entry.get("exception_message") or "error").split())
    return None


def _stock_stats(body: dict, success: bool, failed: int) -> RuleStats:
    evaluated = int(body.get("element_count") or 0) - int(body.get("missing_count") or 0)
    if not evaluated:      # an aggregate expectation: one application
        return RuleStats(evaluated=1, passed=int(bool(success)), failed=int(not success))
    return RuleStats(evaluated=evaluated, passed=max(0, evaluated - failed), failed=failed)


def _stock_findings(item, batch: Batch, table, path, rule_id, severity, what, lang) -> list[Finding]:
    config = item.expectation_config
    body = item.result or {}
    rows = body.get("unexpected_index_list")
    if not rows:
        observed = body.get("observed_value")
        message = t("gx.failed", lang, what=what, gx=config.type) + (
            t("gx.observed", lang, observed=repr(observed)) if observed is not None else "")
        return [Finding(rule=rule_id, severity=severity, message=message,
                        extra_locations=(Location(path),), details={"gx": config.type})]
    columns = measure_columns(config.kwargs)
    message = partial(t, "gx.row", lang, what=what, gx=config.type)
    return [_row_finding(batch, table, row, columns, rule_id, severity, message, config.type, path) for row in rows]


def _row_finding(batch: Batch, table, row, columns, rule_id, severity, message, gx_type, path) -> Finding:
    if isinstance(row, dict):       # GX gives dicts when unexpected_index_column_names is set
        row = row.get("index", next(iter(row.values())))
    shown = {c: batch.frame.at[row, c] for c in columns if c in batch.frame.columns}
    stated = ", ".join(f"{c} = {v!r}" for c, v in shown.items()) or "row"
    figures = tuple(_figure(table.loc[label], role) for label, role in
                    zip(batch.facts_of(row, columns), columns or [F.VALUE], strict=False))
    indicator = str(batch.frame.at[row, F.INDICATOR]) if F.INDICATOR in batch.frame.columns else ""
    extra = () if figures else (Location(path, where=f"{indicator or 'row ' + str(row)}: {', '.join(columns)}"),)
    return Finding(rule=rule_id, severity=severity, message=message(stated=stated),
                   indicator=indicator, figures=figures, extra_locations=extra,
                   details={"gx": gx_type, "columns": list(columns), "stated": {c: str(v) for c, v in shown.items()}})


def _figure(fact, role: str) -> Figure:
    return fact_figure(fact, role)   # the engine's own form, so a location reads the same from either engine


def _error_finding(rule_id: str, message: str, path: str, lang: str) -> Finding:
    return Finding(rule=ENGINE_ERROR_RULE, severity=Severity.ERROR,
                   message=t("gx.error", lang, rule=rule_id, msg=message),
                   extra_locations=(Location(path),), details={"rule": rule_id})
