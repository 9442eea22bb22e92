"""Every regex of check-report on adversarial text: is its cost linear in the text? (issue 11)

    python benchmarks/bench_regex.py [--size 4000] [--show 15]

Each compiled pattern found at module level in check_report's modules (readers, extract, checks, engine,
numbers, periods ...) runs `search` and `findall` over strings made of one repeated piece (spaces,
digits, separators, Vietnamese words that the patterns look for), at `size` and 4 x `size` characters. A
linear pattern takes about 4 times as long on the longer string; a quadratic one about 16 times. Prints
the worst growth factors and exits 1 when a pattern grows more than 8x while taking over 20 ms on the
longer string (small timings are noise). A pattern already slow at `size` is measured from a quarter of
it instead. The figures are for `search`/`findall` over a whole text: a pattern the code only ever
`match`es on a bounded window (the units after a figure, 40 characters) costs that window, whatever it
shows here.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time

PIECES = [" ", "a", "1", ".", ",", "/", "-", "*", "_", "(", "đ", "%", ":", "\t", "1.", "1,", "1/", "a ", "1 ",
          "a-", "-a", "/a", "a/", "Đ", "A", "ngày ", "số ", "tháng ", "năm ", "trong đó ", "gồm ", "tăng ",
          "đạt ", "kế hoạch ", "so cùng kỳ ", "triệu đồng ", "1.000 ", "12/QĐ-", "QĐ-UBND ", "<sup>", "[^",
          "**", "x*", "* ", "|", "| ", "I.", "1)", "(1)", "a\u00a0", "tỷ ", "%,", " - ", "...", "“", "”"]


def patterns() -> list[tuple[str, re.Pattern]]:
    import check_report

    found, seen = [], set()
    for info in pkgutil.walk_packages(check_report.__path__, "check_report."):
        if info.name.startswith(("check_report.gx", "check_report.cluster", "check_report.__main__")):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - an optional module that cannot load here
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and id(value) not in seen and isinstance(value.pattern, str):
                seen.add(id(value))
                found.append((f"{info.name.removeprefix('check_report.')}.{name}", value))
    return found


def cost(pattern: re.Pattern, text: str, repeat: int = 3) -> float:
    """CPU seconds of a search and a findall, the best of `repeat` (a loaded machine adds noise only)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        pattern.search(text)
        pattern.findall(text)
        best = min(best, time.process_time() - started)
        if best > 0.1:
            break
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    rows = []
    for name, pattern in patterns():
        worst = (0.0, 0.0, "")
        for piece in PIECES:
            short = piece * (args.size // len(piece))
            long = piece * (4 * args.size // len(piece))
            small = cost(pattern, short)
            if small > 0.25:        # slow already: measure the growth from a quarter of the size instead
                quarter = cost(pattern, piece * (args.size // 4 // len(piece)))
                small, big = quarter, small
            else:
                big = cost(pattern, long)
            growth = big / max(small, 1e-6)
            if big > 0.002 and growth > worst[0]:
                worst = (growth, big, piece)
            if big > 1.0:          # clearly superlinear already: the other pieces can only confirm it
                break
        rows.append((worst[0], worst[1], name, worst[2]))
        if worst[0] > 8 and worst[1] > 0.02:
            print(f"  superlinear: {name} on {worst[2]!r} ({worst[0]:.0f}x, {worst[1] * 1000:.0f} ms)", flush=True)
        else:
            print(f"  ok: {name}", flush=True, file=sys.stderr)
    rows.sort(reverse=True)
    print(f"{len(rows)} patterns; growth of the time from {args.size} to {4 * args.size} characters (4x; "
          "linear ~4, quadratic ~16):")
    for growth, seconds, name, piece in rows[:args.show]:
        print(f"  {growth:6.1f}x  {seconds * 1000:8.1f} ms  {name}  on {piece!r} repeated")
    bad = [r for r in rows if r[0] > 8 and r[1] > 0.02]
    print(f"superlinear (> 8x and > 20 ms): {len(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
