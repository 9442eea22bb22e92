"""Reading a large workbook against its raw reader, and the peak memory a user of the CLI meets (issue 11).

    python benchmarks/bench_read.py [--rows 100000] [--repeat 5] [--styled] [--path FILE.xlsx]

In one run, on the workbook `build_large_table.py` writes (or FILE):
- read speed: `readers.read` + `extract` (cells to the fact table) against python-calamine alone reading
  every sheet's cells, in the same process, interleaved A B A B; the ratio is taken pair by pair (CPU
  seconds, so that a busy machine moves both alike) and its median printed. Target: <= 3.
- peak memory of `check-report FILE` with the default packs and with `--rules core` (the largest process
  of the run, its forked worker included: the kernel's accounting of the finished child), and their
  whole-process time ratio (the text pack's check kinds on a workbook's facts). Target: default packs
  within MEMORY_TARGET_MB, and within 1.25x of core's time.
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

READ_RATIO_TARGET = 3.0
MEMORY_TARGET_MB = 500
PACKS_RATIO_TARGET = 1.25


def raw_read(path: str) -> int:
    """Every sheet's cells as python-calamine gives them: the floor any reader built on it stands on."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(path)
    return sum(len(book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names)


def our_read(path: str) -> int:
    from check_report import readers
    from check_report.extract import extract

    facts, _notes = extract(readers.read(path))
    return len(facts)


def cpu(function, path: str) -> tuple[float, int]:
    start = time.process_time()
    result = function(path)
    return time.process_time() - start, result


def read_ratio(path: str, repeat: int) -> tuple[float, float, float, int]:
    """(median raw seconds, median ours, median of the pairs' ratios, facts)."""
    cpu(raw_read, path)
    cpu(our_read, path)           # warm: imports, vocabulary, rule caches
    raws, ours, ratios, facts = [], [], [], 0
    for _ in range(repeat):
        raw_s, _rows = cpu(raw_read, path)
        our_s, facts = cpu(our_read, path)
        raws.append(raw_s)
        ours.append(our_s)
        ratios.append(our_s / raw_s)
    return statistics.median(raws), statistics.median(ours), statistics.median(ratios), facts


# The CLI is started by a small launcher process, which reports what the OS accounted for it. A child this
# benchmark started itself, after reading the workbook in-process, was charged this process's own memory at
# the fork (ru_maxrss counts the pages it shared until it ran the CLI): 541 MB, where the CLI alone takes 480.
_LAUNCH = ("import os, subprocess, sys, time; start = time.perf_counter(); "
           "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
           "_pid, _status, usage = os.wait4(child.pid, 0); print(time.perf_counter() - start, usage.ru_maxrss)")


def cli_run(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak MB of the largest process) of one `check-report` run."""
    script = Path(sys.executable).with_name("check-report")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "check_report"]
    done = subprocess.run([sys.executable, "-c", _LAUNCH, *cmd, *args, "--format", "json", "--output", os.devnull],
                          cwd=REPO, capture_output=True, text=True, check=True)
    seconds, max_rss = done.stdout.split()
    return float(seconds), int(max_rss) / 1024   # Linux: KB; the subtree's largest process


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--styled", action="store_true", help="number formats on every figure cell")
    parser.add_argument("--path", help="an existing workbook instead of a built one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.path
        if path is None:
            from build_large_table import build

            path = build(str(Path(tmp) / "large.xlsx"), rows=args.rows, styled=args.styled)
        raw_s, our_s, ratio, facts = read_ratio(path, args.repeat)
        runs: dict[str, list[tuple[float, float]]] = {"default": [], "core": []}
        for _ in range(max(1, args.repeat // 2)):
            runs["default"].append(cli_run([path]))
            runs["core"].append(cli_run([path, "--rules", "core"]))
    peak = {name: max(mb for _s, mb in values) for name, values in runs.items()}
    wall = {name: statistics.median(s for s, _mb in values) for name, values in runs.items()}
    packs_ratio = statistics.median(d[0] / c[0] for d, c in zip(runs["default"], runs["core"]))
    print(f"workbook: {Path(path).name if args.path else f'{args.rows:,} rows'}, {facts:,} facts"
          f"{' (styled)' if args.styled else ''}")
    print(f"raw python-calamine read:  {raw_s:.2f} s cpu (median of {args.repeat})")
    print(f"readers.read + extract:    {our_s:.2f} s cpu  ({facts / our_s:,.0f} facts/s)")
    print(f"read ratio (pairwise median): {ratio:.2f}x  (target <= {READ_RATIO_TARGET}x)")
    print(f"check-report, default packs: peak {peak['default']:.0f} MB, {wall['default']:.2f} s")
    print(f"check-report --rules core:   peak {peak['core']:.0f} MB, {wall['core']:.2f} s")
    print(f"default / core time (pairwise median): {packs_ratio:.2f}x  (target <= {PACKS_RATIO_TARGET}x); "
          f"peak memory target for the default packs <= {MEMORY_TARGET_MB} MB")
    ok = ratio <= READ_RATIO_TARGET and peak["default"] <= MEMORY_TARGET_MB and packs_ratio <= PACKS_RATIO_TARGET
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
