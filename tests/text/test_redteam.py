"""Realistic report texts written without looking at the tool (data/redteam: a district's 6-month report, a
statistics office's press release, a commune resolution, a budget report, an agriculture and a social report,
a news article, a report mixing periods), each relation in them recomputed by data/redteam/verify.py.

The clean texts must give no error and no warning at all. Each mutant changes one figure (answers.yaml says
which and what it breaks): where the text lets a reviewer tell, the tool finds exactly that mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from check_report.engine import load_rules, run_rules
from check_report.extract import extract
from check_report.findings import Severity
from check_report.readers import read

DATA = Path(__file__).parent / "data" / "redteam"
CLEAN = sorted(p for p in DATA.glob("*.md") if not p.name.endswith(".mutant.md"))
ANSWERS = {m["file"]: m for m in yaml.safe_load((DATA / "answers.yaml").read_text(encoding="utf-8"))["mutants"]}
# the rule that reports each planted mistake
FOUND_BY = {"01": "core.children-within-parent", "02": "text.contributions-sum", "04": "core.growth",
            "05": "core.children-sum", "06": "text.share-of-whole", "08": "text.cross-mention"}
# mistakes the text does not let the tool (or a reviewer) tell, and why
NOT_FOUND = {
    "03": "a surplus as revenue minus spending (kết dư = thu − chi) is not a relation the tool reads",
    "07": "'3,6 tỷ USD' stands for [3,55; 3,65]: 2,356 / 3,65 = 64,5%, so the changed 64,5% is within rounding",
}


def raised(path: Path):
    source = read(str(path))
    facts, _ = extract(source)
    result = run_rules(facts, load_rules(["default"]), path=str(path), document=source.document)
    return [f for f in result.findings if f.severity >= Severity.WARNING]


def describe(findings) -> list[str]:
    return [f"{f.rule} {sorted({loc.line for loc in f.locations})}: {f.message[:140]}" for f in findings]


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_clean_report_raises_nothing(path: Path):
    found = raised(path)
    assert found == [], describe(found)


@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_one_changed_figure_is_found_where_the_text_tells(path: Path):
    mutant = path.with_name(path.stem + ".mutant.md")
    key = path.name[:2]
    found = raised(mutant)
    if key in NOT_FOUND:
        assert found == [], describe(found)
        return
    answer = ANSWERS[mutant.name]
    assert len(found) == 1, describe(found)
    assert found[0].rule == FOUND_BY[key], describe(found)
    assert set(answer["lines_involved"]) <= {loc.line for loc in found[0].locations}, describe(found)
