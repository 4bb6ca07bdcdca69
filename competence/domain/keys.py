"""The per-purpose keys derived from the server secret."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from competence import settings
from competence.domain.crypto import derive_key


@dataclass(frozen=True)
class Keys:
    email: bytes  # HMAC of normalised emails: the login lookup key
    name: bytes  # AES-GCM key of names
    throttle: bytes  # HMAC of client addresses in the login throttle
    captcha: bytes  # HMAC key signing proof-of-work challenges

    @classmethod
    def from_secret(cls, secret: bytes) -> "Keys":
        return cls(
            email=derive_key(secret, "email-lookup"),
            name=derive_key(secret, "name-encryption"),
            throttle=derive_key(secret, "login-throttle"),
            captcha=derive_key(secret, "captcha"),
        )


@lru_cache(maxsize=1)
def server_keys() -> Keys:
    return Keys.from_secret(settings.secret_key())
