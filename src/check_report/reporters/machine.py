"""Helpers shared by the machine formats (SARIF, JUnit, GitHub, Markdown) over the report record.

They read only the record of `records.build_report`, never findings or facts, so every format shows the
same thing. A finding that points into several files (a cross-file check) belongs to each of them.
"""

from __future__ import annotations

import math
import os
from pathlib import Path, PurePath
from urllib.parse import quote

from check_report.numbers import decimals_of, format_interval

SEVERITY_ORDER = {"error": 3, "warning": 2, "info": 1}


def artifact_uri(path: str) -> str:
    """A relative URI (forward slashes, percent-encoded) for paths under the working directory, as code
    scanning tools resolve them against the checkout; a `file:` URI for anything else."""
    from check_report.known import normal_path

    if not path:
        return ""
    relative = normal_path(path)
    if PurePath(relative).is_absolute():
        return Path(path).resolve().as_uri()
    return quote(relative, safe="/")


def finding_paths(finding: dict) -> list[str]:
    """The files a finding points into, in the order of its locations (its owner when it has none)."""
    paths: list[str] = []
    for location in finding.get("locations") or ():
        path = location.get("path") or ""
        if path and path not in paths:
            paths.append(path)
    if not paths and finding.get("path"):
        paths.append(finding["path"])
    return paths


def findings_by_file(report: dict) -> dict[str, list[dict]]:
    """path -> findings pointing into it: files in the report's order, then any other path findings name."""
    grouped: dict[str, list[dict]] = {f.get("path", ""): [] for f in report.get("files") or ()}
    for finding in report.get("findings") or ():
        for path in finding_paths(finding) or [""]:
            grouped.setdefault(path, []).append(finding)
    return grouped


def locations_in(finding: dict, path: str) -> list[dict]:
    return [loc for loc in finding.get("locations") or () if (loc.get("path") or "") == path]


def place(location: dict) -> str:
    """Where a figure is, for a reader: `Sheet1!H9`, `line 37`, `paragraph 12`."""
    if location.get("cell"):
        return f"{location['sheet']}!{location['cell']}" if location.get("sheet") else location["cell"]
    if location.get("line") is not None:
        return f"line {location['line']}"
    return location.get("where") or ""


def interval_text(pair, lang: str) -> str:
    """An interval as the report's readers write numbers, with the decimals its bounds need."""
    if not pair:
        return ""
    lower, upper = (-math.inf if pair[0] is None else pair[0]), (math.inf if pair[1] is None else pair[1])
    finite = [v for v in (lower, upper) if math.isfinite(v)]
    decimals = max([_useful_decimals(v) for v in finite] or [0])
    return format_interval(lower, upper, decimals, "vi" if lang == "vi" else "en")


def _useful_decimals(value: float) -> int:
    """The decimals a bound needs, at most about seven significant digits: 21.885 keeps 3, a bound in
    đồng of 144106674438.93912 keeps none, 99.852151 keeps 4."""
    whole_digits = len(str(int(abs(value)))) if abs(value) >= 1 else 0
    return min(decimals_of(value, 6), max(0, 6 - whole_digits))


def worst_severity(findings: list[dict]) -> str:
    return max((f.get("severity", "info") for f in findings), key=lambda s: SEVERITY_ORDER.get(s, 0),
               default="info")


def relative_display(path: str) -> str:
    """The path as it should read in a ticket: as given, with forward slashes."""
    return path.replace(os.sep, "/") if path else ""
