"""Run a rule set through a GX checkpoint and turn the validation results back into findings.

Rules compile to a suite (`compile.compile_suite`); the fact table is the one batch of an in-memory
pandas data source; a checkpoint validates it (and builds Data Docs when asked). Expression rules come
back with the engine's own findings; stock GX expectations come back as failing rows, which are facts
with a sheet and cell (or a line), so their findings point into the user's file like any other. Rules
with no GX form (code check kinds that read the document) run on the native engine, so `--engine gx`
never reports less than the native engine.
"""

from __future__ import annotations

from check_report import facts as F
from check_report.findings import Figure, Finding, Location, RuleStats, Severity
from check_report.gx import compile as C
from check_report.gx.relations import engine_api, unpack_rows
from check_report.gx.serial import finding_from_dict

ENGINE_ERROR_RULE = "engine.rule-error"


def run_with_gx(facts, ruleset, *, path: str = "", lang: str = "en", docs_dir=None, document=None):
    """Validate `facts` against `ruleset` in an ephemeral GX context; an EngineResult like run_rules'."""
    from check_report.engine.model import EngineResult

    RuleSet = engine_api()[1]

    gx = C.require_gx()
    suite, unsupported = C.compile_suite(ruleset, lang=lang)
    result = EngineResult()
    if suite.expectations:
        table = facts if facts.index.is_unique else facts.reset_index(drop=True)
        outcome = _checkpoint(gx, suite, table, docs_dir)
        for validation in outcome.run_results.values():
            for item in validation.results:
                _collect(item, table, path, ruleset, result)
    if unsupported:
        _merge_native(result, facts, RuleSet([ruleset.get(rule_id) for rule_id, _ in unsupported]),
                      path=path, lang=lang, document=document)
    result.findings.sort(key=Finding.sort_key)
    return result


def run_gx_rules(facts, rules, *, path: str = "", lang: str = "en", measures=()):
    """The engine's hook for `gx:` rules of a rule file: run just these through GX."""
    RuleSet = engine_api()[1]
    return run_with_gx(facts, RuleSet(list(rules), measures=frozenset(measures)), path=path, lang=lang)


def _checkpoint(gx, suite, table, docs_dir):
    from check_report.gx.context import ephemeral_context, whole_table_batch

    context = ephemeral_context(docs_dir)
    suite = context.suites.add(suite)
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name="check-report", data=whole_table_batch(context), suite=suite))
    actions = []
    if docs_dir is not None:
        from great_expectations.checkpoint import UpdateDataDocsAction

        actions.append(UpdateDataDocsAction(name="data-docs"))
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name="check-report", validation_definitions=[validation], actions=actions,
        result_format={"result_format": "COMPLETE"}))
    return checkpoint.run(batch_parameters={"dataframe": table})


def _merge_native(result, facts, ruleset, *, path, lang, document) -> None:
    run_rules = engine_api()[2]
    native = run_rules(facts, ruleset, path=path, document=document, lang=lang)
    result.findings.extend(native.findings)
    result.per_rule.update(native.per_rule)
    result.checked_facts |= set(native.checked_facts)


def _collect(item, table, path: str, ruleset, result) -> None:
    """Findings, stats and checked rows of one expectation's validation result."""
    info = C.rule_of(item.expectation_config)
    rule = ruleset.get(info["rule"])
    severity = rule.severity if rule else Severity.parse(info["severity"])
    error = raised_message(item.exception_info)
    if error is not None:
        result.findings.append(_error_finding(info["rule"], error, path))
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
    findings = _stock_findings(item, table, path, info["rule"], severity, rule, body)
    result.findings.extend(findings)
    result.per_rule[info["rule"]] = _stock_stats(body, item.success, len(findings))


def _stock_stats(body: dict, success: bool, failed: int) -> RuleStats:
    evaluated = int(body.get("element_count") or 0) - int(body.get("missing_count") or 0)
    if not evaluated:      # an aggregate expectation: one application
        return RuleStats(evaluated=1, passed=int(bool(success)), failed=int(not success))
    return RuleStats(evaluated=evaluated, passed=max(0, evaluated - failed), failed=failed)


def _stock_findings(item, table, path, rule_id, severity, rule, body) -> list[Finding]:
    config = item.expectation_config
    what = (rule.describe() if rule else "") or config.type
    column = config.kwargs.get("column")
    rows = body.get("unexpected_index_list")
    if item.success:
        return []
    if not rows:
        observed = body.get("observed_value")
        message = f"{what}: GX {config.type} failed" + (f" (observed {observed!r})" if observed is not None else "")
        return [Finding(rule=rule_id, severity=severity, message=message,
                        extra_locations=(Location(path),), details={"gx": config.type})]
    return [_row_finding(table, label, column, rule_id, severity, what, config.type) for label in rows]


def _row_finding(table, label, column, rule_id, severity, what, gx_type) -> Finding:
    row = table.loc[label if not isinstance(label, dict) else _label_of(label)]
    stated = row[column] if column else row[F.VALUE]
    message = f"{what}: {column or 'row'} = {stated!r} is not expected (GX {gx_type})"
    figure = Figure(role=column or F.VALUE, value=float(row[F.VALUE]), lower=float(row[F.LOWER]),
                    upper=float(row[F.UPPER]), raw=str(row[F.RAW]), location=fact_location(row),
                    decimals=int(row[F.DECIMALS]))
    return Finding(rule=rule_id, severity=severity, message=message, indicator=str(row[F.INDICATOR]),
                   figures=(figure,), details={"gx": gx_type, "column": column, "stated": str(stated)})


def _label_of(entry: dict):
    # result_format COMPLETE with unexpected_index_column_names gives dicts; we ask for plain labels
    return entry.get("index", next(iter(entry.values())))


def fact_location(row) -> Location:
    def opt(value):
        return None if value is None or value != value else value

    line = opt(row[F.LINE])
    return Location(path=str(row[F.FILE]), sheet=opt(row[F.SHEET]), cell=opt(row[F.CELL]),
                    line=int(line) if line is not None else None, where=opt(row[F.WHERE]),
                    text=_quoted(row))


def _quoted(row) -> str:
    # the engine's own form ("raw — context"), so a location reads the same from either engine
    raw = "" if row[F.RAW] is None else str(row[F.RAW])
    context = row[F.TEXT] if isinstance(row[F.TEXT], str) else ""
    return f"{raw} — {context}" if context and context != raw else raw


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


def _error_finding(rule_id: str, message: str, path: str) -> Finding:
    return Finding(rule=ENGINE_ERROR_RULE, severity=Severity.ERROR,
                   message=f"rule {rule_id} could not be evaluated in GX: {message}",
                   extra_locations=(Location(path),), details={"rule": rule_id})
