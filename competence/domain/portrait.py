"""The portrait of a group, for its managers: one row per consenting learner, the
mean level per dimension, a dimension's spread and trend, and one learner's detail.

Consent is the gate: every query starts from `_consenting(group_id)`, the members
whose consent to this group stands. A learner who left or was removed is gone from
every figure at once. Aggregates are computed by the database, one query per tab."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, case, func, select as sa_select
from sqlmodel import Session, select

from competence.domain import crypto
from competence.domain.identity import NAME_CONTEXT
from competence.domain.group_management import managed
from competence.domain.keys import Keys
from competence.domain.progress import round_level
from competence.domain.assessment import DIMENSIONS
from competence.models import Account, ActivityCompletion, Answer, Attempt, Consent, Membership


QUEBEC = ZoneInfo("America/Montreal")  # weeks start on Monday, Québec time


@dataclass(frozen=True)
class LearnerRow:
    membership_id: int
    name: str
    school_level: str
    last_activity: datetime | None
    global_level: int | None
    assessed: int
    levels: dict[int, int]  # dimension -> current level


@dataclass(frozen=True)
class DimensionRow:
    dimension: int
    mean: float | None
    level: int | None  # the mean mapped back to a level (halves round up)
    assessed: int


@dataclass(frozen=True)
class DimensionDetail:
    spread: dict[int, list[str]]  # level -> names of the learners at that level
    # Monday of each week with results -> the group's mean level at the end of that week (each
    # learner counted at their latest level so far): the last point is the Dimensions tab's mean.
    weekly: list[tuple[date, float]]


@dataclass(frozen=True)
class AnswerRow:
    dimension: int
    content_version: str  # the bank the question was read in
    item_id: str
    choice: int
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class LearnerDetail:
    name: str
    school_level: str
    levels: dict[int, tuple[int, datetime]]  # dimension -> (level, date)
    answers: list[AnswerRow]


def _consenting(group_id):
    """Members of the group whose consent to it stands: the only people a portrait may show.
    Other tables filter on it with IN (…), which lets the database start from these few
    people and reach their attempts by index, rather than scan every attempt."""
    return (
        sa_select(Membership.id.label("membership_id"), Membership.account_id.label("account_id"))
        .join(Consent, and_(Consent.group_id == Membership.group_id, Consent.account_id == Membership.account_id,
                            Consent.withdrawn_at.is_(None)))
        .where(Membership.group_id == group_id)
        .cte("consenting")
    )


def _current_levels(members):
    """Each member's latest level per dimension (the most recent finished attempt with a level)."""
    ranked = (
        sa_select(
            Attempt.account_id, Attempt.dimension, Attempt.level, Attempt.finished_at,
            func.row_number().over(partition_by=(Attempt.account_id, Attempt.dimension),
                                   order_by=Attempt.finished_at.desc()).label("rank"),
        )
        .where(Attempt.account_id.in_(sa_select(members.c.account_id)), Attempt.level.is_not(None))
        .subquery("ranked")
    )
    return (
        sa_select(ranked.c.account_id, ranked.c.dimension, ranked.c.level, ranked.c.finished_at)
        .where(ranked.c.rank == 1)
        .cte("current_levels")
    )


def _decrypt(keys: Keys, cipher: bytes) -> str:
    return crypto.decrypt(keys.name, cipher, NAME_CONTEXT)


@cache
def _learners_statement():
    """Built once, with the group as a bound parameter: each call only runs it."""
    members = _consenting(bindparam("group_id"))
    current = _current_levels(members)
    last_answer = (
        sa_select(Attempt.account_id, func.max(Answer.answered_at).label("at"))
        .join(Answer, Answer.attempt_id == Attempt.id)
        .where(Attempt.account_id.in_(sa_select(members.c.account_id)))
        .group_by(Attempt.account_id)
        .subquery("last_answer")
    )
    last_activity = (
        sa_select(ActivityCompletion.account_id, func.max(ActivityCompletion.completed_at).label("at"))
        .where(ActivityCompletion.account_id.in_(sa_select(members.c.account_id)))
        .group_by(ActivityCompletion.account_id)
        .subquery("last_activity")
    )
    per_dimension = [
        func.max(case((current.c.dimension == number, current.c.level))).label(f"d{number}") for number in DIMENSIONS
    ]
    return (
        sa_select(
            members.c.membership_id, Account.name_cipher, Account.school_level,
            last_answer.c.at.label("last_answer"), last_activity.c.at.label("last_activity"),
            func.avg(current.c.level).label("mean"), func.count(current.c.level).label("assessed"), *per_dimension,
        )
        .select_from(members)
        .join(Account, Account.id == members.c.account_id)
        .outerjoin(last_answer, last_answer.c.account_id == members.c.account_id)
        .outerjoin(last_activity, last_activity.c.account_id == members.c.account_id)
        .outerjoin(current, current.c.account_id == members.c.account_id)
        .group_by(members.c.membership_id, Account.name_cipher, Account.school_level, last_answer.c.at,
                  last_activity.c.at)
    )


