"""What the run does to hold less memory (narrow codes, applications evaluated in blocks, the index let go of
before code check kinds, a sheet's cells released before its table is built) changes no result."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from check_report import facts as F
from check_report.engine import runner
from check_report.engine.arrays import extended, smallest
from check_report.engine.columns import codes_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("values", [
    ["plan", "month", None, "plan", "growth", None, "month"],
    [None, "b", "a", "b"],
    ["a", "a"],
    [],
])
def test_codes_of_a_categorical_are_those_of_its_values(values):
    as_objects = pd.Series(values, dtype=object)
    as_category = pd.Series(pd.Categorical(values))
    codes, names = codes_of(as_objects)
    cat_codes, cat_names = codes_of(as_category)
    assert cat_codes.tolist() == codes.tolist()     # in order of first appearance, a missing value's code last
    assert cat_names.tolist() == names.tolist()


def test_small_codes_take_the_narrowest_integers_and_keep_their_values():
    assert smallest(np.array([0, 5, 127])).dtype == np.int8
    assert smallest(np.array([0, 128])).dtype == np.int16
    wide = np.array([0, 40_000])
    assert smallest(wide).dtype == np.int32 and smallest(wide).tolist() == [0, 40_000]
    # the 'not stated' element appended keeps the array's width
    assert extended(np.array([1, 2], dtype=np.int32), -1).dtype == np.int32
    assert np.isnan(extended(np.array([1.5]), np.nan)[-1])


def _run(path: Path):
    from check_report import pipeline, readers
    from check_report.engine import run_rules
    from check_report.extract import extract

    source = readers.read(str(path))
    facts, _ = extract(source)
    ruleset = pipeline.ruleset_for(str(path), pipeline.Settings())
    return run_rules(facts, ruleset, path=str(path), document=source.document)


def _summary(result):
    return ([(f.rule, f.message, tuple(str(loc) for loc in f.locations)) for f in result.findings],
            {rule: vars(stats) for rule, stats in result.per_rule.items()}, sorted(result.checked_facts))


@pytest.mark.parametrize("sample", ["q1.xlsx", "report.md"])
def test_applications_evaluated_a_few_at_a_time_give_what_all_at_once_give(sample, monkeypatch):
    whole = _summary(_run(ROOT / "samples" / sample))
    assert whole[0], "the sample states discrepancies"
    blocks = runner._blocks
    monkeypatch.setattr(runner, "_blocks", lambda domain: blocks(domain, size=3))
    assert _summary(_run(ROOT / "samples" / sample)) == whole


def test_findings_and_statistics_stay_in_rule_set_order_whatever_order_rules_run_in():
    result = _run(ROOT / "samples" / "report.md")
    from check_report import pipeline

    ids = [rule.id for rule in pipeline.ruleset_for("report.md", pipeline.Settings()).rules if not rule.external]
    assert list(result.per_rule) == [i for i in ids if i in result.per_rule]


def test_cells_let_go_of_before_the_table_is_built_give_the_same_facts():
    from check_report import readers
    from check_report.extract import extract

    path = str(ROOT / "samples" / "q1.xlsx")
    kept, _ = extract(readers.read(path))
    source = readers.read(path)
    released, _ = extract(source, release=True)
    assert source.grids == []
    pd.testing.assert_frame_equal(released, kept)
    assert len(kept) and set(F.COLUMNS) <= set(kept.columns)


def test_blocks_keep_each_application_on_the_period_of_its_own_figure(monkeypatch):
    """Indicators stating their results for two periods (quý I, 6 tháng) and a plan percentage for one: each
    application reads the other figures from the period of the one under test, in whichever block it falls."""
    from enginetest_support import fact, table

    from check_report import pipeline
    from check_report.engine import run_rules

    rows = []
    for k in range(8):
        quarter = k % 2 == 0
        pct = "30,0" if quarter else ("61,0" if k == 5 else "60,0")     # one slip, in a later block
        rows += [fact(f"e{k}", F.PLAN, "1.000"),
                 fact(f"e{k}", F.CUMULATIVE, "300", period="2024-01..2024-03"),
                 fact(f"e{k}", F.CUMULATIVE, "600", period="2024-01..2024-06"),
                 fact(f"e{k}", F.PCT_PLAN, pct, period="2024-01..2024-03" if quarter else "2024-01..2024-06")]
    facts = table(rows)
    ruleset = pipeline.ruleset_for("q1.xlsx", pipeline.Settings())
    whole = _summary(run_rules(facts, ruleset, path="q1.xlsx"))
    assert [f[0] for f in whole[0]] == ["core.pct-of-plan"] and "61" in whole[0][0][1]
    blocks = runner._blocks
    monkeypatch.setattr(runner, "_blocks", lambda domain: blocks(domain, size=3))
    assert _summary(run_rules(facts, ruleset, path="q1.xlsx")) == whole


def test_labels_that_took_part_behave_as_a_set_of_them():
    import pickle

    from check_report.engine.model import Labels

    labels = Labels(np.array([12, 3, 3, 7]))
    assert labels == {3, 7, 12} and len(labels) == 3 and sorted(labels) == [3, 7, 12]
    assert 7 in labels and np.int64(12) in labels and 4 not in labels and "7" not in labels and True not in labels
    assert labels | {1} == {1, 3, 7, 12} and {3, 9} & labels == {3} and labels <= {3, 7, 12, 20}
    assert pickle.loads(pickle.dumps(labels)) == labels
    named = Labels(["r1", "r2"])                  # a table labelled otherwise (a tool's own frame)
    assert "r1" in named and 1 not in named and named == {"r1", "r2"}
    assert Labels() == set() and not Labels()
    # labels of several kinds are kept as they are, never made texts by an array
    assert Labels([1, "a"]) == {1, "a"} and 1 in Labels([1, "a"]) and Labels(np.array([3]), {"x"}) == {3, "x"}
    assert Labels(np.array([3, 1]), {2}) == {1, 2, 3}


def test_a_run_on_a_table_with_labels_of_its_own_counts_them():
    from enginetest_support import fact, table

    from check_report import pipeline
    from check_report.engine import run_rules

    facts = table([fact("a", F.PLAN, "1.000"), fact("a", F.CUMULATIVE, "250"), fact("a", F.PCT_PLAN, "25,0")])
    facts.index = ["r-plan", "r-done", "r-pct"]
    result = run_rules(facts, pipeline.ruleset_for("q1.xlsx", pipeline.Settings()), path="q1.xlsx")
    assert result.checked_facts == {"r-plan", "r-done", "r-pct"}
