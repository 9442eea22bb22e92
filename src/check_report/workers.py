"""Checking each file in a child process: a crash, a native abort or an out-of-memory kill is that file's
outcome, never the batch's.

The parent imports what checking needs and loads the rule set once (`warm`), then forks one child per
file, at most `jobs` at a time, each handed the next file as soon as one finishes (one slow file holds
up nobody). A child inherits the warm interpreter (no second import of pandas), checks its file, sends
the pickled `Outcome` back through a pipe and exits. The parent reads every pipe as data arrives and
reaps each child: a child that died without sending a whole outcome (a segfault in a native reader, a
Rust abort on an impossible allocation, the kernel's OOM killer, `limits.memory-mb`, `limits.seconds`)
gives that file an error naming it and how the child ended; the batch goes on.

Where `os.fork` is missing (Windows), files are checked in worker processes of a ProcessPoolExecutor
instead (each imports the stack once), and a pool broken by a dying worker is replaced.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, field

from check_report.findings import FileResult

POLL_SECONDS = 0.5
_SAMPLE_TEXT = """# Báo cáo kết quả quý I năm 2024

Tổng thu ngân sách nhà nước 3 tháng ước thực hiện 1.245 triệu đồng, đạt 25% kế hoạch, tăng 5% so cùng kỳ.
Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND huyện.
"""


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"   # macOS frameworks break in forked children


def run(paths: list[str], settings, jobs: int, on_done=None) -> list:
    """Outcomes of `pipeline.analyse` for every path, in input order, each computed in a child."""
    if not can_fork():
        return _run_pool(paths, settings, jobs, on_done)
    if len(paths) > 1:
        warm(paths, settings)
    return _Forks(paths, settings, jobs, on_done).run()


def warm(paths: list[str], settings) -> None:
    """Import and load in the parent what every child needs, so children start warm: the readers of the
    kinds in the batch, the extractors, the engine, the rule set and the check kinds it uses, and the data
    they load on first use (one tiny analysis of a generated text and table does all of it)."""
    from pathlib import Path

    from check_report import pipeline, readers

    for suffix in {Path(p).suffix.lower() for p in paths}:
        target = readers.READERS.get(suffix)
        if target:
            __import__(target.split(":")[0])
    if any(Path(p).suffix.lower() in (".xlsx", ".xlsm", ".xls") for p in paths):
        __import__("python_calamine")
    from check_report.readers.base import Cell, Grid, Source
    from check_report.readers.text import parse_with_tables

    document, _ = parse_with_tables(_SAMPLE_TEXT, path="warm-up.md", kind="md")
    rows = [["STT", "Chỉ tiêu", "Kế hoạch năm", "Quý I", "% KH"], [1, "Thu ngân sách", 1000, 250, 25]]
    grid = Grid(name="warm-up", rows=[[Cell(v) for v in row] for row in rows])
    for source in (Source(path="warm-up.md", kind="md", document=document), Source("warm-up.xlsx", "xlsx", [grid])):
        try:
            pipeline.analyse_source(source, source.path, settings)
        except Exception:  # noqa: BLE001 - warming is an optimisation; the children report real trouble
            pass


@dataclass
class _Child:
    index: int
    path: str
    pid: int
    started: float
    data: list[bytes] = field(default_factory=list)
    timed_out: bool = False


class _Forks:
    def __init__(self, paths, settings, jobs, on_done):
        self.queue = deque(enumerate(paths))
        self.settings = settings
        self.jobs = max(1, jobs)
        self.on_done = on_done
        self.outcomes: list = [None] * len(paths)
        self.running: dict[int, _Child] = {}        # read end of the child's pipe -> the child
        self.seconds = getattr(settings.limits, "seconds", 0)

    def run(self) -> list:
        try:
            while self.queue or self.running:
                while self.queue and len(self.running) < self.jobs:
                    self._start(*self.queue.popleft())
                self._collect()
        except BaseException:
            for child in self.running.values():
                _kill(child.pid)
            raise
        return self.outcomes

    def _start(self, index: int, path: str) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:                                  # the child: check, send, exit without cleanup
            os.close(read_end)
            _child(path, self.settings, write_end)
        os.close(write_end)
        self.running[read_end] = _Child(index, path, pid, time.monotonic())

    def _collect(self) -> None:
        ready, _, _ = select.select(list(self.running), [], [], POLL_SECONDS)
        for fd in ready:
            chunk = os.read(fd, 1 << 20)
            if chunk:
                self.running[fd].data.append(chunk)
            else:
                self._finish(fd)
        if self.seconds:
            now = time.monotonic()
            for child in self.running.values():
                if not child.timed_out and now - child.started > self.seconds:
                    child.timed_out = True
                    _kill(child.pid)

    def _finish(self, fd: int) -> None:
        child = self.running.pop(fd)
        os.close(fd)
        _, status = os.waitpid(child.pid, 0)
        outcome = None
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            try:
                outcome = pickle.loads(b"".join(child.data))
            except Exception:  # noqa: BLE001 - a truncated outcome: the child died while sending it
                outcome = None
        if outcome is None:
            outcome = died(child.path, status, self.settings, child.timed_out)
        self.outcomes[child.index] = outcome
        if self.on_done:
            self.on_done(child.path)


def _child(path: str, settings, write_end: int) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)   # Ctrl-C ends the children with the parent
        _limit_memory(getattr(settings.limits, "memory_mb", 0))
        from check_report.pipeline import analyse

        payload = pickle.dumps(analyse(path, settings), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view):]
    except BaseException:  # noqa: BLE001 - whatever happens, the parent reports this file; never return
        code = 70
    finally:
        os._exit(code)


def _limit_memory(megabytes: int) -> None:
    if not megabytes:
        return
    import resource

    cap = megabytes << 20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def died(path: str, status: int | None, settings, timed_out: bool = False):
    """The outcome of a file whose checking process ended without an answer."""
    from check_report.pipeline import Outcome

    limits = settings.limits
    if timed_out:
        why = limits.refusal("seconds", f"checking took longer than {limits.seconds} s")
    elif status is not None and os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.valid_signals() else f"signal {number}"
        why = f"the process checking it crashed ({name})"
        if number == signal.SIGKILL:
            why = "the process checking it was killed (SIGKILL: out of memory?)"
        elif number == signal.SIGABRT:
            why = "the process checking it aborted (SIGABRT: a native reader failed, e.g. an impossible allocation)"
    elif status is not None and os.WIFEXITED(status):
        why = f"the process checking it exited with code {os.WEXITSTATUS(status)} without a result"
    else:
        why = "the process checking it died without a result"
    return Outcome(FileResult(path=path, status="error", error=f"{path}: {why}"))


# ------------------------------------------------------------------------------------ without fork


def _run_pool(paths: list[str], settings, jobs: int, on_done) -> list:
    outcomes: list = [None] * len(paths)
    broken = _pool_pass(paths, settings, range(len(paths)), jobs, outcomes, on_done)
    for i in broken:                 # a worker died: retry each unfinished file alone to find the culprit
        if _pool_pass(paths, settings, [i], 1, outcomes, on_done):
            outcomes[i] = died(paths[i], None, settings)
            if on_done:
                on_done(paths[i])
    return outcomes


def _pool_pass(paths, settings, indices, workers: int, outcomes: list, on_done) -> list[int]:
    """Check `indices` in a fresh pool; returns those whose worker died before answering."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from check_report.pipeline import analyse

    broken = []
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(indices)))) as pool:
        futures = {i: pool.submit(analyse, paths[i], settings) for i in indices}
        for i, future in futures.items():
            try:
                outcomes[i] = future.result()
            except BrokenProcessPool:
                broken.append(i)
                continue
            if on_done:
                on_done(paths[i])
    return broken
