"""Everything check-report says, in every language it speaks: one catalogue per language.

The catalogues are YAML files beside this module (`locale/en.yaml`, `locale/vi.yaml`), read with the same
safe loader as the rule packs. Keys are dotted paths (`report.summary`, `check.anniversary.years`); an
entry is a `str.format` template, or for a message that counts something a mapping of CLDR plural
categories to templates (`{one: "{count} file", other: "{count} files"}`), chosen by the `count` value.

There is no fallback to English: a key missing in one language is a test failure
(tests/unit/test_i18n.py checks that both catalogues hold the same keys, fields and plural categories),
and at run time it shows as the visible key `⟦key⟧` rather than a sentence in the other language.

Adding a message: add the key to *both* catalogues, then call `t(KEY, lang, field=value)`.
Built-in rules' documentation (`explain`) is translated in `locale/rules.<lang>.yaml`, keyed by rule id.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

LANGS = ("en", "vi")
LOCALE_DIR = Path(__file__).with_name("locale")
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})


def _plural_en(n) -> str:
    return "one" if n == 1 else "other"


def _plural_vi(n) -> str:
    return "other"          # CLDR: Vietnamese nouns do not inflect for number


# CLDR plural rules of each language: the categories a plural entry must define are their values.
PLURAL_RULES = {"en": (_plural_en, ("one", "other")), "vi": (_plural_vi, ("other",))}


def _load_yaml(path: Path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=loader)  # noqa: S506 - a safe loader (libyaml's when present)


def _flatten(tree: Mapping, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value and set(value) <= PLURAL_CATEGORIES:
            flat[name] = {str(k): str(v) for k, v in value.items()}
        elif isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = "" if value is None else str(value)
    return flat


@cache
def catalogue(lang: str) -> dict[str, object]:
    """key -> template (str) or plural templates ({category: str}) of one language."""
    path = LOCALE_DIR / f"{lang}.yaml"
    return _flatten(_load_yaml(path) or {}) if path.is_file() else {}


@cache
def rule_docs(lang: str) -> dict[str, dict[str, str]]:
    """Translations of the built-in rules' descriptions and documentation: rule id -> {field: text}."""
    path = LOCALE_DIR / f"rules.{lang}.yaml"
    data = _load_yaml(path) if path.is_file() else None
    return {str(k): {str(f): str(x) for f, x in (v or {}).items()} for k, v in (data or {}).items()}


def has(key: str, lang: str) -> bool:
    return key in catalogue(_known(lang))


def t(key: str, lang: str = "en", /, **values) -> str:
    """The message `key` in `lang`, its fields filled. A plural entry is chosen by `values["count"]`."""
    lang = _known(lang)
    entry = catalogue(lang).get(key)
    if isinstance(entry, dict):
        rule, _ = PLURAL_RULES.get(lang, (_plural_en, ()))
        entry = entry.get(rule(values.get("count", 0))) or entry.get("other")
    if entry is None:
        return _visible(key, values)
    try:
        return entry.format(**values) if values else entry
    except (KeyError, IndexError, ValueError):
        return _visible(key, values)


def _visible(key: str, values: dict) -> str:
    """A missing or broken message shows its key (and values), never another language's sentence."""
    shown = ", ".join(f"{k}={v}" for k, v in values.items())
    return f"⟦{key}{': ' + shown if shown else ''}⟧"


def _known(lang: str) -> str:
    return lang if lang in LANGS else "en"


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale, as gettext picks it: LANGUAGE (a priority list, "vi:en"), then
    LC_ALL, LC_MESSAGES, LANG. "C" and "POSIX" name no language (containers set LC_ALL=C.UTF-8
    globally), so the next variable decides. English when none names a language we speak."""
    env = os.environ if environ is None else environ
    for wanted in (env.get("LANGUAGE") or "").split(":"):
        code = wanted.split(".")[0].split("_")[0].lower()
        if code in LANGS:
            return code
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").split(".")[0]
        if value and value.upper() not in ("C", "POSIX"):
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def severity_label(severity: str, lang: str) -> str:
    return t(f"severity.{severity}", lang)


def measure_name(measure: str, lang: str) -> str:
    """A measure in the reader's words ("% of plan", "% kế hoạch"); a user-declared one as it is named."""
    key = f"measure.{measure}"
    return t(key, lang) if has(key, lang) else measure


def place_name(where: str | None, lang: str) -> str:
    """A reader's locator ("paragraph 12", "footnote 3", "table 2, row 4, column 3") in `lang`."""
    import re

    if not where:
        return ""
    m = re.fullmatch(r"(paragraph|footnote|heading) (\d+)", where)
    if m:
        return t(f"place.{m.group(1)}", lang, n=m.group(2))
    m = re.fullmatch(r"table (\d+), row (\d+), column (\d+)", where)
    if m:
        return t("place.table_cell", lang, table=m.group(1), row=m.group(2), column=m.group(3))
    return where


def translate_note(note: str, lang: str) -> str:
    """A reader's or extractor's note (written in English, as JSON keeps it) in `lang`: the note is matched
    against the English `note.*` templates and told again with the same values in `lang`; a field whose
    value is itself a `note_part` is translated too. A note no template matches is shown as written."""
    if lang == "en":
        return note
    for strict in (True, False):
        for key, pattern in _note_patterns(strict):
            m = pattern.fullmatch(note)
            if m:
                values = {name: _note_part(value, lang) for name, value in m.groupdict().items()}
                if "note" in values:
                    values["note"] = translate_note(values["note"], lang)
                return t(key, lang, **values)
    return note


@cache
def _note_patterns(strict: bool):
    """The English templates as regexes. Two fields with nothing between them ('{columns}{units}') split
    anywhere; `strict` tries the second as one of the `note_part` phrases (or nothing) first, so a phrase
    after a list is translated and not taken into the list."""
    import re

    patterns = []
    english = catalogue("en")
    phrases = "|".join(re.escape(v) for k, v in english.items() if k.startswith("note_part.") and isinstance(v, str))
    for key in sorted((k for k in english if k.startswith("note.")), key=lambda k: k == "note.prefixed"):
        template = english[key]
        if not isinstance(template, str):
            continue
        parts = re.split(r"\{(\w+)\}", template)
        adjacent = [i for i in range(3, len(parts), 2) if parts[i - 1] == ""]
        if strict and not adjacent:
            continue
        regex = "".join(re.escape(part) if i % 2 == 0
                        else f"(?P<{part}>(?:{phrases})?)" if strict and i in adjacent else f"(?P<{part}>.*?)"
                        for i, part in enumerate(parts))
        patterns.append((key, re.compile(regex, re.DOTALL)))
    return tuple(patterns)


def _note_part(value: str, lang: str) -> str:
    english = catalogue("en")
    for key, text in english.items():
        if key.startswith("note_part.") and text == value:
            return t(key, lang)
    return value
