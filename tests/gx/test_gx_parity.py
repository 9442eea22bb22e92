"""`--engine gx` and the native engine report the same rule, severity and cells on the same inputs."""

from pathlib import Path

import pytest

pytest.importorskip("great_expectations", reason="great_expectations not installed (optional extra)")

from gx_helpers import INJECTED, cells, clean_table, hierarchy_table, table_with_errors

from check_report import extract, readers
from check_report import facts as F
from check_report.engine import load_rules, run_rules
from check_report.gx.run import run_with_gx

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "q1.xlsx"
WORKBOOKS = sorted(p for p in (REPO / "tests" / "fixtures" / "workbooks").glob("*")
                   if p.suffix in {".xlsx", ".xls", ".ods", ".csv"})


@pytest.fixture(scope="module")
def ruleset():
    return load_rules(["default"])


SAMPLES = sorted(p for p in (REPO / "samples").glob("*") if p.suffix in {".xlsx", ".md", ".docx", ".txt"})


def facts_of(path: Path):
    table, _notes = extract.extract(readers.read(str(path)))
    return table


def assert_parity(facts, ruleset, path="q.xlsx", document=None, lang="en"):
    native = run_rules(facts, ruleset, path=path, document=document, lang=lang)
    through_gx = run_with_gx(facts, ruleset, path=path, document=document, lang=lang)
    assert cells(through_gx) == cells(native)
    assert through_gx.findings == native.findings            # same messages, figures and intervals too
    assert through_gx.per_rule == native.per_rule
    assert list(through_gx.per_rule) == list(native.per_rule)   # same order: reports list rules by it
    assert through_gx.checked_facts == native.checked_facts
    return native


def test_hand_built_table_with_injected_errors(ruleset):
    native = assert_parity(table_with_errors(), ruleset)
    found = {loc.short(): f.rule for f in native.findings for loc in f.locations}
    for cell, rule in INJECTED.items():
        assert found.get(cell) == rule


def test_clean_table_and_hierarchy(ruleset):
    assert assert_parity(clean_table(), ruleset).findings == []
    assert [f.rule for f in assert_parity(hierarchy_table(parent_value=100), ruleset).findings] == ["core.children-sum"]


def test_sample_workbook_and_its_injected_discrepancies(ruleset):
    if not SAMPLE.exists():
        pytest.skip("samples/q1.xlsx has not been built")
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_q1", SAMPLE.with_name("build_q1.py"))
    build_q1 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_q1)
    native = assert_parity(facts_of(SAMPLE), ruleset, path=str(SAMPLE))
    reported = {(loc.short(), f.rule) for f in native.findings for loc in f.locations}
    for cell, (rule, _what) in build_q1.INJECTED.items():
        assert (cell, rule) in reported


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_in_both_languages(ruleset, sample, lang):
    """Workbooks and prose alike; prose-only check kinds run natively inside run_with_gx."""
    source = readers.read(str(sample))
    facts, _notes = extract.extract(source)
    assert_parity(facts, ruleset, path=str(sample), document=source.document, lang=lang)


@pytest.mark.parametrize("workbook", WORKBOOKS, ids=lambda p: p.name)
def test_fixture_workbooks(ruleset, workbook):
    assert_parity(facts_of(workbook), ruleset, path=str(workbook))


@pytest.mark.parametrize("measure", [F.CUMULATIVE, F.PLAN, F.MONTH, F.PCT_PLAN, F.PREVIOUS])
def test_errors_injected_into_the_sample_facts(ruleset, measure):
    """Push one figure of each kind far outside its rounding: both engines catch it at the same cells."""
    if not SAMPLE.exists():
        pytest.skip("samples/q1.xlsx has not been built")
    facts = facts_of(SAMPLE).copy()
    rows = facts.index[facts[F.MEASURE] == measure]
    if not len(rows):
        pytest.skip(f"the sample states no {measure} figure")
    row = rows[len(rows) // 2]
    for column in (F.VALUE, F.LOWER, F.UPPER):
        facts.loc[row, column] = facts.loc[row, column] * 1.5 + 7
    native = assert_parity(facts, ruleset, path=str(SAMPLE))
    cell = f"{facts.loc[row, F.SHEET]}!{facts.loc[row, F.CELL]}"
    assert any(cell in {loc.short() for loc in f.locations} for f in native.findings)


def test_user_declared_measures_travel_with_the_rules(tmp_path):
    rules = tmp_path / "exports.yaml"
    rules.write_text("pack: user\nmeasures: [exports]\nrules:\n  - id: exports-le-output\n"
                     "    expr: exports <= cumulative\n", encoding="utf-8")
    ruleset = load_rules([str(rules)])
    facts = table_with_errors()
    extra = facts[facts[F.MEASURE] == F.CUMULATIVE].copy()
    extra[F.MEASURE] = "exports"
    extra[F.CELL] = extra[F.CELL].str.replace("F", "K")
    extra.loc[extra[F.CELL] == "K9", [F.VALUE, F.LOWER, F.UPPER]] = [9000.0, 8999.5, 9000.5]   # above Q1
    facts = F.concat([facts, extra])
    native = assert_parity(facts, ruleset)
    assert [(f.rule, sorted(loc.short() for loc in f.locations)) for f in native.findings] == [
        ("user.exports-le-output", ["Bieu 1!F9", "Bieu 1!K9"])]
