"""Every registered check kind honours checks/base.py: id, summaries, severity, options, documentation shape;
and rules/document.yaml configures each of ours with en/vi descriptions."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import yaml

from check_report.checks import FACT_KINDS, REGISTRY, load
from check_report.findings import Severity

HEADINGS = ("What it checks", "Why it matters", "Failing example", "Passing example")
RULES = Path(__file__).resolve().parents[2] / "rules" / "document.yaml"
OTHER_HELPERS = FACT_KINDS   # check figures of the fact table, configured in rules/text.yaml


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_module_has_the_contract(check_id: str):
    module = load(check_id)
    assert check_id == module.ID
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", module.ID)
    assert set(module.SUMMARY) >= {"en", "vi"} and all(module.SUMMARY[k].strip() for k in ("en", "vi"))
    assert "\n" not in module.SUMMARY["en"] and "\n" not in module.SUMMARY["vi"]
    Severity.parse(module.DEFAULT_SEVERITY)
    assert isinstance(module.OPTIONS, dict)
    assert list(inspect.signature(module.check).parameters) == ["ctx", "options"]


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_docstring_has_the_fixed_shape(check_id: str):
    doc = load(check_id).__doc__ or ""
    positions = [doc.find(f"\n{heading}\n") for heading in HEADINGS]
    assert all(p >= 0 for p in positions), f"{check_id}: missing one of {HEADINGS}"
    assert positions == sorted(positions), f"{check_id}: headings out of order"
    for heading, start in zip(HEADINGS, positions, strict=True):
        body = doc[start + len(heading) + 2:].split("\n\n")[0]
        assert body.strip(), f"{check_id}: '{heading}' is empty"


def test_rule_pack_configures_every_document_check():
    pack = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    rules = {rule["check"]: rule for rule in pack["rules"]}
    assert set(rules) == set(REGISTRY) - OTHER_HELPERS
    for check_id, rule in rules.items():
        assert rule["id"] == check_id
        assert rule["description"]["en"].strip() and rule["description"]["vi"].strip()
        Severity.parse(rule["severity"])
        assert set(rule.get("options", {})) <= set(load(check_id).OPTIONS), check_id


def test_engine_loads_the_pack_with_ids_and_descriptions():
    engine = pytest.importorskip("check_report.engine")
    ruleset = engine.load_rules(["document"])
    ids = {rule.id for rule in ruleset.rules}
    assert ids == {f"doc.{cid}" for cid in set(REGISTRY) - OTHER_HELPERS}
    assert all(rule.description.get("vi") for rule in ruleset.rules)
