"""Times are stored in UTC (ISO 8601) and shown to people in Beijing time (UTC+8), the way reviewers write them."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

BEIJING = timezone(timedelta(hours=8), "北京时间")


def beijing(stamp: Optional[str]) -> str:
    """'2025-06-16T10:30:00+00:00' → '2025-06-16 18:30'; a value that is not a time is returned as it is."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # ours are all written in UTC
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
