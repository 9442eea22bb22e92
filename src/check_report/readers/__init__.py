"""Stage 1 of the pipeline: files in, `Source`s out. One reader per format, chosen by file extension.

Every file passes the screen first (`readers.safety.screen_file`: a regular file within the size limit;
containers and sheets are screened again by their readers before any library parses them), with the
limits of `readers.limits` (raised in the configuration's `limits:` table).

The registry holds dotted paths so that reading a .txt never imports a workbook library (start-up time
is a feature: `check-report q1.xlsx` must cost little more than importing pandas).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from check_report.readers.base import InputError, Source
from check_report.readers.limits import DEFAULT, Limits

# extension -> "module:function"; each function takes a path and the Limits, and returns a Source or
# raises InputError
READERS: dict[str, str] = {
    ".xlsx": "check_report.readers.workbook:read_xlsx",
    ".xlsm": "check_report.readers.workbook:read_xlsx",
    ".xls": "check_report.readers.workbook:read_xls",
    ".ods": "check_report.readers.workbook:read_ods",
    ".csv": "check_report.readers.workbook:read_csv",
    ".md": "check_report.readers.text:read_text",
    ".markdown": "check_report.readers.text:read_text",
    ".txt": "check_report.readers.text:read_text",
    ".docx": "check_report.readers.docx:read_docx",
}


def supported(path: str | Path) -> bool:
    return Path(path).suffix.lower() in READERS


def read(path: str | Path, limits: Limits = DEFAULT) -> Source:
    """Read one input file. Raises InputError with a one-line message naming the file."""
    from check_report.readers.safety import screen_file

    p = Path(path)
    target = READERS.get(p.suffix.lower())
    if target is None:
        known = ", ".join(sorted(READERS))
        raise InputError(f"{path}: unsupported file type {p.suffix or '(none)'!r} (supported: {known})")
    screen_file(str(path), limits)
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)(str(path), limits)
