"""Times as people read them: stored in UTC, shown in this computer's time zone (UTC in the
tooltip, for comparing with the server and with exports)."""

from __future__ import annotations

from datetime import UTC, datetime


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC, PostgreSQL aware UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_time(moment: datetime, seconds: bool = True) -> str:
    """``moment`` (UTC) in the local time zone."""
    return _aware(moment).astimezone().strftime("%Y-%m-%d %H:%M" + (":%S" if seconds else ""))


def utc_time(moment: datetime) -> str:
    """``moment`` as UTC text, for a tooltip."""
    return _aware(moment).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
