"""Who an account is, as its owner's pages show it: never a hash or a key."""

from __future__ import annotations

from dataclasses import dataclass

from competence.domain import crypto, validation
from competence.domain.keys import Keys
from competence.models import Account

NAME_CONTEXT = b"account.name"


@dataclass(frozen=True)
class AccountView:
    id: int
    name: str
    role: str
    school_level: str
    must_change_password: bool = False
    language: str = "fr"
    # Accommodations a teacher set in one of the person's groups.
    untimed: bool = False
    large_text: bool = False


def view_of(keys: Keys, account: Account, untimed: bool = False, large_text: bool = False) -> AccountView:
    return AccountView(
        untimed=bool(untimed),
        large_text=bool(large_text),
        id=account.id,
        name=crypto.decrypt(keys.name, account.name_cipher, NAME_CONTEXT),
        role=account.role,
        school_level=account.school_level,
        must_change_password=account.must_change_password,
        language=account.language,
    )


def email_key(keys: Keys, email: str) -> str | None:
    """The login lookup key of an email (its keyed hash), or None for no email at all."""
    normalised = validation.normalise_email(email)
    return crypto.keyed_hash(keys.email, normalised) if normalised else None
