"""Fixtures of the CLI tests (helpers live in cli_helpers.py).

`cli` runs the real command in a subprocess (exit codes, tracebacks, colour, processes); `run` calls the
same entry point in-process with the same environment rules, for the many option combinations where a
fresh interpreter per case would only cost time.
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from cli_helpers import run_cli


@pytest.fixture
def cli(tmp_path):
    """run(*args, env=None, cwd=tmp_path): the real command in a subprocess, working in a temp folder."""
    def run(*args, env=None, cwd=None):
        return run_cli(*args, cwd=cwd or tmp_path, env=env)
    return run


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    """Like `cli`, in-process: returns an object with returncode, stdout and stderr."""
    from check_report import pipeline
    from check_report.cli import main

    def call(*args, env=None, cwd=None):
        monkeypatch.chdir(cwd or tmp_path)
        for name in list(os.environ):
            if name.startswith(("LC_", "LANG", "NO_COLOR", "FORCE_COLOR", "COLUMNS")):
                monkeypatch.delenv(name)
        monkeypatch.setenv("LANG", "C.UTF-8")
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        pipeline.load_ruleset.cache_clear()   # rule files of the same name differ between tests
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:              # argparse usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)
    return call
