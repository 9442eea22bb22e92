"""The hostile-input corpus: one small generated input per class of attack the CLI must survive.

Nothing here is committed as data: every input is written at test time into a fresh folder (all of them
together take a few seconds and a few MB), so the corpus stays reviewable and the repository small.

Each `Case` is one reproduction from issue 11 ("A gate CI can trust"): a file (or rule file, or config)
built to make a naive reader hang, eat memory, crash natively or answer silently. The contract every
case is held to (tests/hostile/test_corpus.py): within 10 s of CPU and 512 MB of address space, no
traceback, the inputs left byte for byte as they were, and
- a file that cannot be read (a bomb, a fifo, a damaged zip, a rule too deep ...): exit code 2 and one
  line naming the file;
- a file that is merely large or repetitive where a naive reader is quadratic (90 KB of `*x `, 20,000
  wrapped lines ...): it is read and checked like any other (exit 0 or 1, no error).

    python tests/hostile/corpus.py OUT      # writes the corpus into OUT and prints each case's command
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD_MD = """# Báo cáo kết quả quý I năm 2024

Tổng thu ngân sách nhà nước trên địa bàn 3 tháng ước thực hiện 1.245 triệu đồng, đạt 25% kế hoạch.
"""


@dataclass
class Case:
    name: str
    build: Callable[[Path], list[str]]   # writes the inputs into a folder, returns the CLI arguments
    error: str | None                    # a fragment of the one-line error; None: the input is checked
    names: str = ""                      # the file the error must name (default: the first argument)
    config: bool = False                 # the case is a configuration file: run without --no-config
    needs: str = ""                      # "fifo" | "symlink": skipped where the platform lacks it
    known: str = ""                      # a known failure (who fixes it): the test expects it to fail
    checked_too: tuple[str, ...] = field(default=())   # readable inputs that must still be reported


# ------------------------------------------------------------------------------------------- helpers


def _zip(path: Path, members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


_NS = "http://schemas.openxmlformats.org"
_OFFICE_TYPE = "application/vnd.openxmlformats-officedocument"


def _package(main: str, types: dict[str, str]) -> dict[str, bytes]:
    """The two parts every OOXML package has: content types (`types`: part -> type) and the relationship
    to its main part."""
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{_OFFICE_TYPE}.{kind}"/>' for name, kind in types.items())
    return {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_NS}/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_NS}/officeDocument/2006/relationships/officeDocument" '
            f'Target="{main}"/></Relationships>'
        ).encode(),
    }


def _xlsx_members(sheet_xml: str) -> dict[str, bytes]:
    """The smallest package calamine, openpyxl and Excel accept, with one given sheet."""
    return {
        **_package("xl/workbook.xml", {"xl/workbook.xml": "spreadsheetml.sheet.main+xml",
                                       "xl/worksheets/sheet1.xml": "spreadsheetml.worksheet+xml"}),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_NS}/spreadsheetml/2006/main" '
            f'xmlns:r="{_NS}/officeDocument/2006/relationships"><sheets>'
            f'<sheet name="Bieu 01" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_NS}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_NS}/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet1.xml"/></Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}/spreadsheetml/2006/main">'
            f'{sheet_xml}</worksheet>'
        ).encode(),
    }


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


_TABLE_ROWS = ('<row r="1">' + _inline("A1", "STT") + _inline("B1", "Chỉ tiêu") + _inline("C1", "Quý I")
               + '</row><row r="2"><c r="A2"><v>1</v></c>' + _inline("B2", "Thu") + '<c r="C2"><v>5</v></c></row>')


def _docx_members(document_xml: bytes) -> dict[str, bytes]:
    return {**_package("word/document.xml", {"word/document.xml": "wordprocessingml.document.main+xml"}),
            "word/document.xml": document_xml}


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _deflate_bomb_member(name: str, size: int) -> tuple[zipfile.ZipInfo, bytes, int]:
    """A deflated member of `size` zero-ish bytes, built without compressing `size` bytes: one compressed
    1 MiB block, flushed to a byte boundary, repeated (a valid deflate stream)."""
    block = b"<w:p/>" * (1 << 20 // 6) + b" " * ((1 << 20) - 6 * (1 << 20 // 6))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    flushed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size // len(block)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)   # an empty final block
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info, flushed * count + tail, crc | (count * len(block)) << 32


def _write_raw_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, compressed: bytes, crc: int,
                      size: int) -> None:
    """Append an already-compressed member (zipfile offers no public way to)."""
    info.CRC, info.compress_size, info.file_size = crc, len(compressed), size
    info.header_offset = archive.fp.tell()
    info.flag_bits = 0
    archive.fp.write(info.FileHeader(zip64=size > 0xFFFFFFFF))
    archive.fp.write(compressed)
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive.start_dir = archive.fp.tell()


# ------------------------------------------------------------------------------------------- the cases


def not_a_zip(folder: Path) -> list[str]:
    (folder / "bad.xlsx").write_bytes(b"x\n")
    (folder / "good.md").write_text(GOOD_MD, encoding="utf-8")
    return ["bad.xlsx", "good.md"]


def far_cell(folder: Path) -> list[str]:
    """One value in A1 and one in XFD1048576: a dense reader allocates 17 billion cells (512 GiB)."""
    sheet = ('<dimension ref="A1:XFD1048576"/><sheetData><row r="1">' + _inline("A1", "x") +
             '</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    _zip(folder / "far.xlsx", _xlsx_members(sheet))
    return ["far.xlsx"]


def far_cell_undeclared(folder: Path) -> list[str]:
    """The same without a <dimension>, and the far cell named by no r attribute: position by counting."""
    bare = "<c><v>1</v></c>" * 20_000
    sheet = ('<sheetData><row r="1">' + _inline("A1", "x") + '</row><row r="900000">' + bare +
             '</row></sheetData>')
    _zip(folder / "bare.xlsx", _xlsx_members(sheet))
    return ["bare.xlsx"]


def merged_area(folder: Path) -> list[str]:
    """Ten thousand merged ranges of 20,000 cells each: every one under a per-range cap, 200M in total."""
    ranges = "".join(f'<mergeCell ref="A{100 * i + 1}:T{100 * i + 1000}"/>' for i in range(10_000))
    sheet = (f'<sheetData>{_TABLE_ROWS}</sheetData><mergeCells count="10000">{ranges}</mergeCells>')
    _zip(folder / "merged.xlsx", _xlsx_members(sheet))
    return ["merged.xlsx"]


def ods_repeats(folder: Path) -> list[str]:
    """A 2 KB .ods whose repeat counts ask for 100,000 x 100,000 copies of a non-empty cell."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
        f'xmlns:table="{table}" xmlns:text="{text}"><office:body><office:spreadsheet>'
        '<table:table table:name="Bieu 01"><table:table-row table:number-rows-repeated="100000">'
        '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="100000">'
        '<text:p>1</text:p></table:table-cell></table:table-row></table:table>'
        '</office:spreadsheet></office:body></office:document-content>').encode()
    members = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": content}
    _zip(folder / "repeats.ods", members)
    return ["repeats.ods"]


