"""A small on-disk cache for what every run would otherwise parse again (built-in rule packs, the built-in
header vocabulary): the CLI is meant to cost little more than importing pandas.

Entries are pickles in `$XDG_CACHE_HOME/check-report` (else `~/.cache/check-report`), named by a key the
caller derives from everything that could change the result (the package version, the arguments, the
name, size and modification time of the files read). `CHECK_REPORT_NO_CACHE=1` turns the cache off; a
missing, unreadable or unwritable entry is simply a miss. Only check-report itself writes these files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path


def key_of(kind: str, arguments: object, files: Iterable[Path]) -> str | None:
    """A key for `kind` from the call's arguments and the state of the files it reads; None when off."""
    if os.environ.get("CHECK_REPORT_NO_CACHE"):
        return None
    from check_report import __version__

    parts = [kind, __version__, repr(arguments)]
    try:
        for path in sorted(files):
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    except OSError:
        return None
    return f"{kind}-" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def _entry(key: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "check-report" / f"{key}.pickle"


def load(key: str | None):
    """The object stored under `key`, or None."""
    if key is None:
        return None
    try:
        with open(_entry(key), "rb") as stream:
            return pickle.load(stream)  # written by store() below, for this very key
    except Exception:  # noqa: BLE001 - a broken entry is a miss, never an error
        return None


def store(key: str | None, value) -> None:
    if key is None:
        return
    target = _entry(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)  # atomic: a parallel run reads the old entry or the new one
    except OSError:
        pass
