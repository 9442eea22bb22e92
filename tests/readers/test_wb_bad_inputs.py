"""Bad and hostile inputs: a one-line InputError naming the file, quickly, with bounded memory."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
import zipfile

import pytest

from check_report.readers import read, safety
from check_report.readers.base import InputError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refusal(path) -> str:
    """The message of the InputError reading `path` raises; asserts it is one line naming the file."""
    with pytest.raises(InputError) as info:
        read(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def _billion_laughs() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE worksheet [' + "".join(entities) + ']>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
            '</worksheet>').encode()


def _replace_member(src, dst, name: str, data: bytes) -> None:
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, data if info.filename == name else old.read(info.filename))


def test_missing_file(tmp_path):
    assert "no such file" in refusal(tmp_path / "nope.xlsx")


def test_xlsx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("STT,Chỉ tiêu\n1,Thu\n", encoding="utf-8")
    assert "not a zip" in refusal(path)


def test_zero_byte_xlsx(tmp_path):
    path = tmp_path / "zero.xlsx"
    path.write_bytes(b"")
    assert "empty file" in refusal(path)


def test_encrypted_workbook(tmp_path):
    """Excel saves a password-protected .xlsx as an OLE2 file holding EncryptionInfo/EncryptedPackage."""
    path = tmp_path / "secret.xlsx"
    path.write_bytes(OLE2 + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512)
    assert "encrypted" in refusal(path)


def test_old_xls_renamed_to_xlsx(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(OLE2 + b"\x00" * 1024)
    assert "OLE2" in refusal(path)


def test_damaged_zip(tmp_path, make_xlsx):
    good = make_xlsx([["STT", "Chỉ tiêu", "Quý I"], [1, "Thu", 5]])
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:900])
    refusal(path)


def test_empty_workbook(make_xlsx):
    assert "empty workbook" in refusal(make_xlsx([]))


def test_sheet_with_no_indicator_table_is_a_reported_skip(make_xlsx):
    from check_report.extract import extract

    path = make_xlsx([["Hướng dẫn điền biểu"], ["Điền số liệu vào các ô trống"]], title="Ghi chu")
    facts, notes = extract(read(path))
    assert len(facts) == 0
    assert notes == [f"{path}: sheet 'Ghi chu' skipped: no indicator table"]


def test_xls_that_is_not_xls(tmp_path):
    path = tmp_path / "t.xls"
    path.write_text("hello", encoding="utf-8")
    assert "not a valid xls" in refusal(path)


def test_xlsx_saved_as_xls_is_read_for_what_it_is(tmp_path, make_xlsx):
    path = tmp_path / "renamed.xls"
    path.write_bytes(make_xlsx([["STT", "Chỉ tiêu", "Quý I"], [1, "Thu", 5]]).read_bytes())
    assert read(path).grids[0].rows[1][2].value == 5


def test_binary_csv(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert "binary" in refusal(path)


def test_zip_bomb_refused_quickly_with_bounded_memory(tmp_path):
    """A sheet part inflating 1000:1 is refused from the zip directory alone, before anything inflates."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            block = b"<row/>" * (1 << 17)
            for _ in range(40):   # 30 MiB of repeated XML, a few dozen KiB compressed
                part.write(block)
    tracemalloc.start()
    started = time.perf_counter()
    message = refusal(path)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "zip bomb" in message
    assert elapsed < 1.0
    assert peak < 16 * 2**20


def test_total_inflated_size_is_bounded(make_xlsx):
    from check_report.readers.limits import Limits

    path = make_xlsx([["STT", "Chỉ tiêu", "Quý I"]] + [[i, "Thu", i] for i in range(20_000)])
    with pytest.raises(InputError, match="zip bomb.*limits.inflated-mb"):
        read(path, Limits(inflated_mb=1))


def test_xml_entity_expansion_refused(tmp_path, make_xlsx):
    path = tmp_path / "laughs.xlsx"
    _replace_member(make_xlsx([["a"]]), path, "xl/worksheets/sheet1.xml", _billion_laughs())
    started = time.perf_counter()
    message = refusal(path)
    assert "DOCTYPE" in message
    assert time.perf_counter() - started < 1.0


def test_doctype_hidden_behind_a_long_comment_is_refused(tmp_path, make_xlsx):
    path = tmp_path / "padded.xlsx"
    padded = _billion_laughs().replace(b"<!DOCTYPE", b"<!--" + b"x" * 10_000 + b"-->\n<!DOCTYPE", 1)
    _replace_member(make_xlsx([["a"]]), path, "xl/worksheets/sheet1.xml", padded)
    refusal(path)


def test_defusedxml_still_guards_openpyxl_behind_the_screen(tmp_path, make_xlsx, monkeypatch):
    """Even with the prolog screen switched off, the entity file never expands: openpyxl parses through
    defusedxml and the reader turns its refusal into an InputError."""
    path = tmp_path / "laughs.xlsx"
    _replace_member(make_xlsx([["a"]]), path, "xl/worksheets/sheet1.xml", _billion_laughs())
    monkeypatch.setattr(safety, "_prolog_problem", lambda data: None)
    assert "cannot read workbook" in refusal(path)


@pytest.mark.parametrize("name, data", [
    ("fake.xlsx", b"not a zip at all"),
    ("secret.xlsx", OLE2 + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")),
    ("missing.xlsx", None),
])
def test_cli_exit_code_2_and_one_line(tmp_path, name, data):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "check_report", str(path)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 2
    output = (done.stdout + done.stderr).strip()
    assert "Traceback" not in output
    assert any(str(path) in line or name in line for line in output.splitlines())


def test_ods_with_entity_expansion_refused(tmp_path, workbooks):
    path = tmp_path / "laughs.ods"
    _replace_member(workbooks / "half_year.ods", path, "content.xml", _billion_laughs())
    assert "DOCTYPE" in refusal(path)


def test_ods_that_is_not_a_zip(tmp_path):
    path = tmp_path / "t.ods"
    path.write_text("a;b\n", encoding="utf-8")
    assert "not a zip" in refusal(path)
