"""End to end: file -> reader -> facts -> default rule set. The seed report, the samples (.md and .docx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_report.engine import load_rules, run_rules
from check_report.extract import extract
from check_report.findings import Severity
from check_report.readers import read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
OURS = ("text.", "core.")


def check(path: Path, packs=("default",)):
    source = read(str(path))
    facts, _ = extract(source)
    result = run_rules(facts, load_rules(list(packs)), path=str(path), document=source.document)
    return [f for f in result.findings if f.rule.startswith(OURS)]


def lines_of(finding) -> list:
    return sorted({loc.line if loc.line is not None else loc.where for loc in finding.locations})


def test_seed_reports_what_does_not_hold_and_nothing_else(seed_path):
    found = {f.rule: f for f in check(seed_path)}
    revenue = found.pop("text.cross-mention")
    assert revenue.severity == Severity.WARNING
    assert {loc.line for loc in revenue.locations} == {32, 175}
    assert "744" in revenue.message and "844" in revenue.message
    ratio = found.pop("text.ratio-percentage")
    assert {fig.raw for fig in ratio.figures} >= {"99,89", "27.690", "27.731"}
    assert lines_of(ratio) == [165]
    breakdown = found.pop("core.children-within-parent")
    assert sorted(fig.raw for fig in breakdown.figures) == ["10", "12", "21"] and lines_of(breakdown) == [129]
    note = found.pop("text.derived-plan")     # the footnote's components imply 17,23% of plan, not 17,15%
    assert note.severity == Severity.INFO and lines_of(note) == [30, 47]
    assert found == {}, f"unexpected findings: {[(f.rule, f.message) for f in found.values()]}"


def test_seed_relations_that_hold_are_checked_quietly(seed_path):
    source = read(str(seed_path))
    facts, _ = extract(source)
    result = run_rules(facts, load_rules(["core", "text"]), path=str(seed_path), document=source.document)
    stats = result.per_rule
    assert stats["text.ratio-percentage"].evaluated == 6 and stats["text.ratio-percentage"].failed == 1
    assert stats["core.children-within-parent"].evaluated >= 8


# each deliberate discrepancy of samples/report.md: rule -> lines of its figures
EXPECTED_MD = {
    ("core.month-le-cumulative", (20,)),
    ("text.derived-plan", (22,)),
    ("text.growth-with-change", (34,)),
    ("core.children-sum", (36,)),
    ("core.children-within-parent", (40,)),
    ("core.children-within-parent", (42,)),
    ("text.ratio-percentage", (44,)),
    ("text.cross-mention", (24, 50)),
    ("text.cross-mention", (18, 50)),
    ("core.children-within-parent", (24, 58)),
}


def test_sample_report_every_discrepancy_at_its_line():
    found = {(f.rule, tuple(lines_of(f))) for f in check(SAMPLES / "report.md")}
    assert found == EXPECTED_MD


@pytest.mark.parametrize("name", ["report-clean.md", "report-clean.docx"])
def test_clean_samples_give_no_finding_at_all(name):
    source = read(str(SAMPLES / name))
    facts, _ = extract(source)
    result = run_rules(facts, load_rules(["default"]), path=name, document=source.document)
    assert result.findings == []
    assert len(facts) > 50


def test_docx_sample_finds_the_same_discrepancies_with_footnote_components():
    md = sorted((f.rule, f.message.split(":")[0]) for f in check(SAMPLES / "report.md"))
    docx_findings = check(SAMPLES / "report.docx")
    assert sorted((f.rule, f.message.split(":")[0]) for f in docx_findings) == md
    footnoted = [f for f in docx_findings if "footnote 1" in lines_of(f)]
    assert len(footnoted) == 1 and footnoted[0].rule == "core.children-within-parent"
    assert "paragraph 12" in lines_of(footnoted[0])     # the total carrying the footnote mark


def test_a_report_written_differently_reads_right_and_raises_nothing():
    """A province report in running prose (no bold labels, ';' clauses, 'tính chung', a sector list)."""
    from check_report import facts as F

    path = Path(__file__).parent / "data" / "province-9-months.md"
    assert check(path) == []
    facts, _ = extract(read(str(path)))
    sectors = facts[(facts[F.LINE] == 7) & (facts[F.MEASURE] == F.GROWTH)][F.INDICATOR].tolist()
    assert sectors == ["Tổng sản phẩm trên địa bàn (GRDP)", "khu vực nông, lâm nghiệp và thủy sản",
                       "khu vực công nghiệp - xây dựng", "khu vực dịch vụ"]
    iip = facts[facts[F.LINE] == 9]
    assert set(zip(iip[F.INDICATOR], iip[F.MEASURE], iip[F.VALUE])) == {
        ("Chỉ số sản xuất công nghiệp (IIP)", F.GROWTH_PRIOR, 1.5),      # "so với tháng trước"
        ("Chỉ số sản xuất công nghiệp (IIP)", F.GROWTH_MONTH, 8.9), ("IIP", F.GROWTH, 9.2)}
    exports = facts[facts[F.LINE] == 15]
    assert exports[F.ENTITY].nunique() == 1 and set(exports[F.MEASURE]) == {
        F.MONTH, F.CUMULATIVE, F.GROWTH, F.CHANGE}


def test_build_script_rebuilds_the_docx_samples(tmp_path):
    import shutil
    import subprocess

    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (apt-get install -y pandoc)")
    for name in ("build_docx.sh", "report.md", "report-clean.md"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    subprocess.run(["bash", str(tmp_path / "build_docx.sh")], check=True, capture_output=True, timeout=60)
    rebuilt = sorted((f.rule, f.message) for f in check(tmp_path / "report.docx"))
    committed = sorted((f.rule, f.message) for f in check(SAMPLES / "report.docx"))
    assert rebuilt == committed and len(rebuilt) == len(EXPECTED_MD)
