"""`--scheduler` on a real Dask cluster (distributed.LocalCluster, worker processes): the report is byte
for byte the local one, unreadable files included; a scheduler that cannot be reached is one line, exit 2.
Skipped when the `dask` extra is not installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_report", *args, "--no-config", "--format", "json"],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def batch(tmp_path):
    (tmp_path / "reports" / "text").mkdir(parents=True)
    for name in ("q1.xlsx", "report.md", "report.docx", "report-clean.md"):
        if (REPO / "samples" / name).exists():
            shutil.copy(REPO / "samples" / name, tmp_path / "reports" / name)
    shutil.copy(REPO / "tests" / "fixtures" / "workbooks" / "semicolon.csv", tmp_path / "reports" / "text")
    (tmp_path / "reports" / "broken.xlsx").write_bytes(b"x\n")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "mine.yaml").write_text(
        "extends: [default]\npack: mine\nrules:\n  - id: plan-positive\n    expr: plan > 0\n", encoding="utf-8")
    return tmp_path


def test_the_cluster_gives_the_local_report_byte_for_byte(scheduler, batch):
    """Relative paths and a relative rule file: the workers check from the client's folder."""
    local = cli("reports", "--rules", "rules/mine.yaml", cwd=batch)
    remote = cli("reports", "--rules", "rules/mine.yaml", "--scheduler", scheduler, cwd=batch)
    assert remote.returncode == local.returncode == 2, remote.stderr
    assert remote.stdout == local.stdout
    report = json.loads(remote.stdout)
    status = {f["path"]: f["status"] for f in report["files"]}
    assert status.pop("reports/broken.xlsx") == "error" and set(status.values()) == {"ok"} and len(status) >= 4
    assert report["findings"]                      # the samples hold deliberate discrepancies


def test_an_unreachable_scheduler_is_one_line(batch):
    proc = cli("reports", "--scheduler", "tcp://127.0.0.1:9", cwd=batch,
               env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in line
