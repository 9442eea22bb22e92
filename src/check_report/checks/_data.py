"""Packaged data files of the document checks, read with importlib.resources so a wheel install finds them."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def load(name: str):
    """Parse `check_report/data/<name>` (YAML, safe loader). Cached: the files never change at run time."""
    text = resources.files("check_report").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe; libyaml when present
