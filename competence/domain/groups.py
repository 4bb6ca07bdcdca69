"""Groups: creation with a code, joining through consent, leaving, and what managers do.

Every function that reads or changes a group checks the caller first: managers
(the group's creator) for the management actions, the member for leaving. A
caller without that right gets an error and nothing changes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from competence import settings
from competence.domain import crypto, throttle
from competence.domain.accounts import NAME_CONTEXT
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import Account, ClassGroup, Consent, Membership

# Capital letters without look-alikes (no I, L or O next to 1 and 0).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 7
NAME_MAX_CHARS = 80
CONSENT_VERSION = "2026-11"
_CODE_ATTEMPTS = 8  # 23**7 ≈ 3.4 billion codes: more than one retry is already unlikely


def new_code(choice: Callable[[str], str] = secrets.choice) -> str:
    return "".join(choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Codes are read case-insensitively, spaces ignored."""
    return "".join(raw.split()).upper()


@dataclass(frozen=True)
class ManagedGroup:
    id: int
    name: str
    code: str
    learner_count: int
    joining_open: bool


@dataclass(frozen=True)
class JoinedGroup:
    id: int
    name: str
    teacher_name: str
    joined_at: datetime


@dataclass(frozen=True)
class Invitation:
    """What the consent dialog names before « J'accepte »."""

    name: str
    teacher_name: str


@dataclass(frozen=True)
class Member:
    membership_id: int
    name: str
    school_level: str
    joined_at: datetime


def _name_error(name: str) -> str | None:
    if not name:
        return "error.required"
    return "error.group_name_too_long" if len(name) > NAME_MAX_CHARS else None


def _name_taken(session: Session, owner_id: int, name: str, except_id: int | None = None) -> bool:
    query = select(ClassGroup.id).where(ClassGroup.owner_id == owner_id, ClassGroup.name_key == name.casefold())
    if except_id is not None:
        query = query.where(ClassGroup.id != except_id)
    return session.exec(query).first() is not None


def _with_fresh_code(session: Session, group: ClassGroup, make_code: Callable[[], str]) -> bool:
    """Give the group a code no other group has; the unique index decides, retried on collision."""
    for _ in range(_CODE_ATTEMPTS):
        group.code = make_code()
        try:
            with session.begin_nested():
                session.add(group)
                session.flush()
            return True
        except IntegrityError:
            continue
    return False


def create_group(
    session: Session, owner_id: int, role: str, raw_name: str, now: datetime, make_code: Callable[[], str] = new_code
) -> Outcome[ManagedGroup]:
    if role != "teacher":
        return failed("form", "error.not_allowed")
    name = raw_name.strip()
    error = _name_error(name) or ("error.group_name_taken" if _name_taken(session, owner_id, name) else None)
    if error:
        return failed("group_name", error)
    group = ClassGroup(owner_id=owner_id, name=name, name_key=name.casefold(), code="", created_at=now)
    if not _with_fresh_code(session, group, make_code):
        return failed("form", "error.try_again")
    return Outcome(value=ManagedGroup(group.id, group.name, group.code, 0, True))


def _member_counts(session: Session, group_ids: list[int]) -> dict[int, int]:
    rows = session.exec(
        select(Membership.group_id, func.count()).where(Membership.group_id.in_(group_ids)).group_by(Membership.group_id)
    ).all()
    return dict(rows)


def managed_groups(session: Session, account_id: int) -> list[ManagedGroup]:
    """« Les groupes dont je suis gestionnaire », each with its number of learners."""
    groups = session.exec(select(ClassGroup).where(ClassGroup.owner_id == account_id).order_by(ClassGroup.name_key)).all()
    counts = _member_counts(session, [group.id for group in groups])
    return [ManagedGroup(g.id, g.name, g.code, counts.get(g.id, 0), g.joining_open) for g in groups]


def joined_groups(session: Session, keys: Keys, account_id: int) -> list[JoinedGroup]:
    rows = session.exec(
        select(ClassGroup, Membership.joined_at, Account.name_cipher)
        .join(Membership, Membership.group_id == ClassGroup.id)
        .join(Account, Account.id == ClassGroup.owner_id)
        .where(Membership.account_id == account_id)
        .order_by(ClassGroup.name_key)
    ).all()
    return [
        JoinedGroup(group.id, group.name, crypto.decrypt(keys.name, cipher, NAME_CONTEXT), joined_at)
        for group, joined_at, cipher in rows
    ]


def _code_limits(keys: Keys, account_id: int, client_address: str) -> dict[str, int]:
    return {
        crypto.keyed_hash(keys.throttle, f"join-account:{account_id}"): settings.JOIN_MAX_WRONG_CODES_PER_ACCOUNT,
        crypto.keyed_hash(keys.throttle, f"join-address:{client_address}"): settings.JOIN_MAX_WRONG_CODES_PER_ADDRESS,
    }


