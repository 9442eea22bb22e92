"""`--format junit`: JUnit XML, the report format every CI server shows as a test tab.

One test suite per input file, one test case per (rule, file): a rule with findings in the file fails and
the failure carries every finding (message, place, stated and implied intervals); a rule without findings
passes. A file that could not be read is one errored test case. Deterministic: files in the report's
order, rules sorted by id, no timestamps.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from check_report.reporters.machine import findings_by_file, interval_text, place, worst_severity

_READ_CASE = "read"


def render(report: dict, *, lang: str = "en") -> str:
    root = ET.Element("testsuites", name="check-report")
    rule_ids = sorted({r["id"] for r in report.get("rules") or ()}
                      | {f["rule"] for f in report.get("findings") or ()})
    errors = {f["path"]: f.get("error") or "" for f in report.get("files") or () if f.get("status") == "error"}
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, findings in findings_by_file(report).items():
        suite = _suite(root, path, rule_ids, findings, errors.get(path), lang)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, path: str, rule_ids: list[str], findings: list[dict], error: str | None,
           lang: str) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", name=path or "(cross-file)")
    failures = 0
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
        cases = len(rule_ids)
    suite.set("tests", str(cases))
    suite.set("failures", str(failures))
    suite.set("errors", "1" if error is not None else "0")
    suite.set("skipped", "0")
    return suite


def _failure(case: ET.Element, findings: list[dict], path: str, lang: str) -> None:
    count = len(findings)
    summary = findings[0]["message"] if count == 1 else f"{count} findings: {findings[0]['message']}"
    failure = ET.SubElement(case, "failure", message=summary, type=worst_severity(findings))
    failure.text = "\n".join(_finding_text(f, path, lang) for f in findings)


def _finding_text(finding: dict, path: str, lang: str) -> str:
    places = ", ".join(_place_in(loc, path) for loc in finding.get("locations") or ())
    lines = [f"[{finding['severity']}] {places}: {finding['message']}" if places
             else f"[{finding['severity']}] {finding['message']}"]
    if finding.get("stated") and finding.get("implied"):
        lines.append(f"    stated {interval_text(finding['stated'], lang)}, "
                     f"implied {interval_text(finding['implied'], lang)}")
    return "\n".join(lines)


def _place_in(location: dict, path: str) -> str:
    where = place(location)
    other = location.get("path") or ""
    if other and other != path:
        return f"{other} {where}".strip()
    return where or other
