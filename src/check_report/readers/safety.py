"""The screen: what every input goes through before any reader or library parses it.

First the file itself (`screen_file`): a regular file of bounded size. A FIFO blocks a reader for ever, a
link to /dev/zero feeds it without end, a device may act on being opened; so the path is stat'ed (links
followed, the target judged) and refused unless it is a regular file, then opened without blocking and
judged again on the open descriptor, so a file swapped between the two looks is caught too.

Then containers (`check_zip_container`): an .xlsx, .ods or .docx file is a zip of XML parts. Two classic
attacks hide there: a zip bomb (a small file whose parts inflate to gigabytes) and XML entity expansion
("billion laughs"). Both are caught from cheap evidence only: the zip directory's declared sizes (zipfile
never inflates a member past its declared size, so they bound what a later reader can allocate) and the
first bytes of each XML part, where a DOCTYPE has to stand. A damaged directory, an unknown compression
method or an encrypted part is refused here too, with one line, whatever exception zipfile raises for it.
An OLE2 compound file named .xlsx/.docx is almost always a password-protected file (Office stores
encrypted OOXML that way) or an old .xls/.doc renamed; both get a message saying so.

The numbers come from `readers.limits.Limits` (a user can raise them in the configuration).
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib

from check_report.readers.base import InputError
from check_report.readers.limits import DEFAULT, MB, Limits

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# Sheet XML of repeated cells compresses well, but not a thousandfold; bombs do.
MAX_RATIO = 200
RATIO_APPLIES_ABOVE = 8 * MB
PROLOG_BYTES = 4096
# Office files use these two methods only; anything else is damage (or a tool we cannot read anyway).
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# What may stand before the root element: whitespace, the XML declaration, PIs, comments (and a DOCTYPE).
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
# what zipfile and zlib raise for a damaged archive, besides BadZipFile
DAMAGE = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError,
          ValueError, zlib.error, struct.error, OverflowError, KeyError, IndexError)
_KINDS = {stat.S_ISDIR: "a directory", stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a character device",
          stat.S_ISBLK: "a block device", stat.S_ISSOCK: "a socket"}


# ---------------------------------------------------------------------------------------------- files


def screen_file(path: str, limits: Limits = DEFAULT) -> os.stat_result:
    """Refuse anything but a regular file of at most limits.file_mb; return its stat."""
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise InputError(_missing(path)) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None
    if stat.S_ISDIR(before.st_mode):
        raise InputError(f"{path}: is a directory")
    _require_regular(path, before)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)
    finally:
        os.close(fd)
    _require_regular(path, opened)
    if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
        raise InputError(f"{path}: the file changed while it was being opened; check it again")
    if opened.st_size > limits.file_mb * MB:
        raise InputError(f"{path}: " + limits.refusal("file_mb", f"{opened.st_size / MB:,.0f} MB on disk"))
    return opened


def _require_regular(path: str, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((name for test, name in _KINDS.items() if test(info.st_mode)), "not a file")
    target = ""
    if os.path.islink(path):
        target = f"a symbolic link to {os.path.realpath(path)}, "
    raise InputError(f"{path}: not a regular file: {target}{kind}; only regular files are read")


def _missing(path: str) -> str:
    if os.path.islink(path):
        return f"{path}: a symbolic link to {os.readlink(path)}, which does not exist"
    return f"{path}: no such file"


def file_head(path: str, size: int = 8) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror or exc}") from None


def read_bounded(path: str, limits: Limits = DEFAULT) -> bytes:
    """The bytes of a screened file, never more than its size limit (a file may grow after the screen)."""
    cap = limits.file_mb * MB
    try:
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise InputError(f"{path}: " + limits.refusal("file_mb", "the file grew past the limit while read"))
    return data


# ----------------------------------------------------------------------------------------- containers


def check_zip_container(path: str, kind: str = "xlsx", limits: Limits = DEFAULT) -> None:
    """Raise InputError unless `path` is an undamaged zip whose parts are of sane size, stored or deflated,
    unencrypted, and carry no DOCTYPE."""
    head = file_head(path)
    if not head:
        raise InputError(f"{path}: empty file (0 bytes), not a {kind} file")
    if head.startswith(OLE2_MAGIC):
        raise InputError(_ole2_message(path, kind))
    try:
        if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(path):
            raise InputError(f"{path}: not a valid {kind} file (it is not a zip archive)")
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(path, members, limits)
            _check_xml_prologs(path, archive, members)
    except InputError:
        raise
    except DAMAGE as exc:
        raise InputError(f"{path}: damaged {kind} file ({one_line(exc)})") from None


def one_line(exc: BaseException, width: int = 160) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= width else text[:width - 1] + "…"


def _ole2_message(path: str, kind: str) -> str:
    with open(path, "rb") as handle:
        data = handle.read(1 << 20)
    what, old = ("document", ".doc") if kind == "docx" else ("workbook", ".xls")
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        return f"{path}: {what} is encrypted (password-protected); save an unprotected copy and retry"
    if kind == "docx":
        return (f"{path}: not a docx file: it is an OLE2 compound file (an encrypted document, or an old .doc "
                "renamed; save it as .docx in Word or LibreOffice)")
    return (f"{path}: not a {kind} file: it is an OLE2 compound file (an encrypted {what}, or an old {old} "
            f"renamed; save it as .xlsx or rename it to {old})")


def _check_members(path: str, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.parts:
        raise InputError(f"{path}: " + limits.refusal("parts", f"the archive holds {len(members):,} parts"))
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise InputError(f"{path}: part {info.filename!r} is encrypted; save an unprotected copy and retry")
        if info.compress_type not in METHODS:
            raise InputError(f"{path}: damaged file: part {info.filename!r} uses compression method "
                             f"{info.compress_type}, which office files do not use")
        total += info.file_size
        if info.file_size > limits.part_mb * MB:
            raise InputError(f"{path}: " + limits.refusal(
                "part_mb", f"part {info.filename!r} would inflate to {info.file_size / MB:,.0f} MB (possible zip bomb)"))
        if total > limits.inflated_mb * MB:
            raise InputError(f"{path}: " + limits.refusal(
                "inflated_mb", f"the parts would inflate to more than {total / MB:,.0f} MB (possible zip bomb)"))
        ratio = info.file_size / max(info.compress_size, 1)
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
            return "declares a DOCTYPE/ENTITY (XML entity expansion is not allowed in office files)"
        break
    if pos >= len(data) and len(data) < PROLOG_BYTES:
        return None  # an empty or whitespace-only part: harmless, the reader will say what is missing
    return "does not start like an XML document (unreadable prolog)"
