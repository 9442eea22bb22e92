"""`--format junit`: JUnit XML, the report format every CI server shows as a test tab.

One test suite per input file, one test case per (rule, file): a rule with findings in the file fails and
the failure carries every finding (message, place, stated and implied figures); a rule that was evaluated
without findings passes; a rule never evaluated on the file (no figures it needs, or not applicable to the
kind of file) is skipped, never counted as passed. Known findings (baseline, accepted in the file) do not
fail a case. A file that could not be read is one errored test case. Deterministic: files in the report's
order, rules sorted by id, no timestamps.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from check_report.i18n import severity_label, t
from check_report.reporters.machine import findings_by_file, worst_severity
from check_report.wording import comparison_line, place_label

_READ_CASE = "read"


def render(report: dict, *, lang: str = "en") -> str:
    root = ET.Element("testsuites", name="check-report")
    rule_ids = sorted({r["id"] for r in report.get("rules") or ()}
                      | {f["rule"] for f in report.get("findings") or ()})
    errors = {f["path"]: f.get("error") or "" for f in report.get("files") or () if f.get("status") == "error"}
    evaluated = {f["path"]: {rule for rule, stats in (f.get("rules") or {}).items() if stats.get("evaluated")}
                 for f in report.get("files") or ()}
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path, findings in findings_by_file(report).items():
        live = [f for f in findings if not f.get("known")]
        suite = _suite(root, path, rule_ids, live, errors.get(path), lang, evaluated.get(path))
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, path: str, rule_ids: list[str], findings: list[dict], error: str | None,
           lang: str, evaluated: set[str] | None) -> ET.Element:
    """`evaluated`: the rules evaluated at least once on this file (None: not known, e.g. cross-file)."""
    suite = ET.SubElement(root, "testsuite", name=path or "(cross-file)")
    failures = skipped = 0
    if error is not None:
        case = ET.SubElement(suite, "testcase", classname=path, name=_READ_CASE)
        ET.SubElement(case, "error", message=error, type="InputError").text = error
        cases = 1
    else:
        by_rule: dict[str, list[dict]] = {}
        for finding in findings:
            by_rule.setdefault(finding["rule"], []).append(finding)
        for rule_id in rule_ids:
            case = ET.SubElement(suite, "testcase", classname=path, name=rule_id)
            if rule_id in by_rule:
                failures += 1
                _failure(case, by_rule[rule_id], path, lang)
            elif evaluated is not None and rule_id not in evaluated:
                skipped += 1
                ET.SubElement(case, "skipped", message=t("junit.skipped", lang, path=path))
        cases = len(rule_ids)
    suite.set("tests", str(cases))
    suite.set("failures", str(failures))
    suite.set("errors", "1" if error is not None else "0")
    suite.set("skipped", str(skipped))
    return suite


def _failure(case: ET.Element, findings: list[dict], path: str, lang: str) -> None:
    count = len(findings)
    summary = findings[0]["message"] if count == 1 else f"{count} findings: {findings[0]['message']}"
    failure = ET.SubElement(case, "failure", message=summary, type=worst_severity(findings))
    failure.text = "\n".join(_finding_text(f, path, lang) for f in findings)


def _finding_text(finding: dict, path: str, lang: str) -> str:
    places = ", ".join(p for p in (place_label(loc, lang, path) for loc in finding.get("locations") or ()) if p)
    label = severity_label(finding["severity"], lang)
    lines = [f"[{label}] {places}: {finding['message']}" if places else f"[{label}] {finding['message']}"]
    compared = comparison_line(finding, lang)
    if compared:
        lines.append(f"    {compared}")
    return "\n".join(lines)
