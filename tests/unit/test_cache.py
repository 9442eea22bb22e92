"""check_report.cache: keys follow everything that could change a result; broken entries are misses."""

import os
import pickle
import stat

import pytest

from check_report import cache
from check_report.extract import vocabulary


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CHECK_REPORT_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "check-report"


def test_keys_follow_arguments_and_file_state(folder, tmp_path):
    data = tmp_path / "pack.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    key = cache.key_of("rules", ("core",), [data])
    assert key == cache.key_of("rules", ("core",), [data])
    assert key != cache.key_of("rules", ("text",), [data])
    assert key != cache.key_of("vocabulary", ("core",), [data])
    data.write_text("a: 22\n", encoding="utf-8")
    assert key != cache.key_of("rules", ("core",), [data])
    assert cache.key_of("rules", ("core",), [tmp_path / "missing.yaml"]) is None


def test_store_load_and_broken_entries(folder):
    key = cache.key_of("thing", 1, [])
    assert cache.load(key) is None
    cache.store(key, {"x": [1, 2]})
    assert cache.folder() == folder                 # the platform's cache folder (XDG on Linux)
    assert cache.load(key) == {"x": [1, 2]}
    (entry,) = folder.glob("thing-*.pickle")
    entry.write_bytes(b"\x80garbage")
    assert cache.load(key) is None


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch planted",))


def test_a_pickle_we_did_not_write_is_never_loaded(folder, tmp_path, monkeypatch):
    """An entry planted in the cache folder (a valid pickle that would run code) is refused unread: only
    entries signed with this user's private key are unpickled."""
    monkeypatch.chdir(tmp_path)
    key = cache.key_of("thing", 2, [])
    cache.store(key, "ours")
    entry = next(folder.glob("thing-*.pickle"))
    planted = pickle.dumps(_Boom())
    entry.write_bytes(planted)                                          # a bare pickle
    assert cache.load(key) is None
    entry.write_bytes(cache.MAGIC + b"\0" * 32 + planted)              # a forged header
    assert cache.load(key) is None
    assert not (tmp_path / "planted").exists()
    # a signed entry moved under another key is refused too
    cache.store(key, "ours")
    other = cache.key_of("thing", 3, [])
    (folder / f"{other}.pickle").write_bytes(entry.read_bytes())
    assert cache.load(key) == "ours" and cache.load(other) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_signing_key_others_can_read_is_not_trusted(folder):
    key = cache.key_of("thing", 4, [])
    cache.store(key, "ours")
    secret = folder / ".signing-key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    secret.chmod(0o644)
    assert cache.load(key) is None


def test_switched_off(folder, monkeypatch):
    monkeypatch.setenv("CHECK_REPORT_NO_CACHE", "1")
    assert cache.key_of("thing", 1, []) is None
    cache.store(None, 1)
    assert not folder.exists()


def test_the_builtin_vocabulary_is_cached_but_user_files_are_not(folder, tmp_path):
    vocabulary._load.cache_clear()
    builtin = vocabulary.load_vocabulary()
    assert [p.name.split("-")[0] for p in folder.glob("*.pickle")] == ["vocabulary"]
    extra = tmp_path / "words.yaml"
    extra.write_text("no_data: ['n.a.']\n", encoding="utf-8")
    merged = vocabulary.load_vocabulary([str(extra)])
    assert len(list(folder.glob("*.pickle"))) == 1
    assert "n.a." in merged.no_data and "n.a." not in builtin.no_data
    vocabulary._load.cache_clear()
    assert vocabulary.load_vocabulary().no_data == builtin.no_data   # read back from the cache
