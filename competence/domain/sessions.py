"""Signed-in browsers. The browser holds a random token; the database keeps only its
SHA-256, the account, an expiry, and what the person needs to recognise the device in
« Mon profil ». « Rester connecté sur cet appareil » makes a session last PERSISTENT_DAYS
and survive the tab; otherwise it dies with the tab, after at most settings.SESSION_HOURS."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, update
from sqlmodel import Session, select

from competence import settings
from competence.domain import activity, crypto
from competence.domain.identity import AccountView, view_of
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import Account, AuthSession, Membership

PERSISTENT_DAYS = 30
LAST_USE_STEP = timedelta(minutes=5)  # « last used » is written at most this often


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


def account_for_token(session: Session, keys: Keys, token: str, now: datetime) -> AccountView | None:
    """The signed-in account behind a browser token, or None when absent, expired or suspended."""
    if not token or not isinstance(token, str):
        return None
    accommodation = select(Membership.id).where(Membership.account_id == Account.id)
    row = session.exec(
        select(Account, AuthSession, exists(accommodation.where(Membership.untimed)),
               exists(accommodation.where(Membership.large_text)))
        .join(AuthSession, AuthSession.account_id == Account.id)
        .where(AuthSession.token_hash == crypto.sha256_hex(token), AuthSession.expires_at > now)
    ).first()
    if row is None or row[0].suspended_at is not None:
        return None
    account, auth, untimed, large_text = row
    if auth.last_used_at is None or now - auth.last_used_at > LAST_USE_STEP:
        session.exec(update(AuthSession).where(AuthSession.id == auth.id).values(last_used_at=now))
    return view_of(keys, account, untimed, large_text)


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
