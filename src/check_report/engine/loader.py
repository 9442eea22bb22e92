"""Rule files in, a validated RuleSet out: composition (extends/include), switches and severities.

One place validates every key (yamllint's config.py way); anything unknown is an error naming the file,
the line and the key, with the closest valid name when there is one. Invalid rules are never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from check_report import facts as F
from check_report.engine import expr as X
from check_report.engine.model import Rule, RuleError, RuleSet
from check_report.engine.packs import builtin_rules_dir, matches
from check_report.engine.rulefields import parse_rule
from check_report.engine.yamlsource import LineDict, LineList, line_of, load_yaml
from check_report.findings import Severity

FILE_KEYS = ("pack", "description", "extends", "include", "options", "measures", "disable", "enable",
             "severity", "rules")
OPTION_KEYS = ("tolerance_abs", "tolerance_rel")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# rule files include/extend each other at most this deep (a chain of 1,500 files is refused, not a crash)
MAX_FILE_DEPTH = 32


def builtin_packs() -> list[str]:
    folder = builtin_rules_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


@dataclass
class _State:
    measures: set[str]
    rules: dict[str, Rule] = field(default_factory=dict)
    off_by_default: set[str] = field(default_factory=set)
    switches: list[tuple[str, bool, str, int]] = field(default_factory=list)     # pattern, on, file, line
    severities: list[tuple[str, Severity, str, int]] = field(default_factory=list)
    loaded: set[Path] = field(default_factory=set)
    subsumed_at: dict[str, tuple[str, int]] = field(default_factory=dict)   # rule id -> file, line of the key
    stack: list[Path] = field(default_factory=list)


def load_rules(specs=("default",), *, enable=(), disable=(), severities=None, measures=()) -> RuleSet:
    state = _State(measures=set(F.MEASURES) | set(measures))
    for spec in ([specs] if isinstance(specs, str) else list(specs)):
        path = _resolve(str(spec), Path.cwd(), where="rules")
        if path is not None:
            _load_file(path, state, origin=None)
    _check_subsumed(state)
    rules = list(state.rules.values())
    on = {rule.id: rule.id not in state.off_by_default for rule in rules}
    for pattern, value, file, line in state.switches:
        _require_match(pattern, rules, f"{file}:{line}: {'enable' if value else 'disable'}")
        for rule in rules:
            if matches(rule.id, pattern):
                on[rule.id] = value
    _apply_cli_switches(rules, on, tuple(enable), tuple(disable))
    chosen, overridden = _severities(rules, state, dict(severities or {}))
    kept = [replace(rule, severity=chosen[rule.id], severity_set=rule.id in overridden)
            for rule in rules if on[rule.id]]
    return RuleSet(kept, frozenset(state.measures))


def builtin_pack_names() -> set[str]:
    """The `pack:` names of the built-in files (core, doc, text ...), read without parsing YAML."""
    folder, names = builtin_rules_dir(), set()
    for path in folder.glob("*.yaml") if folder.is_dir() else ():
        found = re.search(r"^pack:\s*([\w-]+)", path.read_text(encoding="utf-8"), re.MULTILINE)
        names.add(found.group(1) if found else path.stem)
    return names


def _require_match(pattern: str, rules: list[Rule], where: str) -> None:
    """A pattern must name something, except a whole built-in pack that is simply not loaded this time
    ('doc.' in a shared configuration while checking with --rules core)."""
    pack = pattern.strip().rstrip(".")
    if "." not in pack and pack in builtin_pack_names():
        return
    if not any(matches(rule.id, pattern) for rule in rules):
        hint = X.suggest(pattern, [r.id for r in rules])
        raise RuleError(f"{where}: no rule or prefix {pattern!r}{hint}")


def _check_subsumed(state: _State) -> None:
    """`subsumed_by` names rules that exist (or belong to a built-in pack not loaded this time: core's
    rules may name another pack's) and forms no cycle: two rules never silence each other."""
    for rule in state.rules.values():
        for ref in rule.subsumed_by:
            pack = ref.split(".")[0]
            unloaded_builtin = not any(r.startswith(pack + ".") for r in state.rules) and \
                pack in builtin_pack_names()
            if ref not in state.rules and not unloaded_builtin:
                shown, line = state.subsumed_at.get(rule.id, (rule.source, rule.line))
                raise RuleError(f"{shown}:{line}: subsumed_by: unknown rule {ref!r}"
                                f"{X.suggest(ref, list(state.rules))}")
    done: set[str] = set()
    for start in state.rules:
        path: list[str] = []
        _walk_subsumed(start, state, path, done)


def _walk_subsumed(start: str, state: _State, path: list[str], done: set[str]) -> None:
    """Depth-first from `start` along subsumed_by, with an explicit stack (a chain of thousands of rules
    is no deeper for Python than one)."""
    on_path: set[str] = set()
    stack = [(start, iter(()))]
    while stack:
        rule_id, refs = stack[-1]
        if rule_id not in on_path:                  # first visit
            if rule_id in done or rule_id not in state.rules:
                stack.pop()
                continue
            path.append(rule_id)
            on_path.add(rule_id)
            refs = iter(state.rules[rule_id].subsumed_by)
            stack[-1] = (rule_id, refs)
        ref = next(refs, None)
        if ref is None:
            stack.pop()
            path.pop()
            on_path.discard(rule_id)
            done.add(rule_id)
        elif ref in on_path:
            cycle = path[path.index(ref):] + [ref]
            shown, line = state.subsumed_at.get(cycle[0], ("rules", 0))
            raise RuleError(f"{shown}:{line}: subsumed_by: cycle of rules: {' -> '.join(cycle)}")
        else:
            stack.append((ref, iter(())))


def _apply_cli_switches(rules, on: dict[str, bool], enable, disable) -> None:
    patterns = [(p, True, "enable") for p in enable] + [(p, False, "disable") for p in disable]
    for pattern, _value, key in patterns:
        _require_match(pattern, rules, key)
    for rule in rules:
        best = None
        for pattern, value, _key in patterns:
            # the most specific pattern decides; at equal length disabling wins
            if matches(rule.id, pattern) and (best is None or (len(pattern), not value) > (len(best[0]), not best[1])):
                best = (pattern, value)
        if best is not None:
            on[rule.id] = best[1]


def _severities(rules, state: _State, overrides: dict[str, str]) -> tuple[dict[str, Severity], set[str]]:
    """The severity of every rule, and the ids whose severity a `severity:` table or an override set (it
    then covers every finding of the rule, also the softer cases a check kind marks itself)."""
    chosen = {rule.id: rule.severity for rule in rules}
    overridden: set[str] = set()
    for pattern, level, file, line in state.severities:
        _require_match(pattern, rules, f"{file}:{line}: severity")
        for rule in rules:
            if matches(rule.id, pattern):
                chosen[rule.id] = level
                overridden.add(rule.id)
    parsed = {}
    for pattern, name in overrides.items():
        _require_match(pattern, rules, "severity")
        parsed[pattern] = _severity(name, "severity", pattern)
    for rule in rules:
        hits = [p for p in parsed if matches(rule.id, p)]
        if hits:
            chosen[rule.id] = parsed[max(hits, key=len)]
            overridden.add(rule.id)
    return chosen, overridden


def _severity(name, where: str, key: str) -> Severity:
    try:
        return Severity.parse(str(name))
    except ValueError:
        hint = X.suggest(str(name).lower(), ["error", "warning", "info"])
        raise RuleError(f"{where}: {key}: unknown severity {name!r}, expected error, warning or info{hint}") \
            from None


def _resolve(spec: str, base: Path, where: str, quiet_missing_builtin: bool = False) -> Path | None:
    """A built-in pack name ('core') or a path (relative to the file that names it)."""
    looks_like_path = "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml"))
    if not looks_like_path:
        candidate = builtin_rules_dir() / f"{spec}.yaml"
        if candidate.is_file():
            return candidate.resolve()
        if quiet_missing_builtin:
            return None   # a pack not shipped (yet): built-in files name packs other helpers add later
        hint = X.suggest(spec, builtin_packs())
        raise RuleError(f"{where}: unknown rule pack {spec!r}{hint} (built-in packs: "
                        f"{', '.join(builtin_packs()) or 'none'}; a file path needs .yaml)")
    path = (base / spec).expanduser()
    if not path.is_file():
        raise RuleError(f"{where}: rule file not found: {spec}")
    return path.resolve()


