"""Annotated copies: fills and comments exactly on the cells of the findings; an HTML page for text."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment

from check_report.annotate import write_annotated
from check_report.annotate.common import FILLS
from check_report.findings import Figure, FileResult, Finding, Location, Severity
from check_report.readers.base import InputError


def _figure(location: Location, value: float, raw: str, decimals: int = 0) -> Figure:
    half = 0.5 * 10 ** -decimals
    return Figure("x", value, value - half, value + half, raw, location, decimals)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(tmp_path) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Biểu 01"
    for r in range(1, 8):
        for c in range(1, 6):
            sheet.cell(r, c, r * 10 + c)
    sheet["C3"].comment = Comment("reviewer's own note", "Lan")
    other = wb.create_sheet("Phụ lục")
    other["B2"] = 5
    path = tmp_path / "q1.xlsx"
    wb.save(path)
    return path


def _book_result(path: Path) -> tuple[FileResult, dict]:
    p = str(path)
    at = {name: Location(p, sheet="Biểu 01", cell=name) for name in ("B2", "C3", "D4", "E5")}
    findings = [
        Finding("core.sum-children", Severity.ERROR, "children add up to 70, stated 22",
                figures=(_figure(at["B2"], 22, "22"), _figure(at["C3"], 33, "33"), _figure(at["D4"], 44, "44")),
                stated=(21.5, 22.5), implied=(69.5, 70.5), values=(22.0, 70.0), decimals=0),
        Finding("core.pct-plan", Severity.WARNING, "attainment differs", figures=(_figure(at["C3"], 33, "33"),)),
        Finding("text.note", Severity.INFO, "only info here", figures=(_figure(at["E5"], 55, "55"),)),
        Finding("core.other-sheet", Severity.WARNING, "on the appendix",
                figures=(_figure(Location(p, sheet="Phụ lục", cell="B2"), 5, "5"),)),
        Finding("cross.same-figure", Severity.ERROR, "differs from the March report",
                figures=(_figure(Location(p, sheet="Biểu 01", cell="A1"), 11, "11"),
                         _figure(Location("other/thang03.xlsx", sheet="Biểu 01", cell="A2"), 12, "12"))),
    ]
    expected = {("Biểu 01", "B2"): "error", ("Biểu 01", "C3"): "error", ("Biểu 01", "D4"): "error",
                ("Biểu 01", "E5"): "info", ("Phụ lục", "B2"): "warning", ("Biểu 01", "A1"): "error"}
    return FileResult(p, findings=findings), expected


def test_fills_and_comments_exactly_on_the_cells_of_the_findings(book, tmp_path):
    before = _digest(book)
    result, expected = _book_result(book)
    out = tmp_path / "out" / "q1.checked.xlsx"
    assert write_annotated(result, str(book), str(out), "en") == str(out)
    assert _digest(book) == before, "the original must not change"
    wb = load_workbook(out)
    colours = {severity.label: fill for severity, fill in FILLS.items()}
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                key = (sheet.title, cell.coordinate)
                fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
                if key in expected:
                    assert fill is not None and fill.endswith(colours[expected[key]]), key
                    assert cell.comment is not None and cell.comment.author == "check-report", key
                else:
                    assert fill is None, key
                    assert cell.comment is None, key
    assert wb["Biểu 01"]["A2"].comment is None     # the other file's cell is not this file's A2
    assert wb["Biểu 01"]["B2"].value == 22          # values are kept


def test_comments_explain_every_finding_of_the_cell(book, tmp_path):
    result, _ = _book_result(book)
    out = tmp_path / "q1.checked.xlsx"
    write_annotated(result, str(book), str(out), "en")
    sheet = load_workbook(out)["Biểu 01"]
    shared = sheet["C3"].comment.text
    assert shared.startswith("reviewer's own note")   # the reviewer's note survives
    assert "[error] core.sum-children: children add up to 70, stated 22" in shared
    assert "stated 22 · implied 70 · difference 48 · ±1 from rounding" in shared
    assert "[warning] core.pct-plan: attainment differs" in shared
    assert "core.pct-plan" not in sheet["B2"].comment.text


def test_vietnamese_comments(book, tmp_path):
    result, _ = _book_result(book)
    out = tmp_path / "q1.vi.xlsx"
    write_annotated(result, str(book), str(out), "vi")
    text = load_workbook(out)["Biểu 01"]["B2"].comment.text
    assert text.startswith("[lỗi] core.sum-children") and "số báo cáo 22 · số suy ra 70 · chênh lệch 48" in text


def test_writing_is_atomic_and_never_overwrites_the_input(book, tmp_path):
    result, _ = _book_result(book)
    with pytest.raises(InputError, match="overwrite the input"):
        write_annotated(result, str(book), str(book), "en")
    out = tmp_path / "q1.checked.xlsx"
    out.write_text("an older copy")
    write_annotated(result, str(book), str(out), "en")
    assert load_workbook(out)["Biểu 01"]["B2"].comment is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q1.checked.xlsx", "q1.xlsx"]  # no temp file left
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("x")
    assert out.stat().st_mode & 0o777 == fresh.stat().st_mode & 0o777   # not left private by the temp file


def test_a_failed_write_leaves_no_partial_file(book, tmp_path, monkeypatch):
    result, _ = _book_result(book)
    import openpyxl.workbook.workbook as wbmod

    def broken_save(self, filename):
        Path(filename).write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(wbmod.Workbook, "save", broken_save)
    out = tmp_path / "q1.checked.xlsx"
    with pytest.raises(OSError):
        write_annotated(result, str(book), str(out), "en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q1.xlsx"]


def test_csv_input_becomes_an_annotated_xlsx(tmp_path):
    from check_report import readers

    path = tmp_path / "q1.csv"
    path.write_text("STT,Chỉ tiêu,Tháng 3\n1,Tổng,100\n2,Con,60\n", encoding="utf-8")
    sheet_name = readers.read(str(path)).grids[0].name
    finding = Finding("core.sum-children", Severity.ERROR, "sum differs",
                      figures=(_figure(Location(str(path), sheet=sheet_name, cell="C2"), 100, "100"),))
    out = tmp_path / "q1.checked.xlsx"
    write_annotated(FileResult(str(path), findings=[finding]), str(path), str(out), "en")
    sheet = load_workbook(out)[sheet_name]
    assert sheet["B2"].value == "Tổng" and sheet["C3"].comment is None
    assert "sum differs" in sheet["C2"].comment.text


def test_unsupported_input_is_a_one_line_error(tmp_path):
    path = tmp_path / "q1.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"q1\.pdf: no annotated copy"):
        write_annotated(FileResult(str(path)), str(path), str(tmp_path / "x.html"), "en")


# --- HTML for text and .docx ----------------------------------------------------------------------

TEXT = """# Báo cáo tháng 3

