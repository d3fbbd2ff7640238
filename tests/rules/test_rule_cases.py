"""Runs every rule's example packages (rules/<module>.yaml, beside the module): the rule must fire on each package that
should fire it, and stay silent on the close package that should not."""
import pytest

from review_assistant.engine.casebook import ROOT, RULE_CASES, build, rule_cases
from review_assistant.engine.review import get_reviewer
from review_assistant.engine.rulebook import load_rulebook

CASES = rule_cases()


@pytest.mark.parametrize("module,case", CASES, ids=[f"{c['rule']}:{c['case']}" for _, c in CASES])
def test_rule_case(reviewer, module, case):
    if "catalogs" in case:  # a local catalog directory laid over the bundled one (tests/fixtures/…)
        reviewer = get_reviewer(ROOT / case["catalogs"])
    report = reviewer.review(build(case))
    fired = [f for f in report.findings if f.rule_id == case["rule"]]
    assert bool(fired) == case["fires"], [f"{f.rule_id} {f.where} {f.message}" for f in report.findings]
    if case["fires"] and "where" in case:
        assert case["where"] in [f.where for f in fired]
    if case["fires"] and "message_has" in case:  # words the finding must say (what the reviewer reads)
        assert any(case["message_has"] in f.message for f in fired), [f.message for f in fired]


def test_every_rule_has_a_firing_and_a_silent_case():
    rulebook = load_rulebook()
    by_rule: dict[str, set[bool]] = {}
    for module, case in CASES:
        rule = rulebook.get(case["rule"])
        assert rule is not None, f"{module}.yaml names unknown rule {case['rule']}"
        assert rule.item == module, f"{case['rule']} belongs in {rule.item}.yaml, not {module}.yaml"
        by_rule.setdefault(rule.id, set()).add(case["fires"])
    for rule in rulebook.rules:
        assert by_rule.get(rule.id) == {True, False}, f"{rule.id} needs a case that fires it and one that does not"


def test_rule_modules_and_case_files_mirror_each_other():
    modules = {m.path.stem for m in load_rulebook().modules}
    cases = {p.stem for p in RULE_CASES.glob("*.yaml")}
    assert modules == cases
