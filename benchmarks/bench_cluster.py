"""Dask benchmark (issue 11): the batch of bench_jobs.py on a local Dask cluster against the local run.

    python benchmarks/bench_cluster.py [--reports 40] [--rows 400] [--workers 2] [--repeat 3]

Starts a distributed.LocalCluster (`--workers` worker processes, one thread each), then runs the CLI on
the batch locally (`--jobs <workers>`) and with `--scheduler` (A B A B, whole processes), prints the
medians, and checks that both give byte-identical JSON reports. On one machine the cluster cannot be
faster than local forked workers (it adds the scheduler and the network on top of the same cores): the
figure to read is its overhead, which is what a real cluster's extra machines have to pay back.
Needs the extra: pip install 'check-report[dask]'.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


def main() -> int:
    from bench_jobs import build_batch

    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        from distributed import LocalCluster
    except ImportError:
        print("needs the dask extra: pip install 'check-report[dask]'")
        return 1
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None) as cluster:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        build_batch(folder, args.reports, args.rows)
        base = [sys.executable, "-m", "check_report", "batch", "--no-config", "--format", "json"]
        commands = {"local": base + ["--jobs", str(args.workers)],
                    "cluster": base + ["--scheduler", cluster.scheduler_address]}
        answers, times = {}, {name: [] for name in commands}
        for name, command in commands.items():          # warm-up (the workers' first imports) and answers
            answers[name] = subprocess.run(command, cwd=tmp, capture_output=True, check=False).stdout
        for _ in range(args.repeat):
            for name, command in commands.items():
                started = time.perf_counter()
                subprocess.run(command, cwd=tmp, capture_output=True, check=False)
                times[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"batch: {args.reports} reports, {args.workers} workers")
    for name, value in medians.items():
        print(f"  {name:8s} median {value:6.2f} s   (min {min(times[name]):.2f}, max {max(times[name]):.2f})")
    print(f"  cluster / local = {medians['cluster'] / medians['local']:.2f}")
    identical = answers["local"] == answers["cluster"] and bool(answers["local"])
    print(f"  findings identical (JSON byte for byte): {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
