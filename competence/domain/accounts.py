"""Accounts: signup, login, sessions and the owner's changes to their account.

Every function takes an open Session and leaves the commit to the caller, so a
use case is one transaction: on any error nothing is written.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from competence import settings
from competence.domain import captcha, crypto, privacy, throttle, validation
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import Account, AuthSession

TERMS_VERSION = "2026-11"
NAME_CONTEXT = b"account.name"
# A valid hash that matches no password: unknown emails cost a bcrypt check too,
# so a login takes as long whether or not the email exists.
_DUMMY_HASH = crypto.hash_password(secrets.token_hex(16), settings.BCRYPT_ROUNDS)


@dataclass(frozen=True)
class SignupForm:
    role: str
    email: str = ""
    password: str = ""
    confirmation: str = ""
    name: str = ""
    school_level: str = ""
    age: str = ""  # learners: "under_14" or "14_plus"
    guardian_authorised: bool = False
    terms_accepted: bool = False
    captcha_payload: str = ""


@dataclass(frozen=True)
class AccountView:
    """What the owner's own pages show; never carries a hash or a key."""

    id: int
    name: str
    role: str
    school_level: str


@dataclass(frozen=True)
class SignedIn:
    account: AccountView
    token: str  # the browser's copy; the database keeps only its SHA-256
    # Set when, until this login, the account was due for deletion within a month (24-month rule).
    was_due_for_deletion: datetime | None = None


def email_key(keys: Keys, email: str) -> str | None:
    normalised = validation.normalise_email(email)
    return crypto.keyed_hash(keys.email, normalised) if normalised else None


def view_of(keys: Keys, account: Account) -> AccountView:
    return AccountView(
        id=account.id,
        name=crypto.decrypt(keys.name, account.name_cipher, NAME_CONTEXT),
        role=account.role,
        school_level=account.school_level,
    )


def _signup_errors(form: SignupForm) -> dict[str, str]:
    checks = {
        "email": validation.email_error(form.email),
        "password": validation.password_error(form.password, [form.email, form.name]),
        "confirmation": validation.confirmation_error(form.password, form.confirmation),
        "name": validation.name_error(form.name),
        "school_level": validation.school_level_error(form.school_level),
        "terms": None if form.terms_accepted else "error.terms_required",
        "captcha": None if form.captcha_payload else "error.captcha_missing",
    }
    if form.role == "learner":
        if form.age not in ("under_14", "14_plus"):
            checks["age"] = "error.age_required"
        elif form.age == "under_14" and not form.guardian_authorised:
            checks["guardian"] = "error.guardian_required"
    return {name: error for name, error in checks.items() if error}


def _signup_limits(keys: Keys, client_address: str) -> dict[str, int]:
    return {crypto.keyed_hash(keys.throttle, f"signup-address:{client_address}"): settings.SIGNUP_MAX_PER_ADDRESS}


def sign_up(session: Session, keys: Keys, form: SignupForm, client_address: str, now: datetime) -> Outcome:
    """Create the account. The captcha is spent only when everything else is valid; one
    client address creates at most SIGNUP_MAX_PER_ADDRESS accounts an hour."""
    if form.role not in ("teacher", "learner"):
        return failed("form", "error.invalid_request")
    limits = _signup_limits(keys, client_address)
    wait = throttle.retry_after(session, limits, timedelta(minutes=settings.SIGNUP_WINDOW_MINUTES), now)
    if wait is not None:
        return failed("form", ("error.signup_throttled", {"minutes": throttle.minutes(wait)}))
    errors = _signup_errors(form)
    lookup = email_key(keys, form.email)
    if lookup and "email" not in errors and session.exec(select(Account.id).where(Account.email_hash == lookup)).first():
        errors["email"] = "error.email_taken"
    if errors:
        return Outcome(errors=errors)
    if not captcha.redeem(session, keys.captcha, form.captcha_payload, timedelta(minutes=settings.CAPTCHA_MINUTES), now):
        return failed("captcha", "error.captcha_invalid")
    under_14 = form.age == "under_14" if form.role == "learner" else None
    account = Account(
        email_hash=lookup,
        name_cipher=crypto.encrypt(keys.name, form.name.strip(), NAME_CONTEXT),
        password_hash=crypto.hash_password(form.password, settings.BCRYPT_ROUNDS),
        role=form.role,
        school_level=form.school_level,
        under_14=under_14,
        guardian_authorised_at=now if under_14 else None,
        terms_version=TERMS_VERSION,
        terms_accepted_at=now,
        created_at=now,
        last_active_at=now,
    )
    session.add(account)
    session.flush()
    throttle.record(session, list(limits), now)
    return Outcome(value=SignedIn(view_of(keys, account), open_session(session, account.id, now)))


