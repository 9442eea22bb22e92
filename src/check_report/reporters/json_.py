"""`--format json`: the report record as it is, written deterministically (sorted keys, fixed indent)."""

from __future__ import annotations

import json


def render(report: dict, *, lang: str = "en") -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
