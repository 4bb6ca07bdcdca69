"""Login throttling, stored in the database so it holds across workers."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from competence.models import LoginFailure


def failures_since(session: Session, key: str, since: datetime) -> int:
    query = select(func.count()).select_from(LoginFailure).where(LoginFailure.key == key, LoginFailure.at >= since)
    return session.exec(query).one()


def is_throttled(session: Session, limits: dict[str, int], window: timedelta, now: datetime) -> bool:
    """True when any key (email, client address) has reached its limit within the window."""
    return any(failures_since(session, key, now - window) >= limit for key, limit in limits.items())


def record_failure(session: Session, keys: list[str], now: datetime) -> None:
    session.add_all(LoginFailure(key=key, at=now) for key in keys)


def forget(session: Session, key: str) -> None:
    session.exec(delete(LoginFailure).where(LoginFailure.key == key))


def purge_before(session: Session, before: datetime) -> None:
    session.exec(delete(LoginFailure).where(LoginFailure.at < before))
