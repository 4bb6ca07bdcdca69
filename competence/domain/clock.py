"""The one place that reads the time, so tests can pass a controlled clock."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Aware UTC: SQLModel's datetime columns refuse naive values."""
    return datetime.now(timezone.utc)
