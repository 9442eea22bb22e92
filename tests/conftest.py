"""Shared test helpers. `../shared` exists only in the developers' workspace: tests that read it skip
cleanly in a user's clone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Rule sets made of built-in packs are cached in the user's cache folder: keep the tests' own apart
# (subprocess CLI tests inherit it).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="check-report-tests-")
os.environ.pop("CHECK_REPORT_NO_CACHE", None)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_01577812a857f945.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared is not present (a user's clone)")
    return SEED
