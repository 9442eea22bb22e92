"""The README's "What you see" is what a fresh run prints, byte for byte.

Every ```text block of that section starts with `$ check-report ARGS`; the test runs that command from the
repository root (piped, so as the README reader's terminal shows it with soft wrap) and compares. When
an intended change alters the output, regenerate the blocks with

    UPDATE_README=1 pytest tests/test_readme.py

and review the diff of README.md like any other change.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SECTION = re.compile(r"^## What you see\n(.*?)(?=^## )", re.S | re.M)
BLOCK = re.compile(r"```text\n(\$ check-report [^\n]*)\n(.*?)```", re.S)


def _run(command: str) -> str:
    args = shlex.split(command.removeprefix("$ check-report "))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "COLUMNS", "NO_COLOR"))}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    done = subprocess.run([sys.executable, "-m", "check_report", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return done.stdout


def _blocks(text: str) -> list[re.Match]:
    section = SECTION.search(text)
    assert section, "README.md has no '## What you see' section"
    found = list(BLOCK.finditer(text, section.start(1), section.end(1)))
    assert found, "no ```text block starting with '$ check-report' in 'What you see'"
    return found


def test_what_you_see_is_what_a_fresh_run_prints():
    for sample in ("q1.xlsx", "report.md"):
        if not (REPO / "samples" / sample).exists():
            pytest.skip(f"samples/{sample} has not been built")
    text = README.read_text(encoding="utf-8")
    blocks = _blocks(text)
    if os.environ.get("UPDATE_README"):
        for match in reversed(blocks):
            text = text[:match.start(2)] + _run(match.group(1)) + text[match.end(2):]
        README.write_text(text, encoding="utf-8")
        blocks = _blocks(text)
    for match in blocks:
        assert match.group(2) == _run(match.group(1)), (
            f"README block '{match.group(1)}' is not what the command prints now "
            "(after an intended change: UPDATE_README=1 pytest tests/test_readme.py)")
