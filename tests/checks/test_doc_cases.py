"""Every check kind's YAML cases (tests/checks/cases/<check-id>.yaml), run by one parametrised test.

A case gives the text of a document (one block per line, see _docs.py), optional options and language,
and the problems expected: their line, and optionally a substring of the message and the severity the
check itself sets. The count must match exactly, so cases with `expect: []` prove a check stays quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from _docs import doc_from_text
from check_report.checks import FACT_KINDS, REGISTRY, load
from check_report.checks.base import CheckContext

CASES_DIR = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["check"], case, id=f"{spec['check']}: {case['name']}")


def _run(check_id: str, case: dict):
    module = load(check_id)
    document = doc_from_text(case["text"], path="report.md")
    ctx = CheckContext(path="report.md", document=document, facts=None, lang=case.get("lang", "en"))
    return list(module.check(ctx, {**module.OPTIONS, **case.get("options", {})}))


@pytest.mark.parametrize(("check_id", "case"), list(_cases()))
def test_case(check_id: str, case: dict):
    problems = _run(check_id, case)
    expected = case["expect"]
    got = [(p.locations[0].line, p.message, p.severity.label if p.severity else None) for p in problems]
    assert len(problems) == len(expected), got
    unmatched = list(got)
    for want in expected:
        match = next((g for g in unmatched if g[0] == want["line"] and want.get("message", "") in g[1]
                      and ("severity" not in want or g[2] == want["severity"])), None)
        assert match is not None, f"no problem like {want} in {got}"
        unmatched.remove(match)


def test_every_check_kind_has_cases():
    ids = {yaml.safe_load(p.read_text(encoding="utf-8"))["check"] for p in CASES_DIR.glob("*.yaml")}
    # the kinds on figures are tested through the prose reader (tests/text/test_scope.py, test_checks.py)
    mine = {cid for cid, module in REGISTRY.items() if module.startswith("check_report.checks.")} - FACT_KINDS
    assert mine <= ids, f"no YAML cases for {sorted(mine - ids)}"


def test_problems_quote_the_text_they_point_at():
    problems = _run("school-year", {"text": "x\nkhai giảng năm học 2025-2025 và năm học 2025-2026\n"})
    (problem,) = problems
    assert problem.locations[0].path == "report.md"
    assert problem.locations[0].line == 2
    assert "2025-2025" in problem.locations[0].text


def test_checks_skip_documents_that_are_not_there():
    ctx = CheckContext(path="book.xlsx", document=None, facts=None)
    for check_id in REGISTRY:
        module = load(check_id)
        assert list(module.check(ctx, dict(module.OPTIONS))) == [], check_id


@pytest.mark.parametrize(("check_id", "case"), [c for c in _cases() if c.values[1]["expect"]])
def test_failing_cases_speak_vietnamese_too(check_id: str, case: dict):
    english = _run(check_id, {**case, "lang": "en"})
    vietnamese = _run(check_id, {**case, "lang": "vi"})
    assert len(vietnamese) == len(english)
    for en, vi in zip(english, vietnamese, strict=True):
        assert vi.message != en.message and vi.locations == en.locations
