"""What only a group's managers may do: see its code and members, rename it, change its
code, close joining, remove a learner, delete it. Every function checks the caller first
(managed()): anyone else gets an error or None, and nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlmodel import Session, select

from competence import settings
from competence.domain import activity, crypto, sessions
from competence.domain.identity import NAME_CONTEXT
from competence.domain.groups import ManagedGroup, member_counts, name_error, name_taken, new_code, with_fresh_code
from competence.domain.joining import end_membership
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.domain.recovery import temporary_password
from competence.models import Account, ClassGroup, Membership


@dataclass(frozen=True)
class Member:
    membership_id: int
    name: str
    school_level: str
    joined_at: datetime
    untimed: bool = False
    large_text: bool = False


def managed(session: Session, account_id: int, group_id: int) -> ClassGroup | None:
    """The group when the caller manages it; None for anyone else (or no such group)."""
    group = session.get(ClassGroup, group_id)
    return group if group is not None and group.owner_id == account_id else None


def group_summary(session: Session, account_id: int, group_id: int) -> ManagedGroup | None:
    group = managed(session, account_id, group_id)
    if group is None:
        return None
    count = member_counts(session, [group.id]).get(group.id, 0)
    return ManagedGroup(group.id, group.name, group.code, count, group.joining_open)


def rename(session: Session, account_id: int, group_id: int, raw_name: str) -> Outcome:
    group = managed(session, account_id, group_id)
    if group is None:
        return failed("form", "error.not_allowed")
    name = raw_name.strip()
    error = name_error(name) or ("error.group_name_taken" if name_taken(session, account_id, name, group.id) else None)
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
    if not with_fresh_code(session, group, make_code):
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
        select(Membership.id, Account.name_cipher, Account.school_level, Membership.joined_at, Membership.untimed,
               Membership.large_text)
        .join(Account, Account.id == Membership.account_id)
        .where(Membership.group_id == group_id)
        .order_by(Membership.joined_at)
    ).all()
    people = [
        Member(membership_id, crypto.decrypt(keys.name, cipher, NAME_CONTEXT), level, joined_at, untimed, large)
        for membership_id, cipher, level, joined_at, untimed, large in rows
    ]
    return sorted(people, key=lambda member: member.name.casefold())


def remove_member(session: Session, account_id: int, group_id: int, membership_id: int, now: datetime) -> Outcome:
    if managed(session, account_id, group_id) is None:
        return failed("form", "error.not_allowed")
    membership = session.get(Membership, membership_id)
    if membership is None or membership.group_id != group_id:
        return failed("form", "error.not_allowed")
    end_membership(session, membership, now, "removed_from_group")
    return Outcome()


def delete_group(session: Session, account_id: int, group_id: int, understood: bool) -> Outcome:
    """Confirmed by ticking that it cannot be undone; its memberships and consents go with it
    (ON DELETE CASCADE)."""
    group = managed(session, account_id, group_id)
    if group is None:
        return failed("form", "error.not_allowed")
    if understood is not True:
        return failed("understood", "error.delete_not_confirmed")
    session.delete(group)
    return Outcome()


ACCOMMODATIONS = ("untimed", "large_text")


def set_accommodation(session: Session, account_id: int, group_id: int, membership_id: int, kind: str,
                      on: bool) -> Outcome:
    """« Ne pas tenir compte du temps de réponse » or larger text, for a learner of the group."""
    if managed(session, account_id, group_id) is None or kind not in ACCOMMODATIONS or not isinstance(on, bool):
        return failed("form", "error.not_allowed")
    membership = session.get(Membership, membership_id) if isinstance(membership_id, int) else None
    if membership is None or membership.group_id != group_id:
        return failed("form", "error.not_allowed")
    setattr(membership, kind, on)
    return Outcome()


def reset_member_password(session: Session, account_id: int, group_id: int, membership_id: int, now: datetime,
                          make_password: Callable[[], str] = temporary_password) -> Outcome[str]:
    """« Réinitialiser le mot de passe » of a learner of the group: a temporary password, shown
    once to the teacher; the pupil must choose a new one at the next sign-in. Never for a
    teacher's account, nor for anyone outside the groups the caller manages."""
    if managed(session, account_id, group_id) is None:
        return failed("form", "error.not_allowed")
    membership = session.get(Membership, membership_id) if isinstance(membership_id, int) else None
    if membership is None or membership.group_id != group_id:
        return failed("form", "error.not_allowed")
    member = session.get(Account, membership.account_id)
    if member.role != "learner":
        return failed("form", "error.reset_not_a_learner")
    password = make_password()
    member.password_hash = crypto.hash_password(password, settings.BCRYPT_ROUNDS)
    member.must_change_password = True
    sessions.end_sessions(session, member.id)
    activity.record(session, member.id, "password_reset_by_teacher", now, group_id=group_id)
    return Outcome(value=password)
