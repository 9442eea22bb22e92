"""The computations behind check-report's GX expectations, with no GX import (testable on their own).

Everything numeric is the engine's: rules on the long fact table run through `engine.run_rules`, and the
row-wise relation on a wide table is parsed by `engine.expr` and computed with `engine.intervals`. This
module only adapts inputs (rule <-> expectation kwargs, DataFrame columns -> intervals) and outputs
(findings -> failing fact rows).
"""

from __future__ import annotations

import base64
import math
import zlib

from check_report import facts as F
from check_report.findings import Finding, Severity
from check_report.gx.serial import finding_to_dict

# The kwargs that carry a rule in an expectation. GX expectations have their own `severity`,
# `description` and `id`, hence the prefixes.
RULE_KEYS = ("rule_id", "pack", "rule_severity", "rule_description", "expr", "when", "tolerance_abs",
             "tolerance_rel", "foreach", "rule_source", "rule_line", "check", "options")


def engine_api():
    """(Rule, RuleSet, run_rules, engine check kinds that read only the fact table)."""
    from check_report.engine import Rule, RuleSet, run_rules
    from check_report.engine.kinds import ENGINE_KINDS

    return Rule, RuleSet, run_rules, frozenset(ENGINE_KINDS)


def rule_to_kwargs(rule, measures=()) -> dict:
    """The expectation kwargs that carry one rule (JSON values only); `measures` are user-declared ones."""
    extra = sorted(set(measures) - set(F.MEASURES))
    return {
        **({"measures": extra} if extra else {}),
        "rule_id": rule.id, "pack": rule.pack, "rule_severity": rule.severity.label,
        "rule_description": dict(rule.description), "expr": rule.expr, "when": rule.when,
        "tolerance_abs": float(rule.tolerance_abs), "tolerance_rel": float(rule.tolerance_rel),
        "foreach": [[name, list(values)] for name, values in rule.foreach],
        "rule_source": portable_source(rule.source), "rule_line": int(rule.line),
        "check": rule.check, "options": dict(rule.options or {}),
    }


def portable_source(source: str) -> str:
    """Where a rule was defined, written so a suite file reads the same on every machine: a built-in
    pack by its file name, a file under the working directory relative to it."""
    from pathlib import Path

    if not source:
        return ""
    path = Path(source)
    try:
        from check_report.engine import builtin_rules_dir

        if path.is_absolute() and path.resolve().is_relative_to(builtin_rules_dir().resolve()):
            return path.name
        if path.is_absolute() and path.resolve().is_relative_to(Path.cwd().resolve()):
            return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ImportError, OSError, ValueError):
        pass
    return source


def rule_from_kwargs(kwargs: dict):
    Rule = engine_api()[0]
    return Rule(
        id=kwargs["rule_id"], pack=kwargs.get("pack") or "", description=dict(kwargs.get("rule_description") or {}),
        severity=Severity.parse(kwargs.get("rule_severity") or "error"), expr=kwargs.get("expr"),
        check=kwargs.get("check"), options=dict(kwargs.get("options") or {}),
        when=kwargs.get("when"), tolerance_abs=float(kwargs.get("tolerance_abs") or 0.0),
        tolerance_rel=float(kwargs.get("tolerance_rel") or 0.0),
        foreach=tuple((name, tuple(values)) for name, values in kwargs.get("foreach") or ()),
        source=kwargs.get("rule_source") or "", line=int(kwargs.get("rule_line") or 0),
    )


def fact_rule_outcome(facts, kwargs: dict, *, lang: str = "en") -> dict:
    """Run one rule over a long fact table with the native engine; a JSON-ready outcome."""
    _, RuleSet, run_rules, _ = engine_api()
    rule = rule_from_kwargs(kwargs)
    path = str(facts[F.FILE].iloc[0]) if len(facts) and F.FILE in facts else ""
    # declared measures as the loader gave them; none declared: the engine's own default, as natively
    declared = kwargs.get("measures")
    measures = frozenset(F.MEASURES) | frozenset(declared) if declared else frozenset()
    result = run_rules(facts, RuleSet([rule], measures=measures), path=path, lang=lang)
    stats = result.per_rule.get(rule.id)
    return {
        "findings": [finding_to_dict(f) for f in result.findings],
        "rows": failing_rows(facts, result.findings),
        "checked_rows": pack_rows(facts.index, result.checked_facts),
        "stats": {k: getattr(stats, k, 0) for k in ("evaluated", "passed", "failed", "not_evaluated")},
    }


def pack_rows(index, labels) -> str:
    """Row labels as a compressed bitmap over the table's positions: GX deep-copies and serialises every
    result, and a list of 100k ints per rule costs seconds where this string costs nothing."""
    import numpy as np

    mask = np.zeros(len(index), dtype=bool)
    if labels:
        positions = index.get_indexer(list(labels))
        mask[positions[positions >= 0]] = True
    return base64.b64encode(zlib.compress(np.packbits(mask).tobytes())).decode("ascii")


def unpack_rows(index, packed: str) -> set:
    import numpy as np

    bits = np.unpackbits(np.frombuffer(zlib.decompress(base64.b64decode(packed)), dtype=np.uint8))
    return set(index[np.flatnonzero(bits[:len(index)])].tolist())


def failing_rows(facts, findings: list[Finding]) -> list[int]:
    """Fact-table row labels of every figure named by the findings (what GX calls unexpected rows)."""
    wanted = {_key(fig.location.path, fig.location.sheet, fig.location.cell, fig.location.line,
                   fig.location.where) for finding in findings for fig in finding.figures}
    if not wanted:
        return []
    cells = {key[2] for key in wanted}
    lines = {key[3] for key in wanted}
    # narrow with vectorised filters first: a table may hold 100k facts and a finding names a handful
    near = facts[facts[F.CELL].isin(cells) | facts[F.LINE].isin(lines - {None}) | facts[F.CELL].isna()]
    return sorted(int(label) for label, path, sheet, cell, line, where in zip(
        near.index, near[F.FILE], near[F.SHEET], near[F.CELL], near[F.LINE], near[F.WHERE], strict=True)
        if _key(path, sheet, cell, line, where) in wanted)


def _key(path, sheet, cell, line, where) -> tuple:
    def norm(v):
        if v is None or (isinstance(v, float) and math.isnan(v)):   # pandas fills missing objects with NaN
            return None
        return int(v) if isinstance(v, float) else v
    return (str(path), norm(sheet), norm(cell), norm(line), norm(where))
