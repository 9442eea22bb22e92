"""The plain CLI never imports great_expectations (it costs ~2.5 s and ~200 MB)."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INPUTS = [REPO / "samples" / "q1.xlsx", REPO / "tests" / "fixtures" / "workbooks" / "semicolon.csv"]

PROBE = """
import runpy, sys
sys.argv = ["check-report", *sys.argv[1:]]
try:
    runpy.run_module("check_report", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("great_expectations", "check_report"))
print("GX" if any(m.startswith("great_expectations") for m in loaded) else "NO-GX")
print("GX-RUNNER" if any(m in ("check_report.gx.run", "check_report.gx.expectations") for m in loaded) else "-")
print("exit", code)
"""


@pytest.mark.parametrize("report", INPUTS, ids=lambda p: p.name)
def test_plain_check_never_imports_great_expectations(report):
    if not report.exists():
        pytest.skip(f"{report.relative_to(REPO)} has not been built")
    out = subprocess.run([sys.executable, "-c", PROBE, str(report), "--format", "json", "--no-config"],
                         capture_output=True, text=True, cwd=REPO, timeout=120, check=False)
    lines = out.stdout.strip().splitlines()
    assert lines[-1] in ("exit 0", "exit 1"), out.stderr[-2000:]   # it really checked the file
    assert lines[-3] == "NO-GX"
    assert lines[-2] == "-"          # not even check-report's own GX runner


def test_importing_the_gx_package_is_cheap():
    code = ("import sys, check_report.gx, check_report.gx.names;"
            "print(any(m.startswith('great_expectations') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
