"""Great Expectations integration (optional extra: `pip install 'check-report[gx]'`).

    compile_suite(ruleset, *, lang="en", name="check-report") -> (ExpectationSuite, [(rule_id, reason)])
    run_with_gx(facts, ruleset, *, path="", lang="en", docs_dir=None, document=None) -> EngineResult
    run_gx_rules(facts, rules, *, path="", lang="en", measures=()) -> EngineResult   (engine hook)
    cli_gx_suite(argv) -> int                                       (`check-report gx-suite`)
    check_gx_name(name) / gx_name_error(name)                       (rule loader; never imports GX)
    GxError                                                         (one-line message, exit 2)

Importing this package is cheap: great_expectations (~2.5 s, ~200 MB) is imported only inside the
functions that need it, so the plain CLI never pays for it. The custom expectations live in
`check_report.gx.expectations`; importing that module registers them with GX.

Importing this package also registers the `gx:` rule kind with the engine (`engine.extensions`): rule
files may then name stock expectations (`gx: expect_column_values_to_be_in_set` with `kwargs:`), checked
by name without GX and run through `run_gx_rules`. The engine never imports this package; the CLI does.
"""

from __future__ import annotations

from importlib import import_module

from check_report.engine.extensions import RuleKind, register
from check_report.gx.names import check_gx_name, gx_name_error

_LAZY = {
    "compile_suite": "check_report.gx.compile",
    "GxError": "check_report.gx.compile",
    "run_with_gx": "check_report.gx.run",
    "run_gx_rules": "check_report.gx.run",
    "cli_gx_suite": "check_report.gx.cli",
}

__all__ = ["GxError", "check_gx_name", "cli_gx_suite", "compile_suite", "gx_name_error", "run_gx_rules",
           "run_with_gx"]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'check_report.gx' has no attribute {name!r}")


def _run_rules(facts, rules, *, path: str = "", lang: str = "en", measures=()):
    from check_report.gx.run import run_gx_rules

    return run_gx_rules(facts, rules, path=path, lang=lang, measures=measures)


register(RuleKind(key="gx", options_key="kwargs", title="GX expectation", check_name=gx_name_error,
                  run=_run_rules))
