"""The one intermediate record every machine format is built from (ruff's and sqlfluff's way).

`build_report` turns per-file results into plain JSON-ready data: dicts, lists, strings, finite floats,
ints, None. Reporters (terminal, JSON, SARIF, JUnit, GitHub, Markdown) read only this record, never the
fact table or the dataclasses, so every format says the same thing.

Shape (version 1; fields are only ever added):

    {"version": 1,
     "tool": {"name": "check-report", "version": str}, "lang": "en" | "vi",
     "summary": {"errors", "warnings", "infos", "known", "findings", "facts", "files", "files_ok",
                 "files_error", "rules", "rules_evaluated", "checks_evaluated", "passed", "failed",
                 "not_evaluated", "subsumed", "grouped", "located"},
     "files": [{"path", "status": "ok" | "error", "error": str | None, "facts", "notes": [str],
                "coverage": {str: int}, "errors", "warnings", "infos", "known",
                "checks": {"evaluated", "passed", "failed", "not_evaluated"},
                "rules": {rule id: {"evaluated", "passed", "failed", "not_evaluated", "subsumed"}},
                "unchecked": [{"where", "raw", "context", "quoted": bool}]}],
     "findings": [{"rule", "severity": "error" | "warning" | "info", "message", "indicator", "path",
                   "stated": [lo, hi] | None, "implied": [lo, hi] | None,
                   "stated_value", "implied_value", "difference", "tolerance": float | None,
                   "decimals": int | None, "unit": str, "compared": str | None, "formula": str,
                   "known": bool, "accepted": bool, "fingerprint": str,
                   "figures": [{"role", "label", "value", "lower", "upper", "raw", "decimals", "unit",
                                "location"}],
                   "locations": [{"path", "sheet", "cell", "line", "where", "text", "short", "label"}],
                   "suspects": [{"location", "stated", "suggested": str | None, "pattern": str | None,
                                 "value", "decimals", "suggested_value", "suggested_decimals", "unit"}],
                   "relations": [{"rule", "severity", "message", "stated", "implied", "locations"}]}],
     "rules": [{"id", "pack", "severity", "description", "descriptions": {"en", "vi"}, "doc": {...},
                "evaluated", "passed", "failed", "not_evaluated"}]}

`stated` and `implied` are the intervals the figures' precision allows (the relation fails when they cannot
agree); `stated_value` is the figure the relation is about as written, `implied_value` what the other figures
give at the same precision, `tolerance` the rounding allowance between them (half the widths of both
intervals). `compared` is null when `stated_value` is a figure the report states, else what both sides are
(`derived_plan`, `derived_previous`: the total's plan or last year's value implied by its percentage, against
its components' added up). `label`s are for people, in the report's language; `short` and `where` stay machine-stable.

Counting: `checks_evaluated`, `passed`, `failed` and `not_evaluated` count rule *applications* (one rule on
one indicator and period); `rules_evaluated` counts the rules that were evaluated at least once.

One finding per mistake (check_report.localise): `suspects` names the figure most likely wrong, most
likely first, with `suggested` (the correction in the report's own number style, or None when the relations
do not determine it) and `pattern` (the typo that links it to what was written: "swapped digits", "digit
doubled", ... or None); it is empty when no figure is a unique suspect. `relations` lists the other failed
checks the same mistake explains, shown within this finding; the summary's `grouped` counts them (they stay
counted in `failed`), `located` counts the findings that name a suspect. `findings` counts mistakes,
`failed` counts failed checks.

Deterministic: files in the order given (the CLI sorts expanded directories and globs), findings sorted by
place then rule then message, rules by id, floats written with 12 significant digits so that binary noise
(21.884999999999998) never reaches the output; no timestamps, no absolute paths beyond what the user gave.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from check_report.findings import Figure, FileResult, Finding, Location, RuleStats, Severity, Suspect, cell_order

REPORT_VERSION = 1
TOOL_NAME = "check-report"
_SEVERITY_KEYS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}


def build_report(results: list[FileResult], *, lang: str, tool_version: str, ruleset=None,
                 extra_findings: Iterable[Finding] = (), unchecked: dict | None = None,
                 baseline: dict | None = None) -> dict:
    """The report record of one run. `extra_findings` carries findings that belong to no single file
    (cross-file checks); they count in the summary and are listed with the others. `unchecked` maps a
    path to its numbers no rule looked at, as (where, raw, context, quoted) tuples (`--show-unchecked`).
    `baseline` ({"path", "stale": [...]}) is recorded when the run compared its findings with a baseline."""
    extra = list(extra_findings)
    all_findings = [f for r in results for f in r.findings] + extra
    findings = [finding_record(f, _owner(f, r.path), lang) for r in results for f in r.findings]
    findings += [finding_record(f, _owner(f, ""), lang) for f in extra]
    findings.sort(key=_finding_order)
    per_rule = _merge_per_rule(results)
    return {
        "version": REPORT_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version},
        "lang": lang,
        "summary": _summary(results, all_findings, per_rule),
        "files": _listed_counts([file_record(r, (unchecked or {}).get(r.path, ())) for r in results], findings),
        "findings": findings,
        "rules": rule_records(ruleset, per_rule, all_findings, lang),
        **({"baseline": baseline} if baseline is not None else {}),
    }


def _listed_counts(files: list[dict], findings: list[dict]) -> list[dict]:
    """A file's counts are those of the findings listed under it (its own, and the cross-file findings
    that start in it), so the per-file table always agrees with the findings shown; known findings
    (baseline, accepted in the file) are counted apart."""
    for record in files:
        mine = [f for f in findings if f["path"] == record["path"]]
        live = [f for f in mine if not f.get("known")]
        for key, severity in (("errors", "error"), ("warnings", "warning"), ("infos", "info")):
            record[key] = sum(1 for f in live if f["severity"] == severity)
        record["known"] = len(mine) - len(live)
    return files


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(_SEVERITY_KEYS.values(), 0)
    for finding in findings:
        counts[_SEVERITY_KEYS[Severity(finding.severity)]] += 1
    return counts


def _summary(results: list[FileResult], findings: list[Finding], per_rule: dict[str, RuleStats]) -> dict:
    totals = RuleStats()
    for result in results:
        totals.add(result.stats)
    failed_files = sum(1 for r in results if r.status != "ok")
    live = [f for f in findings if not f.details.get("known")]
    return {
        **severity_counts(live),
        "known": len(findings) - len(live),
        "findings": len(findings),
        "facts": sum(r.facts for r in results),
        "files": len(results),
        "files_ok": len(results) - failed_files,
        "files_error": failed_files,
        "rules": len(per_rule),
        "rules_evaluated": sum(1 for s in per_rule.values() if s.evaluated),
        "checks_evaluated": totals.evaluated,
        "passed": totals.passed,
        "failed": totals.failed,
        "not_evaluated": totals.not_evaluated,
        "subsumed": totals.subsumed,
        "grouped": totals.grouped,
        "located": sum(1 for f in findings if f.suspects),
    }


def file_record(result: FileResult, unchecked: Iterable[tuple] = ()) -> dict:
    return {
        "path": result.path,
        "status": result.status,
        "error": result.error,
        "facts": result.facts,
        "notes": list(result.notes),
        "coverage": {key: int(result.coverage[key]) for key in sorted(result.coverage)},
        **severity_counts(result.findings),
        "checks": _stats_record(result.stats),
        "rules": {rule: _stats_record(stats) for rule, stats in sorted(result.per_rule.items())},
        # quoted: the context is the text around the figure; else it is the tool's own words (why not compared)
        "unchecked": [{"where": str(where), "raw": str(raw), "context": str(context), "quoted": bool(quoted)}
                      for where, raw, context, quoted in unchecked],
    }


def finding_record(finding: Finding, path: str = "", lang: str = "en") -> dict:
    record = {
        "rule": finding.rule,
        "severity": Severity(finding.severity).label,
        "message": finding.message,
        "indicator": finding.indicator,
        "path": path,
        "stated": _interval(finding.stated),
        "implied": _interval(finding.implied),
        **_comparison(finding),
        "formula": finding.formula or str(finding.details.get("expr") or ""),
        "known": bool(finding.details.get("known")),
        "accepted": bool(finding.details.get("accepted")),
        "figures": [figure_record(fig, lang) for fig in finding.figures],
        "locations": [location_record(loc, lang) for loc in finding.locations],
        "suspects": [suspect_record(s, lang) for s in finding.suspects],
        "relations": [related_record(f, lang) for f in finding.related],
    }
    record["fingerprint"] = fingerprint(record)
    return record


def _comparison(finding: Finding) -> dict:
    """The stated figure, what the others give, their difference and the rounding allowance (points)."""
    empty = {"stated_value": None, "implied_value": None, "compared": None, "difference": None, "tolerance": None,
             "decimals": None, "unit": ""}
    # only a producer that states the figures as written gives them: a midpoint of an interval is no figure
    if finding.stated is None or finding.implied is None or finding.values is None:
        return empty
    values = finding.values
    if not all(math.isfinite(v) for v in (*values, *finding.stated, *finding.implied)):
        return empty
    decimals = finding.decimals
    if decimals is None:
        decimals = max((f.decimals for f in finding.figures), default=0)
    half = (finding.stated[1] - finding.stated[0] + finding.implied[1] - finding.implied[0]) / 2
    return {"stated_value": _number(values[0]), "implied_value": _number(values[1]),
            "compared": finding.details.get("compared"),
            "difference": _number(abs(values[0] - values[1])), "tolerance": _number(half),
            "decimals": int(decimals), "unit": _unit(finding)}


def _unit(finding: Finding) -> str:
    """The unit of the stated figure: its relation's subject (kept in details when a merged finding lists
    the suspect first), else the first figure's."""
    if "unit" in finding.details:
        return finding.details["unit"] or ""
    return finding.figures[0].unit if finding.figures else ""


