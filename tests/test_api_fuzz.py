"""Schemathesis against the app's own OpenAPI document, every check on: generated requests (bounded) must never
produce a 5xx or a response that violates the documented schema; a schema-valid request must be accepted.

One setting: a case package can satisfy its JSON Schema and still be impossible (a decision dated before the
filing, 30 February, a key written twice) — the API answers such a package with its documented 422 naming the
field, and positive_data_acceptance is told that 422 is that documented answer (every other 4xx still fails)."""
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from review_assistant.service.records import RecordStore
from review_assistant.service.server import create_app

_db = Path(tempfile.mkdtemp(prefix="ra-fuzz-")) / "r.sqlite3"
app = create_app(RecordStore(f"sqlite:///{_db}"), dev_mode=True, rate=1e9, burst=10**9)
config = schemathesis.config.SchemathesisConfig.from_dict({"checks": {"positive_data_acceptance": {
    "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_match_the_schema(case):
    # A package can be valid against the JSON Schema yet impossible (decision before filing, a date in 1900):
    # rejecting it with a documented 422 is right, so only "schema-valid request rejected" is left out.
    case.call_and_validate()
