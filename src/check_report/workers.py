"""Checking files in child processes: a crash, a native abort or an out-of-memory kill is that file's
outcome, never the batch's.

The parent imports what checking needs and loads the rule set once (`warm`), then forks `jobs` workers.
Each inherits the warm interpreter (no second import of pandas) and takes files one at a time from a pipe
all workers read, the largest first: a worker takes the next file as soon as it is done with one, so one
slow file holds up nobody and the batch ends on small files. It names each file before checking it and
sends the pickled `Outcome` back through a pipe of its own. The parent reads those pipes as data arrives:
a worker that dies before answering (a segfault in a native reader, a Rust abort on an impossible
allocation, the kernel's OOM killer, `limits.memory-mb`) or overruns `limits.seconds` (it is killed) gives
the file it was checking an error naming it and how the process ended; a fresh worker is forked for the
rest.

Where `os.fork` is missing (Windows), files are checked in worker processes of a ProcessPoolExecutor
instead (each imports the stack once), and a pool broken by a dying worker is replaced.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from itertools import islice

from check_report.findings import FileResult

POLL_SECONDS = 0.5
_SAMPLE_TEXT = """# Báo cáo kết quả quý I năm 2024

Tổng thu ngân sách nhà nước 3 tháng ước thực hiện 1.245 triệu đồng, đạt 25% kế hoạch, tăng 5% so cùng kỳ.
Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND huyện.
"""


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"   # macOS frameworks break in forked children


def run(paths: list[str], settings, jobs: int, on_done=None, cwd: str | None = None) -> list:
    """Outcomes of `pipeline.analyse` for every path, in input order, each computed in a child (working
    in `cwd` when given: a Dask worker checks the client's relative paths from the client's folder)."""
    if not can_fork():
        return _run_pool(paths, settings, jobs, on_done)
    if len(paths) > 1:
        warm(paths, settings)
    return _Forks(paths, settings, jobs, on_done, cwd).run()


_WARMED: set = set()


def warm_once(paths: list[str], settings, cwd: str) -> None:
    """`warm` for a long-lived process that checks files one task at a time (a Dask worker), once per
    kind of file and settings. The rule set is warmed only when it names no relative path (the process
    does not work in the client's folder; its children do)."""
    from pathlib import Path

    relative = any(("/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml"))) and not Path(spec).is_absolute()
                   for spec in tuple(settings.rules) + tuple(settings.vocabulary))
    key = (settings, frozenset(Path(p).suffix.lower() for p in paths))
    if relative or key in _WARMED:
        return
    _WARMED.add(key)
    warm(paths, settings)


