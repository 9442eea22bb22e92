"""Rule kinds run by an integration above the engine: the one place the engine meets them.

An integration (the Great Expectations one, or any other) registers, when it is imported, the rule-file
key that names its rules, the key holding their settings, a cheap check of the name, and the function
that runs such rules on a fact table. The loader then accepts `<key>: NAME` (+ `<options_key>: {...}`)
in a rule file and builds a `Rule` with `external=<key>`; `run_rules` hands those rules to the
registered runner and merges what it returns. The engine imports no integration and needs none to be
read, tested or changed: without a registration such a key is simply an unknown key.

    register(RuleKind(key="gx", options_key="kwargs", title="GX expectation", check_name=..., run=...))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# what a rule of an external kind cannot have: its settings are its own, under options_key
NOT_WITH_EXTERNAL = ("expr", "check", "when", "options", "tolerance", "foreach")


@dataclass(frozen=True)
class RuleKind:
    key: str                                       # the rule-file key naming such a rule ("gx")
    options_key: str                               # the key holding its settings ("kwargs")
    title: str                                     # how messages call one ("GX expectation")
    check_name: Callable[[object], str | None]     # why a name cannot be used (None: it can); cheap
    # run(facts, rules, *, path, lang, measures) -> EngineResult for just these rules
    run: Callable[..., object]


_KINDS: dict[str, RuleKind] = {}


def register(kind: RuleKind) -> None:
    """Make rules of `kind` loadable and runnable (idempotent: importing an integration twice is fine)."""
    _KINDS[kind.key] = kind


def get(key: str) -> RuleKind | None:
    return _KINDS.get(key)


def keys() -> tuple[str, ...]:
    """Every rule-file key an integration added: the kinds' keys and their options keys."""
    return tuple(k for kind in _KINDS.values() for k in (kind.key, kind.options_key))


def kind_of(entry) -> RuleKind | None:
    """The registered kind a rule-file entry names, if any."""
    return next((kind for key, kind in _KINDS.items() if key in entry), None)


def owner_of_options(key: str) -> RuleKind | None:
    return next((kind for kind in _KINDS.values() if kind.options_key == key), None)
