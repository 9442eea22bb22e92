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
`relatedLocations` (a cross-file finding so points into every file); when a figure is named as the likely
wrong one (check_report.localise) its place comes first, the message says so, and a `fixes` entry carries the
suggested correction where the relations determine it. The other failed checks the same mistake explains
are in the message and in `properties.relatedRules`. Output is deterministic: no
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
    places = _suspect_first(finding, finding.get("locations") or ([{"path": finding["path"]}] if finding.get("path")
                                                                  else []))
    locations = [_location(loc, artifact_index, i) for i, loc in enumerate(places)]
    result: dict = {"ruleId": finding["rule"], "level": LEVELS.get(finding["severity"], "warning"),
                    "message": {"text": _message(finding, lang)}}
    if finding["rule"] in rule_index:
        result["ruleIndex"] = rule_index[finding["rule"]]
    if locations:
        result["locations"] = [_strip_id(locations[0])]
    if len(locations) > 1:
        result["relatedLocations"] = locations[1:]
    fixes = _fixes(finding, artifact_index, lang)
    if fixes:
        result["fixes"] = fixes
    # v2 survives lines moving (rule, file, indicator, figures as written); v1 (places) kept for old alerts
    result["partialFingerprints"] = {"checkReportFinding/v1": _fingerprint(finding),
                                     "checkReportFinding/v2": finding["fingerprint"]}
    if finding.get("known"):
        result["suppressions"] = [{"kind": "inSource" if finding.get("accepted") else "external",
                                   "status": "accepted"}]
    properties = {k: finding[k] for k in ("indicator", "stated", "implied") if finding.get(k) is not None}
    if finding.get("relations"):
        properties["relatedRules"] = [r["rule"] for r in finding["relations"]]
    if properties:
        result["properties"] = properties
    return result


def _suspect_first(finding: dict, places: list[dict]) -> list[dict]:
    """The likely wrong figure's place first: viewers show a result at its first location."""
    suspects = finding.get("suspects") or []
    if not suspects:
        return places
    key = (suspects[0]["location"].get("path"), suspects[0]["location"].get("short"))
    first = [loc for loc in places if (loc.get("path"), loc.get("short")) == key]
    return first[:1] + [loc for loc in places if loc not in first[:1]] if first else [suspects[0]["location"]] + places


def _fixes(finding: dict, artifact_index: dict[str, int], lang: str) -> list[dict]:
    """A fix per suspect with a suggested correction: replace the stated figure at its place. The region
    is the suspect's own (its line for text, the workbook with the cell named in the snippet), and the
    snippet quotes what is replaced: a reviewer applies it; it is not meant for blind byte editing."""
    from check_report.reporters.suspects import fix_text

    fixes = []
    for suspect in finding.get("suspects") or ():
        location = suspect["location"]
        uri = artifact_uri(location.get("path") or "")
        if not suspect.get("suggested") or not uri or uri not in artifact_index:
            continue
        if location.get("line") is not None:
            region = {"startLine": int(location["line"]), "snippet": {"text": suspect["stated"]}}
        else:
            region = {"startLine": 1, "snippet": {"text": _named_place(location) or suspect["stated"]},
                      "message": {"text": suspect["stated"]}}
        fixes.append({"description": {"text": fix_text(suspect, lang)},
                      "artifactChanges": [{"artifactLocation": {"uri": uri, "index": artifact_index[uri]},
                                           "replacements": [{"deletedRegion": region,
                                                             "insertedContent": {"text": suspect["suggested"]}}]}]})
    return fixes


def _message(finding: dict, lang: str) -> str:
    from check_report.reporters.suspects import related_lines, suspects_line

    compared = comparison_line(finding, lang)
    text = f"{finding['message']} ({compared})" if compared else finding["message"]
    extra = [line for line in [suspects_line(finding, lang)] + related_lines(finding, lang) if line]
    return "\n".join([text] + extra)


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