def fingerprint(record: dict) -> str:
    """What identifies a finding across edits of the file (check_report.known): rule, file, indicator and
    the figures as written, never line numbers or cells (a row inserted above moves them all)."""
    from check_report.known import fingerprint_of

    return fingerprint_of(record["rule"], record["path"], record["indicator"],
                          [(f["role"], f["raw"]) for f in record["figures"]],
                          [loc["text"] for loc in record["locations"][len(record["figures"]):]])


def suspect_record(suspect: Suspect, lang: str = "en") -> dict:
    """The likely wrong figure (check_report.localise): where, as written, the suggested correction in
    the report's own number style (None when the relations do not determine it), the typo pattern."""
    return {"location": location_record(suspect.location, lang), "stated": suspect.stated,
            "suggested": suspect.suggested, "pattern": suspect.pattern,
            "value": _number(suspect.value), "decimals": int(suspect.decimals),
            "suggested_value": _number(suspect.suggested_value), "suggested_decimals": int(suspect.suggested_decimals),
            "unit": "%" if suspect.percent else ""}


def related_record(finding: Finding, lang: str = "en") -> dict:
    """Another failed check the same mistake explains, shown within the finding of that mistake."""
    return {"rule": finding.rule, "severity": Severity(finding.severity).label, "message": finding.message,
            "stated": _interval(finding.stated), "implied": _interval(finding.implied),
            "locations": [location_record(loc, lang) for loc in finding.locations]}


