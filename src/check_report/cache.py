"""A small on-disk cache for what every run would otherwise parse again (built-in rule packs, the built-in
header vocabulary): the CLI is meant to cost little more than importing pandas.

Where: the platform's cache folder for the user (`platformdirs`: `$XDG_CACHE_HOME/check-report` or
`~/.cache/check-report` on Linux, `~/Library/Caches/check-report` on macOS, `%LOCALAPPDATA%\\check-report\\Cache`
on Windows). Entries are named by a key the caller derives from everything that could change the result
(the package version, the arguments, the name, size and modification time of the files read).
`CHECK_REPORT_NO_CACHE=1` turns the cache off; a missing, unreadable, unwritable or unsigned entry is
simply a miss.

Never unpickling what we did not write: entries are pickles (the cached values are loaded rule sets and
vocabularies, frozen dataclasses a JSON form would have to mirror field by field), each signed with
HMAC-SHA256 under a random key kept in the cache folder, created 0600 and used only while it belongs to
the current user and nobody else can read or write it. An entry whose signature does not verify is never
handed to `pickle`: someone who can drop a file into the folder cannot make check-report run it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

MAGIC = b"check-report-cache-1\n"
_KEY_FILE = ".signing-key"
_KEY_BYTES = 32


def key_of(kind: str, arguments: object, files: Iterable[Path]) -> str | None:
    """A key for `kind` from the call's arguments and the state of the files it reads; None when off."""
    if os.environ.get("CHECK_REPORT_NO_CACHE"):
        return None
    from check_report import __version__

    parts = [kind, __version__, repr(arguments)]
    try:
        for path in sorted(files):
            stat_ = path.stat()
            parts.append(f"{path.name}:{stat_.st_size}:{stat_.st_mtime_ns}")
    except OSError:
        return None
    return f"{kind}-" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def folder() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("check-report", appauthor=False))


def _entry(key: str) -> Path:
    return folder() / f"{key}.pickle"


def load(key: str | None):
    """The object stored under `key`, or None."""
    if key is None:
        return None
    try:
        secret = _signing_key(create=False)
        if secret is None:
            return None
        data = _entry(key).read_bytes()
        if not data.startswith(MAGIC):
            return None
        signature, payload = data[len(MAGIC):len(MAGIC) + 32], data[len(MAGIC) + 32:]
        if not hmac.compare_digest(signature, _sign(secret, key, payload)):
            return None         # not written by us (or damaged): never unpickled
        return pickle.loads(payload)  # noqa: S301 - signed by store() with this user's private key
    except Exception:  # noqa: BLE001 - a broken entry is a miss, never an error
        return None


def store(key: str | None, value) -> None:
    if key is None:
        return
    target = _entry(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        secret = _signing_key(create=True)
        if secret is None:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(MAGIC + _sign(secret, key, payload) + payload)
        os.replace(tmp, target)  # atomic: a parallel run reads the old entry or the new one
    except (OSError, pickle.PicklingError):
        pass


def _sign(secret: bytes, key: str, payload: bytes) -> bytes:
    # the entry's key is signed too: a valid entry copied under another name is refused
    return hmac.new(secret, key.encode("utf-8") + b"\0" + payload, hashlib.sha256).digest()


def _signing_key(create: bool) -> bytes | None:
    """This user's private signing key, made on first use; None when it is not safely ours."""
    path = folder() / _KEY_FILE
    if create and not path.exists():
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            with os.fdopen(handle, "wb") as stream:
                stream.write(secrets.token_bytes(_KEY_BYTES))
        except FileExistsError:
            pass                # a parallel run made it first: use theirs
    try:
        info = os.stat(path, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            return None
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None         # someone else's, or readable by others: a forger could sign with it
        secret = path.read_bytes()
    except OSError:
        return None
    return secret if len(secret) == _KEY_BYTES else None
