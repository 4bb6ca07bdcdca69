"""The app's side of a load run: its state names, read from the app itself, and the seeded
teacher, group and learners with sessions."""

from __future__ import annotations

import os
import secrets
import tempfile

from benchmarks.accounts import PASSWORD, new_account


def names() -> dict[str, str]:
    os.environ.setdefault("COMPETENCE_DATA_DIR", tempfile.mkdtemp())
    from competence import competence  # noqa: F401  (registers the states)
    from competence.state.auth import AuthState
    from competence.state.assessment import AssessmentState
    from competence.state.login import LoginState
    from competence.state.my_groups import MyGroupsState

    return {
        "hydrate": "reflex___state____state.hydrate_and_load",
        "token_var": f"{AuthState.get_full_name()}.auth_token_rx_state_",
        "login": f"{LoginState.get_full_name()}.submit",
        "check_code": f"{MyGroupsState.get_full_name()}.check_code",
        "accept": f"{MyGroupsState.get_full_name()}.accept",
        "start": f"{AssessmentState.get_full_name()}.start",
        "load": f"{AssessmentState.get_full_name()}.load",
        "validate": f"{AssessmentState.get_full_name()}.validate",
        "next": f"{AssessmentState.get_full_name()}.next_question",
    }


def seed(db_url: str, learners: int, members: bool = False) -> tuple[str, list[str], list[str]]:
    """Returns the group code, one session token per learner, and the learners' emails. With
    `members`, every learner is in the group already (consent and membership, as « J'accepte »)."""
    from datetime import timedelta

    from sqlmodel import Session, create_engine

    import competence.database  # noqa: F401
    from competence.domain import crypto, groups
    from competence.domain.clock import utcnow
    from competence.domain.joining import CONSENT_VERSION
    from competence.domain.keys import server_keys
    from competence.models import AuthSession, Consent, Membership

    keys, now = server_keys(), utcnow()
    password_hash = crypto.hash_password(PASSWORD, 12)  # one bcrypt for all: seeding stays fast
    engine = create_engine(db_url)
    emails, tokens = [f"charge{n}@exemple.ca" for n in range(learners + 1)], []
    with Session(engine) as session:
        rows = [new_account(keys, email, f"Apprenant {n}", "teacher" if n == 0 else "learner", password_hash, now)
                for n, email in enumerate(emails)]
        session.add_all(rows)
        session.flush()
        group = groups.create_group(session, rows[0].id, "teacher", "Charge", now).value
        code = group.code
        for row in rows[1:]:
            token = secrets.token_urlsafe(24)
            tokens.append(token)
            session.add(AuthSession(account_id=row.id, token_hash=crypto.sha256_hex(token), created_at=now,
                                    expires_at=now + timedelta(days=1)))
            if members:
                session.add(Consent(group_id=group.id, account_id=row.id, text_version=CONSENT_VERSION, given_at=now))
                session.add(Membership(group_id=group.id, account_id=row.id, joined_at=now))
        session.commit()
    engine.dispose()
    return code, tokens, emails[1:]
