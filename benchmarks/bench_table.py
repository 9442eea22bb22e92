"""Spreadsheet benchmark (issue 2): read and check throughput on a large synthetic table, and the
whole-process time of `check-report samples/q1.xlsx` beside `python -c "import pandas"`, in one run.

    python benchmarks/bench_table.py [--rows 100000] [--repeat 5]

Targets: the CLI on the sample within 1.5x of importing pandas; >= 1M checked facts per second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))


def whole_process(cmds: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Median wall time of fresh processes (start-up included), interleaved so that load on the machine
    hits every command alike, after one warm-up run each. Bytecode is written as on a user's machine
    (pip compiles it on install), whatever PYTHONDONTWRITEBYTECODE says here."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for cmd in cmds.values():
        subprocess.run(cmd, capture_output=True, cwd=REPO, env=env)
    for _ in range(repeat):
        for name, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=REPO, env=env)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()

    from build_large_table import build

    from check_report import engine, extract, readers

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.xlsx"
        build(str(path), rows=args.rows)
        start = time.perf_counter()
        source = readers.read(str(path))
        facts, _ = extract.extract(source)
        read_s = time.perf_counter() - start
        ruleset = engine.load_rules(["core"])
        start = time.perf_counter()
        result = engine.run_rules(facts, ruleset, path=str(path))
        check_s = time.perf_counter() - start
    print(f"large table: {args.rows:,} indicator rows, {len(facts):,} facts")
    print(f"read+extract: {read_s:.2f} s  ({len(facts) / read_s:,.0f} facts/s)")
    print(f"check:        {check_s:.2f} s  ({len(facts) / check_s:,.0f} checked facts/s), "
          f"{len(result.findings)} findings")
    script = Path(sys.executable).with_name("check-report")  # the console script users run
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "check_report"]
    medians = whole_process({"pandas": [sys.executable, "-c", "import pandas"],
                             "cli": [*cli, "samples/q1.xlsx"]}, args.repeat)
    pandas_s, cli_s = medians["pandas"], medians["cli"]
    print(f'python -c "import pandas":          {pandas_s:.3f} s')
    print(f"check-report samples/q1.xlsx:       {cli_s:.3f} s  ({cli_s / pandas_s:.2f}x; target <= 1.5x)")
    ok = cli_s <= 1.5 * pandas_s and len(facts) / check_s >= 1_000_000
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
