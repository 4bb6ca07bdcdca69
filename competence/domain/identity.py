"""Who an account is, as its owner's pages show it: never a hash or a key."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
        name=name_of(keys, account.name_cipher),
        role=account.role,
        school_level=account.school_level,
        must_change_password=account.must_change_password,
        language=account.language,
    )


@lru_cache(maxsize=20_000)
def _decrypted(key: bytes, cipher: bytes) -> str:
    return crypto.decrypt(key, cipher, NAME_CONTEXT)


def name_of(keys: Keys, cipher: bytes) -> str:
    """A name in clear. Every signed-in event shows its owner's name: the last names read are
    kept, keyed by their ciphertext (a new name is a new ciphertext, a new nonce)."""
    return _decrypted(keys.name, bytes(cipher))


def email_key(keys: Keys, email: str) -> str | None:
    """The login lookup key of an email (its keyed hash), or None for no email at all."""
    normalised = validation.normalise_email(email)
    return crypto.keyed_hash(keys.email, normalised) if normalised else None
