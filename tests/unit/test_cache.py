"""check_report.cache: keys follow everything that could change a result; broken entries are misses."""

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
    assert cache.load(key) == {"x": [1, 2]}
    (entry,) = folder.glob("thing-*.pickle")
    entry.write_bytes(b"\x80garbage")
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
