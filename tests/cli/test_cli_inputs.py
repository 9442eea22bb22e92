"""Batch inputs: directories, globs, missing names; atomic output; exit codes from the record."""

from __future__ import annotations

import os

import pytest

from check_report.cli import exit_code
from check_report.pipeline import annotated_name, expand_inputs, write_atomic


def _touch(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_directories_recurse_sorted_skipping_lock_files_hidden_folders_and_unsupported(tmp_path):
    for name in ("b.xlsx", "a/c.md", "a/~$c.xlsx", ".git/d.csv", "e.pdf", "f.TXT"):
        _touch(tmp_path / "in" / name)
    paths, problems = expand_inputs([str(tmp_path / "in")])
    assert [os.path.relpath(p, tmp_path / "in") for p in paths] == ["a/c.md", "b.xlsx", "f.TXT"]
    assert problems == []


def test_globs_and_duplicates_and_names_that_match_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("m/m2.xlsx", "m/m1.xlsx", "m/m1.pdf"):
        _touch(tmp_path / name)
    paths, problems = expand_inputs(["m/*", "m/m1.xlsx", "none/*.xlsx", "missing.xlsx"])
    assert paths == ["m/m1.xlsx", "m/m2.xlsx", "missing.xlsx"]   # the reader will report missing.xlsx
    assert [p.path for p in problems] == ["none/*.xlsx"]
    assert problems[0].status == "error" and "none/*.xlsx" in problems[0].error


def test_empty_directory_is_a_reported_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    paths, problems = expand_inputs([str(tmp_path / "empty")], lang="vi")
    assert paths == [] and "thư mục" in problems[0].error


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(str(target), "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_report_written_to_a_pipe_or_device_leaves_it_one(tmp_path):
    """`--output /dev/null` or a named pipe: written to as it is, never replaced by a file."""
    import stat
    import threading

    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    write_atomic(str(fifo), "new\n")
    reader.join(timeout=10)
    assert received == ["new\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pipe"]


def test_a_report_written_through_a_link_goes_to_the_file_it_names(tmp_path):
    target = tmp_path / "reports" / "q1.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    write_atomic(str(link), "new\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new\n"


@pytest.mark.parametrize("severities, fail_on, code", [
    ([], "error", 0), (["warning"], "error", 0), (["warning"], "warning", 1), (["info"], "warning", 0),
    (["info"], "info", 1), (["error"], "never", 0), (["error", "info"], "error", 1),
])
def test_exit_code_follows_fail_on(severities, fail_on, code):
    report = {"findings": [{"severity": s} for s in severities]}
    assert exit_code(report, fail_on) == code


def test_annotated_names():
    assert annotated_name("in/q1.xlsx") == "q1.checked.xlsx"
    assert annotated_name("report.md") == "report.checked.html"
