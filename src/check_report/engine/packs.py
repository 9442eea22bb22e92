"""Where the built-in rule packs live, and the cache key of rule sets composed only of them.

Every run of `check-report q1.xlsx` composes the same built-in packs: parsing their YAML and their
expressions costs a visible share of start-up. A rule set made only of built-in packs is kept in
check_report.cache, keyed by the package version, the call's arguments and the name, size and modification
time of every built-in pack file: editing a pack, or installing another version, misses the cache. Rule
files given by path are always read afresh.
"""

from __future__ import annotations

import os
from pathlib import Path


def builtin_rules_dir() -> Path:
    """The packs shipped with the package: check_report/_builtin_rules in a wheel, <repo>/rules in a checkout."""
    package = Path(__file__).resolve().parents[1]
    shipped = package / "_builtin_rules"
    if shipped.is_dir():
        return shipped
    return package.parents[1] / "rules"


def matches(rule_id: str, pattern: str) -> bool:
    """An id or a prefix: 'core.growth' matches itself only, 'core' and 'core.' match the whole pack."""
    pattern = pattern.strip()
    return rule_id == pattern or rule_id.startswith(pattern if pattern.endswith(".") else pattern + ".")


def is_builtin_name(spec: str) -> bool:
    return "/" not in spec and os.sep not in spec and not spec.endswith((".yaml", ".yml"))


def cache_key(specs: tuple, enable: tuple, disable: tuple, severities: dict | None, measures: tuple) -> str | None:
    """The key of a rule set made of built-in packs only; None when a spec is a path (never cached)."""
    if not all(is_builtin_name(str(s)) for s in specs):
        return None
    from check_report import cache

    arguments = (tuple(map(str, specs)), tuple(enable), tuple(disable), sorted((severities or {}).items()),
                 tuple(sorted(measures)))
    return cache.key_of("rules", arguments, builtin_rules_dir().glob("*.y*ml"))


def cached(key: str | None):
    from check_report import cache

    return cache.load(key)


def store(key: str | None, ruleset) -> None:
    from check_report import cache

    cache.store(key, ruleset)
