"""A crash, an abort, an endless read or a memory hog in one file is that file's error, never the batch's,
with --jobs 1 and --jobs N: the other files are still checked and reported, and the run exits 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import GOOD_MD, far_cell  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation by fork (POSIX)")

# Readers planted for test-only extensions: a segfault in native code, a read that never ends, a reader
# that allocates without bound. Registered before the CLI starts, so forked children inherit them.
PLANTED = """
import sys, types
from check_report import readers
module = types.ModuleType("planted_readers")
def crash(path, limits):
    import ctypes
    ctypes.string_at(0)                      # a null pointer read: SIGSEGV, as a native reader bug would
def slow(path, limits):
    import time
    time.sleep(600)
def hog(path, limits):
    chunks = []
    while True:
        chunks.append(bytearray(64 << 20))
module.crash, module.slow, module.hog = crash, slow, hog
sys.modules["planted_readers"] = module
readers.READERS.update({".crash": "planted_readers:crash", ".slow": "planted_readers:slow",
                        ".hog": "planted_readers:hog"})
from check_report.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def check(folder: Path, *args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess, dict]:
    proc = subprocess.run([sys.executable, "-c", PLANTED, *args, "--format", "json"], cwd=folder,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    return proc, {f["path"]: f for f in report["files"]}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.md").write_text(GOOD_MD, encoding="utf-8")
    (tmp_path / "also-good.md").write_text(GOOD_MD, encoding="utf-8")
    for name in ("boom.crash", "forever.slow", "greedy.hog"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_segfault_is_the_files_error(folder, jobs):
    proc, files = check(folder, "boom.crash", "good.md", "also-good.md", "--no-config", "--jobs", jobs)
    assert proc.returncode == 2
    assert files["boom.crash"]["status"] == "error" and "SIGSEGV" in files["boom.crash"]["error"]
    assert files["good.md"]["status"] == files["also-good.md"]["status"] == "ok"
    assert files["good.md"]["facts"] > 0
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("check-report: boom.crash: ") and "crashed" in line


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_native_abort_on_an_impossible_allocation_is_the_files_error(folder, jobs):
    """The real thing: with the screen's cell limit raised past reason, calamine asks for 512 GiB for a
    5 KB workbook and aborts the process checking it."""
    far_cell(folder)
    (folder / "raised.yaml").write_text("limits: {cells: 100000000000}\n", encoding="utf-8")
    proc, files = check(folder, "far.xlsx", "good.md", "--config", "raised.yaml", "--jobs", jobs)
    assert proc.returncode == 2
    assert files["far.xlsx"]["status"] == "error" and "abort" in files["far.xlsx"]["error"]
    assert files["good.md"]["status"] == "ok"


def test_the_time_limit_ends_a_file_that_never_finishes(folder):
    (folder / "limits.yaml").write_text("limits: {seconds: 2}\n", encoding="utf-8")
    started = time.monotonic()
    proc, files = check(folder, "forever.slow", "good.md", "also-good.md", "--config", "limits.yaml",
                        "--jobs", "2")
    assert time.monotonic() - started < 60
    assert proc.returncode == 2
    assert "longer than 2 s" in files["forever.slow"]["error"] and "limits.seconds" in files["forever.slow"]["error"]
    assert files["good.md"]["status"] == files["also-good.md"]["status"] == "ok"


def test_the_memory_limit_stops_a_greedy_reader(folder):
    (folder / "limits.yaml").write_text("limits: {memory-mb: 1024}\n", encoding="utf-8")
    proc, files = check(folder, "greedy.hog", "good.md", "--config", "limits.yaml")
    assert proc.returncode == 2
    assert "out of memory" in files["greedy.hog"]["error"] and "limits.memory-mb" in files["greedy.hog"]["error"]
    assert files["good.md"]["status"] == "ok"


def test_jobs_n_reports_exactly_what_jobs_1_reports(folder):
    inputs = ("boom.crash", "good.md", "also-good.md", "missing.md")
    one, _ = check(folder, *inputs, "--no-config", "--jobs", "1")
    two, _ = check(folder, *inputs, "--no-config", "--jobs", "3")
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout
