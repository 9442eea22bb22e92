"""The real seed report through the readers and extractors: the engine must never fail on real data."""

from check_report import engine, readers
from check_report.engine.runner import RULE_ERROR
from check_report.extract import extract


def test_seed_report_runs_cleanly_through_every_rule(seed_path):
    source = readers.read(str(seed_path))
    facts, _notes = extract(source)
    rules = engine.load_rules()
    result = engine.run_rules(facts, rules, path=str(seed_path), document=source.document, lang="vi")
    assert [f.message for f in result.findings if f.rule == RULE_ERROR] == []
    assert set(result.per_rule) == {rule.id for rule in rules.rules}
    assert result.checked_facts <= set(facts.index)
    assert result.checked_facts, "no stated figure took part in any rule"
    assert result.findings == sorted(result.findings, key=lambda f: f.sort_key())
    again = engine.run_rules(facts, rules, path=str(seed_path), document=source.document, lang="vi")
    assert [f.message for f in again.findings] == [f.message for f in result.findings]
