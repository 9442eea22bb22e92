"""The header vocabulary: which words name which column role, folded so accents and case never matter.

The built-in list ships as `check_report/data/vocabulary.yaml`; users add their own files with the same
keys, whose lists are appended to the built-in ones (a user never has to copy the whole vocabulary to add
one synonym).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from check_report.folding import fold, has_phrase  # noqa: F401  (re-exported: extract code folds here)
from check_report.readers.base import InputError

LIST_KEYS = ("compare", "breakdown_complete", "breakdown_partial", "notes_markers", "no_data", "reporting_units",
             "unit_list_headers", "total_rows", "rate_words", "not_rates", "whole_words")
MAP_KEYS = ("roles", "month_names", "units")
ROLE_ORDER = ("code", "indicator", "unit", "notes", "assessment", "growth", "pct_plan", "pct_previous", "previous",
              "plan", "cumulative", "month")
@dataclass
class Vocabulary:
    roles: dict[str, list[str]] = field(default_factory=dict)      # role -> folded phrases
    compare: list[str] = field(default_factory=list)
    month_names: dict[str, int] = field(default_factory=dict)
    breakdown_complete: list[str] = field(default_factory=list)
    breakdown_partial: list[str] = field(default_factory=list)
    notes_markers: list[str] = field(default_factory=list)
    no_data: set[str] = field(default_factory=set)                  # raw cell texts, stripped
    reporting_units: list[str] = field(default_factory=list)
    unit_list_headers: list[str] = field(default_factory=list)
    total_rows: list[str] = field(default_factory=list)
    rate_words: list[str] = field(default_factory=list)
    not_rates: list[str] = field(default_factory=list)
    whole_words: list[str] = field(default_factory=list)
    units: dict[str, float] = field(default_factory=dict)           # folded unit -> scale (users' own)
    sources: tuple[str, ...] = ()
    _scale_cache: dict[str, float] = field(default_factory=dict, repr=False)

    def best_role(self, folded: str) -> tuple[str | None, int]:
        """The role whose longest phrase occurs in `folded` (ties: ROLE_ORDER), and that phrase's length."""
        best, best_len = None, 0
        for role in self.role_order():
            for phrase in self.roles.get(role, ()):
                if len(phrase) > best_len and has_phrase(folded, phrase):
                    best, best_len = role, len(phrase)
        return best, best_len

    def role_order(self) -> list[str]:
        extra = [r for r in self.roles if r not in ROLE_ORDER]
        return [*ROLE_ORDER, *extra]

    def any_phrase(self, folded: str, key: str) -> bool:
        return any(has_phrase(folded, p) for p in getattr(self, key))

    def scale_of(self, unit: str | None) -> float:
        """Factor to the unit's base: a user's `units:` entry, else the built-in table (check_report.units)."""
        if not unit:
            return 1.0
        scale = self._scale_cache.get(unit)
        if scale is None:
            scale = self.units.get(fold(unit))
            if scale is None:
                from check_report.units import parse_unit

                scale = parse_unit(unit).scale
            self._scale_cache[unit] = scale
        return scale


def builtin_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "vocabulary.yaml"


def load_vocabulary(extra=None) -> Vocabulary:
    """The built-in vocabulary merged with user files. `extra`: None, a path, a list of paths, or a
    ready Vocabulary (returned as is)."""
    if isinstance(extra, Vocabulary):
        return extra
    if extra is None:
        paths: tuple[str, ...] = ()
    elif isinstance(extra, (str, Path)):
        paths = (str(extra),)
    else:
        paths = tuple(str(p) for p in extra)
    return _load(paths)


@functools.lru_cache(maxsize=16)
def _load(paths: tuple[str, ...]) -> Vocabulary:
    from check_report import cache

    # the built-in vocabulary alone is read on every run: keep it parsed (users' files are read afresh)
    key = None if paths else cache.key_of("vocabulary", (), [builtin_path()])
    vocab = cache.load(key)
    if vocab is None:
        vocab = _parse(paths)
        cache.store(key, vocab)
    return vocab


def _parse(paths: tuple[str, ...]) -> Vocabulary:
    vocab = Vocabulary()
    for path in (str(builtin_path()), *paths):
        _merge(vocab, _read_yaml(path), path)
    vocab.sources = (str(builtin_path()), *paths)
    return vocab


def _read_yaml(path: str) -> dict:
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read vocabulary file: {exc.strerror or exc}") from None
    try:
        # libyaml's safe loader when present: the pure-Python one costs a tenth of a second at start-up
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise InputError(f"{path}{where}: malformed YAML in vocabulary file: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: vocabulary file must be a mapping of keys ({', '.join(LIST_KEYS + MAP_KEYS)})")
    unknown = sorted(set(data) - set(LIST_KEYS) - set(MAP_KEYS))
    if unknown:
        raise InputError(f"{path}: unknown vocabulary key {unknown[0]!r} "
                         f"(expected one of {', '.join(LIST_KEYS + MAP_KEYS)})")
    return data


def _merge(vocab: Vocabulary, data: dict, path: str) -> None:
    for key in LIST_KEYS:
        items = _as_list(data.get(key, []), path, key)
        if key == "no_data":
            vocab.no_data.update(str(i).strip() for i in items)
        else:
            getattr(vocab, key).extend(fold(i) for i in items if fold(i))
    for role, phrases in _as_map(data.get("roles", {}), path, "roles").items():
        vocab.roles.setdefault(str(role), []).extend(fold(p) for p in _as_list(phrases, path, f"roles.{role}")
                                                     if fold(p))
    for name, month in _as_map(data.get("month_names", {}), path, "month_names").items():
        if not isinstance(month, int) or not 1 <= month <= 12:
            raise InputError(f"{path}: month_names.{name}: expected a month number 1..12, got {month!r}")
        vocab.month_names[fold(name)] = month
    for unit, scale in _as_map(data.get("units", {}), path, "units").items():
        if not isinstance(scale, (int, float)) or scale <= 0:
            raise InputError(f"{path}: units.{unit}: expected a positive factor, got {scale!r}")
        vocab.units[fold(unit)] = float(scale)


def _as_list(value, path: str, key: str) -> list:
    if not isinstance(value, list):
        raise InputError(f"{path}: {key}: expected a list, got {type(value).__name__}")
    for item in value:
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            raise InputError(f"{path}: {key}: {item!r} is not a word (quote words YAML reads otherwise, "
                             "like \"no\", \"yes\", \"on\", \"off\")")
    return value


def _as_map(value, path: str, key: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"{path}: {key}: expected a mapping, got {type(value).__name__}")
    return value