def warm(paths: list[str], settings) -> None:
    """Import and load in the parent what every child needs, so children start warm: the readers of the
    kinds in the batch, the extractors, the engine, the rule set and the check kinds it uses, and the data
    they load on first use (one tiny analysis of a generated text and table does all of it).

    Without garbage collection: importing pandas and numpy sets off a hundred collections, each walking the
    objects imported so far (60 ms of the batch's serial start) to free next to nothing. The warm heap is
    then frozen, as the fork wants it, before the collector is back: its first collection would otherwise
    walk every object the warm-up made (25 ms)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        _warm(paths, settings)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _warm(paths: list[str], settings) -> None:
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


def largest_first(paths: list[str], cwd: str | None = None) -> list[int]:
    """The order to hand files out in: the largest first (input order among equals), so that the batch ends
    on small files and no worker is left with a large one while the others are idle. The report keeps the
    input order whatever the order of checking."""
    def size(index: int) -> int:
        try:
            return os.stat(os.path.join(cwd or "", paths[index])).st_size
        except (OSError, ValueError):
            return 0           # the worker reports what is wrong with it

    return sorted(range(len(paths)), key=lambda index: -size(index))


@dataclass
class _Worker:
    pid: int
    results: int                     # read end: the worker's messages (_HEADER, then a pickled outcome)
    index: int | None = None         # the file being checked, None when idle
    started: float = 0.0
    buffer: bytearray = field(default_factory=bytearray)
    timed_out: bool = False


# A message from a worker: the index of a file and the size of what follows; size 0: "I start this file",
# else the pickled outcome. A task is one index (8 bytes) in the pipe every worker reads.
_HEADER = struct.Struct("<QQ")
_TASK = struct.Struct("<Q")
_FEED_TASKS = getattr(select, "PIPE_BUF", 512) // _TASK.size   # a write of PIPE_BUF bytes is never split


class _Forks:
    """The parent's side. Files reach the workers through one pipe they all read, the largest first: a worker
    that finishes a file takes the next at once, without waiting for the parent to wake up (on two busy cores
    that wait is a millisecond or two per file), and no file waits behind a slow one while a worker is idle.
    A worker names the file it starts before checking it, so a crash or a time-out is that file's."""

    def __init__(self, paths, settings, jobs, on_done, cwd=None, retry: bool = True):
        self.paths = paths
        self.cwd = cwd
        self.unfed = deque(largest_first(paths, cwd))  # not yet written to the task pipe
        self.settings = settings
        self.jobs = max(1, min(jobs, len(paths)))
        self.on_done = on_done
        self.retry = retry
        self.outcomes: list = [None] * len(paths)
        self.waiting = len(paths)                       # files without an outcome yet
        self.workers: dict[int, _Worker] = {}          # results fd -> worker
        self.seconds = getattr(settings.limits, "seconds", 0)
        self.tasks, self.feed = -1, -1
        self.drained = False                            # a worker found the task pipe empty and closed

    def run(self) -> list:
        self.tasks, self.feed = os.pipe()
        os.set_blocking(self.feed, False)
        gc.freeze()     # the warm heap is shared with the workers: keep their collector off its pages
        try:
            while self.waiting:
                self._feed()
                if self._short_of_workers():
                    self._spawn()
                elif self.workers:
                    self._collect()
                else:
                    break           # files taken by a worker that died before naming them: see below
        finally:
            self._close_feed()
            for worker in list(self.workers.values()):
                self._retire(worker, kill=sys.exc_info()[0] is not None)
            os.close(self.tasks)
            gc.unfreeze()
        lost = [i for i, outcome in enumerate(self.outcomes) if outcome is None]
        if lost:      # once more, in fresh workers; lost again, they are reported as died
            again = _Forks([self.paths[i] for i in lost], self.settings, self.jobs, None, self.cwd, False).run() \
                if self.retry else [died(self.paths[i], None, self.settings) for i in lost]
            for i, outcome in zip(lost, again):
                self.outcomes[i] = outcome
                if self.on_done:
                    self.on_done(self.paths[i])
        return self.outcomes

    def _short_of_workers(self) -> bool:
        """A worker is wanted (a first one, or one for a worker that died) while files without an outcome
        outnumber the workers and the task pipe may still hold some."""
        return len(self.workers) < self.jobs and self.waiting > len(self.workers) and not self.drained

    def _feed(self) -> None:
        while self.unfed:
            chunk = list(islice(self.unfed, _FEED_TASKS))
            try:
                os.write(self.feed, b"".join(_TASK.pack(i) for i in chunk))
            except BlockingIOError:      # the pipe is full: the workers are busy; more when it drains
                return
            for _ in chunk:
                self.unfed.popleft()
        self._close_feed()               # all handed out: a worker finding the pipe empty stops

    def _close_feed(self) -> None:
        if self.feed >= 0:
            os.close(self.feed)
            self.feed = -1

    def _spawn(self) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:                                  # the worker: serve, then exit without cleanup
            for fd in [self.feed, result_read] + list(self.workers):
                if fd >= 0:
                    os.close(fd)
            _serve(self.paths, self.settings, self.tasks, result_write, self.cwd)
        os.close(result_write)
        self.workers[result_read] = _Worker(pid, result_read)

    def _collect(self) -> None:
        writable = [self.feed] if self.unfed and self.feed >= 0 else []
        ready, _, _ = select.select(list(self.workers), writable, [], POLL_SECONDS)
        for fd in ready:
            worker = self.workers[fd]
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                self._lost(worker)
                continue
            worker.buffer += chunk
            while len(worker.buffer) >= _HEADER.size:
                index, size = _HEADER.unpack_from(worker.buffer)
                if len(worker.buffer) < _HEADER.size + size:
                    break
                payload = bytes(worker.buffer[_HEADER.size:_HEADER.size + size])
                del worker.buffer[:_HEADER.size + size]
                if size == 0:
                    worker.index, worker.started, worker.timed_out = index, time.monotonic(), False
                else:
                    self._done(worker, pickle.loads(payload))
        if self.seconds:
            now = time.monotonic()
            for worker in self.workers.values():
                if worker.index is not None and not worker.timed_out and now - worker.started > self.seconds:
                    worker.timed_out = True
                    _kill(worker.pid)

    def _done(self, worker: _Worker, outcome) -> None:
        index, worker.index = worker.index, None
        if self.outcomes[index] is None:
            self.waiting -= 1
        self.outcomes[index] = outcome
        if self.on_done:
            self.on_done(self.paths[index])

    def _lost(self, worker: _Worker) -> None:
        """The worker's pipe closed: it ran out of files, or it died; the file it was checking gets an error
        saying how."""
        index, timed_out = worker.index, worker.timed_out
        status = self._retire(worker, kill=False)
        if index is None and status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            self.drained = True
        if index is not None:
            worker.index = index
            self._done(worker, died(self.paths[index], status, self.settings, timed_out))

    def _retire(self, worker: _Worker, kill: bool) -> int | None:
        self.workers.pop(worker.results, None)
        try:
            os.close(worker.results)
        except OSError:
            pass
        if kill:
            _kill(worker.pid)
        _, status = os.waitpid(worker.pid, 0)
        return status


