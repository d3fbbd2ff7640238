"""Each example package in examples/ has its expected report summary in examples/reports/ — the conclusion,
the major-decision determination, every checklist row and every finding (rule and place). A lawyer can read
the expected file; ``UPDATE_EXPECTED=1 pytest tests/test_examples.py`` rewrites it after a deliberate change."""
import json
import os
import subprocess
import sys

import jsonschema
import pytest

from review_assistant.engine.casebook import EXAMPLES, example_names

NAMES = example_names()


def summary(report) -> dict:
    return {
        "conclusion": report.conclusion,
        "major": {"is_major": report.major.is_major, "entries": [e["id"] for e in report.major.entries]},
        "checklist": {row.item: row.status for row in report.checklist},
        "findings": [f"{f.rule_id} {f.where}" for f in report.findings],
        "notices": [n.where for n in report.notices],
    }


def test_there_are_at_least_four_examples():
    assert len(NAMES) >= 4


@pytest.mark.parametrize("name", NAMES)
def test_example_report_matches_expected(reviewer, name):
    report = reviewer.review((EXAMPLES / f"{name}.json").read_bytes())
    expected_path = EXAMPLES / "reports" / f"{name}.json"
    got = summary(report)
    if os.environ.get("UPDATE_EXPECTED"):
        expected_path.parent.mkdir(exist_ok=True)
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report_schema():
    out = subprocess.run([sys.executable, "-m", "review_assistant.service.cli", "schema", "report"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", NAMES)
def test_cli_json_report_validates_against_printed_schema(report_schema, name):
    out = subprocess.run([sys.executable, "-m", "review_assistant.service.cli", "check", str(EXAMPLES / f"{name}.json"),
                          "--format", "json"], capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    report = json.loads(out.stdout)
    jsonschema.validate(report, report_schema)
    assert [row["item"] for row in report["checklist"]] == [
        "subject", "officer", "facts", "evidence", "law_citation", "discretion", "procedure", "jurisdiction",
        "documents", "criminal_referral", "publicity"]
    assert out.returncode == (0 if report["conclusion"] == "approve" else 1)


def test_example_packages_validate_against_printed_package_schema():
    out = subprocess.run([sys.executable, "-m", "review_assistant.service.cli", "schema", "case-package"],
                         capture_output=True, text=True, check=True)
    schema = json.loads(out.stdout)
    for name in NAMES:
        jsonschema.validate(json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")), schema)
