"""The accounts the load and page benchmarks seed, built the same way through the app's models."""

from __future__ import annotations

PASSWORD = "Le hibou mange 7 bleuets"


def new_account(keys, email: str, name: str, role: str, password_hash: str, now):
    """An Account row, not added yet: a teacher, or a learner over 14, in secondaire 2, terms accepted."""
    from competence.domain import crypto, identity
    from competence.models import Account

    return Account(email_hash=identity.email_key(keys, email), password_hash=password_hash,
                   name_cipher=crypto.encrypt(keys.name, name, identity.NAME_CONTEXT), role=role,
                   school_level="secondaire_2", under_14=None if role == "teacher" else False,
                   terms_version="v", terms_accepted_at=now, created_at=now, last_active_at=now)
