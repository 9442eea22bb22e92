"""Configuration files: discovery upwards, validation of every key, per-path globs, the locale default."""

from __future__ import annotations

import pytest

from check_report import config as cfg
from check_report.i18n import default_lang, t
from check_report.pipeline import Settings, selection_for


def test_discovery_walks_up_and_prefers_the_yaml_file_in_one_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.check-report]\nlang = "en"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert cfg.discover(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".check-report.yaml").write_text("lang: vi\n", encoding="utf-8")
    assert cfg.discover(deep) == tmp_path / "a" / ".check-report.yaml"


def test_a_pyproject_without_our_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert cfg.discover(tmp_path) != tmp_path / "pyproject.toml"


def test_every_key_is_read(tmp_path):
    path = tmp_path / ".check-report.yaml"
    path.write_text(
        "rules: [default, extra.yaml]\nselect: [core.]\nignore: [core.growth]\n"
        "severity: {core.pct-of-plan: info}\nlanguage: vi\nfail_on: warning\nvocabulary: words.yaml\n"
        "per-path:\n  'monthly/*.xlsx': {ignore: [core.month-le-cumulative]}\n", encoding="utf-8")
    conf = cfg.load(path)
    assert conf.rules == ("default", "extra.yaml") and conf.select == ("core.",)
    assert conf.ignore == ("core.growth",) and conf.severity == (("core.pct-of-plan", "info"),)
    assert (conf.lang, conf.fail_on, conf.vocabulary) == ("vi", "warning", ("words.yaml",))
    assert conf.per_path[0].ignore == ("core.month-le-cumulative",)


@pytest.mark.parametrize("text, fragment", [
    ("colour: red\n", "unknown key 'colour'"),
    ("per-path:\n  '*.csv': {mute: [x]}\n", "unknown key 'per-path.*.csv.mute'"),
    ("severity: {core.x: loud}\n", "severity.core.x: 'loud' is not one of"),
    ("fail-on: sometimes\n", "fail-on: 'sometimes'"),
    ("select: 3\n", "select: expected a list of strings"),
    ("rules: [default\n", "invalid YAML"),
    ("- just\n- a list\n", "must be a mapping"),
])
def test_bad_config_names_the_file_and_key(tmp_path, text, fragment):
    path = tmp_path / ".check-report.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cfg.ConfigError) as caught:
        cfg.load(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and fragment in message and "\n" not in message


def test_bad_toml_table_key(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.check-report]\nfail-on = "error"\nwhatever = 1\n', encoding="utf-8")
    with pytest.raises(cfg.ConfigError, match="unknown key 'whatever'"):
        cfg.load(path)


def test_per_path_settings_refine_the_selection_for_matching_files_only(tmp_path):
    per_path = (cfg.PathSettings("monthly/*.xlsx", select=("core.month",), ignore=("core.x",),
                                 severity=(("core.y", "info"),)),)
    settings = Settings(select=("core.",), ignore=("a",), per_path=per_path, base_dir=str(tmp_path))
    assert selection_for(str(tmp_path / "monthly" / "m1.xlsx"), settings) == (
        ("core.month",), ("a", "core.x"), (("core.y", "info"),))
    assert selection_for(str(tmp_path / "q1.xlsx"), settings) == (("core.",), ("a",), ())


@pytest.mark.parametrize("env, lang", [
    ({"LANG": "vi_VN.UTF-8"}, "vi"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en"),
    ({"LC_ALL": "vi_VN", "LANG": "en_US"}, "vi"), ({"LC_ALL": "C.UTF-8", "LANG": "vi_VN"}, "vi"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN"}, "en"), ({"LANG": "C"}, "en"),
])
def test_default_language_from_the_locale(env, lang):
    assert default_lang(env) == lang


def test_counts_in_vietnamese():
    # the catalogue parity (keys, fields, plurals) is tests/unit/test_i18n.py's
    assert t("report.counts_errors", "vi", count=1) == "1 lỗi"


def test_a_broken_pyproject_is_reported_only_when_it_meant_to_configure_us(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n", encoding="utf-8")
    assert cfg.discover(tmp_path) != tmp_path / "pyproject.toml"
    (tmp_path / "pyproject.toml").write_text("[tool.check-report]\nlang = 'vi\n", encoding="utf-8")
    assert cfg.discover(tmp_path) == tmp_path / "pyproject.toml"
    with pytest.raises(cfg.ConfigError, match="invalid TOML"):
        cfg.load(tmp_path / "pyproject.toml")
