"""Accounts: signup, login and the owner's changes to their account.

Every function takes an open Session and leaves the commit to the caller, so a
use case is one transaction: on any error nothing is written (failed guesses, which
count toward the throttles, are committed by the caller on purpose).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from competence import settings
from competence.domain import activity, captcha, crypto, privacy, sessions, throttle, validation
from competence.domain.identity import NAME_CONTEXT, AccountView, email_key, view_of
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import Account

TERMS_VERSION = "2026-11"
# A valid hash that matches no password: unknown emails cost a bcrypt check too,
# so a login takes as long whether or not the email exists.
_DUMMY_HASH = crypto.hash_password(secrets.token_hex(16), settings.BCRYPT_ROUNDS)
# Failed logins slow down, never lock: per (email, address) after 5 failures, 30 s doubling
# up to 15 min; per email from anywhere after 20, 5 s doubling up to a minute. Only the
# address that keeps guessing is blocked (settings.LOGIN_MAX_FAILURES_PER_ADDRESS).
PAIR_FREE, PAIR_FIRST, PAIR_CAP = 5, timedelta(seconds=30), timedelta(minutes=15)
EMAIL_FREE, EMAIL_FIRST, EMAIL_CAP = 20, timedelta(seconds=5), timedelta(minutes=1)
# Password checks in « Mon profil » (a stolen tab guessing the current password), per account.
CHECK_FREE, CHECK_FIRST, CHECK_CAP = 5, timedelta(seconds=30), timedelta(minutes=15)


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
    language: str = "fr"  # the page's language at signup: the account's from then on


@dataclass(frozen=True)
class SignedIn:
    account: AccountView
    token: str  # the browser's copy; the database keeps only its SHA-256
    persistent: bool = False  # « Rester connecté sur cet appareil »
    # Set when, until this login, the account was due for deletion within a month (24-month rule).
    was_due_for_deletion: datetime | None = None


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


def sign_up(session: Session, keys: Keys, form: SignupForm, client_address: str, now: datetime,
            device: str = "") -> Outcome[SignedIn]:
    """Create the account. One client address creates at most SIGNUP_MAX_PER_ADDRESS accounts an
    hour; whether an email already has an account is told only after a solved captcha (single
    use): each probe costs the prober a proof of work."""
    if form.role not in ("teacher", "learner"):
        return failed("form", "error.invalid_request")
    limits = _signup_limits(keys, client_address)
    wait = throttle.retry_after(session, limits, timedelta(minutes=settings.SIGNUP_WINDOW_MINUTES), now)
    if wait is not None:
        return failed("form", ("error.signup_throttled", {"minutes": throttle.minutes(wait)}))
    errors = _signup_errors(form)
    if errors:
        return Outcome(errors=errors)
    if not captcha.redeem(session, keys.captcha, form.captcha_payload, timedelta(minutes=settings.CAPTCHA_MINUTES), now):
        return failed("captcha", "error.captcha_invalid")
    lookup = email_key(keys, form.email)
    if session.exec(select(Account.id).where(Account.email_hash == lookup)).first():
        return failed("email", "error.email_taken")
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
        language=form.language if form.language in ("fr", "en") else "fr",
        terms_accepted_at=now,
        created_at=now,
        last_active_at=now,
    )
    session.add(account)
    session.flush()
    throttle.record(session, list(limits), now)
    return Outcome(value=SignedIn(view_of(keys, account), sessions.open_session(session, account.id, now, device=device)))


def _login_keys(keys: Keys, lookup: str | None, client_address: str) -> tuple[str, str | None, str | None]:
    """The throttle keys of a login: the address, the email, the pair (hashed: no lookup key in clear)."""
    address = crypto.keyed_hash(keys.throttle, "address:" + client_address)
    if not lookup:
        return address, None, None
    return address, crypto.sha256_hex("email:" + lookup), crypto.keyed_hash(keys.throttle, f"pair:{lookup}|{client_address}")


def _login_wait(session: Session, address: str, email: str | None, pair: str | None, now: datetime) -> timedelta | None:
    window = timedelta(minutes=settings.LOGIN_WINDOW_MINUTES)
    waits = [throttle.retry_after(session, {address: settings.LOGIN_MAX_FAILURES_PER_ADDRESS}, window, now)]
    if email and pair:
        waits.append(throttle.progressive_wait(session, pair, PAIR_FREE, PAIR_FIRST, PAIR_CAP, window, now))
        waits.append(throttle.progressive_wait(session, email, EMAIL_FREE, EMAIL_FIRST, EMAIL_CAP, window, now))
    waits = [wait for wait in waits if wait is not None]
    return max(waits) if waits else None


def log_in(session: Session, keys: Keys, email: str, password: str, client_address: str, now: datetime,
           reactivate: bool = False, persistent: bool = False, device: str = "") -> Outcome[SignedIn]:
    """Check the credentials. Unknown email and wrong password look and take the same."""
    lookup = email_key(keys, email)
    address, email_throttle, pair = _login_keys(keys, lookup, client_address)
    wait = _login_wait(session, address, email_throttle, pair, now)
    if wait is not None:
        return failed("form", ("error.login_throttled", {"minutes": throttle.minutes(wait)}))
    account = session.exec(select(Account).where(Account.email_hash == lookup)).first() if lookup else None
    password_ok = crypto.check_password(password, account.password_hash if account else _DUMMY_HASH)
    if account is None or not password_ok:
        throttle.record(session, [key for key in (address, email_throttle, pair) if key], now)
        if account is not None:
            activity.record(session, account.id, "login_failed", now, device)
        return failed("form", "error.login_failed")
    if account.suspended_at is not None:
        if not reactivate:
            return failed("form", "error.account_suspended")
        account.suspended_at = None
        activity.record(session, account.id, "reactivated", now, device)
    due = privacy.deletion_date(account.last_active_at) if privacy.warning_due(account.last_active_at, now) else None
    account.last_active_at = now
    throttle.forget(session, email_throttle)
    throttle.forget(session, pair)  # the address keeps its count
    activity.record(session, account.id, "login", now, device)
    token = sessions.open_session(session, account.id, now, persistent=persistent, device=device)
    return Outcome(value=SignedIn(view_of(keys, account), token, persistent, due))


def _checked_account(session: Session, keys: Keys, account_id: int, password: str, field: str,
                     now: datetime) -> Outcome[Account]:
    """The account when `password` is its own, after the per-account slow-down of wrong guesses."""
    key = crypto.keyed_hash(keys.throttle, f"password-check:{account_id}")
    window = timedelta(minutes=settings.LOGIN_WINDOW_MINUTES)
    wait = throttle.progressive_wait(session, key, CHECK_FREE, CHECK_FIRST, CHECK_CAP, window, now)
    if wait is not None:
        return failed(field, ("error.password_checks_throttled", {"minutes": throttle.minutes(wait)}))
    if not password:
        return failed(field, "error.required")
    account = session.get(Account, account_id)
    if account is None or not crypto.check_password(password, account.password_hash):
        throttle.record(session, [key], now)
        return failed(field, "error.password_wrong")
    throttle.forget(session, key)
    return Outcome(value=account)


def change_password(session: Session, keys: Keys, account_id: int, current: str, new: str, confirmation: str,
                    keep_token: str, now: datetime) -> Outcome:
    """Set a new password and end every other session of the account."""
    typed = {"current_password": current, "new_password": new, "confirmation": confirmation}
    empty = {name: "error.required" for name, value in typed.items() if not value}
    if empty:  # said field by field, before any password is checked
        return Outcome(errors=empty)
    checked = _checked_account(session, keys, account_id, current, "current_password", now)
    if not checked.ok:
        return checked
    errors = {
        "new_password": validation.password_error(new, []),
        "confirmation": validation.confirmation_error(new, confirmation),
    }
    errors = {name: error for name, error in errors.items() if error}
    if errors:
        return Outcome(errors=errors)
    account = checked.value
    account.password_hash = crypto.hash_password(new, settings.BCRYPT_ROUNDS)
    account.must_change_password = False
    sessions.end_sessions(session, account_id, keep_token=keep_token)
    activity.record(session, account_id, "password_changed", now)
    return Outcome()


def set_language(session: Session, account_id: int, language: str) -> None:
    account = session.get(Account, account_id)
    if account is not None and language in ("fr", "en"):
        account.language = language


def suspend(session: Session, account_id: int, now: datetime) -> None:
    """No login until the owner reactivates: every session ends now."""
    account = session.get(Account, account_id)
    if account is not None:
        account.suspended_at = now
        sessions.end_sessions(session, account_id)
        activity.record(session, account_id, "suspended", now)


def delete_account(session: Session, keys: Keys, account_id: int, password: str, now: datetime) -> Outcome:
    """Erase the account and everything personal tied to it; the email may sign up again."""
    checked = _checked_account(session, keys, account_id, password, "delete_password", now)
    if not checked.ok:
        return checked
    account = checked.value
    sessions.end_sessions(session, account_id)
    throttle.forget(session, _login_keys(keys, account.email_hash, "")[1])
    privacy.keep_only_dates(session, [account_id])
    session.delete(account)
    return Outcome()