def _load_file(path: Path, state: _State, origin: str | None) -> None:
    if path in state.stack:
        cycle = " -> ".join(p.name for p in state.stack[state.stack.index(path):] + [path])
        raise RuleError(f"{origin}: cycle of rule files: {cycle}")
    if path in state.loaded:
        return
    if len(state.stack) >= MAX_FILE_DEPTH:
        raise RuleError(f"{origin}: rule files nest more than {MAX_FILE_DEPTH} deep through include/extends "
                        f"(from {state.stack[0].name}); flatten the chain")
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")   # a BOM from Windows editors is fine
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{shown}: cannot read rule file: {getattr(exc, 'strerror', None) or exc}") from None
    data = load_yaml(text, shown)
    if not isinstance(data, LineDict):
        raise RuleError(f"{shown}:{line_of(data) or 1}: expected a mapping with a 'rules:' list")
    state.stack.append(path)
    try:
        _load_document(data, path, shown, state)
    finally:
        state.stack.pop()
    state.loaded.add(path)


def _load_document(data: LineDict, path: Path, shown: str, state: _State) -> None:
    for key in data:
        if key not in FILE_KEYS:
            raise RuleError(f"{shown}:{line_of(data, key)}: {key}: unknown key{X.suggest(str(key), FILE_KEYS)}")
    pack = data.get("pack")
    if pack is not None and (not isinstance(pack, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", pack)):
        raise RuleError(f"{shown}:{line_of(data, 'pack')}: pack: expected a lower-case name like 'mypack'")
    _declare_measures(data, shown, state)
    builtin = path.parent == builtin_rules_dir().resolve()
    for spec, line in _names(data, "extends", shown):
        target = _resolve(spec, path.parent, f"{shown}:{line}: extends", quiet_missing_builtin=builtin)
        if target is not None:
            _load_file(target, state, f"{shown}:{line}: extends")
    defaults = _options(data, shown)
    rules = data.get("rules", LineList())
    if not isinstance(rules, list):
        raise RuleError(f"{shown}:{line_of(data, 'rules')}: rules: expected a list of rules")
    own: set[str] = set()
    for i, entry in enumerate(rules):
        rule, enabled = parse_rule(entry, pack or "", shown, line_of(rules, i), defaults, frozenset(state.measures),
                                   trusted=builtin)
        if rule.id in own:
            raise RuleError(f"{shown}:{rule.line}: id: rule {rule.id!r} is defined twice in this file")
        own.add(rule.id)
        state.rules[rule.id] = rule       # a later file may redefine a rule of a pack it extends
        state.subsumed_at[rule.id] = (shown, line_of(entry, "subsumed_by") or rule.line)
        (state.off_by_default.discard if enabled else state.off_by_default.add)(rule.id)
    for spec, line in _names(data, "include", shown):
        _load_file(_resolve(spec, path.parent, f"{shown}:{line}: include"), state, f"{shown}:{line}: include")
    for key, value in (("enable", True), ("disable", False)):
        for pattern, line in _names(data, key, shown):
            state.switches.append((pattern, value, shown, line))
    _file_severities(data, shown, state)


def _names(data: LineDict, key: str, shown: str) -> list[tuple[str, int]]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [(value, line_of(data, key))]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"{shown}:{line_of(data, key)}: {key}: expected a list of names")
    return [(v, line_of(value, i)) for i, v in enumerate(value)]


def _declare_measures(data: LineDict, shown: str, state: _State) -> None:
    for name, line in _names(data, "measures", shown):
        if not IDENT.match(name) or name in X.KEYWORDS + X.FLAGS + X.SCOPES or name in X.ARITH_FUNCS:
            raise RuleError(f"{shown}:{line}: measures: {name!r} cannot be a measure name")
        state.measures.add(name)


def _options(data: LineDict, shown: str) -> dict[str, float]:
    options = data.get("options") or {}
    if not isinstance(options, dict):
        raise RuleError(f"{shown}:{line_of(data, 'options')}: options: expected a mapping")
    for key, value in options.items():
        where = f"{shown}:{line_of(options, key)}: options.{key}"
        if key not in OPTION_KEYS:
            raise RuleError(f"{where}: unknown option{X.suggest(str(key), OPTION_KEYS)}")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise RuleError(f"{where}: expected a number >= 0")
    return {k: float(options.get(k, 0.0)) for k in OPTION_KEYS}


def _file_severities(data: LineDict, shown: str, state: _State) -> None:
    table = data.get("severity")
    if table is None:
        return
    if not isinstance(table, dict):
        raise RuleError(f"{shown}:{line_of(data, 'severity')}: severity: expected a mapping of rule id to level")
    for pattern, level in table.items():
        line = line_of(table, pattern)
        state.severities.append((str(pattern), _severity(level, f"{shown}:{line}", f"severity.{pattern}"),
                                 shown, line))
