"""Readers for prose: .md/.txt lines with markup recorded, legacy encodings, .docx with real footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_report.document import FOOTNOTE, HEADING, LIST_ITEM
from check_report.readers import read
from check_report.readers.base import InputError
from check_report.readers.encodings import TCVN3, VNI, convert_legacy, detect_legacy
from check_report.readers.text import parse_text, read_text

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_blocks_keep_file_lines_and_strip_markup():
    doc = parse_text("# Tiêu đề\n\n- **Thu ngân sách:** tăng 5%<sup>2</sup> so cùng kỳ.\n\n\n*Trong đó:*\n")
    first, item, header = doc.blocks
    assert (first.line, first.kind, first.text) == (1, HEADING, "Tiêu đề")
    assert item.line == 3 and item.kind == LIST_ITEM
    assert item.text == "- Thu ngân sách: tăng 5% so cùng kỳ."
    assert item.emphasis == ((2, 2 + len("Thu ngân sách:"), "bold"),)
    offset, number = item.markers[0]
    assert number == 2 and item.text[:offset].endswith("tăng 5%")
    assert header.line == 6 and header.text == "Trong đó:"


def test_footnote_bodies_in_both_markdown_styles():
    doc = parse_text("Tổng 10 hồ sơ[^1].\n\n[^1]: Gồm 4 hồ sơ A.\n<sup>2</sup> Ghi chú hai.\n")
    assert doc.blocks[0].markers == ((len("Tổng 10 hồ sơ"), 1),)
    bodies = doc.footnote_bodies()
    assert bodies[1][0].text == "Gồm 4 hồ sơ A." and bodies[1][0].kind == FOOTNOTE and bodies[1][0].line == 3
    assert bodies[2][0].text == "Ghi chú hai." and bodies[2][0].line == 4


def test_escapes_and_snake_case_survive():
    doc = parse_text(r"Mục 1\* và tên_biến_x giữ nguyên, _nghiêng_ thì bỏ.")
    assert doc.blocks[0].text == "Mục 1* và tên_biến_x giữ nguyên, nghiêng thì bỏ."


def test_pipe_tables_become_grids_not_blocks(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("Trước bảng\n\n| Chỉ tiêu | Quý I |\n|---|---:|\n| Thu | 1.250 |\n\nSau bảng\n", encoding="utf-8")
    source = read_text(str(path))
    assert [b.text for b in source.document.blocks] == ["Trước bảng", "Sau bảng"]
    grid = source.grids[0]
    assert grid.origin == "document-table" and grid.line == 3
    assert [[c.value for c in row] for row in grid.rows] == [["Chỉ tiêu", "Quý I"], ["Thu", "1.250"]]


@pytest.mark.parametrize("legacy, unicode, name", [
    ("Uû ban nh©n d©n huyÖn b¸o c¸o t×nh h×nh kinh tÕ", "Uỷ ban nhân dân huyện báo cáo tình hình kinh tế", TCVN3),
    ("UÛy ban nhaân daân huyeän baùo caùo tình hình kinh teá", "Ủy ban nhân dân huyện báo cáo tình hình kinh tế", VNI),
])
def test_legacy_encodings_are_converted(legacy, unicode, name):
    assert detect_legacy(legacy) == name
    assert convert_legacy(legacy) == (unicode, name)


def test_unicode_vietnamese_is_left_alone():
    text = "Ủy ban nhân dân huyện báo cáo: tăng 9,1% so cùng kỳ, đạt 95,3% kế hoạch."
    assert convert_legacy(text) == (text, None)


def test_legacy_file_is_converted_and_noted(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("B¸o c¸o t×nh h×nh kinh tÕ - x· héi quý I n¨m 2024".encode("cp1252"))
    source = read_text(str(path))
    assert source.document.blocks[0].text == "Báo cáo tình hình kinh tế - xã hội quý I năm 2024"
    assert any("TCVN3" in note for note in source.document.notes)


def test_binary_and_broken_inputs_are_one_line_errors(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02PK")
    with pytest.raises(InputError) as err:
        read(str(binary))
    assert str(err.value).startswith(str(binary)) and "\n" not in str(err.value)
    broken = tmp_path / "x.docx"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(InputError) as err:
        read(str(broken))
    assert str(err.value).startswith(str(broken)) and "\n" not in str(err.value)


def test_docx_paragraphs_and_real_footnotes():
    source = read(str(SAMPLES / "report-clean.docx"))
    blocks = source.document.blocks
    marked = [b for b in blocks if b.markers]
    assert len(marked) == 1 and marked[0].text.startswith("Tổng thu ngân sách nhà nước trên địa bàn")
    offset, number = marked[0].markers[0]
    assert number == 1 and marked[0].text[:offset].endswith("so cùng kỳ")
    body = source.document.footnote_bodies()[1][0]
    assert body.where == "footnote 1" and body.text.startswith("Thu thuế, phí và lệ phí:")
    assert all(b.where.startswith(("paragraph ", "footnote ")) for b in blocks)
    assert marked[0].emphasis[0][:2] == (0, len("Tổng thu ngân sách nhà nước trên địa bàn:"))


def test_hard_wrapped_paragraph_is_one_block_with_each_line_mapped():
    doc = parse_text("- **Thu ngân sách:** tháng 03 ước thực hiện 18.036 triệu đồng, 3 tháng ước thực hiện\n"
                     "510.351 triệu đồng, đạt 95,3% kế hoạch<sup>2</sup>.\n"
                     "- Dòng mới\n\nĐoạn khác\n")
    first, second, third = doc.blocks
    assert first.line == 1 and first.line_at(first.text.index("510.351")) == 2
    assert first.line_at(first.text.index("18.036")) == 1
    offset, number = first.markers[0]
    assert number == 2 and first.text[:offset].endswith("95,3% kế hoạch")
    assert (second.line, third.line) == (3, 5)


def test_hard_wrapped_statement_gives_facts_on_their_own_lines():
    from check_report import facts as F
    from check_report.extract.prose import document_facts

    doc = parse_text("BÁO CÁO QUÝ I NĂM 2024\n\nThu ngân sách: 3 tháng ước thực hiện\n510.351 triệu đồng, "
                     "đạt 95,3% kế hoạch.\n")
    table, _ = document_facts(doc)
    row = table[table[F.MEASURE] == F.CUMULATIVE].iloc[0]
    assert row[F.LINE] == 4 and row[F.INDICATOR] == "Thu ngân sách"


def test_docx_tables_become_grids_and_bold_labels_are_kept(tmp_path):
    docx = pytest.importorskip("docx")
    word = docx.Document()
    paragraph = word.add_paragraph()
    paragraph.add_run("Thu ngân sách:").bold = True
    paragraph.add_run(" 3 tháng ước thực hiện 510.351 triệu đồng.")
    table = word.add_table(rows=2, cols=2)
    for r, values in enumerate((("Chỉ tiêu", "Quý I"), ("Thu", "1.250"))):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    word.add_paragraph("Sau bảng")
    path = tmp_path / "t.docx"
    word.save(str(path))
    source = read(str(path))
    blocks = source.document.blocks
    assert [(b.where, b.text) for b in blocks] == [
        ("paragraph 1", "Thu ngân sách: 3 tháng ước thực hiện 510.351 triệu đồng."), ("paragraph 2", "Sau bảng")]
    assert blocks[0].emphasis == ((0, len("Thu ngân sách:"), "bold"),)
    grid = source.grids[0]
    assert grid.origin == "document-table" and grid.name == "table 1"
    assert [[c.value for c in row] for row in grid.rows] == [["Chỉ tiêu", "Quý I"], ["Thu", "1.250"]]
