"""Helpers for the CLI tests: run the real command in a subprocess, and small hand-made findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from check_report.findings import Figure, FileResult, Finding, Location, RuleStats, Severity

HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "report.schema.json").read_text(encoding="utf-8"))


def run_cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "NO_COLOR"))}
    environ.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "check_report", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def figure(role, value, decimals, cell, *, path="q1.xlsx", sheet="Bieu 1", raw=None):
    half = 0.5 * 10 ** -decimals
    location = Location(path, sheet, cell, text=raw or str(value))
    return Figure(role, value, value - half, value + half, raw or str(value), location, decimals)


def sample_result(path="q1.xlsx") -> FileResult:
    """A result with two findings in reverse order of place (the record must sort them)."""
    late = Finding("core.pct-of-plan", Severity.WARNING, "% of plan disagrees with cumulative / plan",
                   "Industry [total]",
                   (figure("pct_plan", 21.89, 2, "H12", path=path, raw="21,89"),
                    figure("cumulative", 1138000, 0, "F12", path=path, raw="1.138.000")),
                   stated=(21.885, 21.895), implied=(22.1049999999999, 22.115), values=(21.89, 22.11), decimals=2)
    early = Finding("core.cumulative-sum", Severity.ERROR, "cumulative is not the sum of the months",
                    "Exports", (figure("cumulative", 360, 0, "F9", path=path),), stated=(359.5, 360.5),
                    implied=(349.5, 350.5), values=(360.0, 350.0), decimals=0)
    stats = RuleStats(evaluated=5, passed=3, failed=2, not_evaluated=1)
    return FileResult(path=path, facts=12, findings=[late, early], stats=stats,
                      per_rule={"core.pct-of-plan": RuleStats(2, 1, 1, 0),
                                "core.cumulative-sum": RuleStats(3, 2, 1, 1)},
                      notes=["sheet 'Ghi chu' skipped: no indicator table"], coverage={"read": 12, "checked": 9})


# A small indicator table as a CSV: row 4 (Vốn đầu tư) states 20 % of plan where 300 / 2000 gives 15 %.
TABLE_CSV = """BÁO CÁO KẾT QUẢ QUÝ I
STT,Chỉ tiêu,ĐVT,Kế hoạch năm,Tháng 01,Tháng 02,Tháng 03,Quý I,So KH (%)
1,Thu ngân sách,triệu đồng,1000,100,120,130,350,35
2,Vốn đầu tư,triệu đồng,2000,100,100,100,300,20
"""
CLEAN_CSV = TABLE_CSV.replace(",300,20", ",300,15")

# Rules of our own, so these tests do not depend on the ids of the built-in packs.
RULES_YAML = """pack: t
rules:
  - id: t.pct-of-plan
    description: {en: "% of plan = cumulative / plan x 100", vi: "% kế hoạch = lũy kế / kế hoạch x 100"}
    severity: error
    expr: pct_plan == cumulative / plan * 100
    when: plan > 0
    doc: {why: "A wrong percentage misleads the reader.", fail: "plan 2000, cumulative 300, 20 %",
          pass: "plan 2000, cumulative 300, 15 %"}
  - id: t.month-le-cumulative
    description: {en: "a month is not above the cumulative figure", vi: "số tháng không vượt lũy kế"}
    severity: warning
    expr: month <= cumulative
"""


def write_inputs(folder: Path, **files: str) -> None:
    """Write named text files into `folder` (names use '__' for '/' and '_dot_' is not needed)."""
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
