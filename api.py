"""ASGI entry point for case systems: ``uvicorn api:app`` (or ``review-assistant serve``).

The record database comes from ``REVIEW_ASSISTANT_DB`` (a SQLAlchemy URL; default: review-records.sqlite3 in the
working directory). ``REVIEW_ASSISTANT_DEV=1`` runs without authentication and says so in every response.
"""
import os

from review_assistant.records import RecordStore
from review_assistant.server import create_app

app = create_app(RecordStore(), dev_mode=os.environ.get("REVIEW_ASSISTANT_DEV") == "1")
