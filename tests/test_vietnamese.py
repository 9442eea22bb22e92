"""`--lang vi` speaks Vietnamese only: a run over the samples prints no English word outside what the user
wrote (indicator and component names, sheet names, units, quotes), identifiers (rule ids, paths, cells,
option names) and acronyms. Checked against a word list (tests/data/english-words.txt, plus every word of
the English catalogue and rule texts, less the ASCII syllables Vietnamese writes too)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from check_report import i18n

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
# findings of rules whose messages are not in the catalogue yet (none: issue 9 moved cross-mention and
# derived-plan in); a rule listed here is skipped by the word-list test
NOT_YET_TRANSLATED: tuple[str, ...] = ()
WORD = re.compile(r"[A-Za-z]{2,}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(re.sub(r"\{[^}]*\}", " ", text))}   # not the {fields}


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [str(node)] if node is not None else []


def english_words() -> set[str]:
    listed = (REPO / "tests" / "data" / "english-words.txt").read_text(encoding="utf-8")
    words = _words("\n".join(line for line in listed.splitlines() if not line.startswith("#")))
    words |= _words(" ".join(v if isinstance(v, str) else " ".join(v.values())
                             for v in i18n.catalogue("en").values()))
    for path in (REPO / "rules").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rule in data.get("rules") or ():
            description = rule.get("description") or {}
            words |= _words(description.get("en", "") if isinstance(description, dict) else description)
    vietnamese = _words(" ".join(v if isinstance(v, str) else " ".join(v.values())
                                 for v in i18n.catalogue("vi").values()))
    vietnamese |= _words(" ".join(s for doc in i18n.rule_docs("vi").values() for s in doc.values()))
    for sample in SAMPLES.glob("*.md"):
        vietnamese |= _words(sample.read_text(encoding="utf-8"))
    return words - vietnamese


def _outside_user_text(output: str) -> str:
    """The output without what the user wrote or what names things rather than says them."""
    kept = []
    skipping = False
    for line in output.splitlines():
        headline = re.match(r"\s{2}\S+(?: \S+)?\s+([a-z]+\.[a-z0-9.-]+)\s", line)
        if headline:
            skipping = headline.group(1) in NOT_YET_TRANSLATED
        elif not line.startswith("    "):
            skipping = False
        if skipping or any(f"`{rule}`" in line for rule in NOT_YET_TRANSLATED):   # a Markdown table row
            continue
        line = re.sub(r"“[^”]*”|'[^']*'|`[^`]*`", " ", line)                     # quotes of the report
        line = re.sub(r"(chỉ tiêu|trang tính|thành phần): .*", " ", line)       # names the user wrote
        line = re.sub(r"(trang tính|thành phần) [^:=]*", " ", line)
        line = re.sub(r"\S+![A-Z]+\d+|[\w\-./]+\.(xlsx|docx|md|csv|json)(:\d+)?", " ", line)   # cells, files
        line = re.sub(r"Bieu \d+", " ", line)                                   # the samples' sheet names
        line = re.sub(r"\b[a-z]+\.[a-z0-9-]+\b", " ", line)                      # rule ids
        line = re.sub(r"--[a-z-]+|\b[A-Z][A-Z0-9]+\b", " ", line)                # options, acronyms (USD)
        line = re.sub(r"(triệu|tỷ|nghìn)? ?(đồng|USD)|[\w ]*hồ sơ|suất", " ", line)   # units as written
        kept.append(line)
    return "\n".join(kept)


def _run(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "COLUMNS"))}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    done = subprocess.run([sys.executable, "-m", "check_report", *args, "--lang", "vi", "--no-config"], cwd=REPO,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return done.stdout


def test_the_word_list_catches_english():
    english = english_words()
    assert {"stated", "implied", "paragraph", "component", "cumulative", "mention", "first", "total"} <= english
    assert not {"so", "ban", "thu", "con"} & english            # Vietnamese syllables are not English
    leaked = _words(_outside_user_text("    paragraph 12 first mention: pct_plan = 52,15")) & english
    assert leaked == {"paragraph", "first", "mention", "plan"}   # pct_plan: an identifier, not Vietnamese


@pytest.mark.parametrize("args", [
    ("samples/",), ("samples/", "--format", "markdown"), ("samples/q1.xlsx", "samples/report.md", "--together"),
    ("tests/fixtures/workbooks/forms/f02_ho_ngheo_xa.xlsx",),     # a consolidation table: its own notes
], ids=" ".join)
def test_a_vietnamese_run_on_the_samples_prints_no_english_word(args):
    if not (SAMPLES / "q1.xlsx").exists() or not (SAMPLES / "report.docx").exists():
        pytest.skip("the samples have not been built")
    output = _run(*args)
    assert "lỗi" in output or "Ghi chú" in output                   # it did report findings or notes
    leaked = sorted(_words(_outside_user_text(output)) & english_words())
    assert leaked == [], leaked
