"""The engine knows nothing of its integrations: no module of check_report/engine imports check_report.gx
(or GX itself), and loading and running rules never loads them. Integrations register rule kinds through
engine.extensions instead."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "src" / "check_report" / "engine"
ABOVE = ("check_report.gx", "great_expectations", "check_report.distributed", "distributed", "dask",
         "check_report.cli", "check_report.pipeline")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value))
    return names


def test_no_engine_module_imports_an_integration():
    offenders = {path.name: sorted(n for n in _imports(path) if n.startswith(ABOVE))
                 for path in sorted(ENGINE.glob("*.py"))}
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(offenders) >= 10      # the walk did see the engine's modules


SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "q1.xlsx"
PROBE = """
import sys
from check_report import engine, readers
from check_report.extract import extract
facts, _ = extract(readers.read(sys.argv[1]))
result = engine.run_rules(facts, engine.load_rules(["core"]), path=sys.argv[1])
print(sorted({f.rule for f in result.findings}))
print(sorted(m for m in sys.modules if m.startswith(("check_report.gx", "great_expectations"))))
"""


def test_loading_and_running_rules_loads_no_integration():
    out = subprocess.run([sys.executable, "-c", PROBE, str(SAMPLE)], capture_output=True, text=True, timeout=120,
                         check=True)
    rules, loaded = out.stdout.strip().splitlines()
    assert "core.pct-of-plan" in rules          # the engine really ran (the sample has such a discrepancy)
    assert loaded == "[]"


def test_an_unregistered_kind_is_an_unknown_key(tmp_path):
    """Without the integration imported, `gx:` is just a key the engine does not know."""
    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - id: units\n    gx: expect_column_values_to_be_in_set\n", encoding="utf-8")
    code = (f"from check_report import engine\n"
            f"try:\n    engine.load_rules([{str(rules)!r}])\nexcept engine.RuleError as e:\n    print(e)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip().endswith("r.yaml:3: gx: unknown key")


def test_a_registered_kind_is_loaded_and_run_by_its_runner(tmp_path):
    from check_report import engine
    from check_report import facts as F
    from check_report.engine import extensions
    from check_report.engine.model import EngineResult
    from check_report.findings import Finding, RuleStats, Severity

    calls = []

    def run(facts, rules, *, path, lang, measures):
        calls.append([rule.external_name for rule in rules])
        result = EngineResult()
        for rule in rules:
            result.per_rule[rule.id] = RuleStats(evaluated=1, failed=1)
            result.findings.append(Finding(rule.id, Severity.WARNING, f"{rule.external_options['say']} {path}"))
        return result

    extensions.register(extensions.RuleKind(key="probe", options_key="settings", title="probe check",
                                            check_name=lambda name: None if name == "ok" else "probe: not ok",
                                            run=run))
    try:
        rules = tmp_path / "r.yaml"
        rules.write_text("pack: t\nrules:\n  - id: p\n    probe: ok\n    settings: {say: hello}\n", encoding="utf-8")
        ruleset = engine.load_rules([str(rules)])
        result = engine.run_rules(F.new_table([]), ruleset, path="q.xlsx")
        assert calls == [["ok"]]
        assert [(f.rule, f.message) for f in result.findings] == [("t.p", "hello q.xlsx")]
        rules.write_text("pack: t\nrules:\n  - id: p\n    probe: nope\n", encoding="utf-8")
        try:
            engine.load_rules([str(rules)])
        except engine.RuleError as exc:
            assert str(exc).endswith("r.yaml:4: probe: not ok")
        else:
            raise AssertionError("a bad name was accepted")
    finally:
        extensions._KINDS.pop("probe", None)
