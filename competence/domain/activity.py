"""« Activité de mon compte »: sign-ins (succeeded and failed), password changes and resets
(a teacher's reset of a pupil's included), consents given and withdrawn, suspension,
reactivation, exports. Each event is a kind, a time, a device label and the group it
concerns: nothing personal in clear. Events older than KEEP_DAYS are purged daily."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from competence.models import AccountEvent, ClassGroup

KEEP_DAYS = 365
SHOWN = 50  # the most recent events on the profile

KINDS = (
    "login", "login_failed", "password_changed", "password_reset_requested", "password_reset",
    "password_reset_by_teacher", "consent_given", "consent_withdrawn", "removed_from_group", "suspended",
    "reactivated", "sessions_ended", "export",
)


@dataclass(frozen=True)
class Event:
    kind: str
    at: datetime
    device: str
    group_name: str  # "" when the event concerns no group, or the group is gone


def record(session: Session, account_id: int, kind: str, now: datetime, device: str = "",
           group_id: int | None = None) -> None:
    assert kind in KINDS, kind
    session.add(AccountEvent(account_id=account_id, kind=kind, at=now, device=device[:80], group_id=group_id))


def recent(session: Session, account_id: int, limit: int | None = SHOWN) -> list[Event]:
    """The account's events, newest first (all of them with limit=None: the data export)."""
    query = (
        select(AccountEvent, ClassGroup.name)
        .outerjoin(ClassGroup, ClassGroup.id == AccountEvent.group_id)
        .where(AccountEvent.account_id == account_id)
        .order_by(AccountEvent.at.desc(), AccountEvent.id.desc())
    )
    rows = session.exec(query.limit(limit) if limit else query).all()
    return [Event(event.kind, event.at, event.device, name or "") for event, name in rows]


def purge_old(session: Session, now: datetime) -> None:
    session.exec(delete(AccountEvent).where(AccountEvent.at < now - timedelta(days=KEEP_DAYS)))
