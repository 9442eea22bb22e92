"""`rules` and `explain` read rule files only: they never import pandas, numpy or the readers (importing
pandas alone costs about a second), like the GX import guard in tests/gx/test_gx_no_import.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "openpyxl", "python_calamine", "docx", "great_expectations")

PROBE = """
import runpy, sys
sys.argv = ["check-report", *sys.argv[1:]]
try:
    runpy.run_module("check_report", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
print("HEAVY", ",".join(heavy) or "-")
print("exit", code)
""" % (HEAVY,)


@pytest.mark.parametrize("args", [["rules"], ["rules", "--lang", "vi"], ["explain", "core.pct-of-plan"],
                                  ["explain", "doc.anniversary", "--lang", "vi"], ["explain", "cross.months-sum"]],
                         ids=" ".join)
def test_rules_and_explain_import_nothing_heavy(args):
    out = subprocess.run([sys.executable, "-c", PROBE, *args, "--no-config"], capture_output=True, text=True,
                         cwd=REPO, timeout=120, check=False, env={"CHECK_REPORT_NO_CACHE": "1", "PATH": ""})
    lines = out.stdout.strip().splitlines()
    assert lines[-1] == "exit 0", out.stderr[-2000:]
    assert lines[-2] == "HEAVY -"
