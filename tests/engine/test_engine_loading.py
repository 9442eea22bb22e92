import textwrap

import pytest

from check_report.engine import RuleError, builtin_rules_dir, load_rules
from check_report.findings import Severity


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def ids(ruleset):
    return [rule.id for rule in ruleset.rules]


def error_of(*args, **kwargs) -> str:
    with pytest.raises(RuleError) as info:
        load_rules(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


SIMPLE = """
    pack: mine
    rules:
      - id: plan-positive
        description: {en: "plan is positive", vi: "kế hoạch dương"}
        expr: plan > 0
        severity: warning
"""


def test_builtin_dir_holds_core_and_default():
    folder = builtin_rules_dir()
    assert (folder / "core.yaml").is_file() and (folder / "default.yaml").is_file()


def test_core_rules_are_documented_in_both_languages():
    core = load_rules(["core"])
    assert len(core.rules) >= 10
    for rule in core.rules:
        assert rule.id.startswith("core.")
        assert rule.description.get("en") and rule.description.get("vi"), rule.id
        assert {"why", "fail", "pass"} <= set(rule.doc), rule.id
        assert rule.source.endswith("core.yaml") and rule.line > 0


def test_default_extends_core():
    assert set(ids(load_rules(["core"]))) <= set(ids(load_rules()))


def test_short_ids_get_the_pack_prefix_and_keep_their_line(tmp_path):
    path = write(tmp_path, "mine.yaml", SIMPLE)
    rules = load_rules([str(path)])
    rule = rules.get("mine.plan-positive")
    assert rule is not None and rule.severity is Severity.WARNING
    assert rule.line == 3 and rule.source == str(path.resolve())
    assert rules.get("plan-positive") is None


def test_extends_by_name_and_by_relative_path_and_include(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub, "base.yaml", SIMPLE)
    write(sub, "extra.yaml", """
        rules:
          - id: extra.count-positive
            expr: count > 0
    """)
    top = write(tmp_path, "top.yaml", """
        extends: [core, sub/base.yaml]
        include: [sub/extra.yaml]
        rules:
          - id: top.own
            expr: month >= 0
    """)
    got = ids(load_rules([str(top)]))
    assert got.index("core.pct-of-plan") < got.index("mine.plan-positive") < got.index("top.own") \
        < got.index("extra.count-positive")


def test_same_file_reached_twice_is_loaded_once(tmp_path):
    write(tmp_path, "base.yaml", SIMPLE)
    write(tmp_path, "a.yaml", "extends: [base.yaml]\n")
    write(tmp_path, "b.yaml", "extends: [base.yaml, a.yaml]\n")
    assert ids(load_rules([str(tmp_path / "b.yaml")])) == ["mine.plan-positive"]


def test_include_cycle_is_an_error_naming_the_chain(tmp_path):
    write(tmp_path, "a.yaml", "include: [b.yaml]\n")
    write(tmp_path, "b.yaml", "rules: []\nextends: [a.yaml]\n")
    message = error_of([str(tmp_path / "a.yaml")])
    assert "cycle of rule files: a.yaml -> b.yaml -> a.yaml" in message
    assert "b.yaml:2: extends" in message


def test_disable_enable_prefixes_and_most_specific_wins():
    everything = ids(load_rules(["core"]))
    assert "core.growth" not in ids(load_rules(["core"], disable=["core.growth"]))
    assert "core.growth-month" in ids(load_rules(["core"], disable=["core.growth"]))   # ids, not text prefixes
    assert ids(load_rules(["core"], disable=["core."])) == []
    assert ids(load_rules(["core"], disable=["core"])) == []
    assert ids(load_rules(["core"], disable=["core."], enable=["core.growth"])) == ["core.growth"]
    assert len(ids(load_rules(["core"], enable=["core."]))) == len(everything)


def test_file_level_disable_severity_and_opt_in_rules(tmp_path):
    path = write(tmp_path, "mine.yaml", """
        extends: [core]
        disable: [core.growth]
        severity: {core.child-le-parent: warning, core.: info}
        rules:
          - id: mine.optional
            expr: plan > 0
            enabled: false
    """)
    rules = load_rules([str(path)])
    assert rules.get("core.growth") is None and rules.get("mine.optional") is None
    assert rules.get("core.child-le-parent").severity is Severity.INFO   # later entries of the table win
    assert rules.get("core.pct-of-plan").severity is Severity.INFO
    rules = load_rules([str(path)], enable=["core.growth", "mine.optional"])
    assert rules.get("core.growth") is not None and rules.get("mine.optional") is not None


def test_severity_overrides_most_specific_wins():
    rules = load_rules(["core"], severities={"core": "info", "core.growth": "warning"})
    assert rules.get("core.growth").severity is Severity.WARNING
    assert rules.get("core.pct-of-plan").severity is Severity.INFO


def test_redefining_a_rule_in_a_later_file_replaces_it(tmp_path):
    path = write(tmp_path, "mine.yaml", """
        extends: [core]
        rules:
          - id: core.growth
            expr: growth == (cumulative / previous - 1) * 100
            tolerance: {abs: 0.1}
    """)
    rules = load_rules([str(path)])
    assert ids(rules).count("core.growth") == 1
    assert rules.get("core.growth").tolerance_abs == 0.1


def test_declared_measures(tmp_path):
    path = write(tmp_path, "m.yaml", """
        measures: [exports]
        options: {tolerance_rel: 0.01}
        rules:
          - id: x.exports-le-cumulative
            expr: exports <= cumulative
    """)
    rule = load_rules([str(path)]).get("x.exports-le-cumulative")
    assert rule.tolerance_rel == 0.01
    path = write(tmp_path, "n.yaml", "rules:\n  - id: x.y\n    expr: imports <= cumulative\n")
    assert load_rules([str(path)], measures=["imports"]).get("x.y") is not None


@pytest.mark.parametrize("text, expected", [
    ("rule:\n  - id: a\n", "bad.yaml:1: rule: unknown key (did you mean 'rules'?)"),
    ("rules:\n  - id: x.a\n    expresion: plan > 0\n", "bad.yaml:3: expresion: unknown key (did you mean 'expr'?)"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    severity: fatal\n",
     "bad.yaml:4: severity: unknown severity 'fatal'"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    severity: warn\n", "(did you mean 'warning'?)"),
    ("rules:\n  - id: x.a\n    expr: pct_plan == cumulatve / plan\n",
     "bad.yaml:3: expr: col 13: unknown measure 'cumulatve' (did you mean 'cumulative'?)"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    when: plan >\n", "bad.yaml:4: when: col 7: unexpected end"),
    ("rules:\n  - id: x.a\n    check: citaton-date\n", "bad.yaml:3: check: unknown check kind 'citaton-date'"),
    ("rules:\n  - id: x.a\n    check: duplicate-figure\n    options: {x: 1}\n",
     "bad.yaml:4: options.x: unknown option of duplicate-figure"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    check: duplicate-figure\n", "either 'expr' or 'check'"),
    ("rules:\n  - id: x.a\n", "bad.yaml:2: expr: a rule has either 'expr' or 'check'"),
    ("rules:\n  - expr: plan > 0\n", "bad.yaml:2: id: every rule needs an id"),
    ("rules:\n  - id: Bad Id\n    expr: plan > 0\n", "bad.yaml:2: id: 'Bad Id' is not a valid id"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n  - id: x.a\n    expr: plan > 1\n",
     "bad.yaml:4: id: rule 'x.a' is defined twice"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    tolerance: {abs: -1}\n", "bad.yaml:4: tolerance.abs: expected a number >= 0"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    tolerance: {absolute: 1}\n",
     "tolerance.absolute: unknown key (did you mean 'abs'?)"),
    ("options: {tolerance: 1}\nrules: []\n", "bad.yaml:1: options.tolerance: unknown option"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    doc: {why: x, fails: y}\n", "doc.fails: unknown key (did you mean 'fail'?)"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    description: {english: x}\n", "description.english"),
    ("rules:\n  - id: x.a\n    expr: plan +\n", "bad.yaml:3: expr: col 7: unexpected end of expression"),
    ("rules:\n  - id: x.a\n    expr: __import__(plan) > 0\n", "bad.yaml:3: expr: col 1: unknown function '__import__'"),
    ("rules:\n  - id: x.a\n    expr: '{m} > 0'\n    foreach: {m: [plan, plam]}\n",
     "bad.yaml:3: expr: col 1: unknown measure 'plam' (did you mean 'plan'?) (with m=plam)"),
    ("rules:\n  - id: x.a\n    check: duplicate-figure\n    when: plan > 0\n", "bad.yaml:4: when: 'when' applies"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    options: {a: 1}\n", "bad.yaml:4: options: options belong"),
    ("rules: {a: 1}\n", "bad.yaml:1: rules: expected a list of rules"),
    ("rules:\n  - id: x.a\n    expr: '{m} > 0'\n", "bad.yaml:3: expr: placeholder {m} has no values"),
    ("rules:\n  - plan > 0\n", "bad.yaml:2: rules: each rule is a mapping"),
    ("- a\n- b\n", "bad.yaml:1: expected a mapping"),
    ("rules:\n  - id: x.a\n    expr: plan > 0\n    expr: plan > 1\n", "bad.yaml:4: expr: duplicate"),
    ("rules:\n  - id: x.a\n    expr: [plan > 0\n", "bad.yaml:4: malformed YAML"),
    ("rules:\n\t- id: x\n", "bad.yaml:2: malformed YAML"),
    ("extends: [cor]\n", "bad.yaml:1: extends: unknown rule pack 'cor' (did you mean 'core'?)"),
    ("extends: [missing.yaml]\n", "bad.yaml:1: extends: rule file not found: missing.yaml"),
    ("include: missing.yaml\n", "bad.yaml:1: include: rule file not found"),
    ("disable: [core.grwth]\nextends: [core]\n", "bad.yaml:1: disable: no rule or prefix 'core.grwth' (did you mean 'core.growth'?)"),
    ("severity: {core.growth: loud}\nextends: [core]\n", "bad.yaml:1: severity.core.growth: unknown severity 'loud'"),
    ("measures: [and]\n", "bad.yaml:1: measures: 'and' cannot be a measure name"),
    ("pack: My Pack\n", "bad.yaml:1: pack: expected a lower-case name"),
])
def test_every_error_names_file_line_and_key(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    message = error_of([str(path)])
    assert expected in message, message
    assert message.startswith(str(path.resolve()))


def test_argument_errors_suggest():
    assert "disable: no rule or prefix 'core.grwth' (did you mean 'core.growth'?)" in \
        error_of(["core"], disable=["core.grwth"])
    assert "enable: no rule or prefix" in error_of(["core"], enable=["nothing"])
    assert "severity: core.growth: unknown severity 'eror'" in error_of(["core"], severities={"core.growth": "eror"})
    assert "unknown rule pack 'defualt' (did you mean 'default'?)" in error_of(["defualt"])
    assert "rule file not found: nowhere/x.yaml" in error_of(["nowhere/x.yaml"])
    assert "no rule or prefix 'cor.'" in error_of(["core"], disable=["cor."])


def test_a_builtin_pack_not_loaded_may_be_named():
    assert len(load_rules(["core"], disable=["doc.", "default"], severities={"doc": "info"}).rules) > 0


def test_broken_check_module_is_a_rule_error(tmp_path, monkeypatch):
    from check_report import checks

    monkeypatch.setitem(checks.REGISTRY, "broken", "enginetest_no_such_module")
    path = write(tmp_path, "k.yaml", "rules:\n  - id: t.k\n    check: broken\n")
    assert "k.yaml:3: check: cannot load check kind 'broken': ModuleNotFoundError" in error_of([str(path)])


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffrules:\n  - id: x.a\n    expr: plan > 0\n".encode())
    assert load_rules([str(path)]).get("x.a").line == 2


def test_unreadable_and_binary_files(tmp_path):
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00rules")
    assert str(path.resolve()) in error_of([str(path)])


def test_foreach_expands_per_value(tmp_path):
    path = write(tmp_path, "f.yaml", """
        rules:
          - id: x.le
            foreach: {m: [plan, cumulative]}
            expr: "{m} <= parent.{m}"
    """)
    rule = load_rules([str(path)]).get("x.le")
    assert [v[0] for v in rule.variants()] == ["plan <= parent.plan", "cumulative <= parent.cumulative"]


@pytest.mark.parametrize("pack", sorted(p.stem for p in builtin_rules_dir().glob("*.yaml")))
def test_builtin_packs_pass_the_full_validation_users_files_get(pack):
    """Built-in packs skip importing check modules to validate options at start-up: validate them here,
    entry by entry, as an untrusted file would be."""
    from check_report.engine.rulefields import parse_rule
    from check_report.engine.yamlsource import LineList, line_of, load_yaml

    path = builtin_rules_dir() / f"{pack}.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    rules = data.get("rules", LineList())
    measures = load_rules([pack]).measures if rules else frozenset()
    for i, entry in enumerate(rules):
        parse_rule(entry, data.get("pack", ""), str(path), line_of(rules, i),
                   {"tolerance_abs": 0.0, "tolerance_rel": 0.0}, frozenset(measures), trusted=False)
