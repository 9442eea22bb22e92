"""The report record: shape (validated against the schema), order, counts, JSON determinism."""

from __future__ import annotations

import json
from types import SimpleNamespace

import jsonschema
from cli_helpers import SCHEMA, sample_result

from check_report.findings import FileResult, Finding, Location, Severity
from check_report.reporters import FORMATS, render, renderer
from check_report.reporters.records import build_report


def _report(**kwargs):
    results = [sample_result(), FileResult(path="bad.xlsx", status="error", error="bad.xlsx: not a zip file")]
    return build_report(results, lang="en", tool_version="9.9", **kwargs)


def test_record_follows_the_schema():
    jsonschema.validate(_report(), SCHEMA)


def test_findings_are_sorted_by_place_whatever_the_engine_order():
    cells = [f["locations"][0]["cell"] for f in _report()["findings"]]
    assert cells == ["F9", "H12"]


def test_summary_counts_severities_files_and_checks():
    summary = _report()["summary"]
    assert (summary["errors"], summary["warnings"], summary["infos"]) == (1, 1, 0)
    assert (summary["files"], summary["files_ok"], summary["files_error"]) == (2, 1, 1)
    assert (summary["checks_evaluated"], summary["passed"], summary["failed"]) == (5, 3, 2)
    assert summary["not_evaluated"] == 1 and summary["rules_evaluated"] == 2 and summary["facts"] == 12


def test_binary_noise_and_infinity_never_reach_json():
    finding = Finding("x.open", Severity.INFO, "m", stated=(float("-inf"), 3.0), implied=(0.1 + 0.2, 1.0))
    record = build_report([FileResult("a.csv", findings=[finding])], lang="en", tool_version="1")
    assert record["findings"][0]["stated"] == [None, 3.0]
    assert record["findings"][0]["implied"] == [0.3, 1.0]
    json.loads(render(record, "json", lang="en"))   # allow_nan=False would raise on inf


def test_json_is_byte_identical_for_the_same_inputs():
    assert render(_report(), "json", lang="en") == render(_report(), "json", lang="en")


def test_rules_listed_with_description_in_the_language_and_unknown_rule_ids_added():
    rule = SimpleNamespace(id="core.pct-of-plan", pack="core", severity=Severity.ERROR,
                           description={"en": "% of plan", "vi": "% kế hoạch"}, doc={"why": "because"})
    vi = build_report([sample_result()], lang="vi", tool_version="1", ruleset=SimpleNamespace(rules=[rule]))
    rules = {r["id"]: r for r in vi["rules"]}
    assert rules["core.pct-of-plan"]["description"] == "% kế hoạch"
    assert rules["core.pct-of-plan"]["failed"] == 1
    assert rules["core.cumulative-sum"]["description"] == ""    # not in the rule set, still resolvable
    jsonschema.validate(vi, SCHEMA)


def test_cross_file_findings_count_and_keep_their_own_path():
    cross = Finding("cross.months-sum", Severity.ERROR, "quarter differs from months",
                    extra_locations=(Location("m1.xlsx", "S", "F9"), Location("q1.xlsx", "S", "F9")))
    record = build_report([sample_result()], lang="en", tool_version="1", extra_findings=[cross])
    assert record["summary"]["errors"] == 2
    assert [f["path"] for f in record["findings"] if f["rule"] == "cross.months-sum"] == ["m1.xlsx"]


def test_unchecked_numbers_are_listed_per_file():
    record = _report(unchecked={"q1.xlsx": [("line 3", "12,5", "tăng 12,5%", True)]})
    assert record["files"][0]["unchecked"] == [{"where": "line 3", "raw": "12,5", "context": "tăng 12,5%",
                                                  "quoted": True}]
    assert record["files"][1]["unchecked"] == []


def test_registry_holds_module_function_paths_that_resolve():
    assert {"rich", "json"} <= set(FORMATS)
    for name in FORMATS:
        assert callable(renderer(name))
