"""The 24-month rule: accounts inactive for more than 24 months are deleted with their
personal data. Memberships and consents go with them and are kept only as anonymous
counts; answers stay, detached from the person (attempt.account_id becomes NULL), with
only the date of each moment."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from competence.domain import activity, throttle
from competence.models import (
    Account,
    ActivityCompletion,
    Answer,
    Attempt,
    AuthSession,
    Consent,
    Membership,
    PasswordReset,
    PurgeRecord,
    UsedCaptcha,
)

INACTIVE_AFTER = timedelta(days=730)  # 24 months
WARN_BEFORE = timedelta(days=30)  # the owner is told on login during the last month


def deletion_date(last_active_at: datetime) -> datetime:
    return last_active_at + INACTIVE_AFTER


def warning_due(last_active_at: datetime, now: datetime) -> bool:
    """True when the account, until this login, was due for deletion within the month."""
    return deletion_date(last_active_at) - now <= WARN_BEFORE


def _count(session: Session, model, condition) -> int:
    return session.exec(select(func.count()).select_from(model).where(condition)).one()


def _midnight(moment: datetime | None) -> datetime | None:
    """The day of a moment, at midnight UTC (SQLite gives back naive UTC)."""
    if moment is None:
        return None
    return moment.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=moment.tzinfo or timezone.utc)


def _keep_only_dates(session: Session, model, condition, *columns) -> None:
    rows = session.execute(sa_select(model.id, *columns).where(condition)).all()
    if rows:
        session.execute(update(model), [
            {"id": row[0], **{column.key: _midnight(moment) for column, moment in zip(columns, row[1:])}}
            for row in rows
        ])


def keep_only_dates(session: Session, account_ids) -> None:
    """Before accounts go (a list of ids, or a query of them): their attempts, answers and
    activities stay for statistics, but with only the day of each moment, so that no one can
    match them to a person by the time they were given."""
    attempts = sa_select(Attempt.id).where(Attempt.account_id.in_(account_ids))
    _keep_only_dates(session, Attempt, Attempt.account_id.in_(account_ids),
                     Attempt.started_at, Attempt.finished_at, Attempt.current_offered_at)
    _keep_only_dates(session, Answer, Answer.attempt_id.in_(attempts), Answer.answered_at)
    _keep_only_dates(session, ActivityCompletion, ActivityCompletion.account_id.in_(account_ids),
                     ActivityCompletion.completed_at)


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
    # ON DELETE SET NULL detaches attempts and activities, which keep only their dates.
    keep_only_dates(session, stale)
    session.exec(delete(Account).where(Account.id.in_(stale)))
    # Housekeeping of short-lived rows that need not pile up.
    throttle.purge_before(session, now - timedelta(days=1))
    session.exec(delete(UsedCaptcha).where(UsedCaptcha.expires_at < now))
    session.exec(delete(AuthSession).where(AuthSession.expires_at < now))
    session.exec(delete(PasswordReset).where(PasswordReset.expires_at < now))
    activity.purge_old(session, now)
    if record.accounts:
        session.add(record)
    return record
