"""Blind-audited held-out prose sets, re-run with the tool as it is now (issue 9).

    python benchmarks/bench_heldout.py [SET_DIR ...]      (default: ../heldout* beside the repository)

A held-out set is a folder of real report texts the tool was never tuned on (`texts/*.txt`), audited blind
once: `audit/check.json` holds what the tool raised then, `audit/judgements.yaml` a person's verdict on each
error and warning (TRUE: the document really is inconsistent; FALSE: a misreading), recomputed by hand. The
sets are not shipped with the project (they are other people's pages); without them the script says so and
exits 0.

For each set it runs the default packs over the texts now and matches every error and warning with the
audited ones by file, rule and the lines of its figures (a fingerprint changes when a name is read better,
the place of a slip does not): still raised and judged TRUE, judged FALSE, or not judged (new since the
audit: read it before trusting the figure). The audit's own totals are printed beside, so a set audited at an
older commit shows what the fixes since then changed, and a set audited at this commit is a blind measure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
RAISED = ("error", "warning")


def key(finding: dict) -> tuple:
    paths = {Path(loc.get("path") or "").name for loc in finding.get("locations", [])}
    lines = tuple(sorted({loc.get("line") for loc in finding.get("locations", []) if loc.get("line")}))
    return (min(paths) if paths else "", finding["rule"], lines)


def audited(folder: Path) -> tuple[dict[tuple, list[str]], str]:
    check = json.loads((folder / "audit" / "check.json").read_text(encoding="utf-8"))
    judged = yaml.safe_load((folder / "audit" / "judgements.yaml").read_text(encoding="utf-8"))
    if isinstance(judged, dict):      # the audits were written by different people: three shapes of one list
        judged = judged.get("findings") or judged.get("judgements") or []
    verdict = {j["fingerprint"]: "TRUE" if str(j["verdict"]).upper() == "TRUE" else "FALSE"
               for j in judged if j.get("fingerprint")}
    head = next((line for line in (folder / "audit" / "judgements.yaml").read_text(encoding="utf-8").splitlines()
                 if "commit" in line), "")
    found: dict[tuple, list[str]] = {}
    for f in check["findings"]:
        if f["severity"] in RAISED:
            found.setdefault(key(f), []).append(verdict.get(f["fingerprint"], "?"))
    return found, head


def run_now(folder: Path) -> list[dict]:
    texts = sorted(str(p) for p in (folder / "texts").glob("*.txt"))
    run = subprocess.run([sys.executable, "-m", "check_report", *texts, "--format", "json", "--lang", "en"],
                         capture_output=True, text=True, cwd=REPO)
    if run.returncode not in (0, 1):
        sys.exit(f"{folder}: check-report exited {run.returncode}: {run.stderr.strip()[:300]}")
    return [f for f in json.loads(run.stdout)["findings"] if f["severity"] in RAISED]


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or sorted(p for p in REPO.parent.glob("heldout*") if (p / "audit").is_dir())
    folders = [f for f in folders if (f / "audit" / "judgements.yaml").is_file() and (f / "texts").is_dir()]
    if not folders:
        print("no audited held-out sets found (they are not shipped with the project); nothing measured")
        return 0
    total = Counter()
    print(f"{'set':<12} {'texts':>5} | {'audit: raised':>13} {'true':>5} {'false':>5} | "
          f"{'now: raised':>11} {'true':>5} {'false':>5} {'new':>5}")
    for folder in folders:
        then, _ = audited(folder)
        was = Counter(v for verdicts in then.values() for v in verdicts)
        left = {k: list(v) for k, v in then.items()}
        now = Counter(left[key(f)].pop(0) if left.get(key(f)) else "?" for f in run_now(folder))
        texts = len(list((folder / "texts").glob("*.txt")))
        print(f"{folder.name:<12} {texts:>5} | {sum(was.values()):>13} {was['TRUE']:>5} {was['FALSE']:>5} | "
              f"{sum(now.values()):>11} {now['TRUE']:>5} {now['FALSE']:>5} {now['?']:>5}")
        total.update({"texts": texts, "was": sum(was.values()), "was_true": was["TRUE"], "was_false": was["FALSE"],
                      "now": sum(now.values()), "now_true": now["TRUE"], "now_false": now["FALSE"], "new": now["?"]})
    print(f"{'all':<12} {total['texts']:>5} | {total['was']:>13} {total['was_true']:>5} {total['was_false']:>5} | "
          f"{total['now']:>11} {total['now_true']:>5} {total['now_false']:>5} {total['new']:>5}")
    print("'new': raised now, not in the audit (not judged: read them before trusting the figures). A finding")
    print("matched to an audited one at the same lines keeps its verdict even if it now says something else:")
    print("the figures are a guide to what changed, not a new audit")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
