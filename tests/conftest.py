"""Shared test helpers. `../shared` exists only in the developers' workspace: tests that read it skip
cleanly in a user's clone."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_01577812a857f945.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared is not present (a user's clone)")
    return SEED
