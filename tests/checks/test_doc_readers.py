"""The document checks on Documents as the real readers build them (.docx through python-docx, .md text)."""

from __future__ import annotations

import pytest

from check_report.checks import REGISTRY, load
from check_report.checks.base import CheckContext

OURS = sorted(set(REGISTRY) - {"cross-mention", "derived-plan"})


def _run_all(document, path: str) -> list[tuple[str, str | int | None]]:
    ctx = CheckContext(path=path, document=document, facts=None)
    found = []
    for check_id in OURS:
        module = load(check_id)
        for problem in module.check(ctx, dict(module.OPTIONS)):
            where = problem.locations[0]
            found.append((check_id, where.line if where.line is not None else where.where))
    return sorted(found, key=str)


def test_docx_header_table_paragraphs_and_footnote_free_body(tmp_path):
    docx = pytest.importorskip("docx")
    reader = pytest.importorskip("check_report.readers.docx")
    word = docx.Document()
    header = word.add_table(rows=2, cols=2)
    header.cell(0, 0).text, header.cell(0, 1).text = "ỦY BAN NHÂN DÂN HUYỆN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(1, 0).text, header.cell(1, 1).text = "Số:     /BC-UBND", "Đông Sơn, ngày 20 tháng 6 năm 2025"
    for text in ("BÁO CÁO", "Tình hình kinh tế - xã hội quý II năm 2025", "I. KẾT QUẢ",
                 "Thực hiện Công điện số 417/QĐ-TTg ngày 06/5/2025 của Thủ tướng Chính phủ.",
                 "Chuẩn bị khai giảng năm học 2025-2025.", "III. PHƯƠNG HƯỚNG"):
        word.add_paragraph(text)
    path = tmp_path / "report.docx"
    word.save(path)
    document = reader.read_docx(str(path)).document
    assert _run_all(document, str(path)) == sorted([
        ("header-blank", "table 1"), ("citation-type-code", "paragraph 4"), ("school-year", "paragraph 5"),
        ("heading-sequence", "paragraph 6")], key=str)


def test_markdown_through_the_text_reader(tmp_path):
    text_reader = pytest.importorskip("check_report.readers.text")
    path = tmp_path / "report.md"
    path.write_text("Số: 118/BC-UBND\n\nĐông Sơn, ngày 20 tháng 6 năm 2025\n\n**BÁO CÁO**\n**QUÝ II NĂM 2025**\n\n"
                    "**I. KẾT QUẢ**\n\nTăng 3,4%<sup>2</sup> và 5%<sup>1</sup>.\n\n"
                    "<sup>1</sup> một\n\n<sup>2</sup> hai\n",
                    encoding="utf-8")
    document = text_reader.read_text(str(path)).document
    # markers 2 then 1 on line 10 (both out of order); the bodies on lines 12 and 14 are in order
    assert _run_all(document, str(path)) == [("footnote-order", 10), ("footnote-order", 10)]
