"""The terminal report rendered on a fixed-width console writing to a StringIO."""

from __future__ import annotations

import io

import pytest

from cli_helpers import sample_result

from check_report.findings import FileResult
from check_report.reporters.records import build_report
from check_report.reporters.terminal import make_console, print_report, render


def _report(lang="en", results=None):
    results = results or [sample_result(), FileResult("b.csv", status="error", error="b.csv: no such file")]
    return build_report(results, lang=lang, tool_version="1")


def test_groups_by_file_and_sheet_and_shows_every_cell_involved():
    text = render(_report(), lang="en")
    assert text.index("q1.xlsx") < text.index("sheet Bieu 1") < text.index("core.cumulative-sum")
    assert text.index("core.cumulative-sum") < text.index("core.pct-of-plan")
    for place in ("Bieu 1!F9", "Bieu 1!H12", "Bieu 1!F12"):
        assert place in text
    assert "stated 21.89 · implied 22.11 · difference 0.22 · ±0.01 from rounding" in text
    assert "[" not in text.replace("Industry [total]", "")        # no interval anywhere


def test_summary_and_notes_and_failed_file():
    text = render(_report(), lang="en")
    assert "2 files checked, 12 figures read, 2 rules evaluated" in text
    assert "5 checks: 3 passed, 2 failed, 1 not evaluated" in text
    assert "q1.xlsx: sheet 'Ghi chu' skipped" in text
    assert "b.csv: no such file" in text
    assert "1 error, 1 warning, 0 info" in text


def test_vietnamese_labels_and_number_style():
    text = render(_report(lang="vi"), lang="vi")
    assert "số báo cáo 21,89 · số suy ra 22,11 · chênh lệch 0,22 · ±0,01 do làm tròn" in text
    assert "21.89" not in text                                    # one number style per finding
    assert "trang tính Bieu 1" in text and "Tổng hợp" in text


def test_user_text_is_not_parsed_as_markup():
    assert "Industry [total]" in render(_report(), lang="en")


def test_clean_run_says_so():
    text = render(_report(results=[FileResult("c.csv", facts=3)]), lang="en")
    assert "No discrepancies found." in text and "Files" not in text


def test_colours_come_from_the_theme_on_a_terminal_and_not_in_plain_output():
    buffer = io.StringIO()
    from rich.console import Console

    from check_report.reporters.terminal import theme

    console = Console(file=buffer, width=100, force_terminal=True, color_system="standard", theme=theme())
    print_report(_report(), console, lang="en")
    assert "\x1b[" in buffer.getvalue()
    assert "\x1b[" not in render(_report(), lang="en")


def test_quiet_prints_findings_only():
    buffer = io.StringIO()
    print_report(_report(), make_console(buffer, force_plain=True), lang="en", quiet=True)
    text = buffer.getvalue()
    assert "core.pct-of-plan" in text and "Summary" not in text and "Notes" not in text


def test_golden_reports_in_both_languages():
    """The whole layout, byte for byte. After a deliberate change: `UPDATE_GOLDEN=1 pytest tests/cli`."""
    import os
    from pathlib import Path

    data = Path(__file__).resolve().parent / "data"
    for lang in ("en", "vi"):
        golden = data / f"terminal_{lang}.txt"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_text(render(_report(lang=lang), lang=lang), encoding="utf-8")
        assert render(_report(lang=lang), lang=lang) == golden.read_text(encoding="utf-8")


def test_a_file_with_no_figures_is_called_out():
    text = render(_report(results=[FileResult("empty.csv", facts=0), sample_result()]), lang="en")
    assert "empty.csv: no figures were read, so nothing in it was checked" in text
    assert "no figures were read" not in render(_report(), lang="en")


@pytest.mark.parametrize("width", [60, 120])
def test_wrapped_lines_hang_under_their_text_at_any_width(width):
    """On a real (wrapping) console no continuation line starts at column 0 or left of the text it
    continues: a finding's headline hangs under the rule id, its figure lines under the figure."""
    from rich.console import Console

    from check_report.reporters.terminal import theme

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, theme=theme(), color_system=None, force_terminal=False)
    print_report(_report(), console, lang="vi")
    lines = buffer.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    headline = next(i for i, line in enumerate(lines) if "core.pct-of-plan" in line)
    hang = lines[headline].index("core.pct-of-plan")
    following = lines[headline + 1]
    if width == 60:                     # the message is longer than 60 columns: it wraps under the rule id
        assert following.startswith(" " * hang) and not following[hang].isspace()
    headings = ("q1.xlsx", "b.csv", "Tổng hợp", "Ghi chú", "Tệp", "✗")
    for line in lines:
        if line and not line.startswith(headings) and not set("┃━│") & set(line):   # the file table's rows
            assert line.startswith(" "), f"a line starts at column 0: {line!r}"
    assert "bỏ qua trang tính 'Ghi chu': không có bảng chỉ tiêu" in " ".join(buffer.getvalue().split())
