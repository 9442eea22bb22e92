"""The hostile-input corpus (corpus.py) through the real command, each case in a fresh process held to
512 MB of address space, as CI runs it (`--format json`: the errors on stderr, the report on stdout): exit
2 and one line naming the file for what cannot be read, a normal check for what is merely large, never a
traceback, at most 10 s of CPU, and the inputs untouched.

CPU seconds (the process and the children it forks), not wall time, are the budget: CI machines are
shared, and a loaded machine must not fail a linear reader. A hang still fails: the wall clock is cut at
60 s.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CASES, Case  # noqa: E402

MEMORY = 512 << 20
CPU_SECONDS = 10
WALL_SECONDS = 60


def run_limited(args: list[str], cwd: Path, config: bool = False) -> tuple[subprocess.CompletedProcess, float]:
    """The CLI in a child under RLIMIT_AS; returns (process, CPU seconds of it and the children it forked
    and reaped). The tests run one at a time, so the growth of RUSAGE_CHILDREN is this command's."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    command = [sys.executable, "-m", "check_report", *args, "--format", "json",
               *([] if config else ["--no-config"])]
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run(command, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, preexec_fn=limit,
                              env=env, timeout=WALL_SECONDS, text=True, encoding="utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(args)}: still running after {WALL_SECONDS} s (a hang)")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return proc, cpu


def snapshot(folder: Path) -> dict[str, tuple]:
    """Size, modification time and digest of every regular file below `folder` (links and FIFOs are not
    opened; of a file over 64 MB, the sparse 3 GB one, the first and last MB are digested)."""
    digests = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        info = path.stat()
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            if info.st_size > 64 << 20:
                digest.update(handle.read(1 << 20))
                handle.seek(-(1 << 20), os.SEEK_END)
                digest.update(handle.read())
            else:
                while block := handle.read(1 << 20):
                    digest.update(block)
        digests[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns, digest.hexdigest())
    return digests


def _supported(case: Case) -> bool:
    return (case.needs != "fifo" or hasattr(os, "mkfifo")) and (case.needs != "symlink" or hasattr(os, "symlink"))


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(reason=c.known, strict=True))
                                  if c.known else c for c in CASES], ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path):
    if not _supported(case):
        pytest.skip(f"no {case.needs} on this platform")
    args = case.build(tmp_path)
    before = snapshot(tmp_path)
    proc, cpu = run_limited(args, tmp_path, config=case.config)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    errors = [line for line in proc.stderr.splitlines() if line.strip()]
    if case.error is None:
        assert proc.returncode in (0, 1), output[-3000:]
        assert not errors, errors
    else:
        assert proc.returncode == 2, output[-3000:]
        named = case.names or args[0]
        lines = [line for line in errors if case.error in line]
        assert len(lines) == 1 and named in lines[0], errors
    if case.checked_too:
        status = {f["path"]: f["status"] for f in json.loads(proc.stdout)["files"]}
        assert all(status[path] == "ok" for path in case.checked_too), status   # still checked and reported
    assert cpu <= CPU_SECONDS, f"{cpu:.1f} s of CPU"
    assert snapshot(tmp_path) == before, "an input was modified"
