"""Groups: a teacher creates one with a code; the lists of « Mes groupes ».

Joining a group through consent is in joining.py; what managers do, in group_management.py.
Use cases take an open Session, run their own queries and leave the commit to the caller.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from competence.domain import crypto
from competence.domain.identity import NAME_CONTEXT
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import Account, ClassGroup, Membership

# Capital letters without look-alikes (no I, L or O next to 1 and 0).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 7
NAME_MAX_CHARS = 80
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


def name_error(name: str) -> str | None:
    if not name:
        return "error.required"
    return "error.group_name_too_long" if len(name) > NAME_MAX_CHARS else None


def name_taken(session: Session, owner_id: int, name: str, except_id: int | None = None) -> bool:
    query = select(ClassGroup.id).where(ClassGroup.owner_id == owner_id, ClassGroup.name_key == name.casefold())
    if except_id is not None:
        query = query.where(ClassGroup.id != except_id)
    return session.exec(query).first() is not None


def with_fresh_code(session: Session, group: ClassGroup, make_code: Callable[[], str]) -> bool:
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
    error = name_error(name) or ("error.group_name_taken" if name_taken(session, owner_id, name) else None)
    if error:
        return failed("group_name", error)
    group = ClassGroup(owner_id=owner_id, name=name, name_key=name.casefold(), code="", created_at=now)
    if not with_fresh_code(session, group, make_code):
        return failed("form", "error.try_again")
    return Outcome(value=ManagedGroup(group.id, group.name, group.code, 0, True))


def member_counts(session: Session, group_ids: list[int]) -> dict[int, int]:
    rows = session.exec(
        select(Membership.group_id, func.count()).where(Membership.group_id.in_(group_ids)).group_by(Membership.group_id)
    ).all()
    return dict(rows)


def managed_groups(session: Session, account_id: int) -> list[ManagedGroup]:
    """« Les groupes dont je suis gestionnaire », each with its number of learners."""
    groups = session.exec(select(ClassGroup).where(ClassGroup.owner_id == account_id).order_by(ClassGroup.name_key)).all()
    counts = member_counts(session, [group.id for group in groups])
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




def teacher_name(session: Session, keys: Keys, group: ClassGroup) -> str:
    """The creator's name, shown to whoever is about to consent."""
    return crypto.decrypt(keys.name, session.get(Account, group.owner_id).name_cipher, NAME_CONTEXT)
