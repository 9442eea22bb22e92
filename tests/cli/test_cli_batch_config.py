"""Configuration discovery and batches through the real command."""

from __future__ import annotations

import json

import pytest
from cli_helpers import CLEAN_CSV, RULES_YAML, TABLE_CSV

# A month (Tháng 03 = 400) above the cumulative figure (350): a warning of t.month-le-cumulative.
WARNING_CSV = CLEAN_CSV.replace("100,120,130,350,35", "100,120,400,350,35")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "data" / "monthly").mkdir(parents=True)
    (tmp_path / "data" / "q1.csv").write_text(TABLE_CSV, encoding="utf-8")
    (tmp_path / "data" / "monthly" / "m3.csv").write_text(WARNING_CSV, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "t.yaml").write_text(RULES_YAML, encoding="utf-8")
    return tmp_path


def _rules_of(proc) -> list[tuple[str, str, str]]:
    report = json.loads(proc.stdout)
    return sorted((f["path"].replace("\\", "/"), f["rule"], f["severity"]) for f in report["findings"])


def test_yaml_config_is_discovered_from_a_subfolder_with_paths_relative_to_it(cli, project):
    (project / ".check-report.yaml").write_text("rules: [rules/t.yaml]\nfail-on: warning\n", encoding="utf-8")
    proc = cli("monthly/m3.csv", "--format", "json", cwd=project / "data")
    assert proc.returncode == 1, proc.stderr                           # a warning fails with fail-on: warning
    assert _rules_of(proc) == [("monthly/m3.csv", "t.month-le-cumulative", "warning")]


def test_pyproject_table_ignore_and_severity(run, project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.check-report]\nrules = ["rules/t.yaml"]\n'
        'ignore = ["t.month-le-cumulative"]\nseverity = {"t.pct-of-plan" = "info"}\n', encoding="utf-8")
    proc = run("data", "--format", "json")
    assert proc.returncode == 0, proc.stderr                           # only an info left
    assert _rules_of(proc) == [("data/q1.csv", "t.pct-of-plan", "info")]


def test_select_keeps_only_the_named_rules(run, project):
    (project / ".check-report.yaml").write_text("rules: [rules/t.yaml]\nselect: [t.month-le-cumulative]\n",
                                                encoding="utf-8")
    report = json.loads(run("data", "--format", "json").stdout)
    assert [r["id"] for r in report["rules"]] == ["t.month-le-cumulative"]
    assert {f["rule"] for f in report["findings"]} == {"t.month-le-cumulative"}


def test_per_path_settings_apply_to_matching_files_only(run, project):
    (project / ".check-report.yaml").write_text(
        "rules: [rules/t.yaml]\nper-path:\n  'data/monthly/*.csv': {ignore: [t.month-le-cumulative]}\n"
        "  'q1.csv': {severity: {t.pct-of-plan: warning}}\n", encoding="utf-8")
    proc = run("data", "--format", "json")
    assert _rules_of(proc) == [("data/q1.csv", "t.pct-of-plan", "warning")]
    assert proc.returncode == 0


def test_command_line_overrides_config_and_no_config_ignores_it(run, project):
    (project / ".check-report.yaml").write_text("rules: [rules/t.yaml]\nlang: vi\nfail-on: never\n",
                                                encoding="utf-8")
    assert run("data/q1.csv").returncode == 0
    assert "Tổng hợp" in run("data/q1.csv").stdout
    assert run("data/q1.csv", "--fail-on", "error", "--lang", "en").returncode == 1
    ignored = run("data/q1.csv", "--no-config", "--rules", "rules/t.yaml", "--lang", "en")
    assert ignored.returncode == 1 and "Summary" in ignored.stdout


def test_explicit_config_file(run, project):
    (project / "other.yaml").write_text("rules: [rules/t.yaml]\nignore: [t.pct-of-plan]\n", encoding="utf-8")
    assert _rules_of(run("data/q1.csv", "--config", "other.yaml", "--format", "json")) == []


@pytest.mark.parametrize("name, text, fragment", [
    (".check-report.yaml", "rules: [rules/t.yaml]\nfail_onn: error\n", "unknown key 'fail_onn'"),
    ("pyproject.toml", '[tool.check-report]\ncolour = "red"\n', "unknown key 'colour'"),
])
def test_unknown_config_key_names_key_and_file(cli, project, name, text, fragment):
    (project / name).write_text(text, encoding="utf-8")
    proc = cli("data/q1.csv")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert fragment in line and name in line


