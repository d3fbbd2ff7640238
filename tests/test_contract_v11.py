"""Contract v1.1: optional fields only. Every field is described (Chinese and English) in the JSON Schema and the
contract document; every rule a field names exists; and a v1 package gets the conclusion it got before v1.1."""
import json
import re
import subprocess
import sys

import pytest

from review_assistant.engine.casebook import EXAMPLES, ROOT
from review_assistant.case.models import package
from review_assistant.engine.rulebook import load_rulebook

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{3,}")
V1_CONCLUSIONS = json.loads((ROOT / "tests" / "fixtures" / "v1_conclusions.json").read_text(encoding="utf-8"))


def _schema():
    out = subprocess.run([sys.executable, "-m", "review_assistant.service.cli", "schema", "case-package"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_every_schema_property_is_described_in_chinese_and_english():
    schema = _schema()
    undescribed = []
    for name, model in [("CasePackage", schema)] + list(schema["$defs"].items()):
        for prop, spec in model.get("properties", {}).items():
            text = spec.get("description", "")
            zh, _, en = text.partition(" / ")
            if not (CJK.search(zh) and LATIN.search(en)):
                undescribed.append(f"{name}.{prop}")
    assert undescribed == []


def test_fields_file_and_models_name_the_same_fields():
    for name, entries in package.FIELDS.items():
        cls = getattr(package, name)
        assert set(entries) == set(cls.model_fields), name


def test_rules_named_by_fields_exist():
    ids = {r.id for r in load_rulebook().rules}
    named = {r for entries in package.FIELDS.values() for e in entries.values() for r in e.get("rules") or ()}
    assert named - ids == set()


def test_contract_document_is_generated_from_the_fields_and_lists_every_v11_field():
    assert subprocess.run([sys.executable, str(ROOT / "scripts" / "make_contract_doc.py"), "--check"]).returncode == 0
    doc = (ROOT / "docs" / "case-package.md").read_text(encoding="utf-8")
    for name, entries in package.FIELDS.items():
        cls = getattr(package, name)
        for field, e in entries.items():
            if e.get("since") == "1.1":
                key = cls.model_fields[field].alias or field
                assert re.search(rf"\| `{re.escape(key)}` \| 1\.1 \|", doc), f"{name}.{key}"
    for kind in ("hearing_schedule", "preservation_decision", "seizure_extension", "test_result_notice", "execution",
                 "demolish", "restore", "return_land", "stop_construction", "destroy", "advertising_cost",
                 "illegal_business_volume", "total_investment", "purchase_amount", "refunded", "hearing_host"):
        assert kind in doc and kind in json.dumps(_schema()), kind


@pytest.mark.parametrize("path", sorted(V1_CONCLUSIONS["conclusions"]))
def test_v1_package_conclusion_is_unchanged(reviewer, path):
    """Conclusions recorded by the build before v1.1 (commit in the fixture), for every v1 package of the repository."""
    report = reviewer.review((ROOT / path).read_bytes())
    assert report.conclusion == V1_CONCLUSIONS["conclusions"][path]


def test_v1_fixture_covers_every_v1_package():
    dirs = ["tests/calibration/cases", "examples/lawful/cases", "examples/defects/cases", "examples"]
    found = {f"{d}/{p.name}" for d in dirs for p in (ROOT / d).glob("*.json") if "v11" not in p.name}
    assert found == set(V1_CONCLUSIONS["conclusions"])


def test_v11_example_with_every_new_field_is_approved_with_nothing_above_a_hint(reviewer):
    raw = (EXAMPLES / "food-safety-v11-complete.json").read_bytes()
    doc = json.loads(raw)
    assert doc["steps"][-1]["participants"] and doc["parties"][0]["representative"]
    report = reviewer.review(raw)
    assert report.conclusion == "approve"
    assert [f.rule_id for f in report.findings if f.severity != "hint"] == []


V11_SHOWN = ["住所：长治市潞州区英雄南路88号", "经营者：刘某某", "同时引用：《中华人民共和国行政处罚法》第二十八条"]


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_opinion_shows_the_v11_party_fields_and_general_citations(reviewer, tmp_path, suffix):
    import docx

    from review_assistant.case.models import CasePackage
    from review_assistant.outputs.opinion import render

    raw = (EXAMPLES / "food-safety-v11-complete.json").read_bytes()
    out = render(reviewer.review(raw), CasePackage.model_validate_json(raw), tmp_path / f"o{suffix}")
    text = ("\n".join(p.text for p in docx.Document(str(out)).paragraphs) if suffix == ".docx"
            else out.read_text(encoding="utf-8"))
    for shown in V11_SHOWN:
        assert shown in text


def test_web_result_shows_the_case_with_its_v11_fields(tmp_path):
    from fastapi.testclient import TestClient

    from review_assistant.service.records import RecordStore
    from review_assistant.service.server import create_app
    from tests.web_client import post_form, sign_in

    store = RecordStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    client = TestClient(create_app(store))
    sign_in(client, store.create_token("reviewer", "审核员")[1])
    raw = (EXAMPLES / "food-safety-v11-complete.json").read_bytes()
    r = post_form(client, "/ui/reviews", files={"file": ("p.json", raw)})
    assert r.status_code == 200, r.text[:500]
    page = r.text
    assert "案件概况" in page
    for shown in V11_SHOWN + ["张建国（党组书记、局长）", "告知拟处罚：没收违法所得6,500元", "直接送达", "2025-05-20解除或处理"]:
        assert shown in page, shown
