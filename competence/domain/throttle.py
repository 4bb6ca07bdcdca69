"""Throttling of guesses (logins, group codes) and of signups, stored in the database so
it holds across workers. Each key (an email, an account, a client address) has a limit
of events (failures, or accounts created) per sliding window."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from competence.models import ThrottleEvent


def retry_after(session: Session, limits: dict[str, int], window: timedelta, now: datetime) -> timedelta | None:
    """None when every key is under its limit; otherwise how long until the busiest key frees a try."""
    waits = []
    for key, limit in limits.items():
        recent = select(ThrottleEvent.at).where(ThrottleEvent.key == key, ThrottleEvent.at > now - window)
        count = session.exec(select(func.count()).select_from(recent.subquery())).one()
        if count >= limit:
            # The try that frees a slot is the limit-th most recent one leaving the window.
            freeing = session.exec(recent.order_by(ThrottleEvent.at.desc()).offset(limit - 1).limit(1)).one()
            waits.append(freeing + window - now)
    return max(waits) if waits else None


def progressive_wait(session: Session, key: str, free: int, first: timedelta, cap: timedelta, window: timedelta,
                     now: datetime) -> timedelta | None:
    """Slow down rather than block: after `free` failures in the window, each further try must
    wait `first`, doubled at each new failure, at most `cap`, counted from the last failure."""
    recent = session.exec(
        select(ThrottleEvent.at).where(ThrottleEvent.key == key, ThrottleEvent.at > now - window)
        .order_by(ThrottleEvent.at.desc())
    ).all()
    if len(recent) < free:
        return None
    wait = min(cap, first * 2 ** (len(recent) - free))
    left = recent[0] + wait - now
    return left if left > timedelta(0) else None


def minutes(wait: timedelta) -> int:
    """A wait as the whole minutes a person is told (never 0)."""
    return max(1, math.ceil(wait.total_seconds() / 60))


def record(session: Session, keys: list[str], now: datetime) -> None:
    """One event (a failed try, an account created) under each key."""
    session.add_all(ThrottleEvent(key=key, at=now) for key in keys)


def forget(session: Session, key: str) -> None:
    session.exec(delete(ThrottleEvent).where(ThrottleEvent.key == key))


def purge_before(session: Session, before: datetime) -> None:
    session.exec(delete(ThrottleEvent).where(ThrottleEvent.at < before))

