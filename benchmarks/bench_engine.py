"""Engine throughput: build a fact table of 100k indicators x ~10 measures in memory, run the default
rules, print checked facts per second (target >= 1M/s on a 2-core machine).

    python benchmarks/bench_engine.py [--indicators 100000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from check_report import engine
from check_report import facts as F


def build_table(n_indicators: int, seed: int = 0) -> pd.DataFrame:
    """A clean table: every 11th indicator is the complete total of the next 10."""
    rng = np.random.default_rng(seed)
    rows = np.arange(n_indicators)
    entity = np.array([f"S!{i + 5}" for i in rows], dtype=object)
    # every 11th row is a total over the next 10, declared complete: its additive figures are the sums
    is_total = rows % 11 == 0
    total_of = rows - rows % 11
    parent = np.where(is_total, None, entity[total_of])

    def totalled(values: np.ndarray) -> np.ndarray:
        sums = np.bincount(total_of[~is_total], values[~is_total], minlength=n_indicators)
        return np.where(is_total, sums, values)

    months = [totalled(rng.integers(50, 5000, n_indicators).astype(float)) for _ in range(3)]
    cumulative = months[0] + months[1] + months[2]
    plan = totalled(np.round(cumulative * rng.uniform(2, 5, n_indicators)))
    previous = totalled(np.round(cumulative * rng.uniform(0.7, 1.3, n_indicators)))
    count = totalled(rng.integers(1, 100, n_indicators).astype(float))
    columns: list[tuple[str, np.ndarray, str, int, int, int]] = [
        (F.PLAN, plan, "", 0, 0, 0),
        (F.MONTH, months[0], "2024-01", 0, 1, 1),
        (F.MONTH, months[1], "2024-02", 0, 2, 2),
        (F.MONTH, months[2], "2024-03", 0, 3, 3),
        (F.CUMULATIVE, cumulative, "2024-01..2024-03", 0, 1, 3),
        (F.PREVIOUS, previous, "2023-01..2023-03", 0, 1, 3),
        (F.PCT_PLAN, np.round(cumulative / plan * 100, 2), "", 2, 0, 0),
        (F.PCT_PREVIOUS, np.round(cumulative / previous * 100, 2), "", 2, 0, 0),
        (F.GROWTH, np.round((cumulative / previous - 1) * 100, 2), "", 2, 0, 0),
        (F.COUNT, count, "", 0, 0, 0),
    ]
    frames = []
    for k, (measure, values, period, decimals, start, end) in enumerate(columns):
        half = 0.5 * 10.0 ** -decimals
        frames.append(pd.DataFrame({
            F.FILE: "bench.xlsx", F.SHEET: "S", F.CELL: [f"{chr(67 + k)}{i + 5}" for i in range(n_indicators)],
            F.ENTITY: entity, F.INDICATOR: entity, F.PARENT: parent, F.COMPLETE: is_total, F.MEASURE: measure, F.PERIOD: period,
            F.PERIOD_START: start or None, F.PERIOD_END: end or None, F.YEAR: 2024, F.VALUE: values,
            F.LOWER: values - half, F.UPPER: values + half, F.DECIMALS: decimals, F.RAW: values.astype(str),
        }))
    table = pd.concat(frames, ignore_index=True)
    for column in F.COLUMNS:
        if column not in table:
            table[column] = None
    table[F.SCALE] = 1.0
    table[F.SOURCE] = "table"
    return table[list(F.COLUMNS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    table = build_table(args.indicators)
    ruleset = engine.load_rules(["core"])
    elapsed = cpu = float("inf")
    for _ in range(args.repeat):     # best of n: other processes may share this machine
        start, start_cpu = time.perf_counter(), time.process_time()
        result = engine.run_rules(table, ruleset, path="bench.xlsx")
        elapsed = min(elapsed, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    evaluated = sum(s.evaluated for s in result.per_rule.values())
    print(f"facts: {len(table):,}  checked facts: {len(result.checked_facts):,}  rule applications: "
          f"{evaluated:,}  findings: {len(result.findings)}")
    print(f"run_rules: {elapsed:.3f} s  ->  {len(table) / elapsed:,.0f} facts/s "
          f"({len(result.checked_facts) / elapsed:,.0f} checked facts/s)")
    print(f"cpu time: {cpu:.3f} s  ->  {len(table) / cpu:,.0f} facts/s per cpu-second")


if __name__ == "__main__":
    main()