def docx_bomb(folder: Path) -> list[str]:
    """A 2 MB .docx whose document.xml inflates to 2 GiB."""
    size = 2 << 30
    info, compressed, packed = _deflate_bomb_member("word/document.xml", size)
    path = folder / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _docx_members(b"").items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        _write_raw_member(archive, info, compressed, packed & 0xFFFFFFFF, packed >> 32)
    return ["bomb.docx"]


def docx_doctype(folder: Path) -> list[str]:
    """A DOCTYPE with an entity in document.xml: a parser that does not expand it drops the text after it."""
    document = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY x "Tổng thu">]>'
                f'<w:document xmlns:w="{_W}"><w:body>{_paragraph("&x; 3 tháng ước thực hiện 1.245 triệu đồng")}'
                f'{_paragraph("Chi ngân sách 3 tháng ước thực hiện 980 triệu đồng, đạt 24% kế hoạch.")}'
                '</w:body></w:document>').encode()
    _zip(folder / "doctype.docx", _docx_members(document))
    return ["doctype.docx"]


def _damaged(kind: str, how: str):
    """A damaged zip of each container kind: an unknown compression method (NotImplementedError), a
    header pointing before the file (OSError), a member flagged as encrypted (RuntimeError)."""
    def build(folder: Path) -> list[str]:
        if kind == "xlsx":
            members = _xlsx_members(f"<sheetData>{_TABLE_ROWS}</sheetData>")
        elif kind == "docx":
            members = _docx_members(f'<w:document xmlns:w="{_W}"><w:body>{_paragraph("x")}</w:body>'
                                    '</w:document>'.encode())
        else:
            members = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        data = bytearray(buffer.getvalue())
        if how == "method":          # compression method 99 (AES) in every header: NotImplementedError
            for marker, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
                for at in _all(data, marker):
                    struct.pack_into("<H", data, at + offset, 99)
        elif how == "offset":        # the directory said to start past where it does: every member's
            end = data.rfind(b"PK\x05\x06")   # header offset turns negative, and seeking there is an OSError
            struct.pack_into("<I", data, end + 16, struct.unpack_from("<I", data, end + 16)[0] + 4096)
        elif how == "encrypted":     # the encryption flag bit: zipfile asks for a password (RuntimeError)
            for marker, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
                for at in _all(data, marker):
                    data[at + offset] |= 1
        name = f"damaged-{how}.{kind}"
        (folder / name).write_bytes(bytes(data))
        return [name]
    return build


