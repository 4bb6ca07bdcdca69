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

from competence.domain import adaptive, item_parameters
from competence.domain.content import Content, Item
from competence.domain.outcome import Outcome, failed
from competence.domain.school_levels import audience_for
from competence.models import Account, Answer, Attempt, Membership

DIMENSIONS = range(1, 13)


@dataclass(frozen=True)
class Question:
    """Which question the screen shows (its words come from the bank), and the order of its
    choices: never the answer."""

    attempt_id: int
    dimension: int
    position: int  # 1 for the first question of the attempt
    item_id: str
    order: tuple[int, ...]  # the bank's index of each choice, in the order shown
    full_run: bool


@dataclass(frozen=True)
class Feedback:
    correct: bool
    picked: int  # the bank's index of the choice picked
    finished_level: int | None  # set when this answer ended the attempt
    next_dimension: int | None  # the full positioning goes on with this dimension
    asked: int  # the attempt's answers so far, this one included
    right: int  # how many of them were right
    run_over: bool  # this answer ended a full positioning


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


def open_attempt(session: Session, account_id: int) -> Attempt | None:
    return session.exec(select(Attempt).where(Attempt.account_id == account_id, Attempt.finished_at.is_(None))).first()


def _models(session: Session, bank: Content, items) -> dict[str, adaptive.ItemModel]:
    parameters = item_parameters.calibrated(session, bank.version)
    return {item.id: item_parameters.model_of(item, parameters) for item in items}


def _pool(bank: Content, attempt: Attempt) -> list[Item]:
    return [q for q in bank.dimension(attempt.dimension).questions if attempt.audience in q.audiences]


def _responses(session: Session, attempt: Attempt, models: dict[str, adaptive.ItemModel]) -> list[adaptive.Response]:
    """The attempt's answers so far, as the model reads them (plain columns: this runs on every answer)."""
    rows = session.exec(
        select(Answer.item_id, Answer.correct, Answer.seconds).where(Answer.attempt_id == attempt.id)
        .order_by(Answer.position)
    ).all()
    return [adaptive.Response(models[item_id], correct, seconds) for item_id, correct, seconds in rows
            if item_id in models]


def _seen_before(session: Session, attempt: Attempt) -> set[str]:
    """The questions of this dimension the person answered in earlier attempts: a retake asks others first."""
    return set(session.exec(
        select(Answer.item_id).join(Attempt, Attempt.id == Answer.attempt_id)
        .where(Attempt.account_id == attempt.account_id, Attempt.dimension == attempt.dimension,
               Attempt.id != attempt.id)
    ).all())


def _choose_next(session: Session, attempt: Attempt, now: datetime, models: dict[str, adaptive.ItemModel],
                 responses: list[adaptive.Response]) -> None:
    """Put the next question on the attempt, or finish it with its level."""
    model = adaptive.next_item(list(models.values()), responses, _seen_before(session, attempt), _rng(), attempt.timed)
    attempt.current_item_id = model.id if model else None
    attempt.current_offered_at, attempt.current_order = None, None
    if model is None:
        attempt.finished_at = now
        attempt.level = adaptive.level(responses, attempt.timed)
    session.add(attempt)


def assessed_dimensions(session: Session, account_id: int) -> set[int]:
    """The dimensions the person has a level in."""
    return set(session.exec(select(Attempt.dimension).where(Attempt.account_id == account_id,
                                                            Attempt.level.is_not(None))).all())


def _next_in_run(session: Session, attempt: Attempt) -> int | None:
    """The dimension a full positioning goes on with: the next one, or the next one without a
    level when the person chose to pass over those already assessed."""
    passed_over = assessed_dimensions(session, attempt.account_id) if attempt.skip_assessed else set()
    return next((d for d in DIMENSIONS if d > attempt.dimension and d not in passed_over), None)


def start_full(session: Session, account_id: int, bank: Content, now: datetime, skip_assessed: bool) -> Outcome[int]:
    """« Faire le positionnement complet »: the 12 dimensions in turn, or only those without a level yet."""
    passed_over = assessed_dimensions(session, account_id) if skip_assessed else set()
    first = next((d for d in DIMENSIONS if d not in passed_over), None)
    if first is None:
        return failed("form", "error.all_assessed")
    return start(session, account_id, first, bank, now, full_run=True, skip_assessed=skip_assessed)