def open_session(session: Session, account_id: int, now: datetime) -> str:
    """A new random token for the browser; only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    session.add(
        AuthSession(
            account_id=account_id,
            token_hash=crypto.sha256_hex(token),
            created_at=now,
            expires_at=now + timedelta(hours=settings.SESSION_HOURS),
        )
    )
    return token


def account_for_token(session: Session, keys: Keys, token: str, now: datetime) -> AccountView | None:
    """The signed-in account behind a browser token, or None when absent or expired."""
    if not token:
        return None
    row = session.exec(
        select(Account)
        .join(AuthSession, AuthSession.account_id == Account.id)
        .where(AuthSession.token_hash == crypto.sha256_hex(token), AuthSession.expires_at > now)
    ).first()
    if row is None or row.suspended_at is not None:
        return None
    return view_of(keys, row)


def close_session(session: Session, token: str) -> None:
    session.exec(delete(AuthSession).where(AuthSession.token_hash == crypto.sha256_hex(token)))


def end_sessions(session: Session, account_id: int, keep_token: str | None = None) -> None:
    """Sign the account out everywhere (but in the browser holding `keep_token`, if given)."""
    query = delete(AuthSession).where(AuthSession.account_id == account_id)
    if keep_token is not None:
        query = query.where(AuthSession.token_hash != crypto.sha256_hex(keep_token))
    session.exec(query)


def _email_throttle_key(lookup: str) -> str:
    # Hashed once more so the throttle table holds no login lookup key in clear.
    return crypto.sha256_hex("email:" + lookup)


def _throttle_limits(keys: Keys, lookup: str | None, client_address: str) -> dict[str, int]:
    limits = {crypto.keyed_hash(keys.throttle, "address:" + client_address): settings.LOGIN_MAX_FAILURES_PER_ADDRESS}
    if lookup:
        limits[_email_throttle_key(lookup)] = settings.LOGIN_MAX_FAILURES_PER_EMAIL
    return limits


def log_in(
    session: Session, keys: Keys, email: str, password: str, client_address: str, now: datetime, reactivate: bool = False
) -> Outcome:
    """Check the credentials. Unknown email and wrong password look and take the same."""
    lookup = email_key(keys, email)
    limits = _throttle_limits(keys, lookup, client_address)
    wait = throttle.retry_after(session, limits, timedelta(minutes=settings.LOGIN_WINDOW_MINUTES), now)
    if wait is not None:
        return failed("form", ("error.login_throttled", {"minutes": throttle.minutes(wait)}))
    account = session.exec(select(Account).where(Account.email_hash == lookup)).first() if lookup else None
    password_ok = crypto.check_password(password, account.password_hash if account else _DUMMY_HASH)
    if account is None or not password_ok:
        throttle.record(session, list(limits), now)
        return failed("form", "error.login_failed")
    if account.suspended_at is not None:
        if not reactivate:
            return failed("form", "error.account_suspended")
        account.suspended_at = None
    due = privacy.deletion_date(account.last_active_at) if privacy.warning_due(account.last_active_at, now) else None
    account.last_active_at = now
    throttle.forget(session, _email_throttle_key(lookup))  # the address keeps its count
    return Outcome(value=SignedIn(view_of(keys, account), open_session(session, account.id, now), due))


def _owned_account(session: Session, account_id: int, password: str) -> Account | None:
    account = session.get(Account, account_id)
    if account is None or not crypto.check_password(password, account.password_hash):
        return None
    return account


def change_password(
    session: Session, account_id: int, current: str, new: str, confirmation: str, keep_token: str, now: datetime
) -> Outcome:
    """Set a new password and end every other session of the account."""
    account = _owned_account(session, account_id, current)
    if account is None:
        return failed("current_password", "error.password_wrong")
    errors = {
        "new_password": validation.password_error(new, []),
        "confirmation": validation.confirmation_error(new, confirmation),
    }
    errors = {name: error for name, error in errors.items() if error}
    if errors:
        return Outcome(errors=errors)
    account.password_hash = crypto.hash_password(new, settings.BCRYPT_ROUNDS)
    end_sessions(session, account_id, keep_token=keep_token)
    return Outcome()


def suspend(session: Session, account_id: int, now: datetime) -> None:
    """No login until the owner reactivates: every session ends now."""
    account = session.get(Account, account_id)
    if account is not None:
        account.suspended_at = now
        end_sessions(session, account_id)


def delete_account(session: Session, keys: Keys, account_id: int, password: str) -> Outcome:
    """Erase the account and everything personal tied to it; the email may sign up again."""
    account = _owned_account(session, account_id, password)
    if account is None:
        return failed("delete_password", "error.password_wrong")
    end_sessions(session, account_id)
    throttle.forget(session, _email_throttle_key(account.email_hash))
    privacy.keep_only_dates(session, [account_id])
    session.delete(account)
    return Outcome()
