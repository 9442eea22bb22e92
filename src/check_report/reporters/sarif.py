"""`--format sarif`: SARIF 2.1.0 for code-scanning viewers (GitHub code scanning, VS Code SARIF viewer).

Locations. Text inputs get what SARIF was made for: a relative artifact URI and `region.startLine`.
Spreadsheets have no lines, and SARIF has no cell address. We keep a physical location on the workbook
(viewers and GitHub's upload require `physicalLocation.artifactLocation.uri`, and GitHub also requires a
`region.startLine`, so it is 1: the file itself) whose `region.snippet.text` names the cell as Excel does
(`Sheet1!H9`) and whose `region.message` quotes the figure; the same address goes in a `logicalLocation`
(`fullyQualifiedName` "Sheet1!H9", kind "element") and in the location's `properties` (`sheet`, `cell`),
where tools that understand workbooks can read it without parsing. A .docx paragraph works the same way
with "paragraph 12".

A finding with several figures has the stated figure as its location and the others as
`relatedLocations` (a cross-file finding so points into every file). Output is deterministic: no
timestamps or absolute paths, a stable `partialFingerprints` per finding, keys in a fixed order.
"""

from __future__ import annotations

import hashlib
import json

from check_report.reporters.machine import artifact_uri
from check_report.wording import comparison_line

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: dict, *, lang: str = "en") -> str:
    return json.dumps(sarif_log(report, lang=lang), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def sarif_log(report: dict, *, lang: str = "en") -> dict:
    rules = _rule_descriptors(report, lang)
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    artifacts = _artifacts(report)
    artifact_index = {a["location"]["uri"]: i for i, a in enumerate(artifacts)}
    tool = report.get("tool") or {}
    driver = {"name": tool.get("name", "check-report"), "version": str(tool.get("version", "")),
              "rules": rules}
    results = [_result(f, rule_index, artifact_index, lang) for f in report.get("findings") or ()]
    run = {"tool": {"driver": driver}, "invocations": [_invocation(report, artifact_index)],
           "artifacts": artifacts, "results": results,
           "columnKind": "unicodeCodePoints", "language": "vi" if lang == "vi" else "en"}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule_descriptors(report: dict, lang: str) -> list[dict]:
    descriptors = []
    for rule in sorted(report.get("rules") or (), key=lambda r: r["id"]):
        text = rule.get("description") or rule["id"]
        doc = rule.get("doc") or {}
        full = " ".join(_doc_text(doc.get(k), lang) for k in ("what", "why") if doc.get(k)) or text
        descriptor = {
            "id": rule["id"], "name": rule["id"],
            "shortDescription": {"text": text.splitlines()[0]},
            "fullDescription": {"text": full},
            "help": {"text": f"{full}\nRun `check-report explain {rule['id']}` for examples."},
            "defaultConfiguration": {"level": LEVELS.get(rule.get("severity") or "warning", "warning")},
        }
        if rule.get("pack"):
            descriptor["properties"] = {"pack": rule["pack"]}
        descriptors.append(descriptor)
    return descriptors


def _doc_text(value, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return str(value or "")


def _artifacts(report: dict) -> list[dict]:
    paths: list[str] = [f["path"] for f in report.get("files") or () if f.get("path")]
    for finding in report.get("findings") or ():
        paths += [loc["path"] for loc in finding.get("locations") or () if loc.get("path")]
    uris = list(dict.fromkeys(artifact_uri(p) for p in paths))
    return [{"location": {"uri": uri}, "roles": ["analysisTarget"]} for uri in uris]


def _invocation(report: dict, artifact_index: dict[str, int]) -> dict:
    notes = []
    for file in report.get("files") or ():
        if file.get("status") == "error":
            uri = artifact_uri(file["path"])
            notes.append({"level": "error", "message": {"text": file.get("error") or file["path"]},
                          "locations": [{"physicalLocation": {"artifactLocation": {
                              "uri": uri, "index": artifact_index[uri]}}}]})
    invocation: dict = {"executionSuccessful": not notes}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def _result(finding: dict, rule_index: dict[str, int], artifact_index: dict[str, int], lang: str) -> dict:
    places = finding.get("locations") or ([{"path": finding["path"]}] if finding.get("path") else [])
    locations = [_location(loc, artifact_index, i) for i, loc in enumerate(places)]
    result: dict = {"ruleId": finding["rule"], "level": LEVELS.get(finding["severity"], "warning"),
                    "message": {"text": _message(finding, lang)}}
    if finding["rule"] in rule_index:
        result["ruleIndex"] = rule_index[finding["rule"]]
    if locations:
        result["locations"] = [_strip_id(locations[0])]
    if len(locations) > 1:
        result["relatedLocations"] = locations[1:]
    # v2 survives lines moving (rule, file, indicator, figures as written); v1 (places) kept for old alerts
    result["partialFingerprints"] = {"checkReportFinding/v1": _fingerprint(finding),
                                     "checkReportFinding/v2": finding["fingerprint"]}
    if finding.get("known"):
        result["suppressions"] = [{"kind": "inSource" if finding.get("accepted") else "external",
                                   "status": "accepted"}]
    properties = {k: finding[k] for k in ("indicator", "stated", "implied") if finding.get(k) is not None}
    if properties:
        result["properties"] = properties
    return result


def _message(finding: dict, lang: str) -> str:
    compared = comparison_line(finding, lang)
    return f"{finding['message']} ({compared})" if compared else finding["message"]


def _location(loc: dict, artifact_index: dict[str, int], number: int) -> dict:
    uri = artifact_uri(loc.get("path") or "")
    physical: dict = {"artifactLocation": {"uri": uri, "index": artifact_index[uri]}} if uri else {}
    named = _named_place(loc)
    quote = loc.get("text") or ""
    if loc.get("line") is not None:
        region: dict = {"startLine": int(loc["line"])}
        if quote:
            region["snippet"] = {"text": quote}
    else:
        region = {"startLine": 1}
        if named:
            region["snippet"] = {"text": named}
        if quote:
            region["message"] = {"text": quote}
    location: dict = {"id": number}
    if physical:
        physical["region"] = region
        location["physicalLocation"] = physical
    if named:
        location["logicalLocations"] = [{"name": loc.get("cell") or named, "fullyQualifiedName": named,
                                         "kind": "element"}]
        location["properties"] = {k: loc[k] for k in ("sheet", "cell", "where") if loc.get(k)}
    return location


def _named_place(loc: dict) -> str:
    if loc.get("cell"):
        return f"{loc['sheet']}!{loc['cell']}" if loc.get("sheet") else loc["cell"]
    return loc.get("where") or ""


def _strip_id(location: dict) -> dict:
    return {k: v for k, v in location.items() if k != "id"}


def _fingerprint(finding: dict) -> str:
    """Stable across runs and unaffected by message wording: rule, indicator and places."""
    places = "|".join(f"{loc.get('path')}#{loc.get('short')}" for loc in finding.get("locations") or ())
    key = f"{finding['rule']}\x00{finding.get('indicator', '')}\x00{places}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
