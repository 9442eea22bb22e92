"""Stage 3 of the pipeline: rule sets (YAML), the expression language, interval evaluation.

Public API (importing this package is cheap; YAML, numpy and pandas load on first use):

    load_rules(specs=("default",), *, enable=(), disable=(), severities=None, measures=()) -> RuleSet
    run_rules(facts, ruleset, *, path="", document=None, lang="en") -> EngineResult
    builtin_rules_dir() -> Path
    Rule, RuleSet, EngineResult, RuleError

Semantics in short (details in the modules):
- every figure is the interval its shown precision allows; a relation holds when the intervals can agree
  (`possible`), a `when` condition applies only where it certainly holds (a figure shown as 0 is not
  certainly > 0); tolerance widens the intervals before judging;
- a bare periodic measure (`month`) applies the rule to each stated period in turn; `parent.<m>` and the
  children aggregates convert amounts between scales (triệu / tỷ đồng), never percentages (a rate measure
  such as share or growth, or a figure whose unit is '%'), on either side;
- division by an interval containing zero, and any missing figure, make an application unknown: not a
  finding. It counts as *not evaluated* when the figure under test (left of the comparison) is stated and
  the structure the rule needs exists (an indicator without a parent is outside a parent rule);
- several statements of one (file, entity, measure, period) are intersected; an empty intersection is
  reported by the `duplicate-figure` check kind (rule core.duplicate-figure);
- a rule that raises becomes an `engine.rule-error` finding naming it; the run goes on;
- a rule with `subsumed_by: [ids]` does not repeat a finding a listed (stronger) rule made on all of the
  same figures (engine.subsume);
- integrations above the engine add rule kinds of their own through `engine.extensions` (a rule-file key
  and a runner, registered when the integration is imported); the engine imports none of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from check_report.engine.model import EngineResult, Rule, RuleError, RuleSet

__all__ = ["EngineResult", "Rule", "RuleError", "RuleSet", "builtin_rules_dir", "drop_subsumed", "load_rules",
           "run_rules", "sharing_index"]


def load_rules(specs: Iterable[str] = ("default",), *, enable: Iterable[str] = (), disable: Iterable[str] = (),
               severities: dict[str, str] | None = None, measures: Iterable[str] = ()) -> RuleSet:
    """Built-in pack names ('default', 'core', ...) or paths to YAML rule files, composed in order.

    enable/disable take rule ids or prefixes ('core.' is the whole pack; the most specific one decides);
    severities maps an id or prefix to error/warning/info; measures adds user-declared measure names.
    Raises RuleError with a one-line message naming file, line and key.
    """
    from check_report.engine import packs

    specs = (specs,) if isinstance(specs, str) else tuple(specs)
    enable, disable, measures = tuple(enable), tuple(disable), tuple(measures)
    key = packs.cache_key(specs, enable, disable, severities, measures)
    ruleset = packs.cached(key)
    if ruleset is None:
        from check_report.engine.loader import load_rules as _load

        ruleset = _load(specs, enable=enable, disable=disable, severities=severities, measures=measures)
        packs.store(key, ruleset)
    return ruleset


def run_rules(facts, ruleset: RuleSet, *, path: str = "", document=None, lang: str = "en") -> EngineResult:
    """Evaluate every rule of `ruleset` on a fact table (see check_report.facts); never raises for a rule."""
    from check_report.engine.runner import run_rules as _run

    return _run(facts, ruleset, path=path, document=document, lang=lang)


def drop_subsumed(findings: list, rules: Iterable[Rule], per_rule: dict | None = None) -> list:
    """Findings without those a finding of a stronger rule covers (the rules' `subsumed_by`); run_rules
    applies it already. For engines that assemble findings themselves (an integration's)."""
    from check_report.engine.subsume import drop_subsumed as _drop

    return _drop(findings, list(rules), per_rule)


def sharing_index(facts):
    """Context manager: inside it, run_rules on this same (unchanged) frame indexes it once; for callers
    that run a rule set rule by rule (an integration's)."""
    from check_report.engine.runner import sharing_index as _sharing

    return _sharing(facts)


def builtin_rules_dir() -> Path:
    from check_report.engine.packs import builtin_rules_dir as _dir

    return _dir()
