"""Run a rule set through GX checkpoints and turn the validation results back into findings.

Rules compile to a suite (`compile.compile_suite`). The fact table is one batch of an in-memory pandas
data source; stock expectations that name measures as columns (`column: pct_plan`) run on a second
batch, the indicator view (`wide.indicator_view`). Checkpoints validate them (and build Data Docs when
asked) and `results.collect` turns every result into findings that point into the user's file. Rules
with no GX form (code check kinds that read the document) run on the native engine, so `--engine gx`
never reports less than the native engine.
"""

from __future__ import annotations

from check_report.findings import Finding
from check_report.gx import compile as C
from check_report.gx.relations import engine_api
from check_report.gx.results import Batch, collect, raised_message  # noqa: F401  (raised_message: API)
from check_report.gx.wide import indicator_view


def run_with_gx(facts, ruleset, *, path: str = "", lang: str = "en", docs_dir=None, document=None):
    """Validate `facts` against `ruleset` in an ephemeral GX context; an EngineResult like run_rules'."""
    from check_report.engine.model import EngineResult

    gx = C.require_gx()
    suite, unsupported = C.compile_suite(ruleset, lang=lang)
    result = EngineResult()
    table = facts if facts.index.is_unique else facts.reset_index(drop=True)
    batches = _batches(suite.expectations, table)
    if batches:
        from check_report.engine import sharing_index
        from check_report.gx.context import ephemeral_context

        context = ephemeral_context(docs_dir)
        with sharing_index(table):     # the rule-by-rule engine runs index the table once
            for batch in batches:
                outcome = _checkpoint(gx, context, batch, build_docs=docs_dir is not None)
                for validation in outcome.run_results.values():
                    for item in validation.results:
                        collect(item, batch, table, path, ruleset, result, lang)
    if unsupported:
        RuleSet = engine_api()[1]
        _merge_native(result, facts, RuleSet([ruleset.get(rule_id) for rule_id, _ in unsupported],
                                             measures=ruleset.measures), path=path, lang=lang, document=document)
    # one finding per error, as run_rules reports it
    from check_report.engine import drop_subsumed

    result.findings = drop_subsumed(result.findings, ruleset.rules, result.per_rule)
    result.findings.sort(key=Finding.sort_key)
    # stats in rule-set order, as the native engine gives them (reports list rules in this order)
    result.per_rule = {r.id: result.per_rule[r.id] for r in ruleset.rules if r.id in result.per_rule}
    return result


def run_gx_rules(facts, rules, *, path: str = "", lang: str = "en", measures=()):
    """The engine's hook for `gx:` rules of a rule file: run just these through GX."""
    RuleSet = engine_api()[1]
    return run_with_gx(facts, RuleSet(list(rules), measures=frozenset(measures)), path=path, lang=lang)


def _batches(expectations, table) -> list[Batch]:
    # compile_suite decided which frame each expectation reads (meta.check_report.batch)
    on_view = [e for e in expectations if (e.meta or {}).get(C.META_KEY, {}).get("batch") == "indicators"]
    on_facts = [e for e in expectations if e not in on_view]
    batches = []
    if on_facts:
        batches.append(Batch("facts", table, on_facts, lambda label, _columns: [label]))
    if on_view:
        view, where = indicator_view(table)
        batches.append(Batch("indicators", view, on_view,
                             lambda row, columns: [where[(row, c)] for c in columns if (row, c) in where]))
    return batches


def _checkpoint(gx, context, batch: Batch, *, build_docs: bool):
    from check_report.gx.context import whole_table_batch

    suite = context.suites.add(gx.ExpectationSuite(name=f"check-report-{batch.name}",
                                                   expectations=batch.expectations))
    validation = context.validation_definitions.add(gx.ValidationDefinition(
        name=f"check-report-{batch.name}", data=whole_table_batch(context, batch.name), suite=suite))
    actions = []
    if build_docs:
        from great_expectations.checkpoint import UpdateDataDocsAction

        actions.append(UpdateDataDocsAction(name="data-docs"))
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name=f"check-report-{batch.name}", validation_definitions=[validation], actions=actions,
        result_format={"result_format": "COMPLETE"}))
    return checkpoint.run(batch_parameters={"dataframe": batch.frame})


def _merge_native(result, facts, ruleset, *, path, lang, document) -> None:
    run_rules = engine_api()[2]
    native = run_rules(facts, ruleset, path=path, document=document, lang=lang)
    result.findings.extend(native.findings)
    result.per_rule.update(native.per_rule)
    result.checked_facts |= set(native.checked_facts)
