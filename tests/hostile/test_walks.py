"""Folders and globs are walked without entering `/`, without following links to folders (cycles, the
whole file system), and without quoting a file outside the folder asked for through a link inside it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from check_report.inputs import expand_inputs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import GOOD_MD  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "reports" / "q1").mkdir(parents=True)
    (tmp_path / "reports" / "q1" / "a.md").write_text(GOOD_MD, encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "notes.md").write_text("private\n", encoding="utf-8")
    os.symlink(tmp_path / "secret" / "notes.md", tmp_path / "reports" / "leak.md")        # a file outside
    os.symlink(tmp_path / "reports" / "q1" / "a.md", tmp_path / "reports" / "alias.md")   # a file inside
    os.symlink(tmp_path, tmp_path / "reports" / "q1" / "up")                              # a cycle
    os.symlink("/", tmp_path / "reports" / "everything")                                   # the whole disk
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_walk_follows_no_link_to_a_folder_and_refuses_links_out(tree):
    paths, problems = expand_inputs(["reports"])
    assert paths == ["reports/alias.md", "reports/q1/a.md"]
    (refused,) = problems
    assert refused.path == "reports/leak.md" and "outside reports" in refused.error and "notes.md" in refused.error


def test_a_recursive_glob_follows_no_link_to_a_folder_and_refuses_links_out(tree):
    paths, problems = expand_inputs(["reports/**/*.md"])
    assert sorted(paths) == ["reports/alias.md", "reports/q1/a.md"]
    assert [p.path for p in problems] == ["reports/leak.md"]
    paths, problems = expand_inputs([str(tree / "reports" / "*.md")])              # an absolute pattern
    assert sorted(Path(p).name for p in paths) == ["alias.md"] and len(problems) == 1


def test_the_root_named_through_a_link_is_refused(tree):
    paths, problems = expand_inputs(["reports/everything"])
    assert paths == [] and "root directory" in problems[0].error


def test_a_file_named_directly_is_read_wherever_it_points(tree):
    paths, problems = expand_inputs(["reports/leak.md"])
    assert paths == ["reports/leak.md"] and not problems
