"""Coverage shown to the user: numbers in the text, read into facts, checked by at least one rule."""

from __future__ import annotations

from check_report.engine import load_rules, run_rules
from check_report.extract.prose import document_facts, prose_coverage, unchecked_numbers
from check_report.readers.text import parse_text

TEXT = """**BÁO CÁO QUÝ I NĂM 2024**

Thực hiện Chỉ thị số 03/CT-UBND ngày 17/01/2024, nhiệm kỳ 2020-2025.

1. Đã vận động 26.595/27.731 hộ dân, đạt tỷ lệ 95,9%.

Tổ chức 150 lượt kiểm tra; chỉ số hài lòng 8,5.
"""


def _run(text: str):
    document = parse_text(text, path="c.md")
    facts, _ = document_facts(document)
    result = run_rules(facts, load_rules(["text"]), path="c.md", document=document)
    return document, facts, result.checked_facts


def test_dates_codes_years_and_numbering_are_not_counted():
    document, facts, checked = _run(TEXT)
    coverage = prose_coverage(document, facts, checked)
    # counted: 26.595, 27.731, 95,9, 150, 8,5 (the rest are a code, a date, a term, list numbering)
    assert coverage == {"numbers": 5, "read": 4, "checked": 3, "uncertain": 0}


def test_unchecked_numbers_name_their_line_and_context():
    document, facts, checked = _run(TEXT)
    unchecked = unchecked_numbers(document, facts, checked)
    assert [(line, raw) for line, raw, _ in unchecked] == [(7, "150"), (7, "8,5")]
    assert "chỉ số hài lòng 8,5" in unchecked[1][2]


def test_nothing_checked_when_no_rule_ran():
    document, facts, _ = _run(TEXT)
    assert prose_coverage(document, facts, set())["checked"] == 0
    assert len(unchecked_numbers(document, facts, set())) == 5


def test_code_check_kinds_tell_which_facts_they_compared():
    from check_report.checks import crossmention, derived

    document = parse_text("**BÁO CÁO QUÝ I NĂM 2024**\n\n"
                          "Thu ngân sách nhà nước 3 tháng ước thực hiện 120 tỷ đồng, đạt 30% dự toán, gồm: thu thuế "
                          "3 tháng ước thực hiện 80 tỷ đồng, đạt 25% dự toán; thu tiền đất 3 tháng ước thực hiện "
                          "40 tỷ đồng, đạt 50% dự toán.\n\nĐặc biệt thu ngân sách nhà nước đạt 30% dự toán.\n",
                          path="c.md")
    facts, _ = document_facts(document)
    compared = facts.loc[sorted(crossmention.checked_rows(facts))]
    assert sorted(compared["raw"]) == ["30", "30"]
    combined = facts.loc[sorted(derived.checked_rows(facts))]
    assert sorted(combined["raw"]) == ["120", "25", "30", "40", "50", "80"]


