"""Signed-in browsers. The browser holds a random token; the database keeps only its
SHA-256, the account, an expiry, and what the person needs to recognise the device in
« Mon profil ». « Rester connecté sur cet appareil » makes a session last PERSISTENT_DAYS
and survive the tab; otherwise it dies with the tab, after at most settings.SESSION_HOURS."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Exists, bindparam, delete, event, exists, update
from sqlalchemy import select as core_select
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, select

from competence import settings
from competence.domain import activity, crypto
from competence.domain.identity import AccountView, name_of
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import Account, AuthSession, Membership

PERSISTENT_DAYS = 30
LAST_USE_STEP = timedelta(minutes=5)  # « last used » is written at most this often


# ---- Changes to accounts and sign-ins, as this process sees them ---------------------------
# A tab may keep the account it looked up for a second or two (state/auth.py). Any committed
# change to an account or a sign-in made through this process (a sign-out, a revoked device,
# a suspension, a deletion, a new or temporary password, a language, the purge), or to a
# membership (an accommodation set or removed, a learner leaving) moves this counter, and a
# kept account is used only while the counter has not moved. Changes made by another worker
# or by the admin command are seen when the kept account expires.
_changes = 0


def changes() -> int:
    """How many committed changes to accounts or sign-ins this process has made."""
    return _changes


_WATCHED = (Account, AuthSession, Membership)  # what an AccountView is read from


def _watched(entity) -> bool:
    return isinstance(entity, _WATCHED) or entity in _WATCHED


@event.listens_for(OrmSession, "after_flush")
def _note_flushed_changes(session, _flush_context) -> None:
    if any(_watched(entity) for entity in (*session.dirty, *session.deleted)):
        session.info["accounts_changed"] = True


@event.listens_for(OrmSession, "do_orm_execute")
def _note_bulk_changes(execute_state) -> None:
    if (execute_state.is_update or execute_state.is_delete) and execute_state.bind_mapper is not None \
            and _watched(execute_state.bind_mapper.class_):
        execute_state.session.info["accounts_changed"] = True


@event.listens_for(OrmSession, "after_commit")
def _count_committed_changes(session) -> None:
    global _changes
    if session.info.pop("accounts_changed", False):
        _changes += 1


@event.listens_for(OrmSession, "after_rollback")
def _forget_rolled_back_changes(session) -> None:
    session.info.pop("accounts_changed", None)


def device_label(user_agent: str) -> str:
    """« Chrome · Android »: enough to recognise a device, nothing that identifies it."""
    agent = user_agent or ""
    browsers = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
    systems = (("Android", "Android"), ("iPad", "iPadOS"), ("iPhone", "iOS"), ("CrOS", "ChromeOS"),
               ("Windows", "Windows"), ("Mac OS", "macOS"), ("Linux", "Linux"))
    browser = next((name for mark, name in browsers if mark in agent), "")
    system = next((name for mark, name in systems if re.search(mark, agent)), "")
    return " · ".join(part for part in (browser, system) if part)[:80]


def open_session(session: Session, account_id: int, now: datetime, *, persistent: bool = False,
                 device: str = "") -> str:
    """A new random token for the browser; only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(days=PERSISTENT_DAYS) if persistent else timedelta(hours=settings.SESSION_HOURS)
    session.add(AuthSession(account_id=account_id, token_hash=crypto.sha256_hex(token), created_at=now,
                            expires_at=now + lifetime, persistent=persistent, device=device[:80], last_used_at=now))
    return token


_SESSIONS, _ACCOUNTS, _MEMBERSHIPS = AuthSession.__table__, Account.__table__, Membership.__table__


def accommodation(flag) -> Exists:
    """Whether a teacher set this accommodation (a Membership column) in one of the account's groups."""
    return exists().where(_MEMBERSHIPS.c.account_id == _ACCOUNTS.c.id, flag)


