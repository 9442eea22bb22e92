"""Fixtures of the CLI tests (helpers live in cli_helpers.py)."""

from __future__ import annotations

import pytest
from cli_helpers import run_cli


@pytest.fixture
def cli(tmp_path):
    """run(*args, env=None, cwd=tmp_path): the real command in a subprocess, working in a temp folder."""
    def run(*args, env=None, cwd=None):
        return run_cli(*args, cwd=cwd or tmp_path, env=env)
    return run
