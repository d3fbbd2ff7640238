"""The minimal HTTP entry point: a report for a good package, problem+json naming the field for a bad one."""
import json

from fastapi.testclient import TestClient

from api import app
from review_assistant.casebook import EXAMPLES, apply, example

client = TestClient(app)


def test_review_over_http():
    body = (EXAMPLES / "market-regulation-flawed.json").read_bytes()
    resp = client.post("/v1/reviews", content=body, headers={"content-type": "application/json"})
    assert resp.status_code == 200
    assert resp.json()["conclusion"] == "reject"


def test_bad_package_is_a_422_problem_naming_the_field():
    body = json.dumps(apply(example("food-safety-major-clean"), {"/violation/occurred_on": "2025-13-01"}))
    resp = client.post("/v1/reviews", content=body)
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith("application/problem+json")
    assert resp.json()["errors"][0]["pointer"] == "/violation/occurred_on"


def test_not_json_is_a_422_not_a_500():
    resp = client.post("/v1/reviews", content=b"\xff\xfe not json")
    assert resp.status_code == 422