# Every signed-in event asks this: one statement built once, plain columns, no ORM objects.
_ACCOUNT_FOR_TOKEN = (
    core_select(_SESSIONS.c.id, _SESSIONS.c.last_used_at, _ACCOUNTS.c.id, _ACCOUNTS.c.name_cipher,
                _ACCOUNTS.c.role, _ACCOUNTS.c.school_level, _ACCOUNTS.c.must_change_password,
                _ACCOUNTS.c.suspended_at, _ACCOUNTS.c.language, accommodation(_MEMBERSHIPS.c.untimed),
                accommodation(_MEMBERSHIPS.c.large_text))
    .select_from(_SESSIONS.join(_ACCOUNTS, _ACCOUNTS.c.id == _SESSIONS.c.account_id))
    .where(_SESSIONS.c.token_hash == bindparam("token_hash"), _SESSIONS.c.expires_at > bindparam("now"))
    .limit(1)
)
_LAST_USED = update(_SESSIONS).where(_SESSIONS.c.id == bindparam("session_id")).values(last_used_at=bindparam("now"))


def account_for_token(session: Session, keys: Keys, token: str, now: datetime) -> AccountView | None:
    """The signed-in account behind a browser token, or None when absent, expired or suspended.
    Writes « last used » at most every LAST_USE_STEP (the caller commits)."""
    if not token or not isinstance(token, str):
        return None
    session.flush()  # rows added in this session count
    return account_on(session.connection(), keys, token, now)


def account_on(connection, keys: Keys, token: str, now: datetime) -> AccountView | None:
    """account_for_token on a plain connection (every signed-in event asks it: no ORM session)."""
    if not token or not isinstance(token, str):
        return None
    row = connection.execute(_ACCOUNT_FOR_TOKEN, {"token_hash": crypto.sha256_hex(token), "now": now}).first()
    if row is None:
        return None
    (session_id, last_used_at, account_id, name_cipher, role, school_level, must_change, suspended_at, language,
     untimed, large_text) = row
    if suspended_at is not None:
        return None
    if last_used_at is None or now - _aware(last_used_at) > LAST_USE_STEP:
        connection.execute(_LAST_USED, {"session_id": session_id, "now": now})
    return AccountView(id=account_id, name=name_of(keys, name_cipher), role=role, school_level=school_level,
                       must_change_password=bool(must_change), language=language, untimed=bool(untimed),
                       large_text=bool(large_text))


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes (stored in UTC), PostgreSQL aware ones."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def close_session(session: Session, token: str) -> None:
    session.exec(delete(AuthSession).where(AuthSession.token_hash == crypto.sha256_hex(token)))


def end_sessions(session: Session, account_id: int, keep_token: str | None = None) -> None:
    """Sign the account out everywhere (but in the browser holding `keep_token`, if given)."""
    query = delete(AuthSession).where(AuthSession.account_id == account_id)
    if keep_token is not None:
        query = query.where(AuthSession.token_hash != crypto.sha256_hex(keep_token))
    session.exec(query)


def end_everywhere(session: Session, account_id: int, now: datetime) -> None:
    """« Déconnecter partout », this browser included."""
    end_sessions(session, account_id)
    activity.record(session, account_id, "sessions_ended", now)


@dataclass(frozen=True)
class SignedInDevice:
    id: int
    device: str
    last_used_at: datetime
    persistent: bool
    current: bool  # the browser asking


def active_sessions(session: Session, account_id: int, current_token: str, now: datetime) -> list[SignedInDevice]:
    current = crypto.sha256_hex(current_token or "")
    rows = session.exec(
        select(AuthSession).where(AuthSession.account_id == account_id, AuthSession.expires_at > now)
        .order_by(AuthSession.last_used_at.desc())
    ).all()
    return [SignedInDevice(r.id, r.device, r.last_used_at or r.created_at, r.persistent, r.token_hash == current)
            for r in rows]


def end_session(session: Session, account_id: int, session_id: int) -> Outcome:
    """« Déconnecter » one device of one's own; another person's session is not touched."""
    row = session.get(AuthSession, session_id) if isinstance(session_id, int) else None
    if row is None or row.account_id != account_id:
        return failed("form", "error.not_allowed")
    session.delete(row)
    return Outcome()