def start(session: Session, account_id: int, dimension: int, bank: Content, now: datetime,
          full_run: bool = False, skip_assessed: bool = False) -> Outcome[int]:
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
    untimed = session.exec(select(Membership.id).where(Membership.account_id == account_id, Membership.untimed)).first()
    attempt = Attempt(
        account_id=account_id, dimension=dimension, audience=audience_for(account.school_level, account.role),
        content_version=bank.version, full_run=full_run, skip_assessed=full_run and skip_assessed, started_at=now,
        timed=untimed is None,
    )
    session.add(attempt)
    session.flush()
    _choose_next(session, attempt, now, _models(session, bank, _pool(bank, attempt)), [])
    return Outcome(value=attempt.id)


def current_question(session: Session, account_id: int, bank: Content, now: datetime) -> Question | None:
    """The question on screen for the test in progress. The first time it is shown, its clock
    starts and the order of its choices is drawn; a reload shows the same order."""
    attempt = open_attempt(session, account_id)
    if attempt is None or attempt.current_item_id is None:
        return None
    if attempt.content_version != bank.version or attempt.current_item_id not in bank.items:
        # The bank changed under a test in progress: it cannot go on with another scale.
        attempt.finished_at, attempt.current_item_id = now, None
        session.add(attempt)
        return None
    item = bank.items[attempt.current_item_id]
    if attempt.current_offered_at is None:
        attempt.current_offered_at = now
        attempt.current_order = "".join(str(i) for i in _rng().sample(range(item.choice_count), item.choice_count))
        session.add(attempt)
    answered = session.exec(select(func.count()).select_from(Answer).where(Answer.attempt_id == attempt.id)).one()
    order = tuple(int(i) for i in attempt.current_order)
    return Question(attempt.id, attempt.dimension, answered + 1, item.id, order, attempt.full_run)


def answer(session: Session, account_id: int, item_id: str, shown_choice: int, bank: Content,
           now: datetime) -> Outcome[Feedback]:
    """The choice at position `shown_choice` on screen, mapped back to the bank through the
    order the server drew for it."""
    attempt = open_attempt(session, account_id)
    if attempt is None:
        return failed("answer", "error.attempt_over")
    if item_id != attempt.current_item_id or attempt.current_offered_at is None or not attempt.current_order:
        return failed("answer", "error.question_not_offered")
    item = bank.items[item_id]
    if not isinstance(shown_choice, int) or isinstance(shown_choice, bool) or \
            not 0 <= shown_choice < len(attempt.current_order):
        return failed("answer", "error.choice_unknown")
    picked = int(attempt.current_order[shown_choice])
    models = _models(session, bank, _pool(bank, attempt))
    responses = _responses(session, attempt, models)
    correct = picked == item.answer
    seconds = max(0.0, (now - attempt.current_offered_at).total_seconds())
    try:
        with session.begin_nested():
            session.add(Answer(attempt_id=attempt.id, position=len(responses) + 1, item_id=item_id,
                               difficulty=item.level, choice=picked, correct=correct, seconds=seconds,
                               answered_at=now))
            session.flush()
    except IntegrityError:  # the same answer sent twice at once
        return failed("answer", "error.question_not_offered")
    responses.append(adaptive.Response(models[item_id], correct, seconds))
    _choose_next(session, attempt, now, models, responses)
    finished = attempt.finished_at is not None
    next_dimension = _next_in_run(session, attempt) if finished and attempt.full_run else None
    if next_dimension is not None:
        start(session, account_id, next_dimension, bank, now, full_run=True, skip_assessed=attempt.skip_assessed)
    return Outcome(value=Feedback(
        correct, picked, attempt.level if finished else None, next_dimension,
        asked=len(responses), right=sum(r.correct for r in responses),
        run_over=finished and attempt.full_run and next_dimension is None,
    ))