def test_batch_with_a_corrupt_file_checks_the_others(cli, project):
    """The others are checked and reported, and the run exits 2: a gate must not pass a corrupt upload."""
    (project / "data" / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    proc = cli("data", "--rules", "rules/t.yaml", "--format", "json")
    assert proc.returncode == 2, proc.stderr
    report = json.loads(proc.stdout)
    status = {f["path"].replace("\\", "/"): f["status"] for f in report["files"]}
    assert status == {"data/broken.xlsx": "error", "data/monthly/m3.csv": "ok", "data/q1.csv": "ok"}
    assert "broken.xlsx" in proc.stderr and "Traceback" not in proc.stderr
    assert {f["rule"] for f in report["findings"]} == {"t.pct-of-plan", "t.month-le-cumulative"}


def test_batch_terminal_report_has_a_file_table(run, project):
    (project / "data" / "broken.xlsx").write_bytes(b"garbage")
    proc = run("data/*.csv", "data/monthly", "data/broken.xlsx", "--rules", "rules/t.yaml", "--lang", "en")
    assert proc.returncode == 2
    table = proc.stdout[proc.stdout.index("Files"):]
    assert "broken.xlsx" in table and "error" in table and "q1.csv" in table and "m3.csv" in table


def test_batch_where_nothing_can_be_read_exits_2(run, project):
    (project / "a.xlsx").write_bytes(b"garbage")
    proc = run("a.xlsx", "missing.csv", "nothing/*.csv", "--rules", "rules/t.yaml")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 3 and "Traceback" not in proc.stderr


def test_parallel_jobs_give_the_same_report(cli, project):
    for index in range(4):
        (project / "data" / f"copy{index}.csv").write_text(CLEAN_CSV if index % 2 else TABLE_CSV,
                                                          encoding="utf-8")
    serial = cli("data", "--rules", "rules/t.yaml", "--format", "json", "--jobs", "1")
    parallel = cli("data", "--rules", "rules/t.yaml", "--format", "json", "--jobs", "2")
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert len(json.loads(serial.stdout)["files"]) == 6


def test_together_reports_a_quarter_that_differs_from_the_monthly_files(run, tmp_path):
    _monthly_and_quarterly(tmp_path)
    alone = json.loads(run(".", "--rules", "t.yaml", "--format", "json").stdout)
    assert alone["findings"] == []
    proc = run(".", "--rules", "t.yaml", "--format", "json", "--together")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    (finding,) = [f for f in report["findings"] if f["rule"] == "cross.months-sum"]
    assert sorted(loc["path"] for loc in finding["locations"]) == ["m01.csv", "m02.csv", "m03.csv", "q1.csv"]
    assert "cross.months-sum" in {r["id"] for r in report["rules"]}
    terminal = run(".", "--rules", "t.yaml", "--together", "--lang", "en").stdout
    assert "m02.csv m02!D2" in terminal


def _stderr_on_a_terminal(args: list[str], cwd) -> tuple[int, str]:
    import os
    import subprocess
    import sys

    pty = pytest.importorskip("pty")   # POSIX only
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "check_report", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=slave, env={**os.environ, "TERM": "xterm", "LANG": "C.UTF-8"})
    os.close(slave)
    proc.communicate(timeout=60)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(run, project):
    code, terminal = _stderr_on_a_terminal(["data", "--rules", "rules/t.yaml"], project)
    assert code == 1 and "Checking" in terminal and "━" in terminal
    piped = run("data", "--rules", "rules/t.yaml")
    assert "Checking" not in piped.stderr and "━" not in piped.stderr


def test_vocabulary_from_the_config_is_found_relative_to_it(run, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "v.csv").write_text(
        "STT,Chỉ tiêu,ĐVT,Mức phấn đấu,Quý I,So KH (%)\n1,Thu ngân sách,triệu đồng,1000,350,20\n",
        encoding="utf-8")
    (tmp_path / "words.yaml").write_text("roles:\n  plan: [muc phan dau]\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(RULES_YAML, encoding="utf-8")
    without = run("v.csv", "--rules", "../t.yaml", "--format", "json", cwd=tmp_path / "sub")
    assert without.returncode == 0 and json.loads(without.stdout)["findings"] == []
    (tmp_path / ".check-report.yaml").write_text("rules: [t.yaml]\nvocabulary: [words.yaml]\n", encoding="utf-8")
    found = run("v.csv", "--format", "json", cwd=tmp_path / "sub")
    assert found.returncode == 1, found.stderr
    assert [f["rule"] for f in json.loads(found.stdout)["findings"]] == ["t.pct-of-plan"]
    extracted = run("extract", "v.csv", "--format", "csv", cwd=tmp_path / "sub")
    assert ",plan," in extracted.stdout and ",1,3," in extracted.stdout    # whole numbers stay whole


def _monthly_and_quarterly(folder):
    for month, value in (("01", 101), ("02", 102), ("03", 103)):
        (folder / f"m{month}.csv").write_text(
            f"STT,Chỉ tiêu,ĐVT,Thực hiện tháng {month}/2024\n1,Thu ngân sách,triệu đồng,{value}\n",
            encoding="utf-8")
    (folder / "q1.csv").write_text("STT,Chỉ tiêu,ĐVT,Quý I/2024\n1,Thu ngân sách,triệu đồng,310\n",
                                   encoding="utf-8")
    (folder / "t.yaml").write_text(RULES_YAML, encoding="utf-8")


@pytest.mark.parametrize("together, expected", [
    ("true", {"cross.months-sum"}),
    ("[[m0*.csv, q1.csv]]", {"cross.months-sum"}),
    ("[[m01.csv, m02.csv]]", set()),          # the quarter is in no group: nothing to compare it with
    ("false", set()),
])
def test_config_groups_files_for_cross_file_checks(run, tmp_path, together, expected):
    _monthly_and_quarterly(tmp_path)
    (tmp_path / ".check-report.yaml").write_text(f"rules: [t.yaml]\ntogether: {together}\n", encoding="utf-8")
    report = json.loads(run(".", "--format", "json").stdout)
    assert {f["rule"] for f in report["findings"]} == expected


def test_bad_together_value_is_a_config_error(run, tmp_path):
    _monthly_and_quarterly(tmp_path)
    (tmp_path / ".check-report.yaml").write_text("together: [m01.csv]\n", encoding="utf-8")
    proc = run(".")
    assert proc.returncode == 2 and "together" in proc.stderr and ".check-report.yaml" in proc.stderr
