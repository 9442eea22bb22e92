"""The real seed report: its known problems are found at their lines, and nothing else.

Every finding here was read against the text: the blank number and date of a draft, last year's quarter
among this quarter's results, a decree cited without its year, a Công điện coded QĐ, a list of four parks
restated with a different ward, a resolution cited with two dates, and the school year 2024-2024.
"""

from __future__ import annotations

import pytest

from _docs import doc_from_file
from check_report.checks import REGISTRY, load
from check_report.checks.base import CheckContext
from check_report.checks.period import report_period

OURS = sorted(set(REGISTRY) - {"cross-mention", "derived-plan"})
EXPECTED = {
    ("header-blank", 3), ("header-blank", 5),
    ("period-year", 30),
    ("citation-year", 141),
    ("citation-type-code", 153), ("citation-type-code", 243),
    ("list-restated", 161),
    ("citation-conflict", 215),
    ("school-year", 227),
}


@pytest.fixture
def seed_findings(seed_path):
    ctx = CheckContext(path=str(seed_path), document=doc_from_file(seed_path), facts=None)
    found = []
    for check_id in OURS:
        module = load(check_id)
        found += [(check_id, problem) for problem in module.check(ctx, dict(module.OPTIONS))]
    return found


def test_seed_findings_are_exactly_the_known_problems(seed_findings):
    got = {(check_id, problem.locations[0].line) for check_id, problem in seed_findings}
    assert got == EXPECTED


def test_seed_school_year_and_conflicting_resolution_name_their_lines(seed_findings):
    by_id = {check_id: problem for check_id, problem in seed_findings}
    assert "2024-2024" in by_id["school-year"].locations[0].text
    conflict = by_id["citation-conflict"]
    assert [loc.line for loc in conflict.locations] == [215, 55]
    assert "10/12/2018" in conflict.message and "18/12/2018" in conflict.message


def test_seed_well_formed_citations_dates_and_anniversaries_pass(seed_findings):
    quiet = {"date-valid", "date-range", "date-done", "anniversary", "citation-date", "citation-style",
             "term-span", "list-count", "heading-sequence", "footnote-order", "number-style"}
    assert [c for c, _ in seed_findings if c in quiet] == []


def test_seed_period(seed_path):
    period = report_period(doc_from_file(seed_path))
    assert (period.year, period.start_month, period.end_month, period.kind) == (2024, 1, 3, "quarter")
    assert period.date is None and (period.header_month, period.header_year) == (3, 2024)


def test_seed_through_the_text_reader_and_engine(seed_path):
    text_reader = pytest.importorskip("check_report.readers.text")
    engine = pytest.importorskip("check_report.engine")
    facts = pytest.importorskip("check_report.facts")
    document = text_reader.read_text(str(seed_path)).document
    result = engine.run_rules(facts.new_table(), engine.load_rules(["document"]), path=str(seed_path),
                              document=document)
    got = {(f.rule.removeprefix("doc."), f.locations[0].line) for f in result.findings}
    assert got == EXPECTED
