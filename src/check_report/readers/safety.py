"""Refuse hostile or broken workbook containers before any library parses them.

An .xlsx or .ods file is a zip of XML parts. Two classic attacks hide there: a zip bomb (a small file whose
parts inflate to gigabytes) and XML entity expansion ("billion laughs"). Both are caught here from cheap
evidence only: the zip directory's declared sizes (zipfile never inflates a member past its declared size,
so the declared sizes bound what a later reader can allocate) and the first bytes of each XML part, where a
DOCTYPE has to stand. An OLE2 compound file named .xlsx is almost always a password-protected workbook
(Excel stores encrypted OOXML that way) or an old .xls renamed; both get a message saying so.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from check_report.readers.base import InputError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# Limits far above any real indicator workbook (a 100k-row table inflates to ~60 MB).
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 10_000
# Sheet XML of repeated cells compresses well, but not a thousandfold; bombs do.
MAX_RATIO = 200
RATIO_APPLIES_ABOVE = 8 * 1024 * 1024
PROLOG_BYTES = 4096
# What may stand before the root element: whitespace, the XML declaration, PIs, comments (and a DOCTYPE).
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def file_head(path: str, size: int = 8) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None


def check_zip_container(path: str, kind: str = "xlsx") -> None:
    """Raise InputError unless `path` is a zip whose parts are of sane size and carry no DOCTYPE."""
    head = file_head(path)
    if not head:
        raise InputError(f"{path}: empty file (0 bytes), not a {kind} workbook")
    if head.startswith(OLE2_MAGIC):
        raise InputError(_ole2_message(path, kind))
    if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(path):
        raise InputError(f"{path}: not a valid {kind} file (it is not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(path, members)
            _check_xml_prologs(path, archive, members)
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path}: damaged {kind} file ({exc})") from None


def _ole2_message(path: str, kind: str) -> str:
    data = Path(path).read_bytes()[: 1 << 20]
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        return f"{path}: workbook is encrypted (password-protected); save an unprotected copy and retry"
    return (f"{path}: not a {kind} file: it is an OLE2 compound file (an encrypted workbook, or an old .xls "
            "renamed; save it as .xlsx or rename it to .xls)")


def _check_sizes(path: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{path}: refused: the archive holds {len(members)} parts (limit {MAX_MEMBERS})")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError(f"{path}: refused: part {info.filename!r} would inflate to "
                             f"{info.file_size / 2**20:.0f} MiB (possible zip bomb)")
        if info.file_size > RATIO_APPLIES_ABOVE and ratio > MAX_RATIO:
            raise InputError(f"{path}: refused: part {info.filename!r} has compression ratio "
                             f"{ratio:.0f}:1 (possible zip bomb)")


def _check_xml_prologs(path: str, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    for info in members:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            prolog = part.read(PROLOG_BYTES)
        problem = _prolog_problem(prolog)
        if problem:
            raise InputError(f"{path}: refused: part {info.filename!r} {problem}")


def _prolog_problem(data: bytes) -> str | None:
    """Why the XML part must not be parsed, judged from its prolog, or None when it is plain XML."""
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while pos < len(data):
        item = _PROLOG_ITEM.match(data, pos)
        if item:
            pos = item.end()
            continue
        if _ROOT_START.match(data, pos):
            return None
        if data.startswith(b"<!", pos) and data[pos + 2:pos + 9].upper() in (b"DOCTYPE", b"ENTITY "):
            return "declares a DOCTYPE/ENTITY (XML entity expansion is not allowed in workbooks)"
        break
    if pos >= len(data) and len(data) < PROLOG_BYTES:
        return None  # an empty or whitespace-only part: harmless, the reader will say what is missing
    return "does not start like an XML document (unreadable prolog)"
