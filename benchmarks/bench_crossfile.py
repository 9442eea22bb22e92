"""Cross-file benchmark (issue 5): `check_together` over a year of monthly reports of one unit.

    python benchmarks/bench_crossfile.py [--indicators 500] [--months 12] [--repeat 3]

Target: a year of monthly reports with 500 indicators each (12 files, 12,000 facts) checked together in
under 2 seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time

from check_report import facts as F
from check_report.crossfile import check_together
from check_report.numbers import bounds


def monthly_facts(month: int, indicators: int):
    records = []
    for i in range(indicators):
        value, cumulative = 10.0 + i, (10.0 + i) * month
        for measure, start, figure in ((F.MONTH, month, value), (F.CUMULATIVE, 1, cumulative)):
            lower, upper = bounds(figure, 0)
            records.append({F.FILE: f"thang{month:02d}.xlsx", F.SHEET: "Biểu 01", F.CELL: f"D{i + 4}",
                            F.ENTITY: f"Biểu 01!{i + 4}", F.CODE: str(i + 1), F.INDICATOR: f"Chỉ tiêu {i + 1}",
                            F.MEASURE: measure, F.PERIOD_START: start, F.PERIOD_END: month, F.YEAR: 2024,
                            F.UNIT: "triệu đồng", F.VALUE: figure, F.LOWER: lower, F.UPPER: upper,
                            F.DECIMALS: 0, F.RAW: f"{figure:g}"})
    return F.new_table(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    inputs = [(f"thang{m:02d}.xlsx", monthly_facts(m, args.indicators)) for m in range(1, args.months + 1)]
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        findings = check_together(inputs)
        times.append(time.perf_counter() - start)
    facts = sum(len(t) for _, t in inputs)
    print(f"{len(inputs)} files, {facts} facts: median {statistics.median(times):.3f} s, "
          f"{len(findings)} findings (expected 0)")


if __name__ == "__main__":
    main()
