"""Where the built-in rule packs live, and a cache of rule sets composed only of them.

Every run of `check-report q1.xlsx` composes the same built-in packs: parsing their YAML and their
expressions costs a visible share of start-up (the CLI is meant to cost little more than importing pandas).
A rule set made only of built-in packs is therefore kept, pickled, in the user's cache folder
(`$XDG_CACHE_HOME/check-report`, else `~/.cache/check-report`), keyed by the package version, the call's
arguments and the name, size and modification time of every built-in pack file: editing a pack, or
installing another version, misses the cache. Rule files given by path are always read afresh.
`CHECK_REPORT_NO_CACHE=1` turns the cache off; an unreadable or unwritable cache is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
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
    if os.environ.get("CHECK_REPORT_NO_CACHE") or not all(is_builtin_name(str(s)) for s in specs):
        return None
    from check_report import __version__

    parts = [__version__, repr((tuple(map(str, specs)), tuple(enable), tuple(disable),
                                sorted((severities or {}).items()), tuple(sorted(measures))))]
    folder = builtin_rules_dir()
    try:
        for pack in sorted(folder.glob("*.y*ml")):
            stat = pack.stat()
            parts.append(f"{pack.name}:{stat.st_size}:{stat.st_mtime_ns}")
    except OSError:
        return None
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def _cache_file(key: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "check-report" / f"rules-{key}.pickle"


def cached(key: str | None):
    """The rule set stored under `key`, or None (no key, no file, or anything unreadable)."""
    if key is None:
        return None
    try:
        with open(_cache_file(key), "rb") as stream:
            return pickle.load(stream)  # our own file, written by store() below for this very key
    except Exception:  # noqa: BLE001 - a broken cache entry is a miss, never an error
        return None


def store(key: str | None, ruleset) -> None:
    if key is None:
        return
    target = _cache_file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=".rules-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(ruleset, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)  # atomic: a parallel run reads the old file or the new one
    except OSError:
        pass
