"""Golden files for every machine format, SARIF validated against the official 2.1.0 schema, JUnit parsed
with a standard XML parser, and the escaping each format needs.

Regenerate the golden files after an intended change: `UPDATE_GOLDEN=1 pytest tests/reporters`."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import sample_report as sample

from check_report.reporters import github, junit, markdown, sarif

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCHEMA = json.loads((HERE / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RENDERERS = {"sarif": (sarif.render, "sarif.json"), "junit": (junit.render, "junit.xml"),
             "github": (github.render, "github.txt"), "markdown": (markdown.render, "markdown.md")}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_golden(fmt, lang):
    render, name = RENDERERS[fmt]
    output = render(sample.build(lang), lang=lang)
    golden = GOLDEN / f"{lang}.{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_output_is_deterministic(fmt):
    render, _ = RENDERERS[fmt]
    assert render(sample.build(), lang="en") == render(sample.build(), lang="en")


# --- SARIF ------------------------------------------------------------------------------------------

def _sarif(lang="en"):
    return json.loads(sarif.render(sample.build(lang), lang=lang))


def test_sarif_validates_against_the_official_schema():
    jsonschema.Draft7Validator(SCHEMA).validate(_sarif())
    jsonschema.Draft7Validator(SCHEMA).validate(_sarif("vi"))


def test_sarif_with_no_findings_validates():
    from check_report.findings import FileResult
    from check_report.reporters.records import build_report

    log = json.loads(sarif.render(build_report([FileResult("a.md")], lang="en", tool_version="0"), lang="en"))
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_rules_carry_metadata_and_results_point_at_them():
    run = _sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    by_id = {r["id"]: r for r in rules}
    assert by_id["core.sum-children"]["shortDescription"]["text"] == "Children add up to their parent"
    assert by_id["core.sum-children"]["defaultConfiguration"]["level"] == "error"
    assert by_id["text.growth"]["defaultConfiguration"]["level"] == "note"
    assert "check-report explain core.pct-plan" in by_id["core.pct-plan"]["help"]["text"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_locations_for_text_and_for_spreadsheet_cells():
    results = _sarif()["runs"][0]["results"]
    text = next(r for r in results if r["ruleId"] == "core.pct-plan")
    physical = text["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "reports/q1%20b%C3%A1o%20c%C3%A1o.md"
    assert physical["region"]["startLine"] == 37
    assert text["level"] == "warning"
    cell = next(r for r in results if r["ruleId"] == "core.sum-children")
    first = cell["locations"][0]
    assert first["physicalLocation"]["artifactLocation"]["uri"] == "reports/q1.xlsx"
    assert first["physicalLocation"]["region"]["snippet"]["text"] == "Biểu 01!E9"
    assert first["logicalLocations"][0]["fullyQualifiedName"] == "Biểu 01!E9"
    assert [loc["logicalLocations"][0]["name"] for loc in cell["relatedLocations"]] == ["E10", "E11"]


def test_sarif_cross_file_finding_points_into_both_files():
    results = _sarif()["runs"][0]["results"]
    cross = next(r for r in results if r["ruleId"] == "cross.same-figure")
    uris = [cross["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in cross["relatedLocations"]]
    assert uris == ["reports/q1.xlsx", "reports/thang03.xlsx"]


def test_sarif_reports_the_unreadable_file_as_a_notification():
    invocation = _sarif()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert "not a zip file" in note["message"]["text"]


def test_sarif_fingerprints_are_unique_and_stable():
    prints = [r["partialFingerprints"]["checkReportFinding/v1"] for r in _sarif()["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)
    assert prints == [r["partialFingerprints"]["checkReportFinding/v1"] for r in _sarif("vi")["runs"][0]["results"]]


def test_sarif_uri_of_an_absolute_path_outside_the_working_directory(tmp_path, monkeypatch):
    from check_report.reporters.machine import artifact_uri

    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "sub" / "a b.xlsx")) == "sub/a%20b.xlsx"
    assert artifact_uri("/elsewhere/q1.md").startswith("file:///")


# --- JUnit ------------------------------------------------------------------------------------------

def _junit():
    return ET.fromstring(junit.render(sample.build(), lang="en"))


def test_junit_parses_and_has_one_case_per_rule_and_file():
    root = _junit()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == [sample.BOOK, sample.TEXT, sample.DOCX, sample.BROKEN, sample.MONTH]
    rules = sorted(r.id for r in sample.RULESET_RULES)
    book_cases = [c.get("name") for c in suites[sample.BOOK].iter("testcase")]
    assert book_cases == rules
    assert {c.get("classname") for c in suites[sample.BOOK].iter("testcase")} == {sample.BOOK}


def test_junit_failures_carry_the_findings():
    suites = {s.get("name"): s for s in _junit().iter("testsuite")}
    cases = {c.get("name"): c for c in suites[sample.BOOK].iter("testcase")}
    failure = cases["core.sum-children"].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert "Biểu 01!E9, Biểu 01!E10, Biểu 01!E11" in failure.text
    assert cases["core.pct-plan"].find("failure") is None
    assert cases["cross.same-figure"].find("failure") is not None     # the cross-file finding is here ...
    month_cases = {c.get("name"): c for c in suites[sample.MONTH].iter("testcase")}
    assert month_cases["cross.same-figure"].find("failure") is not None  # ... and in the other file


def test_junit_counts_and_the_unreadable_file():
    root = _junit()
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    broken = suites[sample.BROKEN]
    assert broken.get("errors") == "1" and broken.find("testcase/error") is not None
    assert suites[sample.BOOK].get("failures") == "2"
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())
    assert int(root.get("failures")) == sum(len(s.findall("testcase/failure")) for s in suites.values())


# --- GitHub -----------------------------------------------------------------------------------------

def test_github_commands_per_finding_and_file():
    lines = github.render(sample.build(), lang="en").splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    text = next(line for line in lines if "core.pct-plan" in line)
    assert text.startswith("::warning file=reports/q1 báo cáo.md,line=37,title=core.pct-plan::")
    assert "%0Asecond line" in text and "\n" not in text
    assert "100%25 = 50%25" in text
    cell = next(line for line in lines if "core.sum-children" in line)
    assert "title=core.sum-children (Biểu 01!E9)" in cell and "[also Biểu 01!E10, Biểu 01!E11]" in cell
    cross = [line for line in lines if "cross.same-figure" in line]
    assert [c.split(",")[0] for c in cross] == ["::error file=reports/q1.xlsx", "::error file=reports/thang03.xlsx"]
    assert any(line.startswith("::error file=reports/broken.xlsx,title=check-report::") for line in lines)


def test_github_escaping():
    assert github.escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert github.escape_property("Sheet1!A1, x: y") == "Sheet1!A1%2C x%3A y"


# --- Markdown ---------------------------------------------------------------------------------------

def test_markdown_summary_and_findings_per_file():
    text = markdown.render(sample.build(), lang="en")
    assert text.startswith("# check-report findings\n")
    # its own finding and the cross-file one that starts in it: the counts of the findings listed under it
    assert "| `reports/q1.xlsx` | checked | 12 | 2 | 0 | 0 |" in text
    assert "| **Total** |  | 45 | 2 | 1 | 2 |" in text
    assert "| `reports/broken.xlsx` | not read | 0 | 0 | 0 | 0 |" in text
    assert "## reports/q1.xlsx" in text and "## reports/thang03.xlsx" in text
    assert "Nông nghiệp" not in text  # quoted context stays out; places are cells
    assert "| 1,138.0 | 1,100.5 |" in text          # stated and implied figures, not intervals
    assert "| 21.89% | 25.00% |" in text


def test_markdown_escapes_pipes_and_newlines_in_cells():
    text = markdown.render(sample.build(), lang="en")
    row = next(line for line in text.splitlines() if "core.pct-plan" in line and line.startswith("|"))
    assert row.count(" | ") == 5          # six columns, nothing broke out of its cell
    assert "50% second line" in row


def test_markdown_in_vietnamese_writes_vietnamese_numbers():
    text = markdown.render(sample.build("vi"), lang="vi")
    assert "## Tổng hợp" in text and "| 1.138,0 | 1.100,5 |" in text and "lỗi" in text
    assert "1,138" not in text and "dòng 37" in text and "đoạn 12" in text


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_formats_are_registered(fmt):
    from check_report.reporters import render

    assert render(sample.build(), fmt, lang="en") == RENDERERS[fmt][0](sample.build(), lang="en")


def test_sarif_rule_documentation_follows_the_language():
    rules = {r["id"]: r for r in _sarif("vi")["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["core.sum-children"]["shortDescription"]["text"] == "Tổng các chỉ tiêu con bằng chỉ tiêu cha"
    # the "why" has no Vietnamese text: English stands in rather than nothing
    assert rules["core.sum-children"]["fullDescription"]["text"] == "Các phần so với tổng. A total that does not add up."


def test_markdown_names_each_place_once():
    finding = {"locations": [{"path": "a.md", "line": 3}, {"path": "a.md", "line": 3},
                             {"path": "b.xlsx", "sheet": "S", "cell": "B2"}]}
    assert markdown._places(finding, "a.md", "en") == "line 3<br>b.xlsx S!B2"
    assert markdown._places(finding, "a.md", "vi") == "dòng 3<br>b.xlsx S!B2"


def test_intervals_keep_the_digits_that_matter():
    from check_report.reporters.machine import interval_text

    assert interval_text([21.885, 21.895], "vi") == "[21,885; 21,895]"
    assert interval_text([144106674438.93912, 144196558763.48792], "en") == "[144,106,674,439; 144,196,558,763]"
    assert interval_text([99.852151, 99.852151], "en") == "[99.8522; 99.8522]"
    assert interval_text([None, 5.0], "en") == "[-∞; 5]"


def test_github_names_other_places_once():
    report = {"files": [], "findings": [{"rule": "r", "severity": "info", "message": "m", "path": "a.md",
                                         "locations": [{"path": "a.md", "line": 3}, {"path": "a.md", "line": 3},
                                                       {"path": "a.md", "line": 9}, {"path": "a.md", "line": 9}]}]}
    assert github.render(report) == "::notice file=a.md,line=3,title=r::m [also line 9]\n"


def test_sarif_finding_without_places_points_at_its_file():
    results = _sarif()["runs"][0]["results"]
    wording = next(r for r in results if r["ruleId"] == "text.growth" and "wording" in r["message"]["text"])
    physical = wording["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "reports/q1%20b%C3%A1o%20c%C3%A1o.md"
    assert physical["region"] == {"startLine": 1}