def _all(data: bytearray, marker: bytes) -> list[int]:
    found, at = [], data.find(marker)
    while at >= 0:
        found.append(at)
        at = data.find(marker, at + 4)
    return found


def fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "x.md")
    return ["x.md"]


def dev_zero(folder: Path) -> list[str]:
    os.symlink("/dev/zero", folder / "zero.md")
    return ["zero.md"]


def root_link(folder: Path) -> list[str]:
    os.symlink("/", folder / "everything")
    return ["everything"]


def too_big(folder: Path) -> list[str]:
    """A sparse 3 GiB text file: no disk used, but far above any report (the size limit)."""
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(3 << 30)
    return ["huge.txt"]


def emphasis(folder: Path) -> list[str]:
    """90 KB of `*x `: an emphasis regex that retries every start position is quadratic (over a minute)."""
    (folder / "stars.md").write_text("*x " * 30_000 + "\n", encoding="utf-8")
    return ["stars.md"]


def wrapped(folder: Path) -> list[str]:
    """20,000 hard-wrapped lines of one paragraph: joining them by copying the text so far is quadratic."""
    line = "Công tác tuyên truyền được đẩy mạnh trên địa bàn huyện và các xã, thị trấn trong toàn huyện"
    (folder / "wrapped.txt").write_text("\n".join([line] * 20_000) + "\n", encoding="utf-8")
    return ["wrapped.txt"]


def repeated_statements(folder: Path) -> list[str]:
    """One indicator stated 2,500 times (a long wrapped paragraph of the same sentence): its three million
    pairs of mentions, none sure of its identity, are counted for the coverage line, never listed."""
    line = "Tổng thu ngân sách trên địa bàn huyện ước thực hiện 1.245 triệu đồng và tiếp tục tăng trưởng"
    (folder / "repeated.txt").write_text("\n".join([line] * 2_500) + "\n", encoding="utf-8")
    return ["repeated.txt"]


def document_codes(folder: Path) -> list[str]:
    """78 KB of document codes in one paragraph (a list of cited decisions run together)."""
    codes = " ".join(f"số {i % 997 + 1}/QĐ-UBND ngày {i % 28 + 1:02d}/{i % 12 + 1:02d}/2023," for i in range(2_600))
    (folder / "codes.txt").write_text(f"Căn cứ Quyết định {codes}\n", encoding="utf-8")
    return ["codes.txt"]


def spaced_pairs(folder: Path) -> list[str]:
    """A count and an amount with 3,000 spaces between them (a table pasted as text): the pattern that
    links a count to its amount retried every split of the spaces between two optional parts."""
    line = "Tặng 900 suất quà" + " " * 3_000 + "x 450 triệu đồng cho các hộ nghèo trên địa bàn."
    (folder / "spaced.txt").write_text("\n\n".join([line] * 5) + "\n", encoding="utf-8")
    return ["spaced.txt"]


def csv_sniff(folder: Path) -> list[str]:
    """60 KB of `,"`: csv.Sniffer's quote guesser scans the rest of the line from every quote (20 s)."""
    (folder / "sniff.csv").write_text(',"' * 30_000 + "\n", encoding="utf-8")
    return ["sniff.csv"]


def _rules(folder: Path, name: str, expr: str) -> list[str]:
    (folder / name).write_text(f"pack: x\nrules:\n  - id: deep\n    expr: \"{expr}\"\n", encoding="utf-8")
    (folder / "good.md").write_text(GOOD_MD, encoding="utf-8")
    return ["good.md", "--rules", name]


def nested_parentheses(folder: Path) -> list[str]:
    return _rules(folder, "parens.yaml", "(" * 100 + "plan" + ")" * 100 + " > 0")


