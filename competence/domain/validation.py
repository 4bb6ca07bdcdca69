"""Checks of what a person types. Each returns a catalogue key (the message) or None."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from zxcvbn import zxcvbn

from competence.domain.crypto import PASSWORD_MAX_BYTES
from competence.domain.school_levels import SCHOOL_LEVELS

PASSWORD_MIN_CHARS = 10
PASSWORD_MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable" for an online attack
NAME_MAX_CHARS = 100
EMAIL_MAX_CHARS = 254  # RFC 5321; email_validator refuses longer
CODE_MAX_CHARS = 20  # a 7-letter code, with room for the spaces people type in it



def normalise_email(email: str) -> str | None:
    """The canonical form used for the keyed hash, or None when malformed."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        return None
    return checked.normalized.lower()


def email_error(email: str) -> str | None:
    if not email.strip():
        return "error.required"
    return None if normalise_email(email) else "error.email_invalid"


def _personal_words(hints: list[str]) -> list[str]:
    """The person's email and name, whole and word by word: a password built on them is weak."""
    words = [hint.lower() for hint in hints if hint]
    return words + [word for hint in words for word in re.split(r"[\W_]+", hint) if len(word) > 2]


def password_error(password: str, hints: list[str]) -> str | None:
    if not password:
        return "error.required"
    if len(password.encode()) > PASSWORD_MAX_BYTES:
        return "error.password_too_long"
    if len(password) < PASSWORD_MIN_CHARS:
        return "error.password_too_short"
    if zxcvbn(password, user_inputs=_personal_words(hints))["score"] < PASSWORD_MIN_SCORE:
        return "error.password_weak"
    return None


def confirmation_error(password: str, confirmation: str) -> str | None:
    if not confirmation:
        return "error.required"
    return None if password == confirmation else "error.password_mismatch"


def name_error(name: str) -> str | None:
    name = name.strip()
    if not name:
        return "error.required"
    return "error.name_too_long" if len(name) > NAME_MAX_CHARS else None


def school_level_error(level: str) -> str | None:
    if not level:
        return "error.required"
    return None if level in SCHOOL_LEVELS else "error.school_level_unknown"