def test_mentions_of_unsure_identity_are_counted_and_listed_not_compared(tmp_path):
    """A headline without base or period and the body's figure may be one figure: not compared, but said."""
    import json
    import os
    import subprocess
    import sys

    # the figure's digits stand in the path too (as in a CI run's 'pytest-728'): the listing must not take its
    # own words for a quote of the text around '28'
    (tmp_path / "run-728").mkdir()
    report = tmp_path / "run-728" / "headline.md"
    report.write_text("Kim ngạch xuất khẩu tăng 82%\n\nKim ngạch xuất khẩu 8 tháng năm 2022 ước đạt 1.533 triệu USD, "
                      "tăng 28% so với cùng kỳ năm trước.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "check_report", str(report), "--format", "json", "--show-unchecked"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout)
    record = output["files"][0]
    assert record["coverage"]["uncertain"] == 1
    assert output["findings"] == []                     # the headline's 82% is not compared with the body's 28%
    listed = [u for u in record["unchecked"] if "not compared" in u["context"]]
    assert len(listed) == 1 and listed[0]["raw"] == "28" and "identity uncertain" in listed[0]["context"]
    assert not listed[0]["quoted"] and all(u["quoted"] for u in record["unchecked"] if u is not listed[0])
    terminal = subprocess.run([sys.executable, "-m", "check_report", str(report)], capture_output=True,
                              text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert "1 pair not compared: identity uncertain" in terminal.stdout
    listing = subprocess.run([sys.executable, "-m", "check_report", str(report), "--show-unchecked", "--lang", "en"],
                             capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    # the terminal says with what and why in full, not cut like a quote around the figure
    assert "not compared with '82' (" in listing.stdout and "): identity uncertain" in listing.stdout


def test_one_indicator_twice_in_one_paragraph_is_counted_not_compared(tmp_path):
    """Within one paragraph, two mentions named alike are not compared (most often two things the names do not
    tell apart), but the pair is said; in two paragraphs the same two figures are compared."""
    import json
    import subprocess
    import sys

    head = "**BÁO CÁO TÌNH HÌNH SẢN XUẤT 6 THÁNG NĂM 2024**\n\n"
    one = "Sản lượng lúa 6 tháng đạt 100.200 tấn, tăng 3%. Trên địa bàn, sản lượng lúa 6 tháng đạt 120.400 tấn.\n"
    two = one.replace(". Trên", ".\n\nTrên")
    outputs = []
    for name, body in (("one.md", one), ("two.md", two)):
        report = tmp_path / name
        report.write_text(head + body, encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "check_report", str(report), "--format", "json",
                              "--show-unchecked", "--lang", "en"], capture_output=True, text=True, timeout=60)
        outputs.append(json.loads(run.stdout))
    within, apart = outputs
    assert within["findings"] == [] and within["files"][0]["coverage"]["uncertain"] == 1
    listed = [u["context"] for u in within["files"][0]["unchecked"] if "not compared" in u["context"]]
    assert listed and "one paragraph or list" in listed[0]
    assert [f["rule"] for f in apart["findings"]] == ["text.cross-mention"]


def test_markdown_table_rows_are_reported_on_their_own_line():
    from check_report import facts as F
    from check_report.extract import extract
    from check_report.readers.base import Source
    from check_report.readers.text import _grid, parse_with_tables

    text = ("BÁO CÁO QUÝ I NĂM 2024\n\n| Chỉ tiêu | Kế hoạch | Quý I |\n|---|---|---|\n"
            "| Thu ngân sách | 1.000 | 250 |\n| Chi ngân sách | 800 | 200 |\n")
    document, tables = parse_with_tables(text, path="t.md")
    source = Source(path="t.md", kind="md", grids=[_grid(1, rows, lines) for rows, lines in tables],
                    document=document)
    facts, _ = extract(source)
    table = facts[facts[F.SOURCE] == "table"]
    lines = dict(zip(table[F.RAW], table[F.LINE]))
    assert lines["1.000"] == 5 and lines["800"] == 6      # the |---| line is not a row


def test_figures_a_text_check_finds_wrong_count_as_checked():
    """doc.resolved-rate reads the sentence itself, not the fact table: the figures it names in a finding
    were checked, and coverage does not list them as left unchecked."""
    text = "**BÁO CÁO NĂM 2024**\n\nÁn hình sự thụ lý 1.607 vụ, đã giải quyết 1.505 vụ, đạt tỷ lệ 93,56%.\n"
    document = parse_text(text, path="c.md")
    facts, _ = document_facts(document)
    result = run_rules(facts, load_rules(["document"]), path="c.md", document=document)
    assert [f.rule for f in result.findings] == ["doc.resolved-rate"]
    unchecked = {raw for _, raw, _ in unchecked_numbers(document, facts, result.checked_facts)}
    read = set(facts["raw"])
    assert {"1.607", "1.505", "93,56"} & read and not {"1.607", "1.505", "93,56"} & read & unchecked
