"""Development mode (no authentication) needs the explicit ``serve --insecure-dev`` flag: it sets a confirmation
value that no deployment sets by accident (``REVIEW_ASSISTANT_DEV=1`` alone does nothing), binds to loopback only,
and issues no tokens."""
from __future__ import annotations

import os

CONFIRM_ENV = "REVIEW_ASSISTANT_INSECURE_DEV"
CONFIRM_VALUE = "no-authentication-on-loopback"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def requested() -> bool:
    return os.environ.get(CONFIRM_ENV) == CONFIRM_VALUE
