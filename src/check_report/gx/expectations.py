"""check-report's custom GX expectations (imports great_expectations: load only when GX is wanted).

- `ExpectFactRuleToHold`: one check-report expression rule over the long fact table (batch expectation);
  the failing rows are the facts named by the engine's findings, and the findings themselves travel in
  the result so `--engine gx` reports exactly what the native engine reports.
- `ExpectChildrenToAddUpToParent`: the parent-children relation on the long fact table, for one measure.
- `ExpectColumnRelationToHold`: a rounding-aware relation between the columns of each row of a wide table
  (multicolumn map expectation: GX counts and lists the unexpected rows itself).

Importing this module registers them with GX; suites name them by their snake_case types.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from great_expectations.compatibility import pydantic
from great_expectations.compatibility.pydantic import root_validator
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import BatchExpectation, MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import MulticolumnMapMetricProvider
from great_expectations.expectations.metrics.map_metric_provider.multicolumn_condition_partial import (
    multicolumn_condition_partial,
)
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.table_metric_provider import TableMetricProvider
from great_expectations.render import RenderedStringTemplateContent
from great_expectations.render.components import LegacyRendererType
from great_expectations.render.renderer.renderer import renderer

from check_report.gx import relations, rowwise

FACT_RULE_METRIC = "check_report.fact_rule"
CHILDREN_METRIC = "check_report.children_rule"
ROW_RELATION_METRIC = "check_report.row_relation"
_RULE_KEYS = (*relations.RULE_KEYS, "measures", "lang")
_CHILDREN_KEYS = ("rule_id", "rule_severity", "measure", "relation", "only_complete",
                  "tolerance_abs", "tolerance_rel", "lang")
_SHOWN_FAILURES = 5


def _table(execution_engine, metric_domain_kwargs):
    frame, _, _ = execution_engine.get_compute_domain(
        domain_kwargs=metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE)
    return frame


def children_rule_kwargs(values: dict) -> dict:
    """The expression rule a parent-children expectation stands for."""
    measure, relation = values["measure"], values.get("relation") or "=="
    return {
        "rule_id": values["rule_id"], "rule_severity": values.get("rule_severity") or "error",
        "rule_description": {"en": f"children's {measure} {relation} the parent's {measure}"},
        "expr": f"sum(children.{measure}) {relation} {measure}",
        # as the core pack: rates and prices (%, lần) are never added up
        "when": "complete and not rate_unit" if values.get("only_complete", True) else "not rate_unit",
        "tolerance_abs": values.get("tolerance_abs") or 0.0,
        "tolerance_rel": values.get("tolerance_rel") or 0.0,
    }


class FactRuleOutcome(TableMetricProvider):
    metric_name = FACT_RULE_METRIC
    value_keys = _RULE_KEYS

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs, metrics,
                runtime_configuration):
        frame = _table(execution_engine, metric_domain_kwargs)
        return relations.fact_rule_outcome(frame, metric_value_kwargs, lang=metric_value_kwargs.get("lang") or "en")


class ChildrenRuleOutcome(TableMetricProvider):
    metric_name = CHILDREN_METRIC
    value_keys = _CHILDREN_KEYS

    @metric_value(engine=PandasExecutionEngine)
    def _pandas(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs, metrics,
                runtime_configuration):
        frame = _table(execution_engine, metric_domain_kwargs)
        kwargs = children_rule_kwargs(metric_value_kwargs)
        return relations.fact_rule_outcome(frame, kwargs, lang=metric_value_kwargs.get("lang") or "en")


def _outcome_result(outcome: dict) -> dict:
    findings = outcome["findings"]
    lines = [_finding_line(f) for f in findings]
    shown = "; ".join(lines[:_SHOWN_FAILURES])
    more = f" (+{len(findings) - _SHOWN_FAILURES} more)" if len(findings) > _SHOWN_FAILURES else ""
    applications = outcome["stats"]["evaluated"] + outcome["stats"]["not_evaluated"]
    return {
        "success": not findings,
        "result": {
            "observed_value": f"{len(findings)} discrepancies: {shown}{more}" if findings else "no discrepancy",
            "element_count": applications,
            "unexpected_count": len(findings),
            "unexpected_percent": 100.0 * len(findings) / applications if applications else 0.0,
            # Data Docs show this list as the table of unexpected values: one readable line per finding
            "partial_unexpected_list": lines[:20],
            "unexpected_index_list": outcome["rows"],
            "details": {"findings": findings, "stats": outcome["stats"], "checked_rows": outcome["checked_rows"]},
        },
    }


def _finding_line(finding: dict) -> str:
    places = ", ".join(_place(fig["location"]) for fig in finding["figures"][:4])
    return f"{places}: {finding['message']}" if places else finding["message"]


def _place(loc: dict) -> str:
    if loc.get("cell"):
        return f"{loc['sheet']}!{loc['cell']}" if loc.get("sheet") else loc["cell"]
    if loc.get("line") is not None:
        return f"{loc['path']}:{loc['line']}"
    return loc.get("where") or loc.get("path") or "?"


def _params(cls, configuration) -> dict:
    """The kwargs as configured, with the class defaults GX leaves out of a configuration filled in."""
    params = {name: field.default for name, field in cls.__fields__.items() if field.default is not None}
    params.update(configuration.kwargs if configuration else {})
    return params


def _template(template: str, params: dict, runtime_configuration) -> list:
    styling = (runtime_configuration or {}).get("styling", {})
    return [RenderedStringTemplateContent(
        content_block_type="string_template",
        string_template={"template": template, "params": params, "styling": styling})]


class ExpectFactRuleToHold(BatchExpectation):
    """A check-report expression rule holds for every indicator of the long fact table.

    Intervals from each figure's shown precision; the relation holds when the intervals can agree.
    """

    rule_id: str
    expr: str | None = None
    check: str | None = None          # an engine check kind on the fact table (duplicate-figure)
    options: dict[str, str | int | float | bool | list | dict | None] = pydantic.Field(default_factory=dict)
    when: str | None = None
    pack: str = ""
    rule_severity: Literal["error", "warning", "info"] = "error"
    rule_description: dict[str, str] = pydantic.Field(default_factory=dict)
    tolerance_abs: float = 0.0
    tolerance_rel: float = 0.0
    foreach: list[tuple[str, list[str]]] = pydantic.Field(default_factory=list)
    rule_source: str = ""
    rule_line: int = 0
    measures: list[str] = pydantic.Field(default_factory=list)   # declared beyond the built-in measures
    lang: Literal["en", "vi"] = "en"

    metric_dependencies: ClassVar[tuple[str, ...]] = (FACT_RULE_METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = _RULE_KEYS
    library_metadata: ClassVar[dict] = {"tags": ["check-report", "intervals"], "contributors": ["check-report"]}

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None):
        return _outcome_result(metrics[FACT_RULE_METRIC])

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        params = _params(cls, configuration)
        params["text"] = (params.get("rule_description") or {}).get("en") or params.get("expr") or ""
        template = "check-report rule $rule_id ($rule_severity): $text"
        template += ", i.e. $expr" if params.get("expr") else " (check kind $check)"
        if params.get("when"):
            template += " when $when"
        if params.get("tolerance_abs") or params.get("tolerance_rel"):
            template += ", tolerance $tolerance_abs absolute and $tolerance_rel relative"
        return _template(template + "; figures are intervals of their shown precision.", params,
                         runtime_configuration)


class ExpectChildrenToAddUpToParent(BatchExpectation):
    """The children of each indicator add up to the parent (==, for complete breakdowns) or stay within it
    (<=), for one measure, with rounding-aware intervals on the long fact table."""

    rule_id: str = "gx.children-add-up"
    measure: str
    relation: Literal["==", "<="] = "=="
    only_complete: bool = True
    rule_severity: Literal["error", "warning", "info"] = "error"
    tolerance_abs: float = 0.0
    tolerance_rel: float = 0.0
    lang: Literal["en", "vi"] = "en"

    metric_dependencies: ClassVar[tuple[str, ...]] = (CHILDREN_METRIC,)
    success_keys: ClassVar[tuple[str, ...]] = _CHILDREN_KEYS
    library_metadata: ClassVar[dict] = {"tags": ["check-report", "hierarchy"], "contributors": ["check-report"]}

    def _validate(self, metrics: dict, runtime_configuration: dict | None = None, execution_engine=None):
        return _outcome_result(metrics[CHILDREN_METRIC])

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        params = _params(cls, configuration)
        verb = "add up to" if params["relation"] == "==" else "add up to at most"
        scope = " (declared complete breakdowns)" if params.get("only_complete", True) else ""
        template = f"check-report rule $rule_id: the children's $measure {verb} the parent's $measure{scope}."
        return _template(template, params, runtime_configuration)


class RowRelation(MulticolumnMapMetricProvider):
    condition_metric_name = ROW_RELATION_METRIC
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")
    condition_value_keys = ("expr", "bounds", "decimals", "tolerance_abs", "tolerance_rel")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        import pandas as pd

        holds, known = rowwise.row_relation(
            column_list, kwargs["expr"], bounds=kwargs.get("bounds"), decimals=kwargs.get("decimals"),
            tolerance_abs=kwargs.get("tolerance_abs") or 0.0, tolerance_rel=kwargs.get("tolerance_rel") or 0.0)
        # rows that cannot be computed (a missing figure, a zero denominator) are not failures
        return pd.Series(holds | ~known, index=column_list.index)


class ExpectColumnRelationToHold(MulticolumnMapExpectation):
    """Each row's columns satisfy a check-report relation (`cumulative == m1 + m2 + m3`), each figure
    standing for the interval its shown precision allows; `bounds` names explicit lower/upper columns,
    `decimals` the precision of a column (default: the decimals each value shows)."""

    expr: str
    bounds: dict[str, tuple[str, str]] = pydantic.Field(default_factory=dict)
    decimals: dict[str, int] = pydantic.Field(default_factory=dict)
    tolerance_abs: float = 0.0
    tolerance_rel: float = 0.0
    ignore_row_if: Literal["all_values_are_missing", "any_value_is_missing", "never"] = "never"

    @root_validator(skip_on_failure=True)
    def _relation_reads_listed_columns(cls, values):
        # strict at build time: a typo in the expression or a column left out of column_list is an
        # error when the suite is made, not an exception_info in every later run
        listed = set(values.get("column_list") or ())
        names = rowwise.relation_names(values["expr"], listed)
        for name, pair in (values.get("bounds") or {}).items():
            missing = [col for col in (name, *pair) if col not in listed]
            if missing:
                raise ValueError(f"bounds of {name!r}: {', '.join(missing)} not in column_list")
        unknown = sorted(set(values.get("decimals") or {}) - set(names))
        if unknown:
            raise ValueError(f"decimals for columns the relation does not use: {', '.join(unknown)}")
        return values

    map_metric: ClassVar[str] = ROW_RELATION_METRIC
    success_keys: ClassVar[tuple[str, ...]] = ("mostly", "expr", "bounds", "decimals", "tolerance_abs",
                                               "tolerance_rel")
    library_metadata: ClassVar[dict] = {"tags": ["check-report", "intervals"], "contributors": ["check-report"]}

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        params = _params(cls, configuration)
        template = "In every row, $expr holds within the rounding of the figures"
        if params.get("tolerance_abs") or params.get("tolerance_rel"):
            template += " (tolerance $tolerance_abs absolute, $tolerance_rel relative)"
        return _template(template + ".", params, runtime_configuration)
