"""The 24-month rule: accounts inactive for more than 24 months are deleted with their
personal data. Memberships and consents go with them and are kept only as anonymous
counts; answers stay, detached from the person (attempt.account_id becomes NULL)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from competence.domain import throttle
from competence.models import Account, Consent, Membership, PurgeRecord, UsedCaptcha

INACTIVE_AFTER = timedelta(days=730)  # 24 months
WARN_BEFORE = timedelta(days=30)  # the owner is told on login during the last month


def deletion_date(last_active_at: datetime) -> datetime:
    return last_active_at + INACTIVE_AFTER


def warning_due(last_active_at: datetime, now: datetime) -> bool:
    """True when the account, until this login, was due for deletion within the month."""
    return deletion_date(last_active_at) - now <= WARN_BEFORE


def _count(session: Session, model, condition) -> int:
    return session.exec(select(func.count()).select_from(model).where(condition)).one()


def purge_inactive(session: Session, now: datetime) -> PurgeRecord:
    """Delete every account inactive since before the cutoff; returns what went, as counts."""
    stale = select(Account.id).where(Account.last_active_at < now - INACTIVE_AFTER)
    record = PurgeRecord(
        purged_at=now,
        accounts=_count(session, Account, Account.id.in_(stale)),
        memberships=_count(session, Membership, Membership.account_id.in_(stale)),
        consents=_count(session, Consent, Consent.account_id.in_(stale)),
    )
    # ON DELETE CASCADE removes sessions, memberships, consents and owned groups;
    # ON DELETE SET NULL detaches attempts and activities.
    session.exec(delete(Account).where(Account.id.in_(stale)))
    # Housekeeping of short-lived rows that identify nobody but need not pile up.
    throttle.purge_before(session, now - timedelta(days=1))
    session.exec(delete(UsedCaptcha).where(UsedCaptcha.expires_at < now))
    if record.accounts:
        session.add(record)
    return record