def many_terms(folder: Path) -> list[str]:
    return _rules(folder, "terms.yaml", " + ".join(["plan"] * 1_000) + " > 0")


def unary_signs(folder: Path) -> list[str]:
    return _rules(folder, "unary.yaml", "- " * 10_000 + "plan < 0")


def long_expression(folder: Path) -> list[str]:
    """200,000 terms: a tokenizer copying the rest of the text per token does 10^11 byte copies."""
    return _rules(folder, "long.yaml", " + ".join(["plan"] * 200_000) + " > 0")


def subsumed_chain(folder: Path) -> list[str]:
    """2,000 rules, each subsumed by the next: a recursive cycle check overflows the stack."""
    rules = "".join(f"  - {{id: r{i}, expr: 'plan >= 0', subsumed_by: [r{i + 1}]}}\n" for i in range(1_999))
    (folder / "chain.yaml").write_text(f"pack: x\nrules:\n{rules}  - {{id: r1999, expr: 'plan >= 0'}}\n",
                                       encoding="utf-8")
    (folder / "good.md").write_text(GOOD_MD, encoding="utf-8")
    return ["good.md", "--rules", "chain.yaml"]


def include_chain(folder: Path) -> list[str]:
    for i in range(1_500):
        (folder / f"r{i}.yaml").write_text(f"include: [r{i + 1}.yaml]\n" if i < 1_499 else "rules: []\n",
                                           encoding="utf-8")
    (folder / "good.md").write_text(GOOD_MD, encoding="utf-8")
    return ["good.md", "--rules", "r0.yaml"]


def deep_yaml(folder: Path) -> list[str]:
    (folder / "deep.yaml").write_text("rules: " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    (folder / "good.md").write_text(GOOD_MD, encoding="utf-8")
    return ["good.md", "--rules", "deep.yaml"]


def deep_toml(folder: Path) -> list[str]:
    (folder / "pyproject.toml").write_text("[tool.check-report]\nrules = " + "[" * 5_000 + "]" * 5_000 + "\n",
                                           encoding="utf-8")
    (folder / "good.md").write_text(GOOD_MD, encoding="utf-8")
    return ["good.md"]


CASES: list[Case] = [
    Case("not-a-zip", not_a_zip, "not a zip", checked_too=("good.md",)),
    Case("far-cell", far_cell, "limits.cells"),
    Case("far-cell-undeclared", far_cell_undeclared, "limits.cells"),
    Case("merged-area", merged_area, "limits.merged-cells"),
    Case("ods-repeats", ods_repeats, "limits.columns"),
    Case("docx-bomb", docx_bomb, "zip bomb"),
    Case("docx-doctype", docx_doctype, "DOCTYPE"),
    *[Case(f"damaged-{how}-{kind}", _damaged(kind, how), {"method": "compression method", "offset": "damaged",
                                                           "encrypted": "encrypted"}[how])
      for kind in ("xlsx", "docx", "ods") for how in ("method", "offset", "encrypted")],
    Case("fifo", fifo, "not a regular file", needs="fifo"),
    Case("dev-zero", dev_zero, "not a regular file", needs="symlink"),
    Case("root-link", root_link, "root directory", needs="symlink"),
    Case("too-big", too_big, "limits.file-mb"),
    Case("emphasis", emphasis, None),
    Case("wrapped-lines", wrapped, None),
    Case("repeated-statements", repeated_statements, None),
    Case("document-codes", document_codes, None),
    Case("csv-sniffer", csv_sniff, None),
    Case("spaced-pairs", spaced_pairs, None),
    Case("nested-parentheses", nested_parentheses, "expression too deep", names="parens.yaml"),
    Case("many-terms", many_terms, "expression too deep", names="terms.yaml"),
    Case("unary-signs", unary_signs, "expression too long", names="unary.yaml"),
    Case("long-expression", long_expression, "expression too long", names="long.yaml"),
    Case("subsumed-chain", subsumed_chain, None),
    Case("include-chain", include_chain, "nest more than", names=".yaml"),
    Case("deep-yaml", deep_yaml, "nesting depth", names="deep.yaml"),
    Case("deep-toml", deep_toml, "nested too deeply", names="pyproject.toml", config=True),
]


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "hostile-corpus")
    for case in CASES:
        folder = out / case.name
        folder.mkdir(parents=True, exist_ok=True)
        args = case.build(folder)
        print(f"{case.name}: (cd {folder} && check-report {' '.join(args)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