def _teacher_name(session: Session, keys: Keys, group: ClassGroup) -> str:
    """The creator's name, shown to whoever is about to consent."""
    return crypto.decrypt(keys.name, session.get(Account, group.owner_id).name_cipher, NAME_CONTEXT)


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
        throttle.record_failure(session, list(limits), now)
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
    found = _open_group_for_code(session, keys, account_id, raw_code, client_address, now)
    if not found.ok:
        return Outcome(errors=found.errors)
    return Outcome(value=Invitation(found.value.name, _teacher_name(session, keys, found.value)))


def join(
    session: Session, keys: Keys, account_id: int, raw_code: str, client_address: str, now: datetime
) -> Outcome[JoinedGroup]:
    """« J'accepte »: the consent and the membership, together or not at all."""
    found = _open_group_for_code(session, keys, account_id, raw_code, client_address, now)
    if not found.ok:
        return Outcome(errors=found.errors)
    group = found.value
    try:
        with session.begin_nested():
            session.add(Consent(group_id=group.id, account_id=account_id, text_version=CONSENT_VERSION, given_at=now))
            session.add(Membership(group_id=group.id, account_id=account_id, joined_at=now))
            session.flush()
    except IntegrityError:  # the same person joining twice at the same moment
        return failed("code", ("error.already_member", {"name": group.name}))
    return Outcome(value=JoinedGroup(group.id, group.name, _teacher_name(session, keys, group), now))


def _end_membership(session: Session, membership: Membership, now: datetime) -> None:
    """The consent is marked withdrawn and the membership goes: managers see nothing more."""
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
    _end_membership(session, membership, now)
    return Outcome()


# ---- What only a group's managers may do -------------------------------------------


def managed(session: Session, account_id: int, group_id: int) -> ClassGroup | None:
    """The group when the caller manages it; None for anyone else (or no such group)."""
    group = session.get(ClassGroup, group_id)
    return group if group is not None and group.owner_id == account_id else None


def group_summary(session: Session, account_id: int, group_id: int) -> ManagedGroup | None:
    group = managed(session, account_id, group_id)
    if group is None:
        return None
    count = _member_counts(session, [group.id]).get(group.id, 0)
    return ManagedGroup(group.id, group.name, group.code, count, group.joining_open)


def rename(session: Session, account_id: int, group_id: int, raw_name: str) -> Outcome:
    group = managed(session, account_id, group_id)
    if group is None:
        return failed("form", "error.not_allowed")
    name = raw_name.strip()
    error = _name_error(name) or ("error.group_name_taken" if _name_taken(session, account_id, name, group.id) else None)
    if error:
        return failed("group_name", error)
    group.name, group.name_key = name, name.casefold()
    return Outcome()


def regenerate_code(
    session: Session, account_id: int, group_id: int, make_code: Callable[[], str] = new_code
) -> Outcome[str]:
    """A new code; the old one stops working at once."""
    group = managed(session, account_id, group_id)
    if group is None:
        return failed("form", "error.not_allowed")
    if not _with_fresh_code(session, group, make_code):
        return failed("form", "error.try_again")
    return Outcome(value=group.code)


def set_joining_open(session: Session, account_id: int, group_id: int, is_open: bool) -> Outcome:
    group = managed(session, account_id, group_id)
    if group is None:
        return failed("form", "error.not_allowed")
    group.joining_open = is_open
    return Outcome()


def members(session: Session, keys: Keys, account_id: int, group_id: int) -> list[Member] | None:
    """The member list with names, school levels and dates; None for a non-manager."""
    if managed(session, account_id, group_id) is None:
        return None
    rows = session.exec(
        select(Membership.id, Account.name_cipher, Account.school_level, Membership.joined_at)
        .join(Account, Account.id == Membership.account_id)
        .where(Membership.group_id == group_id)
        .order_by(Membership.joined_at)
    ).all()
    people = [
        Member(membership_id, crypto.decrypt(keys.name, cipher, NAME_CONTEXT), level, joined_at)
        for membership_id, cipher, level, joined_at in rows
    ]
    return sorted(people, key=lambda member: member.name.casefold())


def remove_member(session: Session, account_id: int, group_id: int, membership_id: int, now: datetime) -> Outcome:
    if managed(session, account_id, group_id) is None:
        return failed("form", "error.not_allowed")
    membership = session.get(Membership, membership_id)
    if membership is None or membership.group_id != group_id:
        return failed("form", "error.not_allowed")
    _end_membership(session, membership, now)
    return Outcome()


def delete_group(session: Session, account_id: int, group_id: int, typed_name: str) -> Outcome:
    """Confirmed by typing the group's name; its memberships and consents go with it (ON DELETE CASCADE)."""
    group = managed(session, account_id, group_id)
    if group is None:
        return failed("form", "error.not_allowed")
    if typed_name.strip() != group.name:
        return failed("confirm_name", "error.group_name_mismatch")
    session.delete(group)
    return Outcome()
