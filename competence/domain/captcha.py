"""« Je ne suis pas un robot »: a self-hosted proof-of-work (ALTCHA v1), single use."""

from __future__ import annotations

from datetime import datetime, timedelta

from altcha import v1 as altcha
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from competence.domain.clock import utcnow
from competence.models import UsedCaptcha


def new_challenge(key: bytes, max_number: int, lifetime: timedelta) -> dict:
    """A signed challenge the browser widget solves; it carries its own expiry."""
    challenge = altcha.create_challenge(
        hmac_key=key, max_number=max_number, expires=datetime.now().astimezone() + lifetime
    )
    return challenge.to_dict()


def redeem(session: Session, key: bytes, payload: str, lifetime: timedelta, now: datetime | None = None) -> bool:
    """Verify a solved payload and mark it used; False when invalid, expired or replayed."""
    now = now or utcnow()
    try:
        valid, _ = altcha.verify_solution(payload, key, check_expires=True)
    except Exception:  # a malformed payload from the client: treat as not solved
        return False
    if not valid:
        return False
    signature = altcha.Payload.from_base64(payload).signature
    session.exec(delete(UsedCaptcha).where(UsedCaptcha.expires_at < now))
    try:
        with session.begin_nested():
            session.add(UsedCaptcha(signature=signature, expires_at=now + lifetime))
    except IntegrityError:
        return False
    return True
