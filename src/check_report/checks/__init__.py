"""Registry of check kinds: the explicit list of modules that implement `checks.base`'s contract."""

from __future__ import annotations

import importlib
from types import ModuleType

# id -> module path. Add a line here to add a check kind; nothing is discovered implicitly.
REGISTRY: dict[str, str] = {}


def load(check_id: str) -> ModuleType:
    return importlib.import_module(REGISTRY[check_id])
