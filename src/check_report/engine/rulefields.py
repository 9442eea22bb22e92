"""One rule entry of a rule file, validated key by key into a `Rule`."""

from __future__ import annotations

import re
from dataclasses import replace

from check_report import facts as F
from check_report.engine import expr as X
from check_report.engine import extensions, kinds
from check_report.engine.model import Rule, RuleError
from check_report.engine.yamlsource import LineDict, line_of
from check_report.findings import Severity

RULE_KEYS = ("id", "description", "severity", "expr", "when", "check", "options", "tolerance", "doc",
             "foreach", "enabled", "subsumed_by")   # and the keys of registered kinds (engine.extensions)
DOC_KEYS = ("why", "fail", "pass")
TOLERANCE_KEYS = ("abs", "rel")
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*[a-z0-9]$|^[a-z0-9]$")
LANG = re.compile(r"^[a-z]{2}$")


class _Where:
    def __init__(self, entry: LineDict, shown: str, line: int):
        self.entry, self.shown, self.line = entry, shown, line

    def error(self, key: str, what: str) -> RuleError:
        return RuleError(f"{self.shown}:{line_of(self.entry, key) or self.line}: {key}: {what}")


def parse_rule(entry, pack: str, shown: str, line: int, defaults: dict[str, float],
               measures: frozenset[str], trusted: bool = False) -> tuple[Rule, bool]:
    """One rule entry as a Rule. `trusted` (the packs shipped with check-report, which the test suite
    validates in full) skips importing check-kind modules to validate their options: start-up time."""
    if not isinstance(entry, LineDict):
        raise RuleError(f"{shown}:{line}: rules: each rule is a mapping with an 'id'")
    at = _Where(entry, shown, entry.line or line)
    known = RULE_KEYS + extensions.keys()
    for key in entry:
        if key not in known:
            raise at.error(str(key), f"unknown key{X.suggest(str(key), known)}")
    rule_id = _rule_id(entry, pack, at)
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise at.error("enabled", "expected true or false")
    subsumed_by = _subsumed_by(entry, rule_id, pack, at)
    external = extensions.kind_of(entry)
    if external is not None:
        return replace(_external_rule(entry, external, rule_id, pack, shown, line, at),
                       subsumed_by=subsumed_by), enabled
    for key in entry:
        owner = extensions.owner_of_options(key)
        if owner is not None:
            raise at.error(key, f"{key} belong to a {owner.title} ('{owner.key}:'); an expression rule has "
                                "'tolerance'")
    expr, check = entry.get("expr"), entry.get("check")
    if (expr is None) == (check is None):
        raise at.error("expr" if expr is None else "check", "a rule has either 'expr' or 'check' (exactly one)")
    foreach = _foreach(entry, at)
    options = _check_options(entry, check, at, trusted) if check is not None else {}
    if check is None and "options" in entry:
        raise at.error("options", "options belong to a code check ('check:'); an expression rule has "
                                  "'tolerance'")
    if check is not None and "when" in entry:
        raise at.error("when", "'when' applies to expression rules only")
    tol_abs, tol_rel = _tolerance(entry, at, defaults)
    rule = Rule(id=rule_id, pack=pack or rule_id.split(".")[0], severity=_rule_severity(entry, check, at),
                description=_description(entry, rule_id, expr, at), expr=_text(entry, "expr", at),
                when=_text(entry, "when", at), check=check, options=options, tolerance_abs=tol_abs,
                tolerance_rel=tol_rel, foreach=foreach, source=shown, line=entry.line or line,
                doc=_doc(entry, at), subsumed_by=subsumed_by)
    _validate_expressions(rule, measures, at)
    return rule, enabled


