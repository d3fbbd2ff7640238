"""The bundled teaching cases: at least 12, every checklist item defective in at least one, and each hidden
answer still what the real reviewer finds (so a rule change cannot silently falsify the answers)."""
import pytest

from review_assistant.engine.rulebook import ITEMS
from review_assistant.service.web import bundled_cases

CASES = bundled_cases()


def test_library_covers_every_item():
    assert len(CASES) >= 12
    defective = {item for c in CASES for item, status in c["answer"]["items"].items() if status != "pass"}
    assert defective == set(ITEMS)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hidden_answer_matches_the_reviewer(reviewer, case):
    report = reviewer.review(case["package"])
    assert {row.item: row.status for row in report.checklist} == case["answer"]["items"]
