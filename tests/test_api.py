"""The check API through the real app: every endpoint, every role boundary, every limit."""
import json

import pytest
from fastapi.testclient import TestClient

from review_assistant.engine.casebook import EXAMPLES, apply, example
from review_assistant.service.records import RecordStore
from review_assistant.service.server import MAX_BATCH, create_app

FLAWED = (EXAMPLES / "market-regulation-flawed.json").read_bytes()
CLEAN = (EXAMPLES / "food-safety-major-clean.json").read_bytes()


@pytest.fixture()
def store(tmp_path):
    return RecordStore(f"sqlite:///{tmp_path / 'records.sqlite3'}")


@pytest.fixture()
def api(store):
    client = TestClient(create_app(store))
    keys = {}
    for role, name in (("case_system", "甲办案系统"), ("case_system", "乙办案系统"), ("reviewer", "审核员"),
                       ("trainer", "培训员"), ("admin", "管理员")):
        _, secret = store.create_token(role, name)
        keys[name] = {"Authorization": f"Bearer {secret}"}
    return client, keys


def submit(client, key, body=FLAWED):
    r = client.post("/v1/reviews", content=body, headers=key)
    assert r.status_code == 201, r.text
    return r.json()["review_id"]


def test_submit_read_and_opinions(api):
    client, k = api
    r = client.post("/v1/reviews?include_opinion=html", content=FLAWED, headers=k["甲办案系统"])
    assert r.status_code == 201 and r.headers["Location"] == f"/v1/reviews/{r.json()['review_id']}"
    body = r.json()
    assert body["conclusion"] == "reject" and "<h2>" in body["opinion"]
    rid = body["review_id"]
    got = client.get(f"/v1/reviews/{rid}", headers=k["甲办案系统"]).json()
    assert got["findings"] == body["findings"] and got["record"]["seq"] == 1
    docx = client.get(f"/v1/reviews/{rid}/opinion", headers={**k["甲办案系统"], "Accept":
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "审核结论" in client.get(f"/v1/reviews/{rid}/opinion?format=md", headers=k["甲办案系统"]).text
    assert client.get(f"/v1/reviews/{rid}/opinion?format=html", headers=k["甲办案系统"]).headers["content-type"].startswith("text/html")


def test_bad_package_is_a_problem_naming_the_field(api):
    client, k = api
    body = json.dumps(apply(example("food-safety-major-clean"), {"/violation/occurred_on": "2025-13-01"}))
    r = client.post("/v1/reviews", content=body, headers=k["甲办案系统"])
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["pointer"] == "/violation/occurred_on" and r.json()["errors"][0]["detail_zh"]
    assert client.post("/v1/reviews", content=b"\xff not json", headers=k["甲办案系统"]).status_code == 422


def test_batch_and_its_limit(api):
    client, k = api
    packages = [json.loads(CLEAN), json.loads(FLAWED), {"schema_version": "9"}]
    r = client.post("/v1/reviews:batch", json=packages, headers=k["甲办案系统"])
    assert [x["status"] for x in r.json()["results"]] == [201, 201, 422]
    too_many = client.post("/v1/reviews:batch", json=[{}] * (MAX_BATCH + 1), headers=k["甲办案系统"])
    assert too_many.status_code == 422 and too_many.headers["content-type"].startswith("application/problem+json")


def test_case_history_shows_fixed_and_new_findings(api):
    client, k = api
    submit(client, k["甲办案系统"])
    fixed = apply(json.loads(FLAWED), {"/steps/4/officers": ["14040000102", "14040000101"],
                                       "/proposed_decision/penalties/2/amount": 30000})
    submit(client, k["甲办案系统"], json.dumps(fixed, ensure_ascii=False).encode())
    history = client.get("/v1/cases/长市监处〔2025〕0032号/reviews", headers=k["甲办案系统"]).json()["reviews"]
    assert len(history) == 2
    assert "OFF-001 /steps/4/officers" in history[1]["fixed"]
    assert "LAW-002 /proposed_decision/penalties/2/amount" in history[1]["fixed"]
    assert client.get("/v1/cases/长市监处〔2025〕0032号/reviews", headers=k["乙办案系统"]).json()["reviews"] == []


def test_reviewer_decisions_shape_the_final_report_and_opinion(api, store):
    client, k = api
    rid = submit(client, k["甲办案系统"])
    report = client.get(f"/v1/reviews/{rid}", headers=k["审核员"]).json()
    target = next(f for f in report["findings"] if f["rule_id"] == "CRI-001")
    ok = client.post(f"/v1/reviews/{rid}/decisions", headers=k["审核员"], json={
        "action": "dismiss", "rule_id": "CRI-001", "where": target["where"], "reason": "公安机关已出具不予立案通知书"})
    assert ok.status_code == 201
    own = {"rule_id": "MANUAL-1", "item": "documents", "severity": "minor", "title": "卷宗目录不全", "message": "卷内目录缺页码",
           "basis": "《中华人民共和国行政处罚法》第四十七条", "where": "/documents", "suggestion": "补编页码"}
    assert client.post(f"/v1/reviews/{rid}/decisions", headers=k["审核员"],
                       json={"action": "add", "reason": "人工审核发现", "finding": own}).status_code == 201
    final = client.get(f"/v1/reviews/{rid}", headers=k["审核员"]).json()
    ids = [f["rule_id"] for f in final["findings"]]
    assert "CRI-001" not in ids and "MANUAL-1" in ids and len(final["decisions"]) == 2
    assert final["conclusion"] == "return"  # the only blocking finding was dismissed; evidence must still be gathered
    assert "卷内目录缺页码" in client.get(f"/v1/reviews/{rid}/opinion?format=md", headers=k["审核员"]).text
    assert [e["kind"] for e in store.entries_for(rid)] == ["review", "decision", "decision"]
    bad = client.post(f"/v1/reviews/{rid}/decisions", headers=k["审核员"],
                      json={"action": "accept", "rule_id": "NOPE", "where": "/x", "reason": "r"})
    assert bad.status_code == 422


def test_role_boundaries(api):
    client, k = api
    rid = submit(client, k["甲办案系统"])
    assert client.get(f"/v1/reviews/{rid}", headers=k["乙办案系统"]).status_code == 404  # another system's review
    assert client.get(f"/v1/reviews/{rid}/opinion", headers=k["乙办案系统"]).status_code == 404
    assert client.get(f"/v1/reviews/{rid}", headers=k["审核员"]).status_code == 200
    assert client.get(f"/v1/reviews/{rid}", headers=k["培训员"]).status_code == 403
    assert client.post("/v1/reviews", content=FLAWED, headers=k["培训员"]).status_code == 403
    decision = {"action": "accept", "rule_id": "CRI-001", "where": "/violation/amounts/sales_amount", "reason": "同意"}
    assert client.post(f"/v1/reviews/{rid}/decisions", headers=k["甲办案系统"], json=decision).status_code == 403
    assert client.post("/v1/tokens", headers=k["审核员"], json={"role": "admin", "name": "x"}).status_code == 403
    assert client.post("/v1/tokens", headers=k["管理员"], json={"role": "reviewer", "name": "新审核员"}).status_code == 201
    # catalogs load at start (every worker the same); there is no endpoint that would change one worker only
    assert client.post("/v1/admin/catalogs:reload", headers=k["管理员"]).status_code in (404, 405)
    assert client.get("/v1/rules", headers=k["培训员"]).status_code == 200
    assert client.get("/v1/rules").status_code == 401
    assert client.get("/v1/rules", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_rules_catalogs_schema_health(api):
    client, k = api
    key = k["培训员"]
    assert len(client.get("/v1/rules?item=officer", headers=key).json()) >= 5
    card = client.get("/v1/rules/off-001", headers=key).json()["card"]
    assert card["failing"]["finding"] and card["passing"]["finding"] is None
    assert client.get("/v1/rules/NOPE", headers=key).status_code == 404
    assert client.get("/v1/catalogs", headers=key).json()["counts"]["laws"] >= 60
    assert "properties" in client.get("/v1/schema/case-package").json()
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/readyz").json()["status"] == "ready"
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")


def test_body_and_rate_limits(store):
    _, secret = store.create_token("case_system", "限流测试")
    key = {"Authorization": f"Bearer {secret}"}
    small = TestClient(create_app(store, max_body=10_000))
    big = small.post("/v1/reviews", content=b"x" * 20_000, headers=key)
    assert big.status_code == 413 and big.headers["content-type"].startswith("application/problem+json")
    limited = TestClient(create_app(store, rate=0.001, burst=3))  # the burst is at least one full batch (50)
    codes = [limited.get("/v1/healthz" if False else "/v1/catalogs", headers=key).status_code for _ in range(MAX_BATCH + 1)]
    assert codes == [200] * MAX_BATCH + [429]


def test_development_mode_is_announced(store):
    client = TestClient(create_app(store, dev_mode=True))
    r = client.get("/v1/rules")
    assert r.status_code == 200 and r.headers["X-Review-Assistant-Mode"] == "development-no-auth"


def test_access_log_is_json_with_the_review_id_and_no_id_numbers(api, caplog):
    import logging

    from review_assistant.service.server import mask
    client, k = api
    with caplog.at_level(logging.INFO, logger="review_assistant.access"):
        rid = submit(client, k["甲办案系统"])
    line = json.loads([r.getMessage() for r in caplog.records if r.name == "review_assistant.access"][-1])
    assert line["review_id"] == rid and line["status"] == 201 and line["token"].startswith("t_")
    assert mask("当事人证件 91140400MA0GRT5P1G、身份证 110112197803152314") == \
        "当事人证件 9114**********5P1G、身份证 1101**********2314"


def test_api_docs_page_works_offline(tmp_path):
    """issue 17: /docs is a page of our own — no script and nothing from a CDN, so an intranet reads it."""
    from review_assistant.service.records import RecordStore
    from review_assistant.service.server import create_app

    r = TestClient(create_app(RecordStore(f"sqlite:///{tmp_path / 'r.sqlite3'}"))).get("/docs")
    assert r.status_code == 200
    assert "cdn" not in r.text and "<script" not in r.text and "/v1/reviews" in r.text and "审查一个案卷包" in r.text
    assert "script-src" not in r.headers["content-security-policy"]
