"""Error localisation: which figure is wrong, what it should read, one finding per mistake."""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from localise_tables import PATTERNS, figure, indicator, inject, tables

from check_report import facts as F
from check_report.engine import load_rules, run_rules
from check_report.localise import localise

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "q1.xlsx"
CORE = load_rules(["core"])
DEFAULT = load_rules(["default"])


def _build_q1():
    spec = importlib.util.spec_from_file_location("build_q1_localise", REPO / "samples" / "build_q1.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _checked(path: Path, ruleset=DEFAULT):
    from check_report.extract import extract
    from check_report.readers import read

    source = read(str(path))
    facts, _ = extract(source)
    run = run_rules(facts, ruleset, path=str(path), document=source.document)
    return facts, run, localise(facts, ruleset, run.findings)


def _place(location) -> str:
    return f"{location.sheet}!{location.cell}" if location.cell else f"{location.path}:{location.line}"


# -- the sample workbook: each deliberate slip is one finding naming its cell ------------------------------

@pytest.fixture(scope="module")
def sample():
    return _checked(SAMPLE)


def test_each_injected_slip_is_one_finding_naming_its_cell(sample):
    build_q1 = _build_q1()
    _facts, run, result = sample
    by_suspect = {_place(f.suspects[0].location): f for f in result.findings if f.suspects}
    assert set(by_suspect) == set(build_q1.INJECTED)
    for cell, broken in build_q1.BROKEN.items():
        finding = by_suspect[cell]
        rules = [finding.rule] + [r.rule for r in finding.related]
        assert sorted(rules) == sorted(broken), cell
        assert _place(finding.figures[0].location) == cell          # the suspect's figure comes first
    assert len(result.findings) == len(build_q1.INJECTED) < len(run.findings)


@pytest.mark.parametrize(("cell", "stated", "suggested", "pattern"), [
    ("Bieu 01!H16", "1.297.400", "1.279.400", "swapped digits"),   # the issue's own example
    ("Bieu 01!D14", "2.100.000", "210.000", "digit doubled"),
    ("Bieu 02!G5", "103,1", "101,3", "swapped digits"),
    ("Bieu 01!L19", "12,40", "7,64", None),                        # determined by growth = ratio - 100
    ("Bieu 01!J17", "27,50", "25,50", "wrong digit"),              # 51 and 200 firms are exact: 25,50
])
def test_suggested_corrections(sample, cell, stated, suggested, pattern):
    _facts, _run, result = sample
    (finding,) = [f for f in result.findings if f.suspects and _place(f.suspects[0].location) == cell]
    suspect = finding.suspects[0]
    assert (suspect.stated, suspect.suggested, suspect.pattern) == (stated, suggested, pattern)


def test_the_percentage_is_preferred_when_it_and_its_base_fit_equally():
    """31,20% of plan where 47 / 200 gives 23,50: in triệu đồng (±0,5 each) the percentage, the plan (about
    151) or the value (about 62) repairs the relation with an unexplained change: the derived figure is
    named."""
    rows = [figure("A", "A", F.PLAN, 200, 0, "D8"),
            figure("A", "A", F.CUMULATIVE, 47, 0, "H8", period="2024-01..2024-03", start=1, end=3),
            figure("A", "A", F.PCT_PLAN, 31.2, 2, "J8", unit="%")]
    facts = F.new_table(rows)
    (outcome,) = [o for o in localise(facts, CORE, run_rules(facts, CORE).findings).outcomes if o.suspects]
    assert outcome.options[0].statement.raw == "31,20" and "200" in [o.statement.raw for o in outcome.options]
    assert all(o.pattern is None for o in outcome.options)
    assert all(outcome.options[0].cost < o.cost for o in outcome.options[1:])


def test_counts_of_things_are_exact_beside_rates(sample):
    """J17's 51 firms of a plan of 200 (whole counts, exact whatever the row's % columns hold) determine
    its % of plan: 25,50. The plan cannot be the slip: no whole number of firms gives 27,50%."""
    _facts, _run, result = sample
    (outcome,) = [o for o in result.outcomes if o.suspects and o.suspects[0][0].raw == "27,50"]
    assert [o.statement.raw for o in outcome.options] == ["27,50"]


def test_localising_does_not_change_what_failed(sample):
    _facts, run, result = sample
    places = {loc for f in run.findings for loc in f.locations}
    kept = {loc for f in result.findings for loc in f.locations} | {
        loc for f in result.findings for r in f.related for loc in r.locations}
    assert places <= kept
    assert sum(1 + len(f.related) for f in result.findings) == len(run.findings)
    assert sum(result.grouped.values()) == len(run.findings) - len(result.findings)


# -- generated tables ---------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(tables(), st.randoms(use_true_random=False), st.sampled_from(PATTERNS))
def test_one_injected_slip_is_found_where_the_relations_can_tell(rows, rng, pattern):
    index = rng.randrange(len(rows))
    bad = inject(rows[index], pattern, rng)
    if bad is None:
        return
    facts = F.new_table(rows[:index] + [bad] + rows[index + 1:])
    run = run_rules(facts, CORE, path="generated.xlsx")
    result = localise(facts, CORE, run.findings)
    outcome = next((o for o in result.outcomes if index in o.positions), None)
    if outcome is None:                   # within rounding, or in no relation: nothing failed
        assert not run.findings
        return
    assert len(result.outcomes) == 1      # every failure involves the slip: one component
    if len(outcome.options) != 1:         # several figures could explain it: the relations cannot tell
        return
    statement, suggested, _decimals, _pattern = outcome.suspects[0]
    assert statement.position == index
    if suggested is not None:
        assert suggested == pytest.approx(rows[index][F.VALUE], rel=1e-12, abs=1e-9)
    (finding,) = result.findings          # one finding, its relations listed
    assert len(finding.related) == len(run.findings) - 1


def test_a_tie_names_no_suspect():
    """The quarter disagrees with its months by an amount no typo explains: the quarter or any month
    could be wrong, and nothing says which."""
    rows = [figure("A", "A", F.MONTH, v, 0, f"{c}8", period=f"2024-0{k + 1}", start=k + 1, end=k + 1)
            for k, (c, v) in enumerate(zip("EFG", (100_000, 200_000, 300_000)))]
    rows.append(figure("A", "A", F.CUMULATIVE, 612_345, 0, "H8", period="2024-01..2024-03", start=1, end=3))
    facts = F.new_table(rows)
    run = run_rules(facts, CORE, path="t.xlsx")
    assert [f.rule for f in run.findings] == ["core.cumulative-sum-of-months"]
    result = localise(facts, CORE, run.findings)
    assert result.outcomes[0].reason == "tie"
    assert len(result.outcomes[0].options) == 4
    assert result.findings == run.findings and not result.findings[0].suspects


def test_a_slip_with_a_pattern_breaks_the_tie():
    """The quarter 1.297.400 agrees with its % of plan; one month reads 402.300 where 420.300 makes the
    months add up: two digits swapped. (Without the % of plan the quarter could be the slip as well:
    1.279.400 is two digits swapped too, and that is a tie.)"""
    rows = [figure("A", "A", F.MONTH, v, 0, f"{c}8", period=f"2024-0{k + 1}", start=k + 1, end=k + 1)
            for k, (c, v) in enumerate(zip("EFG", (438_600, 402_300, 438_500)))]
    rows.append(figure("A", "A", F.CUMULATIVE, 1_297_400, 0, "H8", period="2024-01..2024-03", start=1, end=3))
    tied = F.new_table(rows)
    assert localise(tied, CORE, run_rules(tied, CORE).findings).outcomes[0].reason == "tie"
    rows += [figure("A", "A", F.PLAN, 5_210_000, 0, "D8"),
             figure("A", "A", F.PCT_PLAN, 1_297_400 / 5_210_000 * 100, 2, "J8", unit="%")]
    facts = F.new_table(rows)
    run = run_rules(facts, CORE, path="t.xlsx")
    (finding,) = localise(facts, CORE, run.findings).findings
    (suspect,) = finding.suspects
    assert (suspect.location.cell, suspect.suggested, suspect.pattern) == ("F8", "420.300", "swapped digits")


def test_a_dropped_digit_that_fits_several_ways_still_names_its_cell():
    """A month typed 5.136 for 51.360: the quarter (held by its % of plan) needs 51.358 ... 51.362 there,
    and 5136 with one digit added gives 51.360, 51.361 and 51.362. The digit added is not determined, but
    the slip is: no other month becomes a fitting value by any one-keystroke slip. The cell is named with
    its pattern, no value suggested."""
    months = (48_150, 51_360, 47_980)
    rows = [figure("A", "A", F.MONTH, v, 0, f"{c}8", period=f"2024-0{k + 1}", start=k + 1, end=k + 1)
            for k, (c, v) in enumerate(zip("EFG", months))]
    rows[1] = figure("A", "A", F.MONTH, 5_136, 0, "F8", period="2024-02", start=2, end=2)
    rows += [figure("A", "A", F.CUMULATIVE, sum(months), 0, "H8", period="2024-01..2024-03", start=1, end=3),
             figure("A", "A", F.PLAN, 612_000, 0, "D8"),
             figure("A", "A", F.PCT_PLAN, sum(months) / 612_000 * 100, 2, "J8", unit="%")]
    facts = F.new_table(rows)
    run = run_rules(facts, CORE, path="t.xlsx")
    (finding,) = localise(facts, CORE, run.findings).findings
    (suspect,) = finding.suspects
    assert (suspect.location.cell, suspect.suggested, suspect.pattern) == ("F8", None, "digit dropped")


def test_prose_is_localised_conservatively():
    """samples/report.md: 'tăng 15,2% hay tăng 9,8 triệu USD' with 88,2 gives 12,5%: the rate's digits are
    swapped (named); '1.245/1.320 ... đạt 95,2%' could be the ratio or either count (no suspect)."""
    _facts, _run, result = _checked(REPO / "samples" / "report.md")
    named = {f.rule: f.suspects for f in result.findings if f.suspects}
    assert list(named) == ["text.growth-with-change"]
    (suspect,) = named["text.growth-with-change"]
    assert (suspect.location.line, suspect.stated, suspect.suggested, suspect.pattern) == (
        34, "15,2", "12,5", "swapped digits")
    ratio = [f for f in result.findings if f.rule == "text.ratio-percentage"]
    assert ratio and not ratio[0].suspects


def test_two_slips_in_one_component_need_the_solver():
    """A plan typed with an extra zero whose % of plan was then recomputed from it (a spreadsheet formula):
    only two changes repair the components' sum and the ratio; the solver finds the pair."""
    pytest.importorskip("scipy.optimize")
    total = indicator("T", 8, [60_000, 70_000, 80_000], 900_000, 200_000, 0, 2, complete=True)
    a = indicator("T.a", 9, [20_000, 30_000, 40_000], 400_000, 80_000, 0, 2, parent="T")
    b = indicator("T.b", 10, [40_000, 40_000, 40_000], 500_000, 120_000, 0, 2, parent="T")
    rows = total + a + b
    index = next(i for i, r in enumerate(rows) if r[F.CELL] == "D9")
    pct = next(i for i, r in enumerate(rows) if r[F.CELL] == "J9")
    rows[index] = figure("T.a", "T.a", F.PLAN, 4_000_000, 0, "D9", parent="T")
    rows[pct] = figure("T.a", "T.a", F.PCT_PLAN, 90_000 / 4_000_000 * 100, 2, "J9", parent="T", unit="%")
    facts = F.new_table(rows)
    run = run_rules(facts, CORE, path="t.xlsx")
    result = localise(facts, CORE, run.findings, time_limit=20)
    (outcome,) = result.outcomes
    assert outcome.method == "milp"
    named = [(st.raw, value, pattern) for st, value, _d, pattern in outcome.suspects]
    assert named == [("4.000.000", 400_000.0, "digit doubled"), ("2,25", 22.5, None)]
    (finding,) = [f for f in result.findings if f.suspects]
    assert [s.location.cell for s in finding.suspects] == ["D9", "J9"]


def test_no_solver_is_imported_when_one_figure_explains_each_failure():
    code = ("import sys; from check_report.cli import main; main(['samples/q1.xlsx', '--format', 'json', "
            "'--output', '/dev/null']); print('scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_clean_input_costs_no_binding(monkeypatch):
    import check_report.engine.relations as relations

    def fail(*_args, **_kwargs):
        raise AssertionError("bound without a failure")

    monkeypatch.setattr(relations, "bind", fail)
    rows = indicator("A", 8, [1.0, 2.0, 3.0], 60.0, 5.0, 0, 2)
    facts = F.new_table(rows)
    run = run_rules(facts, CORE)
    assert not run.findings and localise(facts, CORE, run.findings).findings == []


def test_same_input_same_answer():
    rng = random.Random(3)
    rows = indicator("A", 8, [123_456, 234_567, 345_678], 3_000_000, 650_000, 0, 2)
    index = next(i for i, r in enumerate(rows) if r[F.MEASURE] == F.CUMULATIVE)
    rows[index] = inject(rows[index], "swapped digits", rng)
    facts = F.new_table(rows)
    first = localise(facts, CORE, run_rules(facts, CORE).findings).findings
    second = localise(facts, CORE, run_rules(facts, CORE).findings).findings
    assert first == second and first[0].suspects


def test_a_prose_figure_read_with_doubt_is_named_only_with_a_pattern():
    """A quarter off by an amount no typo explains, read from prose: named when read for sure, not when its
    period was read with doubt (the slip may be the reading's). With a typo pattern it is named either way
    (the growth in samples/report.md, test above)."""
    rows = indicator("A", 8, [438_600, 402_300, 438_500], 5_210_000, 1_183_900, 0, 2)
    rows = [{**r, F.SOURCE: "text", F.LINE: 3, F.CELL: None, F.SHEET: None} for r in rows]
    index = next(i for i, r in enumerate(rows) if r[F.MEASURE] == F.CUMULATIVE)
    rows[index] = {**figure("A", "A", F.CUMULATIVE, 1_301_234, 0, None, period="2024-01..2024-03", start=1, end=3),
                   F.SOURCE: "text", F.LINE: 3, F.SHEET: None}
    sure = F.new_table(rows)
    assert localise(sure, CORE, run_rules(sure, CORE).findings).findings[0].suspects
    doubtful = F.new_table([{**r, F.CERTAIN: False, F.DOUBT: "period not stated"} if i == index else r
                            for i, r in enumerate(rows)])
    result = localise(doubtful, CORE, run_rules(doubtful, CORE).findings)
    assert result.outcomes[0].reason == "uncertain" and not any(f.suspects for f in result.findings)


def test_a_failing_localisation_keeps_the_findings(monkeypatch):
    import check_report.localise as localisation
    from check_report.pipeline import Settings, check_file

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(localisation, "localise", broken)
    result = check_file(str(SAMPLE), Settings())
    assert result.status == "ok" and len(result.findings) == 10 and not any(f.suspects for f in result.findings)


# -- relations a table declares take part like the rules' own -----------------------------------------------

FORMS = REPO / "tests" / "fixtures" / "workbooks" / "forms"


def test_a_unit_typo_breaking_its_total_and_its_declared_rate_is_one_finding_naming_the_cell():
    # 'Xã Đông Khê': 37 poor households typed 73: the column total (children-sum) and the row's declared
    # rate '(5)=(4)/(3)x100' (table-relation) both break; one mistake, one finding
    _facts, run, result = _checked(FORMS / "f02_ho_ngheo_xa.m1.xlsx")
    assert {f.rule for f in run.findings} == {"core.children-sum", "core.table-relation"}
    [finding] = result.findings
    assert _place(finding.suspects[0].location) == "TH ho ngheo!D16"
    assert (finding.suspects[0].suggested, finding.suspects[0].pattern) == ("37", "swapped digits")
    assert [r.rule for r in finding.related] == ["core.table-relation"]


def test_a_declared_rate_written_without_times_100_is_inverted_on_the_reading_that_fits():
    # '5=3/2' over a column of percentages holds as a ratio or a percentage; the wrong rate 54,14 is named,
    # not the plan beside it
    _facts, _run, result = _checked(FORMS / "f06_thu_chi_two_tables.m2.xlsx")
    [finding] = result.findings
    assert finding.rule == "core.table-relation"
    assert (_place(finding.suspects[0].location), finding.suspects[0].suggested) == ("Thu chi NS!G12", "51,44")


def test_a_declared_sub_column_relation_names_the_part():
    # 'Trong đó: Thu tiền sử dụng đất' 2.950 typed 29.500: above its commune's total and its column's sum
    _facts, _run, result = _checked(FORMS / "f03_thu_ns_xa_formulas.m3.xlsx")
    assert [_place(f.suspects[0].location) for f in result.findings] == ["Thu NS xa!F14"]
