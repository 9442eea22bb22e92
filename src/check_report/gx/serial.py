"""Findings as plain JSON values, so they can travel inside a GX validation result and come back intact.

GX keeps expectation results as JSON (suites, validation stores, Data Docs): a finding computed inside a
custom expectation is stored there as a dict and rebuilt into the same `Finding` on the way out, which is
what makes `--engine gx` report exactly what the native engine reports.
"""

from __future__ import annotations

import math
from dataclasses import asdict

from check_report.findings import Figure, Finding, Location, Severity


def _number(x: float | None):
    # JSON has no NaN/inf; GX's serialiser would turn them into strings on its own terms
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else repr(x)


def _float(x) -> float:
    return float(x)     # also reads back the 'nan'/'inf' strings _number wrote


def _pair(pair):
    return None if pair is None else [_number(pair[0]), _number(pair[1])]


def _plain(value):
    """A JSON-safe copy of a details value: containers kept, NaN/inf as strings, other objects as str."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return _number(value)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if hasattr(value, "item"):          # numpy scalars
        return _plain(value.item())
    return str(value)


def location_to_dict(loc: Location) -> dict:
    return asdict(loc)


def finding_to_dict(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "indicator": finding.indicator,
        "figures": [{"role": f.role, "value": _number(f.value), "lower": _number(f.lower),
                     "upper": _number(f.upper), "raw": f.raw, "decimals": f.decimals, "unit": f.unit,
                     "location": location_to_dict(f.location)} for f in finding.figures],
        "stated": _pair(finding.stated),
        "implied": _pair(finding.implied),
        "values": _pair(finding.values),
        "decimals": finding.decimals,
        "formula": finding.formula,
        "extra_locations": [location_to_dict(loc) for loc in finding.extra_locations],
        "details": _plain(finding.details),
    }


def finding_from_dict(data: dict) -> Finding:
    def pair(p):
        return None if p is None else (_float(p[0]), _float(p[1]))

    figures = tuple(
        Figure(role=f["role"], value=_float(f["value"]), lower=_float(f["lower"]), upper=_float(f["upper"]),
               raw=f["raw"], location=Location(**f["location"]), decimals=int(f["decimals"]),
               unit=f.get("unit") or "")
        for f in data.get("figures", ()))
    return Finding(
        rule=data["rule"], severity=Severity.parse(data["severity"]), message=data["message"],
        indicator=data.get("indicator", ""), figures=figures, stated=pair(data.get("stated")),
        implied=pair(data.get("implied")),
        extra_locations=tuple(Location(**loc) for loc in data.get("extra_locations", ())),
        details=dict(data.get("details") or {}), values=pair(data.get("values")),
        decimals=data.get("decimals"), formula=data.get("formula") or "",
    )