def _serve(paths: list[str], settings, tasks: int, results: int, cwd: str | None = None) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)   # Ctrl-C ends the workers with the parent
        if cwd:
            os.chdir(cwd)
        _limit_memory(getattr(settings.limits, "memory_mb", 0))
        from check_report.pipeline import analyse

        while True:
            task = os.read(tasks, _TASK.size)          # whole tasks only: they are written 8 bytes at a time
            if len(task) != _TASK.size:                 # empty and closed: no more files
                break
            (index,) = _TASK.unpack(task)
            _send(results, _HEADER.pack(index, 0))     # named before it is checked: a crash is its own
            payload = pickle.dumps(analyse(paths[index], settings), protocol=pickle.HIGHEST_PROTOCOL)
            _send(results, _HEADER.pack(index, len(payload)) + payload)
    except BaseException:  # noqa: BLE001 - whatever happens, the parent reports the file; never return
        code = 70
    finally:
        os._exit(code)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _limit_memory(megabytes: int) -> None:
    """Let the worker grow by `megabytes` beyond what it has at the start (the warm interpreter it
    inherited: imports and the rule set, several hundred MB of address space that are not the file's)."""
    if not megabytes:
        return
    import resource

    cap = _address_space() + (megabytes << 20)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _address_space() -> int:
    """This process's virtual size in bytes (Linux: /proc/self/statm), 0 where it cannot be told."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


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
        rank = {index: place for place, index in enumerate(largest_first(paths))}
        futures = {i: pool.submit(analyse, paths[i], settings) for i in sorted(indices, key=rank.__getitem__)}
        for i, future in futures.items():
            try:
                outcomes[i] = future.result()
            except BrokenProcessPool:
                broken.append(i)
                continue
            if on_done:
                on_done(paths[i])
    return broken
