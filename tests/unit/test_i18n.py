"""The message catalogues: both languages hold the same keys, the same fields, and the plural forms their
language needs; every key the code asks for exists; nothing falls back to English."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from check_report import i18n
from check_report.i18n import LANGS, PLURAL_RULES, catalogue, default_lang, t

SRC = Path(i18n.__file__).resolve().parent


def _fields(template: str) -> set[str]:
    return {name.split("!")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def _entry_fields(entry) -> set[str]:
    if isinstance(entry, dict):
        return set().union(*(_fields(v) for v in entry.values()))
    return _fields(entry)


def test_both_catalogues_hold_the_same_keys():
    keys = {lang: set(catalogue(lang)) for lang in LANGS}
    assert keys["en"], "the English catalogue is empty"
    assert not keys["en"] - keys["vi"], f"only in en.yaml: {sorted(keys['en'] - keys['vi'])}"
    assert not keys["vi"] - keys["en"], f"only in vi.yaml: {sorted(keys['vi'] - keys['en'])}"


def test_a_key_in_one_language_only_is_caught(tmp_path, monkeypatch):
    """The parity check above is real: a catalogue pair that differs by one key fails it."""
    (tmp_path / "en.yaml").write_text("a: A\nb: B\n", encoding="utf-8")
    (tmp_path / "vi.yaml").write_text("a: Á\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    catalogue.cache_clear()
    try:
        with pytest.raises(AssertionError, match="only in en.yaml: \\['b'\\]"):
            test_both_catalogues_hold_the_same_keys()
        assert t("b", "vi") == "⟦b⟧"          # at run time: the visible key, not the English "B"
    finally:
        catalogue.cache_clear()


@pytest.mark.parametrize("key", sorted(catalogue("en")))
def test_every_message_has_the_same_fields_and_its_language_s_plural_forms(key):
    entries = {lang: catalogue(lang)[key] for lang in LANGS}
    fields = {lang: _entry_fields(entry) for lang, entry in entries.items()}
    assert fields["en"] == fields["vi"], f"{key}: fields differ {fields}"
    plural = {lang: isinstance(entry, dict) for lang, entry in entries.items()}
    assert len(set(plural.values())) == 1, f"{key}: plural in one language only"
    for lang, entry in entries.items():
        if isinstance(entry, dict):
            assert set(entry) == set(PLURAL_RULES[lang][1]), f"{key} ({lang}): plural forms {sorted(entry)}"
            assert "count" in _entry_fields(entry), f"{key}: a plural message must show {{count}}"


def test_every_key_the_code_asks_for_exists():
    """Literal keys in t("...") calls anywhere in the package are in the catalogues."""
    pattern = re.compile(r"""\bt\(\s*f?["']([a-z_]+(?:\.[a-z_{}]+)+)["']""")
    asked: set[str] = set()
    for path in SRC.rglob("*.py"):
        asked |= {m.group(1) for m in pattern.finditer(path.read_text(encoding="utf-8"))}
    literal = {k for k in asked if "{" not in k}
    assert len(literal) > 50, "the scan found too few keys to be looking at the right calls"
    assert not literal - set(catalogue("en")), sorted(literal - set(catalogue("en")))
    for key in asked - literal:              # t(f"severity.{level}") and the like: the prefix exists
        prefix = key.split("{")[0]
        assert any(k.startswith(prefix) for k in catalogue("en")), key


def test_plurals_choose_the_form_of_each_language():
    assert t("report.summary_files", "en", count=1) == "1 file checked"
    assert t("report.summary_files", "en", count=3) == "3 files checked"
    assert t("report.summary_files", "vi", count=1) == "đã kiểm tra 1 tệp"
    assert t("report.summary_files", "vi", count=3) == "đã kiểm tra 3 tệp"


def test_a_missing_key_shows_itself_with_its_values():
    assert t("no.such.key", "vi", count=2) == "⟦no.such.key: count=2⟧"
    assert t("no.such.key", "en") == "⟦no.such.key⟧"


def test_builtin_rules_are_documented_in_every_language():
    """Every built-in rule (and cross-file rule) has its description and each documentation field it
    gives in English also in Vietnamese, and the translations name no rule that does not exist."""
    from check_report import checks, pipeline
    from check_report.crossfile import RULES as cross
    from check_report.reporters.terminal import rule_text

    listed = pipeline.with_cross_rules(pipeline.load_ruleset(("default",), (), (), (), ()), cross).rules
    ids = {rule.id for rule in listed}
    assert not set(i18n.rule_docs("vi")) - ids, sorted(set(i18n.rule_docs("vi")) - ids)
    for rule in listed:
        assert rule.description.get("vi"), f"{rule.id}: no Vietnamese description"
        for field in ("what", "why", "fail", "pass"):
            english = rule_text(rule, field, "en")
            if field == "what" and not english and rule.check in checks.REGISTRY:
                pytest.fail(f"{rule.id}: check kind {rule.check} documents no 'What it checks'")
            if english:
                inline = (rule.doc or {}).get(field)
                translated = (isinstance(inline, dict) and inline.get("vi")) or \
                    i18n.rule_docs("vi").get(rule.id, {}).get(field)
                assert translated, f"{rule.id}: {field} has no Vietnamese text"
                assert rule_text(rule, field, "vi") == translated


@pytest.mark.parametrize("env, lang", [
    ({"LANGUAGE": "vi", "LANG": "en_US.UTF-8"}, "vi"), ({"LANGUAGE": "fr:vi:en", "LANG": "C"}, "vi"),
    ({"LANGUAGE": "en", "LC_ALL": "vi_VN.UTF-8"}, "en"), ({"LANGUAGE": "", "LANG": "vi_VN"}, "vi"),
    ({"LANGUAGE": "de", "LANG": "vi_VN"}, "vi"),
])
def test_language_follows_gettext_order(env, lang):
    assert default_lang(env) == lang


def test_no_key_is_written_twice_in_a_catalogue():
    """YAML lets a later duplicate key silently replace an earlier one: a translation would be lost."""
    import yaml

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        keys = [loader.construct_object(k) for k, _ in node.value]
        duplicates = {k for k in keys if keys.count(k) > 1}
        assert not duplicates, f"written twice at line {node.start_mark.line + 1}: {sorted(duplicates)}"
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    for path in sorted(i18n.LOCALE_DIR.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=Strict)  # noqa: S506 - a SafeLoader subclass


def test_a_note_part_right_after_another_field_is_translated():
    # 'columns of figures read: {columns}{units}': the units part follows the columns with nothing between;
    # it is a phrase of the catalogue and must come out in Vietnamese, the columns as written
    en = i18n.t("note.table_read", "en", path="A.xlsx", kind="sheet", name="'Thu NS'", rows="5-5",
                title=" ('TỔNG HỢP')", columns="C, D, E", units=i18n.t("note_part.units_mode", "en"))
    vi = i18n.translate_note(en, "vi")
    assert vi == i18n.t("note.table_read", "vi", path="A.xlsx", kind="trang tính", name="'Thu NS'", rows="5-5",
                        title=" ('TỔNG HỢP')", columns="C, D, E", units=i18n.t("note_part.units_mode", "vi"))
    assert "rows are" not in vi
