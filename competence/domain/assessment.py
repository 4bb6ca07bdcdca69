"""Taking the positioning test: start or resume an attempt, show the question on
screen, record each answer as it is given, finish with a level.

The server decides everything that counts: which question was offered, whether a
choice is right, how long the answer took. An answer for a question that was not
offered, a choice that does not exist, a second answer, or an answer after the end
is refused and changes nothing."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from competence.domain import adaptive
from competence.domain.content import Content, Item
from competence.domain.outcome import Outcome, failed
from competence.domain.school_levels import audience_for
from competence.models import Account, Answer, Attempt

DIMENSIONS = range(1, 13)


@dataclass(frozen=True)
class Question:
    """Which question the screen shows (its words come from the bank): never the answer."""

    attempt_id: int
    dimension: int
    position: int  # 1 for the first question of the attempt
    item_id: str
    full_run: bool


@dataclass(frozen=True)
class Feedback:
    correct: bool
    finished_level: int | None  # set when this answer ended the attempt
    next_dimension: int | None  # the full positioning goes on with this dimension


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


def open_attempt(session: Session, account_id: int) -> Attempt | None:
    return session.exec(select(Attempt).where(Attempt.account_id == account_id, Attempt.finished_at.is_(None))).first()


def _responses(session: Session, attempt: Attempt, bank: Content) -> tuple[list[adaptive.Response], set[str]]:
    """The attempt's answers so far, as the model reads them (plain columns: this runs on every answer)."""
    rows = session.exec(
        select(Answer.item_id, Answer.difficulty, Answer.correct, Answer.seconds)
        .where(Answer.attempt_id == attempt.id)
        .order_by(Answer.position)
    ).all()
    responses = [
        adaptive.Response(difficulty, bank.items[item_id].choice_count, correct, seconds)
        for item_id, difficulty, correct, seconds in rows
    ]
    return responses, {item_id for item_id, *_ in rows}


def _pool(bank: Content, attempt: Attempt) -> list[Item]:
    return [q for q in bank.dimension(attempt.dimension).questions if attempt.audience in q.audiences]


def _choose_next(session: Session, attempt: Attempt, bank: Content, now: datetime,
                 answers: tuple[list[adaptive.Response], set[str]] | None = None) -> None:
    """Put the next question on the attempt, or finish it with its level."""
    responses, asked = answers or _responses(session, attempt, bank)
    item = adaptive.next_item(_pool(bank, attempt), responses, asked, _rng())
    attempt.current_item_id = item.id if item else None
    attempt.current_offered_at = None
    if item is None:
        attempt.finished_at = now
        attempt.level = adaptive.level(responses)
    session.add(attempt)


def start(session: Session, account_id: int, dimension: int, bank: Content, now: datetime,
          full_run: bool = False) -> Outcome[int]:
    """Start a dimension (or resume it when it is the one in progress). A test of another
    dimension left open is closed as abandoned: it gives no level."""
    if dimension not in DIMENSIONS:
        return failed("form", "error.invalid_request")
    account = session.get(Account, account_id)
    if account is None:
        return failed("form", "error.not_allowed")
    current = open_attempt(session, account_id)
    if current is not None:
        if current.dimension == dimension and current.content_version == bank.version:
            return Outcome(value=current.id)
        current.finished_at, current.current_item_id = now, None
        session.add(current)
        session.flush()
    attempt = Attempt(
        account_id=account_id, dimension=dimension, audience=audience_for(account.school_level, account.role),
        content_version=bank.version, full_run=full_run, started_at=now,
    )
    session.add(attempt)
    session.flush()
    _choose_next(session, attempt, bank, now)
    return Outcome(value=attempt.id)


def current_question(session: Session, account_id: int, bank: Content, now: datetime) -> Question | None:
    """The question on screen for the test in progress; its clock starts the first time it is shown."""
    attempt = open_attempt(session, account_id)
    if attempt is None or attempt.current_item_id is None:
        return None
    if attempt.content_version != bank.version or attempt.current_item_id not in bank.items:
        # The bank changed under a test in progress: it cannot go on with another scale.
        attempt.finished_at, attempt.current_item_id = now, None
        session.add(attempt)
        return None
    if attempt.current_offered_at is None:
        attempt.current_offered_at = now
        session.add(attempt)
    item = bank.items[attempt.current_item_id]
    answered = session.exec(select(func.count()).select_from(Answer).where(Answer.attempt_id == attempt.id)).one()
    return Question(attempt.id, attempt.dimension, answered + 1, item.id, attempt.full_run)


def answer(session: Session, account_id: int, item_id: str, choice: int, bank: Content,
           now: datetime) -> Outcome[Feedback]:
    attempt = open_attempt(session, account_id)
    if attempt is None:
        return failed("answer", "error.attempt_over")
    if item_id != attempt.current_item_id or attempt.current_offered_at is None:
        return failed("answer", "error.question_not_offered")
    item = bank.items[item_id]
    if not isinstance(choice, int) or isinstance(choice, bool) or not 0 <= choice < item.choice_count:
        return failed("answer", "error.choice_unknown")
    responses, asked = _responses(session, attempt, bank)
    correct = choice == item.answer
    seconds = max(0.0, (now - attempt.current_offered_at).total_seconds())
    try:
        with session.begin_nested():
            session.add(Answer(attempt_id=attempt.id, position=len(responses) + 1, item_id=item_id,
                               difficulty=item.level, choice=choice, correct=correct, seconds=seconds,
                               answered_at=now))
            session.flush()
    except IntegrityError:  # the same answer sent twice at once
        return failed("answer", "error.question_not_offered")
    responses.append(adaptive.Response(item.level, item.choice_count, correct, seconds))
    _choose_next(session, attempt, bank, now, (responses, asked | {item_id}))
    next_dimension = None
    if attempt.finished_at is not None and attempt.full_run and attempt.dimension < max(DIMENSIONS):
        next_dimension = attempt.dimension + 1
        start(session, account_id, next_dimension, bank, now, full_run=True)
    return Outcome(value=Feedback(correct, attempt.level if attempt.finished_at else None, next_dimension))