def figure_record(figure: Figure, lang: str = "en") -> dict:
    from check_report.engine.messages import figure_label

    return {
        "role": figure.role,
        "label": figure_label(figure.role, lang),
        "value": _number(figure.value),
        "lower": _number(figure.lower),
        "upper": _number(figure.upper),
        "raw": figure.raw,
        "decimals": int(figure.decimals),
        "unit": figure.unit,
        "location": location_record(figure.location, lang),
    }


def location_record(location: Location, lang: str = "en") -> dict:
    from check_report.wording import place_label

    record = {
        "path": location.path,
        "sheet": location.sheet,
        "cell": location.cell,
        "line": None if location.line is None else int(location.line),
        "where": location.where,
        "text": location.text,
        "short": location.short(),
    }
    record["label"] = place_label(record, lang)
    return record


def rule_records(ruleset, per_rule: dict[str, RuleStats], findings: list[Finding], lang: str) -> list[dict]:
    """Every rule of the rule set, plus any rule id that produced a finding without being in it
    (engine errors, cross-file checks), so SARIF and JUnit can always resolve a finding's rule."""
    records: dict[str, dict] = {}
    for rule in getattr(ruleset, "rules", None) or ():
        records[rule.id] = _rule_record(rule, lang)
    for finding in findings:
        records.setdefault(finding.rule, _bare_rule_record(finding.rule, Severity(finding.severity)))
    for rule_id in per_rule:
        records.setdefault(rule_id, _bare_rule_record(rule_id, None))
    for rule_id, record in records.items():
        record.update(_stats_record(per_rule.get(rule_id, RuleStats())))
    return [records[key] for key in sorted(records)]


