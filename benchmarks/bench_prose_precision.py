"""Precision on real report prose, per rule, and recall on the invented scope cases (issue 9).

    python benchmarks/bench_prose_precision.py

Precision: every error and warning the default packs raise on ../shared/corpus and the seed is compared with
the reviewed verdicts of tests/text/data/real-texts-reviewed.yaml (each recomputed by a person): true, false,
or not reviewed yet (counted apart: review it before trusting the figure). Target: no false error, no false
warning. Recall: of the one-figure mistakes planted in tests/text/cases/scope.yaml, how many give exactly their
finding, per rule (a restatement tied to the first statement by its name alone is planted to give its
text.cross-mention finding as an info, a doubt: counted apart); and how many of the figures whose identity is
unsure stay quiet (abstention).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REVIEWED = REPO / "tests" / "text" / "data" / "real-texts-reviewed.yaml"
SCOPE = REPO / "tests" / "text" / "cases" / "scope.yaml"


def findings_of(document_text: str | None = None, path: Path | None = None, packs=("default",), ignore=(),
                least: str = "warning"):
    from check_report.engine import load_rules, run_rules
    from check_report.extract import extract
    from check_report.extract.prose import document_facts
    from check_report.findings import Severity
    from check_report.readers import read
    from check_report.readers.text import parse_text

    if path is not None:
        source = read(str(path))
        facts, _ = extract(source)
        document = source.document
    else:
        document = parse_text(document_text, path="case.md")
        facts, _ = document_facts(document)
    result = run_rules(facts, load_rules(list(packs)), path=str(path or "case.md"), document=document)
    return [f for f in result.findings if f.severity >= Severity.parse(least) and f.rule not in ignore]


def precision() -> None:
    texts = sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    if not texts:
        print("precision: ../shared is not present; nothing to measure")
        return
    reviewed = yaml.safe_load(REVIEWED.read_text(encoding="utf-8"))["files"]
    tally: dict[str, Counter] = {}
    for path in texts:
        verdicts = {(r["rule"], r["severity"], tuple(r["lines"])): r["verdict"] for r in reviewed.get(path.name, [])}
        for f in findings_of(path=path):
            key = (f.rule, f.severity.label, tuple(sorted({loc.line for loc in f.locations if loc.line})))
            verdict = verdicts.get(key)
            outcome = "unreviewed" if verdict is None else "true" if verdict else "false"
            tally.setdefault(f"{f.rule} ({f.severity.label})", Counter())[outcome] += 1
    print(f"Precision on {len(texts)} real texts (errors and warnings; target: false = 0)")
    print(f"  {'rule':44} {'raised':>6} {'true':>5} {'false':>5} {'unreviewed':>10} {'precision':>9}")
    total = Counter()
    for rule in sorted(tally):
        c = tally[rule]
        total.update(c)
        raised = sum(c.values())
        judged = c["true"] + c["false"]
        share = f"{c['true'] / judged:.0%}" if judged else "-"
        print(f"  {rule:44} {raised:6} {c['true']:5} {c['false']:5} {c['unreviewed']:10} {share:>9}")
    judged = total["true"] + total["false"]
    print(f"  {'all':44} {sum(total.values()):6} {total['true']:5} {total['false']:5} {total['unreviewed']:10} "
          f"{(total['true'] / judged if judged else 1):9.0%}")
    print(f"  target met: {'yes' if total['false'] == 0 and total['unreviewed'] == 0 else 'NO'}")


def recall() -> None:
    data = yaml.safe_load(SCOPE.read_text(encoding="utf-8"))
    found, planted, quiet, abstained, clean, clean_ok = Counter(), Counter(), 0, 0, 0, 0
    for case in data["cases"]:
        title = case.get("title", data["default_title"])
        whole = f"{title}\n\n{case['text']}"
        clean += 1
        clean_ok += not findings_of(whole, packs=("core", "text", "document"),
                          ignore=("doc.header-blank",))
        for mutant in case["mutants"]:
            got = findings_of(whole.replace(mutant["from"], mutant["to"]), packs=("core", "text", "document"),
                          ignore=("doc.header-blank",))
            if mutant.get("quiet"):
                quiet += 1
                abstained += not got
                continue
            doubt = mutant.get("severity") == "info"     # a restatement tied by its name alone: an info
            key = f"{mutant['rule']}{' (as info)' if doubt else ''}"
            planted[key] += 1
            if doubt:
                if got:
                    continue
                got = [f for f in findings_of(whole.replace(mutant["from"], mutant["to"]), least="info",
                                              packs=("core", "text", "document"), ignore=("doc.header-blank",))
                       if f.rule == mutant["rule"]]
            lines = sorted({loc.line for f in got for loc in f.locations})
            if len(got) == 1 and got[0].rule == mutant["rule"] and lines == mutant["lines"]:
                found[key] += 1
    print(f"\nScope cases: clean texts quiet {clean_ok}/{clean}; unsure identities left alone {abstained}/{quiet}")
    print(f"  {'rule':44} {'planted':>7} {'found':>6}")
    for rule in sorted(planted):
        print(f"  {rule:44} {planted[rule]:7} {found[rule]:6}")
    print(f"  {'all':44} {sum(planted.values()):7} {sum(found.values()):6}")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    precision()
    recall()
