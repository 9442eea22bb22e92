"""The fork runner's bookkeeping, with a stand-in for checking a file (forked children inherit it): every
file gets exactly its own outcome, in input order, however the files are handed out or a worker dies."""

from __future__ import annotations

import os
import time
from dataclasses import replace

import pytest

from check_report import pipeline, workers
from check_report.findings import FileResult
from check_report.pipeline import Outcome, Settings

pytestmark = pytest.mark.skipif(not workers.can_fork(), reason="the fork runner (POSIX)")


def _stand_in(path, settings):
    return Outcome(FileResult(path=path, facts=int(path.rsplit("-", 1)[1]), notes=[f"checked by {os.getpid()}"]))


@pytest.fixture
def checked(monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", _stand_in)
    return lambda paths, jobs, **kw: workers._Forks(paths, Settings(), jobs, None, **kw).run()


@pytest.mark.parametrize("jobs", [1, 3])
def test_more_files_than_the_task_pipe_holds(checked, jobs):
    paths = [f"file-{i}" for i in range(20_000)]          # 160 KB of tasks: fed as the workers drain the pipe
    outcomes = checked(paths, jobs)
    assert [o.result.facts for o in outcomes] == list(range(20_000))
    assert len({o.result.notes[0] for o in outcomes}) == jobs


def test_largest_files_are_handed_out_first(tmp_path):
    sizes = [5, 300, 40, 300, 0]
    paths = []
    for i, size in enumerate(sizes):
        (tmp_path / f"f{i}").write_bytes(b"x" * size)
        paths.append(f"f{i}")
    paths.append("missing")
    assert workers.largest_first(paths, str(tmp_path)) == [1, 3, 2, 0, 4, 5]


def test_a_file_taken_by_a_worker_that_dies_before_naming_it_is_checked_again(checked, monkeypatch):
    """SIGKILL (the OOM killer) between taking a file from the pipe and naming it: the file is not lost."""
    marker = f"/tmp/check-report-test-{os.getpid()}-{time.monotonic_ns()}"
    real_send = workers._send

    def send(fd, data):
        index, size = workers._HEADER.unpack_from(data)
        if index == 3 and size == 0 and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(9)                      # the first worker to take file 3 dies before saying so
        real_send(fd, data)

    monkeypatch.setattr(workers, "_send", send)
    try:
        outcomes = checked([f"file-{i}" for i in range(8)], 2)
    finally:
        if os.path.exists(marker):
            os.unlink(marker)
    assert [o.result.facts for o in outcomes] == list(range(8))
    assert all(o.result.status == "ok" for o in outcomes)


def test_a_file_lost_twice_is_reported_as_died(checked, monkeypatch):
    real_send = workers._send

    def send(fd, data):
        index, size = workers._HEADER.unpack_from(data)
        if index == 0 and size == 0:
            os._exit(9)
        real_send(fd, data)

    monkeypatch.setattr(workers, "_send", send)
    paths = ["file-0", "file-1", "file-2"]
    outcomes = checked(paths, 2)
    assert outcomes[0].result.status == "error" and "died without a result" in outcomes[0].result.error
    assert [o.result.facts for o in outcomes[1:]] == [1, 2]


def _except(path, action):
    """The stand-in, but checking `path` does `action`."""
    def analyse(checked_path, settings):
        if checked_path == path:
            action()
        return _stand_in(checked_path, settings)
    return analyse


def test_a_worker_dying_in_a_file_gives_that_file_the_error(checked, monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", _except("file-2", lambda: os._exit(3)))
    outcomes = checked([f"file-{i}" for i in range(6)], 2)
    assert "exited with code 3" in outcomes[2].result.error
    assert [o.result.facts for i, o in enumerate(outcomes) if i != 2] == [0, 1, 3, 4, 5]


def test_a_file_over_the_time_limit_is_killed_and_the_others_go_on(checked, monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", _except("file-0", lambda: time.sleep(60)))
    settings = replace(Settings(), limits=replace(Settings().limits, seconds=1))
    started = time.monotonic()
    outcomes = workers._Forks([f"file-{i}" for i in range(5)], settings, 2, None).run()
    assert time.monotonic() - started < 30
    assert "longer than 1 s" in outcomes[0].result.error
    assert [o.result.facts for o in outcomes[1:]] == [1, 2, 3, 4]
