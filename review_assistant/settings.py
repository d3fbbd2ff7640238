"""Where things live, from the environment: the per-user data folder and the record's URL. A root module: every
layer may read it (the record opens it, the opinion's numbering keeps its counter beside it)."""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "REVIEW_ASSISTANT_DB"


def data_folder() -> Path:
    """The per-user data folder (XDG): one place for the record whichever folder a command runs in."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "review-assistant"


def default_url() -> str:
    """``REVIEW_ASSISTANT_DB``, else records.sqlite3 in the per-user data folder (created when a record is created)."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return f"sqlite:///{data_folder() / 'records.sqlite3'}"
