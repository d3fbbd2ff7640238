"""The conclusion follows what a reviewer would do (README, 审核结论): hints never count; 建议修改后同意 when every
finding can be cured by correcting the decision; 退回补充 when a v1 field the checklist needs is missing or evidence
must be gathered / a procedure redone; 不同意 only for a blocking finding."""
import pytest

from review_assistant.engine.casebook import apply, example
from review_assistant.case.models.report import Finding
from review_assistant.engine.review import _conclusion


def finding(severity, remedy="correct", gap=False):
    return Finding(rule_id="X-001", item="facts", severity=severity, title="t", message="m", basis="b", where="/",
                   suggestion="s", gap=gap, remedy=remedy)


@pytest.mark.parametrize("findings,conclusion", [
    ([], "approve"),
    ([finding("hint"), finding("hint", remedy="supplement")], "approve"),  # hints never change it
    ([finding("minor")], "revise"),
    ([finding("major")], "revise"),  # a wrong citation or figure: the decision is corrected
    ([finding("major", remedy="supplement")], "return"),  # evidence to gather, a procedure to redo
    ([finding("minor", gap=True)], "return"),  # a v1 field the checklist needs is missing
    ([finding("blocking"), finding("minor", gap=True)], "reject"),
    ([finding("blocking", gap=True)], "return"),
])
def test_mapping(findings, conclusion):
    assert _conclusion(findings) == conclusion


@pytest.mark.parametrize("change,conclusion,rule", [
    ({}, "approve", None),
    ({"/decision_text": example("food-safety-major-clean")["decision_text"].replace("《中华人民共和国食品安全法》", "《食品安全法》")},
     "approve", "LAW-013"),  # a hint only
    ({"/citations/penalty": ["《中华人民共和国食品安全法》第三十五条第一款"]}, "revise", "LAW-003"),
    ({"/evidence/0/proves": ["amount"]}, "return", "EVI-001"),
    ({"/violation/discovered_on": "2028-01-01", "/submitted_on": "2028-02-01"}, "reject", "JUR-001"),
])
def test_conclusions_on_real_reviews(reviewer, change, conclusion, rule):
    report = reviewer.review(apply(example("food-safety-major-clean"), change))
    assert report.conclusion == conclusion, [(f.rule_id, f.severity, f.remedy) for f in report.findings]
    if rule:
        assert rule in {f.rule_id for f in report.findings}
