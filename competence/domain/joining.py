"""Joining a group through consent, and leaving it.

« Joindre le groupe » checks the code (throttled: wrong codes are counted per account and
per address) and names the group and its creator; « J'accepte » records the consent and
the membership together; leaving withdraws the consent and the managers see nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from competence import settings
from competence.domain import activity, crypto, throttle
from competence.domain.groups import JoinedGroup, normalise_code, teacher_name
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import ClassGroup, Consent, Membership

CONSENT_VERSION = "2026-11"


@dataclass(frozen=True)
class Invitation:
    """What the consent dialog names before « J'accepte »."""

    name: str
    teacher_name: str


def _code_limits(keys: Keys, account_id: int, client_address: str) -> dict[str, int]:
    return {
        crypto.keyed_hash(keys.throttle, f"join-account:{account_id}"): settings.JOIN_MAX_WRONG_CODES_PER_ACCOUNT,
        crypto.keyed_hash(keys.throttle, f"join-address:{client_address}"): settings.JOIN_MAX_WRONG_CODES_PER_ADDRESS,
    }


def _open_group_for_code(
    session: Session, keys: Keys, account_id: int, raw_code: str, client_address: str, now: datetime
) -> Outcome[ClassGroup]:
    """The group a code opens, after the throttle; unknown and closed codes fail alike."""
    limits = _code_limits(keys, account_id, client_address)
    wait = throttle.retry_after(session, limits, timedelta(minutes=settings.JOIN_WINDOW_MINUTES), now)
    if wait is not None:
        return failed("code", ("error.code_throttled", {"minutes": throttle.minutes(wait)}))
    code = normalise_code(raw_code)
    if not code:
        return failed("code", "error.required")
    group = session.exec(select(ClassGroup).where(ClassGroup.code == code, ClassGroup.joining_open)).first()
    if group is None:
        throttle.record(session, list(limits), now)
        return failed("code", "error.code_invalid")
    if group.owner_id == account_id:
        return failed("code", "error.group_own")
    if session.exec(
        select(Membership.id).where(Membership.group_id == group.id, Membership.account_id == account_id)
    ).first():
        return failed("code", ("error.already_member", {"name": group.name}))
    return Outcome(value=group)


def invitation(
    session: Session, keys: Keys, account_id: int, raw_code: str, client_address: str, now: datetime
) -> Outcome[Invitation]:
    """« Joindre le groupe »: check the code and say what the consent dialog shows."""
    return _open_group_for_code(session, keys, account_id, raw_code, client_address, now).then(
        lambda group: Outcome(value=Invitation(group.name, teacher_name(session, keys, group)))
    )


def join(
    session: Session, keys: Keys, account_id: int, raw_code: str, client_address: str, now: datetime
) -> Outcome[JoinedGroup]:
    """« J'accepte »: the consent and the membership, together or not at all."""
    return _open_group_for_code(session, keys, account_id, raw_code, client_address, now).then(
        lambda group: _consent_and_join(session, keys, account_id, group, now)
    )


def _consent_and_join(session: Session, keys: Keys, account_id: int, group: ClassGroup,
                      now: datetime) -> Outcome[JoinedGroup]:
    try:
        with session.begin_nested():
            session.add(Consent(group_id=group.id, account_id=account_id, text_version=CONSENT_VERSION, given_at=now))
            session.add(Membership(group_id=group.id, account_id=account_id, joined_at=now))
            session.flush()
    except IntegrityError:  # the same person joining twice at the same moment
        return failed("code", ("error.already_member", {"name": group.name}))
    activity.record(session, account_id, "consent_given", now, group_id=group.id)
    return Outcome(value=JoinedGroup(group.id, group.name, teacher_name(session, keys, group), now))


def end_membership(session: Session, membership: Membership, now: datetime, kind: str = "consent_withdrawn") -> None:
    """The consent is marked withdrawn and the membership goes: managers see nothing more."""
    activity.record(session, membership.account_id, kind, now, group_id=membership.group_id)
    session.exec(
        update(Consent)
        .where(
            Consent.group_id == membership.group_id,
            Consent.account_id == membership.account_id,
            Consent.withdrawn_at.is_(None),
        )
        .values(withdrawn_at=now)
    )
    session.delete(membership)


def leave(session: Session, account_id: int, group_id: int, now: datetime) -> Outcome:
    membership = session.exec(
        select(Membership).where(Membership.group_id == group_id, Membership.account_id == account_id)
    ).first()
    if membership is None:
        return failed("form", "error.not_allowed")
    end_membership(session, membership, now)
    return Outcome()


@dataclass(frozen=True)
class ConsentRecord:
    group_name: str
    given_at: datetime
    withdrawn_at: datetime | None  # None while it stands


def consent_history(session: Session, account_id: int) -> list[ConsentRecord]:
    """Each consent the person gave, newest first, standing or withdrawn (a deleted group's go with it)."""
    rows = session.exec(
        select(ClassGroup.name, Consent.given_at, Consent.withdrawn_at)
        .join(ClassGroup, ClassGroup.id == Consent.group_id)
        .where(Consent.account_id == account_id)
        .order_by(Consent.given_at.desc(), Consent.id.desc())
    ).all()
    return [ConsentRecord(*row) for row in rows]