def _external_rule(entry: LineDict, kind: extensions.RuleKind, rule_id: str, pack: str, shown: str, line: int,
                   at: _Where) -> Rule:
    """A rule of a kind an integration registered. The name is checked by the kind's cheap check; the
    settings are the integration's to judge when it runs them."""
    for key in extensions.NOT_WITH_EXTERNAL:
        if key in entry:
            raise at.error(key, f"'{key}' does not go with '{kind.key}:' (a {kind.title} takes its settings in "
                                f"'{kind.options_key}')")
    name = entry.get(kind.key)
    problem = kind.check_name(name)
    if problem:
        raise at.error(kind.key, problem.removeprefix(f"{kind.key}: "))
    options = entry.get(kind.options_key, {})
    if not isinstance(options, dict):
        raise at.error(kind.options_key, f"expected a mapping of the {kind.title}'s settings")
    return Rule(id=rule_id, pack=pack or rule_id.split(".")[0], severity=_rule_severity(entry, None, at),
                description=_description(entry, rule_id, name, at), source=shown, line=entry.line or line,
                doc=_doc(entry, at), external=kind.key, external_name=name, external_options=_plain(options))


def _plain(value):
    """YAML's line-remembering containers as plain dicts and lists: integrations serialise them, and a Rule
    carries no YAML bookkeeping (rule sets of built-in packs are cached as pickles)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _rule_id(entry: LineDict, pack: str, at: _Where) -> str:
    rule_id = entry.get("id")
    if rule_id is None:
        raise RuleError(f"{at.shown}:{at.line}: id: every rule needs an id")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise at.error("id", f"{rule_id!r} is not a valid id (lower-case letters, digits, '-', '_', '.')")
    return rule_id if "." in rule_id or not pack else f"{pack}.{rule_id}"


def _subsumed_by(entry: LineDict, rule_id: str, pack: str, at: _Where) -> tuple[str, ...]:
    """Ids of stronger rules, written like rule ids (short ids take the file's pack). Whether they exist
    (and form no cycle) is checked by the loader once every file is read."""
    value = entry.get("subsumed_by")
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise at.error("subsumed_by", "expected a list of rule ids ([core.children-within-parent])")
    ids: list[str] = []
    for i, item in enumerate(value):
        where = f"{at.shown}:{line_of(value, i) or line_of(entry, 'subsumed_by') or at.line}: subsumed_by"
        if not isinstance(item, str) or not RULE_ID.match(item):
            raise RuleError(f"{where}: {item!r} is not a rule id")
        full = item if "." in item or not pack else f"{pack}.{item}"
        if full == rule_id:
            raise RuleError(f"{where}: a rule cannot be subsumed by itself ({full})")
        if full not in ids:
            ids.append(full)
    return tuple(ids)


def _text(entry: LineDict, key: str, at: _Where) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise at.error(key, "expected an expression (text)")
    return " ".join(value.split())


def _rule_severity(entry: LineDict, check: str | None, at: _Where) -> Severity:
    default = "error"
    if check is not None and check not in kinds.ENGINE_KINDS and "severity" not in entry:
        default = getattr(_kind_module(check, at), "DEFAULT_SEVERITY", "warning")
    name = entry.get("severity", default)
    try:
        return Severity.parse(str(name))
    except ValueError:
        hint = X.suggest(str(name).lower(), ["error", "warning", "info"])
        raise at.error("severity", f"unknown severity {name!r}, expected error, warning or info{hint}") from None


def _description(entry: LineDict, rule_id: str, expr: str | None, at: _Where) -> dict[str, str]:
    value = entry.get("description")
    if value is None:
        return {"en": expr or rule_id}
    if isinstance(value, str):
        return {"en": value}
    if not isinstance(value, dict) or not value:
        raise at.error("description", "expected text or a mapping of language to text ({en: ..., vi: ...})")
    for lang, text in value.items():
        if not isinstance(lang, str) or not LANG.match(lang) or not isinstance(text, str):
            raise RuleError(f"{at.shown}:{line_of(value, lang)}: description.{lang}: expected a two-letter "
                            "language code with a text")
    return {str(k): str(v) for k, v in value.items()}


def _doc(entry: LineDict, at: _Where) -> dict:
    value = entry.get("doc")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise at.error("doc", "expected a mapping with why, fail, pass")
    for key, text in value.items():
        if key not in DOC_KEYS:
            raise RuleError(f"{at.shown}:{line_of(value, key)}: doc.{key}: unknown key"
                            f"{X.suggest(str(key), DOC_KEYS)}")
        if not isinstance(text, (str, dict)):
            raise RuleError(f"{at.shown}:{line_of(value, key)}: doc.{key}: expected text")
    return dict(value)


def _tolerance(entry: LineDict, at: _Where, defaults: dict[str, float]) -> tuple[float, float]:
    value = entry.get("tolerance")
    tol = {"abs": defaults["tolerance_abs"], "rel": defaults["tolerance_rel"]}
    if value is None:
        return tol["abs"], tol["rel"]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = {"abs": value}
    if not isinstance(value, dict):
        raise at.error("tolerance", "expected a number or {abs: ..., rel: ...}")
    for key, number in value.items():
        if key not in TOLERANCE_KEYS:
            raise RuleError(f"{at.shown}:{line_of(value, key)}: tolerance.{key}: unknown key"
                            f"{X.suggest(str(key), TOLERANCE_KEYS)}")
        if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
            raise RuleError(f"{at.shown}:{line_of(value, key)}: tolerance.{key}: expected a number >= 0")
        tol[key] = float(number)
    return tol["abs"], tol["rel"]


def _foreach(entry: LineDict, at: _Where) -> tuple[tuple[str, tuple[str, ...]], ...]:
    value = entry.get("foreach")
    if value is None:
        return ()
    if not isinstance(value, dict) or not value:
        raise at.error("foreach", "expected a mapping of variable to a list of values ({m: [plan, month]})")
    result = []
    for name, values in value.items():
        if not isinstance(name, str) or not X.IDENT_RE.match(name):
            raise RuleError(f"{at.shown}:{line_of(value, name)}: foreach.{name}: not a variable name")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise RuleError(f"{at.shown}:{line_of(value, name)}: foreach.{name}: expected a list of names")
        result.append((name, tuple(values)))
    return tuple(result)


def _check_options(entry: LineDict, check, at: _Where, trusted: bool = False) -> dict:
    if not isinstance(check, str) or check not in kinds.known_kinds():
        raise at.error("check", f"unknown check kind {check!r}{X.suggest(str(check), kinds.known_kinds())}")
    options = entry.get("options") or {}
    if not isinstance(options, dict):
        raise at.error("options", "expected a mapping of option to value")
    if not options or trusted:
        return _plain(options)  # the module is imported only when the check runs (start-up time)
    accepted = kinds.ENGINE_OPTIONS[check] if check in kinds.ENGINE_OPTIONS else \
        dict(getattr(_kind_module(check, at), "OPTIONS", {}))
    for key, value in options.items():
        where = f"{at.shown}:{line_of(options, key)}: options.{key}"
        if key not in accepted:
            choices = ", ".join(sorted(accepted)) or "none"
            raise RuleError(f"{where}: unknown option of {check}{X.suggest(str(key), accepted)} "
                            f"(accepted: {choices})")
        expected = _kind_of(accepted[key])
        if expected and _kind_of(value) != expected and value is not None:
            raise RuleError(f"{where}: expected {expected} like the default {accepted[key]!r}, got {value!r}")
    return _plain(options)


def _kind_of(value) -> str | None:
    """The kind of value an option takes, judged from its default (None: anything goes)."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return None


def _kind_module(check: str, at: _Where):
    try:
        return kinds.load(check)
    except Exception as exc:  # noqa: BLE001 - a broken check module is a configuration error to report
        raise at.error("check", f"cannot load check kind {check!r}: {type(exc).__name__}: {exc}") from None


def _validate_expressions(rule: Rule, measures: frozenset[str], at: _Where) -> None:
    for expr, when, bindings in rule.variants():
        for key, text in (("expr", expr), ("when", when)):
            if text is None:
                continue
            placeholder = re.search(r"\{(\w*)\}", text)
            if placeholder:
                raise at.error(key, f"placeholder {placeholder.group(0)} has no values: declare them in "
                                    f"foreach ({{{placeholder.group(1) or 'm'}: [plan, cumulative]}})")
            try:
                X.parse(text, measures, F.PERIODIC_MEASURES)
            except X.ExprError as exc:
                using = "".join(f" (with {k}={v})" for k, v in bindings.items())
                shown = text if len(text) <= 120 else text[:119] + "…"
                raise at.error(key, f"{exc}{using}: {shown}") from None
