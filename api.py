"""ASGI entry point for case systems: ``uvicorn api:app`` (or ``review-assistant serve``).

The record database comes from ``REVIEW_ASSISTANT_DB`` (a SQLAlchemy URL; default: review-records.sqlite3 in the
working directory). ``REVIEW_ASSISTANT_DEV=1`` runs without authentication and says so in every response.
``REVIEW_ASSISTANT_RATE`` sets each token's sustained requests per second (burst: twice that).
"""
import os

from review_assistant.records import RecordStore
from review_assistant.server import RATE_PER_SECOND, create_app

_rate = float(os.environ.get("REVIEW_ASSISTANT_RATE", RATE_PER_SECOND))
app = create_app(RecordStore(), dev_mode=os.environ.get("REVIEW_ASSISTANT_DEV") == "1", rate=_rate, burst=int(2 * _rate))
