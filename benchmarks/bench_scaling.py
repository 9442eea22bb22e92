"""Scaling by doubling (issue 11): each input size doubled, the time ratio per doubling printed.

    python benchmarks/bench_scaling.py [--steps 4] [--repeat 3] [--only text,rows,terms,hostile]

Series (each checked in-process through read -> extract -> the default rule packs, CPU seconds, the best
of `--repeat` runs, so a loaded machine disturbs the figures less):
- text: a narrative report of N indicator paragraphs;
- rows: an indicator workbook of N rows (benchmarks/build_large_table.py);
- terms: a rule summing N measures (`cumulative <= plan + plan + ...`) over a fixed fact table;
- hostile: the quadratic cases of issue 11 at N: lines of `*x `, hard-wrapped lines of one paragraph,
  document codes run together, a CSV of lines of `,"`; and one indicator stated again and again (every pair
  of its mentions is one not compared: counted, never listed, unless --show-unchecked asks).

Target: every doubling costs at most 2.3x the time (linear, with room for noise); a quadratic step is 4x.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

PARAGRAPH = ("- {name} {i}: tháng 03 ước thực hiện {a} triệu đồng, 3 tháng ước thực hiện {b} triệu đồng, đạt "
             "{p}% kế hoạch, tăng {g}% so cùng kỳ (trong đó: khu vực A {c} triệu đồng, khu vực B {d} triệu đồng).")
NAMES = ("Tổng thu ngân sách", "Giá trị sản xuất công nghiệp", "Tổng mức bán lẻ hàng hóa", "Vốn đầu tư phát triển")


def text_report(n: int) -> str:
    lines = ["# Báo cáo kết quả quý I năm 2024", ""]
    for i in range(n):
        b = 1000 + 37 * i
        lines.append(PARAGRAPH.format(name=NAMES[i % len(NAMES)], i=i, a=f"{b // 3:,}".replace(",", "."),
                                      b=f"{b:,}".replace(",", "."), p=25 + i % 7, g=5 + i % 9,
                                      c=f"{b // 2:,}".replace(",", "."), d=f"{b // 4:,}".replace(",", ".")))
        lines.append("")
    return "\n".join(lines)


def check(path: str, rules=("default",)) -> None:
    from check_report.pipeline import Settings, analyse

    outcome = analyse(path, Settings(rules=tuple(rules)))
    assert outcome.result.status == "ok", outcome.result.error


def best_cpu(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return min(times)


def series_text(folder: Path, sizes, repeat):
    for n in sizes:
        path = folder / f"text{n}.md"
        path.write_text(text_report(n), encoding="utf-8")
        yield n, best_cpu(lambda p=str(path): check(p), repeat)


def series_rows(folder: Path, sizes, repeat):
    from build_large_table import build

    for n in sizes:
        path = folder / f"rows{n}.xlsx"
        build(str(path), rows=n)
        yield n, best_cpu(lambda p=str(path): check(p), repeat)


def series_terms(folder: Path, sizes, repeat):
    from build_large_table import build

    table = folder / "terms.xlsx"
    build(str(table), rows=20_000)
    for n in sizes:
        rules = folder / f"terms{n}.yaml"
        expr = " + ".join(["plan"] * n)
        rules.write_text(f"pack: t\nrules:\n  - id: sum\n    expr: \"cumulative <= {expr}\"\n", encoding="utf-8")
        yield n, best_cpu(lambda r=str(rules): _engine_only(str(table), r), repeat)


_FACTS: dict = {}


def _engine_only(table: str, rules: str) -> None:
    """The rule's own cost: the facts are read once, the rule file is parsed and evaluated each time."""
    from check_report import engine
    from check_report.engine.expr import _parse
    from check_report.engine.runner import parsed

    if table not in _FACTS:
        from check_report import readers
        from check_report.extract import extract

        _FACTS[table] = extract(readers.read(table))[0]
    _parse.cache_clear()
    parsed.cache_clear()
    engine.run_rules(_FACTS[table], engine.load_rules([rules]), path=table)


HOSTILE = {
    "emphasis.md": lambda n: "*x " * n + "\n",
    "wrapped.txt": lambda n: "\n".join(["Công tác tuyên truyền được đẩy mạnh trên địa bàn huyện và các xã, thị trấn"]
                                       * (n // 10)) + "\n",
    "repeated.txt": lambda n: "\n".join(["Tổng thu ngân sách trên địa bàn huyện ước thực hiện 1.245 triệu đồng và "
                                         "tiếp tục tăng trưởng"] * (n // 40)) + "\n",
    "codes.txt": lambda n: "Căn cứ Quyết định " + " ".join(
        f"số {i % 997 + 1}/QĐ-UBND ngày {i % 28 + 1:02d}/{i % 12 + 1:02d}/2023," for i in range(n // 30)) + "\n",
    "sniff.csv": lambda n: (',"' * 500 + "\n") * (n // 1000),
}


def series_hostile(folder: Path, sizes, repeat):
    for name, make in HOSTILE.items():
        for n in sizes:
            path = folder / f"{n}-{name}"
            path.write_text(make(n), encoding="utf-8")
            yield f"{name} {n}", best_cpu(lambda p=str(path): check(p), repeat)


SERIES = {"text": (series_text, 50), "rows": (series_rows, 2000), "terms": (series_terms, 8),
          "hostile": (series_hostile, 8000)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=4, help="sizes: the start, then doubled steps-1 times")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default=",".join(SERIES))
    args = parser.parse_args()
    check(str(REPO / "samples" / "report.md"))          # imports and caches, before anything is timed
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only.split(","):
            make, start = SERIES[name]
            sizes = [start * 2 ** k for k in range(args.steps)]
            print(f"{name}:")
            previous = {}
            for label, seconds in make(Path(tmp), sizes, args.repeat):
                key = str(label).split()[0] if name == "hostile" else name
                ratio = seconds / previous[key] if key in previous and previous[key] > 0 else None
                previous[key] = seconds
                shown = f"x{ratio:.2f}" if ratio is not None else "     "
                print(f"  {label!s:>18}  {seconds:8.3f} s  {shown}")
                if ratio is not None and seconds > 0.05:
                    worst = max(worst, ratio)
    print(f"worst ratio per doubling: {worst:.2f} (target <= 2.3)")
    return 0 if worst <= 2.3 else 1


if __name__ == "__main__":
    sys.exit(main())
