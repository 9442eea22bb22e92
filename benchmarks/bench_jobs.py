"""Batch benchmark (issue 11): `check-report DIR --jobs 2` against `--jobs 1` on 40 reports, whole processes.

    python benchmarks/bench_jobs.py [--reports 40] [--rows 400] [--repeat 5] [--jobs 2]

The batch: half narrative reports (the real texts of ../shared/corpus when present, else the shipped
samples), half indicator workbooks of `--rows` rows built like benchmarks/build_large_table.py (a
district's quarterly workbook is a few hundred rows). Each command runs as a fresh process (start-up,
imports and the warm-up of the worker processes included), A B A B interleaved after a warm-up run, and
the medians are compared. Both runs must give byte-identical JSON.

Target: --jobs 1 / --jobs 2 >= 1.6 on 2 idle cores. The ratio is bounded by what cannot run in
parallel: interpreter start-up, imports and the warm-up before the workers are forked, the report after
they are done. The benchmark measures that serial part in the same run, as the time of a batch of two
one-line reports (everything but the checking of real files), and prints the bound it sets (Amdahl: the
ratio a perfect split of the rest over the cores would give) beside the speed-up of the parallel part
alone. `--rows 0` (the light text batch alone) shows a lower bound still. The load average is printed
before and after: on a shared machine, a load near the number of cores leaves nothing to parallelise, and
the ratio says so rather than the code.

Python's bytecode: an installed copy has its modules compiled (pip compiles them at install time); an
editable install run with PYTHONDONTWRITEBYTECODE set compiles every module of check-report from source
at each start (about 0.2 s of serial start-up no user pays). The commands run with their bytecode cached
in a temporary folder (PYTHONPYCACHEPREFIX, filled by the warm-up run), as installed; `--source-compile`
measures with the environment as it is.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO / "benchmarks"))


def build_batch(folder: Path, reports: int, rows: int) -> list[Path]:
    from build_large_table import build

    texts = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    texts += sorted((REPO / "samples").glob("*.md")) + sorted((REPO / "samples").glob("*.docx"))
    wanted_texts = reports // 2 if rows else reports
    for i in range(wanted_texts):
        source = texts[i % len(texts)]
        shutil.copy(source, folder / f"t{i:02d}-{source.name}")
    for i in range(reports - wanted_texts):
        build(str(folder / f"w{i:02d}.xlsx"), rows=rows, seed=i)
    return sorted(folder.iterdir())


def timed(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    return time.perf_counter() - started, done.stdout


def environment(folder: Path, source_compile: bool) -> dict[str, str]:
    env = dict(os.environ)
    if not source_compile:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    return env


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--rows", type=int, default=400, help="rows of each workbook; 0: texts only")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--source-compile", action="store_true",
                        help="keep the environment's bytecode setting (see above) instead of caching bytecode")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        batch = build_batch(folder, args.reports, args.rows)
        floor = Path(tmp) / "floor"
        floor.mkdir()
        for name in ("a.md", "b.md"):      # two files: a batch, so the warm-up and the fork happen
            (floor / name).write_text("Thu ngân sách quý I đạt 1.245 triệu đồng.\n", encoding="utf-8")
        base = [sys.executable, "-m", "check_report", "--no-config", "--format", "json"]
        commands = {"jobs 1": base + [str(folder), "--jobs", "1"],
                    f"jobs {args.jobs}": base + [str(folder), "--jobs", str(args.jobs)],
                    "serial": base + [str(floor), "--jobs", "1"]}
        env = environment(Path(tmp), args.source_compile)
        load_before = os.getloadavg()
        outputs = {name: timed(command, env)[1] for name, command in commands.items()}  # warm-up, the answers
        del outputs["serial"]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                times[name].append(timed(command, env)[0])
        load_after = os.getloadavg()
    medians = {name: statistics.median(values) for name, values in times.items()}
    one, many = medians["jobs 1"], medians[f"jobs {args.jobs}"]
    print(f"batch: {len(batch)} reports ({sum(p.suffix == '.xlsx' for p in batch)} workbooks of {args.rows} rows), "
          f"{cores} cores, load average {load_before[0]:.2f} before, {load_after[0]:.2f} after, "
          f"{'modules compiled at each start' if args.source_compile else 'bytecode cached, as installed'}")
    for name, values in times.items():
        print(f"  {name:8s} median {medians[name]:6.2f} s   (min {min(values):.2f}, max {max(values):.2f})"
              + ("   start-up, warm-up and report: a batch of two one-line reports" if name == "serial" else ""))
    print(f"  jobs 1 / jobs {args.jobs} = {one / many:.2f}   (target >= 1.6 with 2 idle cores)")
    serial = medians["serial"]
    split = min(args.jobs, cores or 1)
    if one > serial < many:
        print(f"  the parallel part ({one - serial:.2f} s with one job) ran {(one - serial) / (many - serial):.2f}x "
              f"faster with {args.jobs}; a perfect split on {split} cores would give at most "
              f"{one / (serial + (one - serial) / split):.2f} overall")
    identical = len(set(outputs.values())) == 1
    print(f"  reports identical: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
