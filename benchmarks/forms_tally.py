"""Tally check-report over the office-forms fixtures (tests/fixtures/workbooks/forms, built by
build_forms.py): false findings on clean twins, mutants found at their cell, misses.

    python benchmarks/forms_tally.py [-v]

A mutant is 'named' when an error or warning names its changed cell as the likely wrong figure, 'involved'
when such a finding lists the cell among its figures without naming it, 'missed' otherwise. Findings on a
mutant that do not touch the changed cell are counted as extra (false) findings. -v prints every finding.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

FORMS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "workbooks" / "forms"
SERIOUS = ("error", "warning")


def run(files: list[Path]) -> dict:
    cmd = [sys.executable, "-m", "check_report", "--format", "json", "--no-config", "--lang", "en",
           "--fail-on", "never", *map(str, files)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"check-report failed ({out.returncode}): {out.stderr.strip()}")
    return json.loads(out.stdout)


def cells(finding: dict) -> set[str]:
    return {f"{loc['sheet']}!{loc['cell']}" for loc in finding.get("locations", []) if loc.get("cell")}


def named(finding: dict) -> set[str]:
    return {f"{s['location']['sheet']}!{s['location']['cell']}" for s in finding.get("suspects") or []
            if s.get("location", {}).get("cell")}


def describe(finding: dict) -> str:
    who = ", ".join(sorted(named(finding))) or "-"
    return (f"{finding['severity']:7} {finding['rule']}  likely {who}  at {', '.join(sorted(cells(finding)))}\n"
            f"          {finding['message']}")


def tally(verbose: bool = False) -> dict:
    manifest = json.loads((FORMS / "manifest.json").read_text(encoding="utf-8"))
    report = run([FORMS / e["file"] for e in manifest])
    by_file: dict[str, list[dict]] = {}
    for f in report["findings"]:
        by_file.setdefault(Path(f["path"]).name, []).append(f)
    notes = {Path(f["path"]).name: f.get("notes", []) for f in report["files"]}
    facts = {Path(f["path"]).name: f.get("facts", 0) for f in report["files"]}
    batches = {"first": Counter(), "held-out": Counter(), "third": Counter()}
    lines = []
    for e in manifest:
        t = batches[e.get("batch", "first")]
        found = by_file.get(e["file"], [])
        serious = [f for f in found if f["severity"] in SERIOUS]
        if e["mutant"] is None:
            t["clean"] += 1
            for f in found:
                t[f"clean_{f['severity']}"] += 1
            lines.append(f"{e['file']}: {facts[e['file']]} facts, {len(serious)} errors/warnings, "
                         f"{len(found) - len(serious)} info")
            if verbose:
                lines += [f"    note: {n}" for n in notes[e["file"]]]
            lines += [f"    {describe(f)}" for f in found if verbose or f["severity"] in SERIOUS]
            continue
        cell = e["cell"]
        hit = [f for f in serious if cell in named(f)]
        touch = [f for f in serious if cell in cells(f)]
        extra = [f for f in serious if cell not in cells(f) and cell not in named(f)]
        status = "named" if hit else "involved" if touch else "missed"
        t[f"{e['expect']}_{status}"] += 1
        t["mutant_extra"] += len(extra)
        lines.append(f"{e['file']}: {cell} {e['how']} [{e['expect']}] -> {status}"
                     + (f", {len(extra)} extra" if extra else ""))
        lines += [f"    {describe(f)}" for f in (serious if verbose else extra)]
    print("\n".join(lines))
    for batch in batches:
        _summary(batches[batch], batch)
    return {batch: dict(t) for batch, t in batches.items()}


_ABOUT = {"first": "F01-F16, the forms the fixes were made on",
          "held-out": "H01-H06, built after the fixes and kept out of them",
          "third": "G01-G09, a new user's forms from issue 10's list"}


def _summary(t: Counter, batch: str) -> None:
    musts = sum(t[f"must_{s}"] for s in ("named", "involved", "missed"))
    mays = sum(t[f"may_{s}"] for s in ("named", "involved", "missed"))
    print(f"\n{batch} batch ({_ABOUT[batch]})")
    print(f"  clean twins: {t['clean']} files, {t['clean_error']} errors, {t['clean_warning']} warnings, "
          f"{t['clean_info']} info")
    print(f"  mutants expected found ({musts}): {t['must_named']} named at the cell, {t['must_involved']} "
          f"found at the cell without being named, {t['must_missed']} missed")
    print(f"  mutants where a miss is acceptable ({mays}): {t['may_named'] + t['may_involved']} found, "
          f"{t['may_missed']} missed")
    print(f"  extra findings on mutants (not touching the changed cell): {t['mutant_extra']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print every finding and the notes")
    tally(parser.parse_args().verbose)


if __name__ == "__main__":
    main()
