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
    """Clean tables: each group of 10 indicators is a complete breakdown under a total every 11th row."""
    rng = np.random.default_rng(seed)
    months = rng.integers(50, 5000, size=(n_indicators, 3)).astype(float)
    cumulative = months.sum(axis=1)
    plan = np.round(cumulative * rng.uniform(2, 5, n_indicators))
    previous = np.round(cumulative * rng.uniform(0.7, 1.3, n_indicators))
    columns: list[tuple[str, np.ndarray, str, int, int, int]] = [
        (F.PLAN, plan, "", 0, 0, 0),
        (F.MONTH, months[:, 0], "2024-01", 0, 1, 1),
        (F.MONTH, months[:, 1], "2024-02", 0, 2, 2),
        (F.MONTH, months[:, 2], "2024-03", 0, 3, 3),
        (F.CUMULATIVE, cumulative, "2024-01..2024-03", 0, 1, 3),
        (F.PREVIOUS, previous, "2023-01..2023-03", 0, 1, 3),
        (F.PCT_PLAN, np.round(cumulative / plan * 100, 2), "", 2, 0, 0),
        (F.PCT_PREVIOUS, np.round(cumulative / previous * 100, 2), "", 2, 0, 0),
        (F.GROWTH, np.round((cumulative / previous - 1) * 100, 2), "", 2, 0, 0),
        (F.COUNT, rng.integers(1, 100, n_indicators).astype(float), "", 0, 0, 0),
    ]
    entity = np.array([f"S!{i + 5}" for i in range(n_indicators)], dtype=object)
    frames = []
    for k, (measure, values, period, decimals, start, end) in enumerate(columns):
        half = 0.5 * 10.0 ** -decimals
        frames.append(pd.DataFrame({
            F.FILE: "bench.xlsx", F.SHEET: "S", F.CELL: [f"{chr(67 + k)}{i + 5}" for i in range(n_indicators)],
            F.ENTITY: entity, F.INDICATOR: entity, F.MEASURE: measure, F.PERIOD: period,
            F.PERIOD_START: start or None, F.PERIOD_END: end or None, F.YEAR: 2024, F.VALUE: values,
            F.LOWER: values - half, F.UPPER: values + half, F.DECIMALS: decimals, F.RAW: values.astype(str),
        }))
    table = F.new_table([]) if False else pd.concat(frames, ignore_index=True)
    for column in F.COLUMNS:
        if column not in table:
            table[column] = None
    table[F.SCALE] = 1.0
    table[F.COMPLETE] = False
    table[F.SOURCE] = "table"
    return table[list(F.COLUMNS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=100_000)
    args = parser.parse_args()
    table = build_table(args.indicators)
    ruleset = engine.load_rules(["core"])
    start = time.perf_counter()
    result = engine.run_rules(table, ruleset, path="bench.xlsx")
    elapsed = time.perf_counter() - start
    evaluated = sum(s.evaluated for s in result.per_rule.values())
    print(f"facts: {len(table):,}  checked facts: {len(result.checked_facts):,}  rule applications: "
          f"{evaluated:,}  findings: {len(result.findings)}")
    print(f"run_rules: {elapsed:.3f} s  ->  {len(table) / elapsed:,.0f} facts/s "
          f"({len(result.checked_facts) / elapsed:,.0f} checked facts/s)")


if __name__ == "__main__":
    main()
