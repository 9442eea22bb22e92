"""Findings survive the trip through a GX result (JSON) unchanged."""

import json
import math

from check_report.findings import Figure, Finding, Location, Severity
from check_report.gx.serial import finding_from_dict, finding_to_dict


def finding(**extra):
    loc = Location("q.xlsx", sheet="Bieu 1", cell="F12", text="610 — Chỉ tiêu 12")
    fig = Figure(role="cumulative", value=610.0, lower=609.5, upper=610.5, raw="610", location=loc)
    base = dict(rule="core.x", severity=Severity.WARNING, message="m", indicator="Chỉ tiêu 12", figures=(fig,),
                stated=(609.5, 610.5), implied=(598.5, 601.5),
                extra_locations=(Location("q.md", line=3, text="t"),), details={"measure": "cumulative"})
    base.update(extra)
    return Finding(**base)


def test_round_trip_through_json_is_identity():
    original = finding()
    data = json.loads(json.dumps(finding_to_dict(original), allow_nan=False))
    back = finding_from_dict(data)
    assert back == original
    assert back.details == original.details
    assert back.locations[0].short() == "Bieu 1!F12"


def test_infinite_and_nan_bounds_are_json_safe():
    original = finding(implied=(float("-inf"), float("inf")), details={"x": float("nan"), "y": (1, 2)})
    data = json.loads(json.dumps(finding_to_dict(original), allow_nan=False))
    back = finding_from_dict(data)
    assert back.implied == (float("-inf"), float("inf"))
    assert data["details"] == {"x": "nan", "y": [1, 2]}
    assert math.isinf(back.implied[1])
