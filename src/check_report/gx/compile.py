"""A check-report rule set as a GX ExpectationSuite, built strictly: nothing is dropped without a word.

GX builds a suite from a dict by skipping expectation types it does not know (a log line, no error);
here every configuration is turned into its Expectation class one by one, so an unknown type or a bad
kwarg is an error naming the rule, and a rule with no GX form is returned in `unsupported`.
"""

from __future__ import annotations

from check_report import facts as F
from check_report.gx import relations
from check_report.gx.names import gx_name_error
from check_report.gx.wide import wants_view

FACT_RULE = "expect_fact_rule_to_hold"
META_KEY = "check_report"
# check-report severity -> GX failure severity (GX 1.x: critical / warning / info)
GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}


class GxError(Exception):
    """A rule that cannot become a GX expectation, or GX missing; the message is one line."""


def require_gx():
    """Import great_expectations (and register check-report's expectations) or say how to install it."""
    try:
        import great_expectations as gx
    except ImportError:
        raise GxError("great_expectations is not installed: pip install 'check-report[gx]'") from None
    import check_report.gx.expectations  # noqa: F401  (registers the custom expectation types)
    from check_report.gx.context import quiet_gx_logging

    quiet_gx_logging()
    return gx


def rule_gx(rule) -> tuple[str | None, dict]:
    """The stock expectation a rule names (`gx:` key of a rule file) and its kwargs, if any."""
    if getattr(rule, "external", None) == "gx":
        return rule.external_name, dict(rule.external_options or {})
    name = getattr(rule, "gx", None)            # a rule record of another shape that says it directly
    kwargs = getattr(rule, "gx_kwargs", None) or {}
    return name, dict(kwargs)


def _where(rule) -> str:
    place = f"{rule.source}:{rule.line}: " if rule.source else ""
    return f"{place}{rule.id}"


def no_gx_form(rule) -> str | None:
    """Why a rule cannot run inside GX, or None when it can."""
    name, _ = rule_gx(rule)
    if name or rule.expr:
        return None
    if rule.check and rule.check in relations.engine_api()[3]:
        return None
    if rule.check:
        return f"code check kind {rule.check!r} reads the document, not the fact table: no GX form"
    return "neither an expression, nor a GX expectation"


def rule_configuration(rule, *, lang: str = "en", measures=()):
    """The ExpectationConfiguration standing for one rule (GX imported); GxError if it cannot be built."""
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
    from great_expectations.expectations.metadata_types import FailureSeverity

    name, kwargs = rule_gx(rule)
    if name is None:
        name, kwargs = FACT_RULE, {**relations.rule_to_kwargs(rule, measures), "lang": lang}
    else:
        _refuse_text_conditions(rule, kwargs)
    problem = gx_name_error(name)
    if problem:
        raise GxError(f"{_where(rule)}: {problem}")
    # which frame the expectation reads: the long fact table, or the indicator view for measure columns
    batch = "indicators" if name != FACT_RULE and wants_view(kwargs, set(measures) or set(F.MEASURES)) else "facts"
    meta = {META_KEY: {"rule": rule.id, "severity": rule.severity.label, "kind": name, "batch": batch}}
    return ExpectationConfiguration(type=name, kwargs=kwargs, meta=meta,
                                    description=f"{rule.id}: {rule.describe('en')}"[:1000],
                                    severity=FailureSeverity(GX_SEVERITY[rule.severity.label]))


def _refuse_text_conditions(rule, kwargs: dict) -> None:
    # a text row_condition is run by pandas' query(): user text evaluated as code. The structured form
    # ({column: {name: measure}, operator: "==", parameter: pct_plan}) says the same safely.
    if isinstance(kwargs.get("row_condition"), str) or "condition_parser" in kwargs:
        raise GxError(f"{_where(rule)}: gx kwargs: row_condition must be a structured condition "
                      "({column: {name: measure}, operator: '==', parameter: pct_plan}); text conditions "
                      "are evaluated as code and are refused")


def build_expectation(rule, *, lang: str = "en", measures=()):
    """The Expectation object of one rule, validated by GX's own model: unknown kwargs are errors."""
    configuration = rule_configuration(rule, lang=lang, measures=measures)
    try:
        return configuration.to_domain_obj()
    except Exception as exc:  # noqa: BLE001 - GX raises pydantic errors, ExpectationNotFoundError, InvalidExpectation...
        raise GxError(f"{_where(rule)}: gx {configuration.type}: {_one_line(exc)}") from None


def _one_line(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            parts = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in errors()]
            return "; ".join(parts)
        except Exception:  # noqa: BLE001, S110 - GX's error object varies: fall back to the plain message
            pass
    return " ".join(str(exc).split()) or type(exc).__name__


def compile_suite(ruleset, *, lang: str = "en", name: str = "check-report"):
    """(ExpectationSuite, [(rule_id, reason)]) for the rules that have a GX form and those that do not."""
    gx = require_gx()
    expectations, unsupported = [], []
    for rule in ruleset.rules:
        reason = no_gx_form(rule)
        if reason:
            unsupported.append((rule.id, reason))
            continue
        expectations.append(build_expectation(rule, lang=lang, measures=ruleset.measures))
    # built in one go: adding one by one needs an active context (GX saves as it goes)
    suite = gx.ExpectationSuite(name=name, expectations=expectations)
    compiled = len(ruleset.rules) - len(unsupported)
    if len(suite.expectations) != compiled:   # would mean GX merged or dropped one: never silently
        raise GxError(f"suite holds {len(suite.expectations)} expectations for {compiled} compiled rules")
    return suite, unsupported


def suite_json(suite) -> dict:
    """The suite as GX writes it, without the random ids (so the file is the same for the same rules)."""
    data = suite.to_json_dict()
    data.pop("id", None)
    for expectation in data.get("expectations", ()):
        expectation.pop("id", None)
    return data


def rule_of(configuration) -> dict:
    """The check-report rule an expectation (in a result) stands for: {"rule", "severity", "kind"}."""
    meta = (configuration.meta or {}).get(META_KEY) or {}
    return {"rule": meta.get("rule") or configuration.type, "severity": meta.get("severity") or "error",
            "kind": meta.get("kind") or configuration.type}
