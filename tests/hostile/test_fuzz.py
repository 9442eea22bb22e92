"""A short property-based run in CI (benchmarks/fuzz.py runs the same properties for minutes): generated
texts, CSVs, workbooks and rule files are each read or refused in one line, within the limits, never an
internal error, a crash or a modified input."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzing import TEXTS, check_file, csv_files, rule_files, xlsx_files  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the limits need forked workers (POSIX)")
QUICK = settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def _name(data: bytes, suffix: str) -> str:
    return hashlib.sha256(data).hexdigest()[:16] + suffix


@QUICK
@given(TEXTS)
def test_generated_texts(text):
    data = text.encode("utf-8", errors="surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        assert check_file(Path(folder), _name(data, ".md"), data) is None


@QUICK
@given(csv_files())
def test_generated_csv(data):
    with tempfile.TemporaryDirectory() as folder:
        assert check_file(Path(folder), _name(data, ".csv"), data) is None


@QUICK
@given(xlsx_files())
def test_generated_workbooks(data):
    with tempfile.TemporaryDirectory() as folder:
        assert check_file(Path(folder), _name(data, ".xlsx"), data) is None


@QUICK
@given(rule_files())
def test_generated_rule_files(rules):
    sample = Path(__file__).resolve().parents[2] / "samples" / "report.md"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / _name(rules, ".yaml")
        path.write_bytes(rules)
        assert check_file(Path(folder), "report.md", sample.read_bytes(), rules=str(path)) is None
