"""Known discrepancies: a baseline file of accepted findings, and acceptance written in the report itself.

A team adopting check-report on reports it cannot fix at once records today's findings
(`check-report baseline reports/ > .check-report-baseline.json`) and runs with `--baseline` from then on:
findings in the baseline are reported as *known* and do not fail the run; only new ones do. Entries that
no longer match any finding are listed as stale, so the baseline shrinks as reports are fixed.

A finding is identified by its fingerprint: rule, file, indicator and the figures as written (role and
text), never line numbers or cells, so inserting a paragraph or a row above does not turn every known
finding into a new one. Identical findings are counted: a baseline with one entry accepts one of them.

In a Markdown or text report a single finding can be accepted where it stands, with an HTML comment on its
line or alone on the line before (ids or prefixes, comma-separated):

    <!-- check-report: accept text.ratio-percentage -->
    Đã vận động 1.245/1.320 hộ dân trang bị bình chữa cháy, đạt 95,2%.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path, PurePath

from check_report.findings import FileResult, Finding

BASELINE_VERSION = 1
ACCEPT = re.compile(r"<!--\s*check-report:\s*accept\s+([\w.\-,\s]+?)\s*-->", re.IGNORECASE)
TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def normal_path(path: str) -> str:
    """A path as a baseline keeps it: relative to the working directory when inside it, '/' separated."""
    if not path:
        return ""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            pass
    return PurePath(candidate).as_posix().removeprefix("./")


def fingerprint_of(rule: str, path: str, indicator: str, figures: list[tuple[str, str]],
                   places: list[str]) -> str:
    """rule + file + indicator + the figures as written (+ the quoted text of places that are not figures)."""
    parts = [rule, normal_path(path), " ".join(indicator.split()), *sorted(f"{r}={w}" for r, w in figures), "|",
             *sorted(" ".join(p.split()) for p in places)]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:24]


def fingerprint(finding: Finding, path: str) -> str:
    return fingerprint_of(finding.rule, path, finding.indicator, [(f.role, f.raw) for f in finding.figures],
                          [loc.text for loc in finding.extra_locations])


def owner(finding: Finding, default: str) -> str:
    locations = finding.locations
    return locations[0].path if locations and locations[0].path else default


# --- the baseline file ------------------------------------------------------------------------------------

def baseline_json(report: dict) -> str:
    """The baseline of a report record: every finding, sorted, without line numbers."""
    entries = [{"fingerprint": f["fingerprint"], "rule": f["rule"], "path": normal_path(f["path"]),
                "indicator": f["indicator"], "figures": sorted(f"{x['role']}={x['raw']}" for x in f["figures"]),
                "message": f["message"]} for f in report["findings"]]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["indicator"], e["fingerprint"]))
    body = {"version": BASELINE_VERSION, "tool": "check-report", "findings": entries}
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def load_baseline(path: str, lang: str = "en") -> list[dict]:
    from check_report.i18n import t
    from check_report.readers.base import InputError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(t("cli.baseline_read", lang, path=path, error=exc.strerror or exc)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(t("cli.baseline_read", lang, path=path, error=" ".join(str(exc).split()))) from None
    entries = data.get("findings") if isinstance(data, dict) and data.get("version") == BASELINE_VERSION else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "fingerprint" in e for e in entries):
        raise InputError(t("cli.baseline_format", lang, path=path))
    return entries


def apply_baseline(results: list[FileResult], extra: list[Finding], entries: list[dict]) -> tuple[list, list, list]:
    """Mark the findings the baseline holds as known. Returns (results, extra, stale entries)."""
    left = Counter(e["fingerprint"] for e in entries)

    def mark(finding: Finding, path: str) -> Finding:
        key = fingerprint(finding, owner(finding, path))
        if left[key] > 0:
            left[key] -= 1
            return replace(finding, details={**finding.details, "known": True})
        return finding

    results = [replace(r, findings=[mark(f, r.path) for f in r.findings]) for r in results]
    extra = [mark(f, "") for f in extra]
    # only the files of this run can show an entry fixed: a hook given the changed files alone must not
    # call every other file's entries stale
    checked = {normal_path(r.path) for r in results}
    stale, spent = [], Counter()
    for entry in entries:
        key = entry["fingerprint"]
        spent[key] += 1
        if spent[key] <= left[key] and (not entry.get("path") or entry["path"] in checked):
            stale.append(entry)
    return results, extra, stale


def stale_text(entry: dict, lang: str) -> str:
    """A stale entry as the reader meets findings: the indicator as written, each figure named as a finding
    names it (its measure in words, its period as the report writes it, a component by its name) and shown
    as written. The file keeps "role=raw" pairs because they are the fingerprint's, not a reader's."""
    from check_report.engine.messages import figure_label
    from check_report.i18n import t

    figures = []
    for pair in entry.get("figures") or ():
        role, sep, raw = str(pair).rpartition("=")      # a role may hold ": " and names; a raw never holds "="
        figures.append(f"{figure_label(role, lang)} = {raw}" if sep else str(pair))
    return t("report.stale_line", lang, path=entry.get("path", ""), rule=entry.get("rule", ""),
             indicator=" ".join(str(entry.get("indicator") or "").split()), figures="; ".join(figures))


# --- acceptance in the report ------------------------------------------------------------------------------

def apply_acceptance(results: list[FileResult], sources: dict[str, str] | None = None) -> list[FileResult]:
    """Mark findings accepted by a `<!-- check-report: accept RULE -->` comment in a text report as known.
    `sources` maps a result's path to the file to read (standard input's temporary copy)."""
    marked = []
    for result in results:
        source = (sources or {}).get(result.path, result.path)
        accepted = _acceptances(source) if result.findings and source.lower().endswith(TEXT_SUFFIXES) else {}
        if accepted:
            result = replace(result, findings=[_accept(f, accepted, result.path) for f in result.findings])
        marked.append(result)
    return marked


def _acceptances(path: str) -> dict[int, list[str]]:
    """Line -> rule ids or prefixes accepted there (a comment alone on a line also covers the next one)."""
    from check_report.readers.encodings import decode_bytes

    try:
        text, _ = decode_bytes(Path(path).read_bytes())
    except (OSError, UnicodeError):
        return {}
    lines = text.splitlines()
    found: dict[int, list[str]] = {}
    for number, line in enumerate(lines, 1):
        for m in ACCEPT.finditer(line):
            ids = [p for p in re.split(r"[\s,]+", m.group(1)) if p]
            found.setdefault(number, []).extend(ids)
            if not ACCEPT.sub("", line).strip():
                found.setdefault(number + 1, []).extend(ids)
    return found


def _accept(finding: Finding, accepted: dict[int, list[str]], path: str) -> Finding:
    from check_report.engine.packs import matches

    for location in finding.locations:
        if location.line is None or (location.path and not _same(location.path, path)):
            continue
        if any(matches(finding.rule, pattern) for pattern in accepted.get(location.line, ())):
            return replace(finding, details={**finding.details, "known": True, "accepted": True})
    return finding


def _same(a: str, b: str) -> bool:
    return a == b or os.path.abspath(a) == os.path.abspath(b)
