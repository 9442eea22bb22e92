"""Annotated copies: the reviewer's own file with every finding shown where it is.

`write_annotated(result, source_path, out_path, lang)` writes
- for workbooks (.xlsx/.xlsm, and .xls/.ods/.csv copied cell by cell into a new .xlsx), a copy in which every
  cell taking part in a finding is filled by the finding's severity and carries a comment explaining it;
- for text and .docx inputs, a self-contained HTML page (inline CSS, no script, no network) showing the
  document line by line with the involved figures highlighted and the findings beside them.

The original file is never touched: the copy is written to a temporary file in the target folder and moved
into place with `os.replace`, so a reader of `out_path` never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from check_report.findings import FileResult, Finding
from check_report.readers.base import InputError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".docx")


def write_annotated(result: FileResult, source_path: str, out_path: str, lang: str = "en", *,
                    extra_findings: Iterable[Finding] = ()) -> str:
    """Write the annotated copy of `source_path` to `out_path`; returns `out_path`.

    `extra_findings` are findings of checks over several files (`--together`): those pointing into this
    input are shown with its own findings.

    Raises InputError (one line naming the file) when the input cannot be read or is of a kind that has
    no annotated form, and when `out_path` is the input itself.
    """
    source, target = Path(source_path), Path(out_path)
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise InputError(f"{out_path}: the annotated copy would overwrite the input; choose another name")
    suffix = source.suffix.lower()
    result = _with_extra(result, source_path, extra_findings)
    if suffix in WORKBOOK_SUFFIXES:
        from check_report.annotate.workbook import annotated_workbook

        book = annotated_workbook(result, source_path, lang)
        _write_atomic(target, lambda tmp: book.save(tmp))
    elif suffix in DOCUMENT_SUFFIXES:
        from check_report.annotate.html import annotated_page

        page = annotated_page(result, source_path, lang)
        _write_atomic(target, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    else:
        raise InputError(f"{source_path}: no annotated copy for {suffix or 'files without extension'}")
    return out_path


def _with_extra(result: FileResult, source_path: str, extra: Iterable[Finding]) -> FileResult:
    mine = [f for f in extra if f not in result.findings
            and any(same_file(loc.path, result.path, source_path) and loc.path for loc in f.locations)]
    return replace(result, findings=list(result.findings) + mine) if mine else result


def _write_atomic(target: Path, write: Callable[[str], object]) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a copy is as readable as any new file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def same_file(location_path: str, result_path: str, source_path: str) -> bool:
    """Whether a finding's location points into this input (paths may be spelled differently)."""
    if not location_path or location_path in (result_path, source_path):
        return True
    try:
        return Path(location_path).resolve() == Path(source_path).resolve()
    except OSError:
        return False
