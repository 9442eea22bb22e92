"""Prose benchmark (issue 3): extraction and check throughput on seed-sized narrative reports.

    python benchmarks/bench_prose.py [--repeat 20] [FILE ...]

Without FILE it uses the seed report when ../shared is present, else samples/report.md repeated to the
seed's size (~270 lines). Prints reports per second for reading + extraction, for the checks (default rule
set, loaded once), and for both.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_01577812a857f945.txt"
SEED_LINES = 267


def inputs(files: list[str]) -> list[Path]:
    if files:
        return [Path(f) for f in files]
    if SEED.exists():
        return [SEED]
    sample = (REPO / "samples" / "report.md").read_text(encoding="utf-8")
    copies = max(1, SEED_LINES // max(1, sample.count("\n")))
    path = Path(tempfile.mkdtemp()) / "seed-sized.md"
    path.write_text("\n".join([sample] * copies), encoding="utf-8")
    return [path]


def timed(func, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    from check_report.engine import load_rules, run_rules
    from check_report.extract import extract
    from check_report.extract.prose_scan import scan_block
    from check_report.readers import read

    ruleset = load_rules(["default"])
    for path in inputs(args.files):
        def read_and_extract(path=path):
            scan_block.cache_clear()      # each repetition reads the report afresh, as a new report would be
            source = read(str(path))
            return source, extract(source)[0]

        read_and_extract()  # warm-up: imports, compiled regexes
        t_extract, (source, facts) = timed(read_and_extract, args.repeat)
        def check(facts=facts, path=path, document=source.document):
            return run_rules(facts.copy(), ruleset, path=str(path), document=document)   # a new table each time

        t_check, result = timed(check, args.repeat)
        lines = sum(1 for _ in path.open(encoding="utf-8", errors="replace")) if path.suffix != ".docx" else 0
        print(f"{path.name}: {lines} lines, {len(source.document.blocks)} blocks, {len(facts)} facts, "
              f"{len(result.findings)} findings")
        print(f"  read + extract : {t_extract * 1000:8.1f} ms  -> {1 / t_extract:7.1f} reports/s")
        print(f"  checks         : {t_check * 1000:8.1f} ms  -> {1 / t_check:7.1f} reports/s")
        print(f"  together       : {(t_extract + t_check) * 1000:8.1f} ms  -> "
              f"{1 / (t_extract + t_check):7.1f} reports/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