1. Giá trị sản xuất ước đạt 1.138.000 triệu đồng, đạt 21,89% kế hoạch.
2. Thu ngân sách 21,89 tỷ | tăng 9,1% <so với> cùng kỳ & "bằng" 109,1%.
"""


def _text_result(path: Path) -> FileResult:
    p = str(path)
    line3, line4 = Location(p, line=3, text="đạt 21,89% kế hoạch"), Location(p, line=4, text="21,89 tỷ")
    return FileResult(p, findings=[
        Finding("core.pct-plan", Severity.ERROR, "Attainment 21,89% does not match 1.138.000 / plan",
                figures=(_figure(line3, 1138000, "1.138.000"), _figure(line3, 21.89, "21,89", 2)),
                stated=(21.885, 21.895), implied=(24.5, 25.5)),
        Finding("text.growth", Severity.WARNING, "tăng 9,1% and bằng 109,1% <agree> but differ in wording",
                figures=(_figure(line4, 21.89, "21,89", 2), _figure(line4, 9.1, "9,1", 1))),
        Finding("text.table", Severity.INFO, "A table cell elsewhere",
                figures=(_figure(Location(p, where="table 1, row 2, column 3", text="42"), 42, "42"),)),
    ])


@pytest.fixture
def page(tmp_path) -> Path:
    source = tmp_path / "bao-cao.md"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "bao-cao.checked.html"
    before = _digest(source)
    write_annotated(_text_result(source), str(source), str(out), "en")
    assert _digest(source) == before
    return out


def test_the_page_highlights_the_figures_on_their_lines(page):
    html = page.read_text(encoding="utf-8")
    row3 = _row(html, 3)
    assert '<mark class="error" title="#1">1.138.000</mark>' in row3
    assert '<mark class="error" title="#1">21,89</mark>' in row3
    row4 = _row(html, 4)
    assert '<mark class="warning" title="#2">21,89</mark>' in row4 and '>9,1</mark>' in row4
    assert "&lt;so với&gt; cùng kỳ &amp; &quot;bằng&quot;" in row4       # document text is escaped
    assert '<div class="row" id="r2">' in html                              # untouched lines stay plain
    assert "Other findings" in html and "table 1, row 2, column 3: 42" in html


def test_the_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<script" not in html and "@import" not in html and "url(" not in html


def test_docx_paragraphs(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Tổng thu đạt 1.138 triệu đồng, tăng 9,1%.")
    source = tmp_path / "q1.docx"
    document.save(source)
    where = Location(str(source), where="paragraph 2", text="tăng 9,1%")
    result = FileResult(str(source), findings=[Finding("text.growth", Severity.WARNING, "growth differs",
                                                       figures=(_figure(where, 9.1, "9,1", 1),))])
    out = tmp_path / "q1.checked.html"
    write_annotated(result, str(source), str(out), "vi")
    html = out.read_text(encoding="utf-8")
    row = _row(html, 2)
    assert '<div class="ln">đoạn 2</div>' in row                  # the margin speaks the reader's language
    assert '<mark class="warning" title="#1">9,1</mark>' in row and "[cảnh báo] text.growth" in row


def _row(html: str, number: int) -> str:
    """One row of the page (the page writes one row per line)."""
    return re.search(rf'<div class="row[^"]*" id="r{number}">[^\n]*', html).group(0)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_page_renders_in_headless_chromium(page, tmp_path):
    shot = tmp_path / "page.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,900", page.as_uri())
    assert shot.exists(), done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "Attainment 21,89% does not match 1.138.000 / plan" in dom
    assert "tăng 9,1% and bằng 109,1% &lt;agree&gt; but differ in wording" in dom
    assert '<mark class="error" title="#1">1.138.000</mark>' in dom


def test_a_figure_is_highlighted_as_a_whole_number():
    from check_report.annotate.html import Row, _mark

    row = Row("1", "bằng 109,1% so cùng kỳ, tức tăng 9,1%")
    _mark(row, "9,1", Severity.WARNING, 1)
    assert [(s, row.text[s:e]) for s, e, _, _ in row.marks] == [(row.text.index("tăng 9,1") + 5, "9,1")]
    _mark(row, "9,1", Severity.ERROR, 2)    # the same figure in a second finding: one mark, the louder colour
    assert [sev for _, _, sev, _ in row.marks] == [Severity.ERROR]


def test_places_that_are_not_figures_are_highlighted_by_their_quote(tmp_path):
    source = tmp_path / "r.md"
    source.write_text("Theo Nghị định 33/NĐ-CP của Chính phủ.\n", encoding="utf-8")
    finding = Finding("doc.citation-year", Severity.WARNING, "cited without its year",
                      extra_locations=(Location(str(source), line=1, text="33/NĐ-CP"),))
    out = tmp_path / "r.html"
    write_annotated(FileResult(str(source), findings=[finding]), str(source), str(out), "en")
    assert '<mark class="warning" title="#1">33/NĐ-CP</mark>' in out.read_text(encoding="utf-8")