def _rule_record(rule, lang: str) -> dict:
    descriptions = dict(getattr(rule, "description", None) or {})
    severity = getattr(rule, "severity", None)
    return {
        "id": rule.id,
        "pack": getattr(rule, "pack", "") or "",
        "severity": Severity(severity).label if severity is not None else None,
        "description": pick_text(descriptions, lang),
        "descriptions": {key: str(descriptions[key]) for key in sorted(descriptions)},
        "doc": _plain_doc(getattr(rule, "doc", None)),
    }


def _bare_rule_record(rule_id: str, severity: Severity | None) -> dict:
    return {
        "id": rule_id,
        "pack": rule_id.split(".", 1)[0] if "." in rule_id else "",
        "severity": severity.label if severity is not None else None,
        "description": "",
        "descriptions": {},
        "doc": {},
    }


def pick_text(texts: dict, lang: str) -> str:
    """The text in the wanted language, else English, else any: a rule missing one language still shows."""
    for key in (lang, "en", "vi"):
        if texts.get(key):
            return str(texts[key])
    return next((str(v) for v in texts.values() if v), "")


def _plain_doc(doc) -> dict:
    if not isinstance(doc, dict):
        return {}
    return {str(key): doc[key] if isinstance(doc[key], (str, dict)) else str(doc[key])
            for key in sorted(doc, key=str)}


def _merge_per_rule(results: list[FileResult]) -> dict[str, RuleStats]:
    merged: dict[str, RuleStats] = {}
    for result in results:
        for rule_id, stats in result.per_rule.items():
            merged.setdefault(rule_id, RuleStats()).add(stats)
    return merged


def _stats_record(stats: RuleStats) -> dict:
    return {"evaluated": stats.evaluated, "passed": stats.passed, "failed": stats.failed,
            "not_evaluated": stats.not_evaluated, "subsumed": stats.subsumed, "grouped": stats.grouped}


def _owner(finding: Finding, default: str) -> str:
    locations = finding.locations
    return locations[0].path if locations and locations[0].path else default


def _finding_order(record: dict) -> tuple:
    first = record["locations"][0] if record["locations"] else {}
    return (record["path"], first.get("sheet") or "", first.get("line") or 0,
            cell_order(first.get("cell")), record["rule"], record["message"],
            [loc["short"] for loc in record["locations"]])


def _number(value) -> float | None:
    """JSON has no infinity or NaN: an unbounded side of an interval is written as null."""
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    # float noise off (12 significant digits), yet a thirteen-digit figure keeps its last đồng and half đồng
    digits = 12 if abs(value) < 1e10 else min(17, int(math.log10(abs(value))) + 3)
    cleaned = float(f"{value:.{digits}g}")
    return cleaned + 0.0  # no "-0.0" in the output


def _interval(pair) -> list | None:
    if pair is None:
        return None
    return [_number(pair[0]), _number(pair[1])]
