"""Times as people in the UK read them, for every service's pages: stored in UTC, shown in UK time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_time(when: datetime | None) -> str:
    """``17:00 on Sunday 31 January 2027``; a time without a zone is UTC (how the stores keep them)."""
    if when is None:
        return ""
    t = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UK)
    return f"{t:%H:%M} on {t:%A} {t.day} {t:%B %Y}"
