"""ASGI entry point for case systems: ``uvicorn api:app`` (or ``review-assistant serve``).

The record database comes from ``REVIEW_ASSISTANT_DB`` (a SQLAlchemy URL; default: records.sqlite3 in the per-user
data folder, ``$XDG_DATA_HOME`` or ~/.local/share, under review-assistant/). Development mode (no authentication) only through ``review-assistant serve --insecure-dev``
(devmode.py); ``REVIEW_ASSISTANT_DEV`` alone does nothing. ``REVIEW_ASSISTANT_RATE`` sets each token's sustained
reviews per second (burst: twice that), shared by all workers. The JSON access log (one line per request, ID
numbers masked) goes to stderr, or to the file named by ``REVIEW_ASSISTANT_ACCESS_LOG``.
"""
import logging
import os

from review_assistant.service.devmode import requested
from review_assistant.service.records import RecordStore
from review_assistant.service.server import RATE_PER_SECOND, configure_access_log, create_app

configure_access_log(os.environ.get("REVIEW_ASSISTANT_ACCESS_LOG"))
if os.environ.get("REVIEW_ASSISTANT_DEV") and not requested():
    logging.getLogger("review_assistant.api").warning(
        "REVIEW_ASSISTANT_DEV is ignored: development mode needs `review-assistant serve --insecure-dev`")
_rate = float(os.environ.get("REVIEW_ASSISTANT_RATE", RATE_PER_SECOND))
app = create_app(RecordStore(), dev_mode=requested(), rate=_rate, burst=int(2 * _rate))
