"""Rule sets composed only of built-in packs are cached between runs (start-up time); anything that could
change them misses the cache."""

import shutil

import pytest

from check_report import engine
from check_report.engine import load_rules, loader, packs


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CHECK_REPORT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "check-report"


def summary(ruleset):
    return [(r.id, r.severity, r.expr, r.check, r.options) for r in ruleset.rules], ruleset.measures


def test_a_builtin_rule_set_is_stored_then_read_back(cache, monkeypatch):
    first = load_rules(["core"], disable=["core.growth"], severities={"core.pct-of-plan": "warning"})
    assert len(list(cache.glob("rules-*.pickle"))) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("the cached rule set should have been used")

    monkeypatch.setattr(loader, "load_rules", no_parsing)
    again = load_rules(["core"], disable=["core.growth"], severities={"core.pct-of-plan": "warning"})
    assert summary(again) == summary(first)
    assert "core.growth" not in [r.id for r in again.rules]
    with pytest.raises(AssertionError):   # other arguments are another key
        load_rules(["core"])


def test_editing_a_builtin_pack_misses_the_cache(cache, tmp_path, monkeypatch):
    packs_dir = tmp_path / "rules"
    shutil.copytree(engine.builtin_rules_dir(), packs_dir)
    monkeypatch.setattr(packs, "builtin_rules_dir", lambda: packs_dir)
    monkeypatch.setattr(loader, "builtin_rules_dir", lambda: packs_dir)
    before = load_rules(["core"]).get("core.pct-of-plan")
    core = packs_dir / "core.yaml"
    text = core.read_text(encoding="utf-8")
    core.write_text(text.replace("expr: pct_plan == cumulative / plan * 100",
                                 "expr: pct_plan == cumulative / plan * 100 + 0"), encoding="utf-8")
    after = load_rules(["core"]).get("core.pct-of-plan")
    assert before.expr != after.expr and after.expr.endswith("+ 0")


def test_rule_files_given_by_path_are_never_cached(cache, tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules:\n  - id: t.cap\n    expr: pct_plan <= 60\n", encoding="utf-8")
    assert load_rules([str(rules)]).get("t.cap") is not None
    assert not cache.exists() or not list(cache.glob("rules-*.pickle"))


def test_a_broken_cache_entry_is_a_miss_and_is_rewritten(cache):
    load_rules(["core"])
    (entry,) = cache.glob("rules-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_rules(["core"]).get("core.pct-of-plan") is not None
    assert entry.read_bytes() != b"not a pickle"


def test_the_cache_can_be_switched_off(cache, monkeypatch):
    monkeypatch.setenv("CHECK_REPORT_NO_CACHE", "1")
    load_rules(["core"])
    assert not cache.exists()


def test_cached_rule_sets_carry_no_yaml_bookkeeping(cache):
    """Reading a cached rule set must not need the YAML machinery (that is what the cache saves)."""
    import pickle
    import re

    data = (load_rules(["default"]), None)[0]
    names = set(re.findall(rb"check_report[\w.]*", pickle.dumps(data)))
    assert names <= {b"check_report.engine.model", b"check_report.findings"}