def learners(session: Session, keys: Keys, manager_id: int, group_id: int) -> list[LearnerRow] | None:
    """The « Apprenants » tab in one query; None for anyone but the group's manager."""
    if managed(session, manager_id, group_id) is None:
        return None
    rows = session.execute(_learners_statement(), {"group_id": group_id}).all()
    return [
        LearnerRow(
            membership_id=row.membership_id,
            name=_decrypt(keys, row.name_cipher),
            school_level=row.school_level,
            last_activity=max((at for at in (row.last_answer, row.last_activity) if at), default=None),
            global_level=round_level(row.mean),
            assessed=row.assessed,
            levels={n: getattr(row, f"d{n}") for n in DIMENSIONS if getattr(row, f"d{n}") is not None},
        )
        for row in rows
    ]


@cache
def _dimensions_statement():
    current = _current_levels(_consenting(bindparam("group_id")))
    return sa_select(current.c.dimension, func.avg(current.c.level), func.count()).group_by(current.c.dimension)


def dimensions(session: Session, manager_id: int, group_id: int) -> list[DimensionRow] | None:
    """The « Dimensions » tab in one query: each dimension's mean current level and how many were assessed."""
    if managed(session, manager_id, group_id) is None:
        return None
    rows = session.execute(_dimensions_statement(), {"group_id": group_id}).all()
    found = {dimension: (float(mean), count) for dimension, mean, count in rows}  # AVG: a Decimal on PostgreSQL
    return [
        DimensionRow(n, found[n][0], round_level(found[n][0]), found[n][1]) if n in found else DimensionRow(n, None, None, 0)
        for n in DIMENSIONS
    ]


def dimension_detail(session: Session, keys: Keys, manager_id: int, group_id: int, dimension: int) -> DimensionDetail | None:
    """« Consulter »: who is at which level now, and the group's mean level week by week."""
    if managed(session, manager_id, group_id) is None or dimension not in DIMENSIONS:
        return None
    members = _consenting(group_id)
    current = _current_levels(members)
    spread: dict[int, list[str]] = {level: [] for level in range(1, 6)}
    for cipher, level in session.execute(
        sa_select(Account.name_cipher, current.c.level)
        .join(current, current.c.account_id == Account.id)
        .where(current.c.dimension == dimension)
    ).all():
        spread[level].append(_decrypt(keys, cipher))
    for names in spread.values():
        names.sort(key=str.casefold)
    results = session.execute(
        sa_select(Attempt.account_id, Attempt.finished_at, Attempt.level)
        .where(Attempt.account_id.in_(sa_select(members.c.account_id)), Attempt.dimension == dimension,
               Attempt.level.is_not(None))
    ).all()
    weekly, latest = [], {}
    for account_id, finished_at, level in sorted(results, key=lambda row: row[1]):
        local = finished_at.astimezone(QUEBEC).date()
        monday = local - timedelta(days=local.weekday())
        latest[account_id] = level
        mean = sum(latest.values()) / len(latest)
        if weekly and weekly[-1][0] == monday:
            weekly[-1] = (monday, mean)
        else:
            weekly.append((monday, mean))
    return DimensionDetail(spread, weekly)


def _membership(session: Session, manager_id: int, group_id: int, membership_id: int) -> Membership | None:
    """The member, when the caller manages the group and the member's consent stands."""
    if managed(session, manager_id, group_id) is None:
        return None
    members = _consenting(group_id)
    found = session.execute(sa_select(members.c.account_id).where(members.c.membership_id == membership_id)).first()
    return session.get(Membership, membership_id) if found else None


def learner_detail(session: Session, keys: Keys, manager_id: int, group_id: int, membership_id: int) -> LearnerDetail | None:
    """One learner, as the consent screen promised: name, school year, levels, answers."""
    membership = _membership(session, manager_id, group_id, membership_id)
    if membership is None:
        return None
    account = session.get(Account, membership.account_id)
    attempts = session.exec(
        select(Attempt).where(Attempt.account_id == account.id, Attempt.level.is_not(None)).order_by(Attempt.finished_at)
    ).all()
    levels = {attempt.dimension: (attempt.level, attempt.finished_at) for attempt in attempts}  # the latest wins
    answers = session.execute(
        sa_select(Attempt.dimension, Attempt.content_version, Answer.item_id, Answer.choice, Answer.correct,
                  Answer.answered_at)
        .join(Answer, Answer.attempt_id == Attempt.id)
        .where(Attempt.account_id == account.id)
        .order_by(Answer.answered_at.desc())
    ).all()
    return LearnerDetail(
        name=_decrypt(keys, account.name_cipher),
        school_level=account.school_level,
        levels=levels,
        answers=[AnswerRow(*row) for row in answers],
    )
