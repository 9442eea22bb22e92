"""The pre-commit manifest and the CI guide stay in step with the real command."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from check_report.reporters import FORMATS

REPO = Path(__file__).resolve().parents[2]
HOOK_KEYS = {"id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
             "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
             "language_version", "minimum_pre_commit_version", "args", "stages"}


def _hooks() -> list[dict]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _help() -> str:
    done = subprocess.run([sys.executable, "-m", "check_report", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_pre_commit_hooks_are_well_formed():
    hooks = _hooks()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert len({h["id"] for h in hooks}) == len(hooks)
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook) <= HOOK_KEYS, hook["id"]
        assert hook["entry"].split()[0] in scripts
        assert hook["language"] == "python"
        re.compile(hook["files"])


def test_pre_commit_file_patterns():
    files = {h["id"]: re.compile(h["files"]) for h in _hooks()}
    assert files["check-report"].search("reports/2024/q1.xlsx")
    assert files["check-report"].search("reports/q1.docx")
    assert not files["check-report"].search("README.md")
    assert files["check-report-text"].search("reports/q1.md")


def test_pre_commit_options_exist_in_the_command():
    text = _help()
    for hook in _hooks():
        for option in hook["entry"].split()[1:] + list(hook.get("args", [])):
            assert option in text, option


def test_ci_guide_yaml_blocks_parse_and_name_real_options():
    guide = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    assert len(blocks) >= 3
    for block in blocks:
        yaml.safe_load(block)
    workflow = yaml.safe_load(blocks[0])
    uses = [step.get("uses", "") for step in workflow["jobs"]["check-report"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    for fmt in re.findall(r"--format (\w+)", guide):
        assert fmt in FORMATS, fmt
    help_text = _help()
    for option in set(re.findall(r"(--[a-z][a-z-]+)", guide)):
        assert option in help_text, option
