"""Every rule has a complete teaching card, with a failing and a passing example from its own cases."""
import json

import pytest

from review_assistant.service.cli import main
from review_assistant.engine.rulebook import load_rulebook
from review_assistant.outputs.teaching import card

RULES = load_rulebook().rules


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_a_complete_card(reviewer, rule):
    c = card(rule, reviewer)
    for key in ("checks", "basis", "provision", "why", "fix"):
        assert c[key], f"{rule.id}: {key} is empty"
    assert c["failing"] and c["failing"]["finding"], f"{rule.id}: the failing example does not fire"
    assert c["passing"] and c["passing"]["finding"] is None, f"{rule.id}: the passing example fires"


def test_explain_command(capsys):
    assert main(["explain", "law-012"]) == 0
    text = capsys.readouterr().out
    assert "从旧兼从轻" in text and "触发示例" in text and "不触发的对照" in text
    assert main(["explain", "LAW-012", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["basis"] == "《中华人民共和国行政处罚法》第三十七条"
    assert main(["explain", "NOPE-1"]) == 2
