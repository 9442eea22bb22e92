"""Native engine vs GX checkpoint on the same large fact table and the same rule set, in one run.

    python benchmarks/bench_gx.py [--indicators 20000] [--rules core]

Prints the import cost of great_expectations, the time of each engine, the slowdown, and whether both
found the same findings (they must: the GX expectations call the engine).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engine import build_table

from check_report import facts as F
from check_report.engine import load_rules, run_rules


def inject_errors(table, every: int = 997):
    """Break one cumulative figure in every `every` indicators, far outside its rounding."""
    rows = table.index[table[F.MEASURE] == F.CUMULATIVE][::every]
    for column in (F.VALUE, F.LOWER, F.UPPER):
        table.loc[rows, column] = table.loc[rows, column] + 1000
    return len(rows)


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=20_000)
    parser.add_argument("--rules", action="append", default=[], help="packs or rule files (default: core)")
    args = parser.parse_args()
    table = build_table(args.indicators)
    broken = inject_errors(table)
    ruleset = load_rules(args.rules or ["core"])
    print(f"fact table: {len(table):,} facts, {args.indicators:,} indicators, {broken} broken; "
          f"{len(ruleset.rules)} rules")

    native, native_s = timed(run_rules, table, ruleset, path="bench.xlsx")
    _, import_s = timed(__import__, "great_expectations")
    from check_report.gx import run_with_gx

    through_gx, gx_s = timed(run_with_gx, table, ruleset, path="bench.xlsx")
    same = through_gx.findings == native.findings and through_gx.per_rule == native.per_rule
    print(f"native engine : {native_s:8.2f} s  ({len(native.findings)} findings, "
          f"{len(table) / native_s:,.0f} facts/s)")
    print(f"GX checkpoint : {gx_s:8.2f} s  ({len(through_gx.findings)} findings, "
          f"{len(table) / gx_s:,.0f} facts/s) + {import_s:.2f} s to import great_expectations")
    print(f"GX / native   : {gx_s / native_s:8.1f} x   same findings: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
