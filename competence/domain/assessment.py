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

from sqlalchemy import bindparam, func, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from competence.domain import adaptive, item_parameters
from competence.domain.content import Content, Item
from competence.domain.outcome import Outcome, failed
from competence.domain.school_levels import audience_for
from competence.models import Account, Answer, Attempt

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
    offered_at: datetime | None = None  # when it was first shown: its clock


@dataclass(frozen=True)
class Feedback:
    correct: bool
    picked: int  # the bank's index of the choice picked
    finished_level: int | None  # set when this answer ended the attempt
    next_dimension: int | None  # the full positioning goes on with this dimension
    # The attempt's next question, chosen with this answer (its choices' order drawn), not yet
    # shown: « Suivant » shows it, and its clock starts then.
    next_question: Question | None = None


def _rng() -> random.Random:
    return random.Random(secrets.randbits(64))


def open_attempt(session: Session, account_id: int) -> Attempt | None:
    return session.exec(select(Attempt).where(Attempt.account_id == account_id, Attempt.finished_at.is_(None))).first()


# The engine's view of each pool (a dimension's questions for one audience), rebuilt when the
# calibration read by item_parameters changes.
_pools: dict[tuple[int, int, str], tuple[Content, object, dict[str, adaptive.ItemModel], list[adaptive.ItemModel]]] = {}


def _models(session: Session, bank: Content, items) -> dict[str, adaptive.ItemModel]:
    parameters = item_parameters.calibrated(session, bank.version)
    return {item.id: item_parameters.model_of(item, parameters) for item in items}


def _pool_models(session: Session, bank: Content, dimension: int, audience: str
                 ) -> tuple[dict[str, adaptive.ItemModel], list[adaptive.ItemModel]]:
    parameters = item_parameters.calibrated(session, bank.version)
    key = (id(bank), dimension, audience)  # the bank is kept in the entry: its id stays its own
    cached = _pools.get(key)
    if cached is None or cached[0] is not bank or cached[1] is not parameters:
        models = _models(session, bank, [q for q in bank.dimension(dimension).questions if audience in q.audiences])
        cached = _pools[key] = (bank, parameters, models, list(models.values()))
    return cached[2], cached[3]


_ANSWERS, _ATTEMPTS = Answer.__table__, Attempt.__table__
# The answer path runs on every answer: its statements are built once, on plain columns.
_OPEN_ATTEMPT = core_select(
    _ATTEMPTS.c.id, _ATTEMPTS.c.dimension, _ATTEMPTS.c.audience, _ATTEMPTS.c.full_run,
    _ATTEMPTS.c.current_item_id, _ATTEMPTS.c.current_offered_at, _ATTEMPTS.c.current_order,
).where(_ATTEMPTS.c.account_id == bindparam("account_id"), _ATTEMPTS.c.finished_at.is_(None)).limit(1)
_RESPONSES = core_select(_ANSWERS.c.item_id, _ANSWERS.c.correct, _ANSWERS.c.seconds).where(
    _ANSWERS.c.attempt_id == bindparam("attempt_id")).order_by(_ANSWERS.c.position)
_SEEN_BEFORE = core_select(_ANSWERS.c.item_id).join(_ATTEMPTS, _ATTEMPTS.c.id == _ANSWERS.c.attempt_id).where(
    _ATTEMPTS.c.account_id == bindparam("account_id"), _ATTEMPTS.c.dimension == bindparam("dimension"),
    _ATTEMPTS.c.id != bindparam("attempt_id"))
# The next question goes on the attempt only if the one answered is still its current one.
_PUT_NEXT = update(_ATTEMPTS).where(
    _ATTEMPTS.c.id == bindparam("attempt_id"), _ATTEMPTS.c.current_item_id == bindparam("answered"),
).values(current_item_id=bindparam("next_item"), current_offered_at=None, current_order=bindparam("order"),
         finished_at=bindparam("finished_at"), level=bindparam("level"))
# An answer to a question answered already (twice at once, from two tabs) inserts nothing.
_INSERT_ANSWER = {
    "sqlite": sqlite.insert(_ANSWERS).on_conflict_do_nothing(),
    "postgresql": postgresql.insert(_ANSWERS).on_conflict_do_nothing(),
}


def _responses(connection, attempt_id: int, models: dict[str, adaptive.ItemModel]) -> list[adaptive.Response]:
    """The attempt's answers so far, as the model reads them."""
    rows = connection.execute(_RESPONSES, {"attempt_id": attempt_id}).all()
    return [adaptive.Response(models[item_id], correct, seconds) for item_id, correct, seconds in rows
            if item_id in models]


# An attempt's earlier attempts of the same dimension are all finished (one open attempt per
# person): what they asked cannot change while it is open. Kept per attempt.
_seen: dict[tuple[int, int | None, int], frozenset[str]] = {}
_SEEN_KEPT = 50_000


def _seen_before(connection, attempt_id: int, account_id: int | None, dimension: int) -> frozenset[str]:
    """The questions of this dimension the person answered in earlier attempts: a retake asks others first."""
    key = (attempt_id, account_id, dimension)
    seen = _seen.get(key)
    if seen is None:
        if len(_seen) >= _SEEN_KEPT:
            _seen.clear()
        seen = _seen[key] = frozenset(connection.execute(
            _SEEN_BEFORE, {"account_id": account_id, "dimension": dimension, "attempt_id": attempt_id}).scalars())
    return seen


def _draw_order(item: Item) -> str:
    """The order the choices of a question are shown in ("2031": the bank's choice 2 first)."""
    return "".join(str(i) for i in _rng().sample(range(item.choice_count), item.choice_count))


def _next_for(connection, bank: Content, attempt_id: int, account_id: int | None, dimension: int,
              pool: list[adaptive.ItemModel], responses: list[adaptive.Response]
              ) -> tuple[adaptive.ItemModel | None, str | None, int | None]:
    """The next question and the order of its choices, or (None, None, level) when the test is over."""
    post = adaptive.posterior(responses)
    model = adaptive.next_item(pool, responses, _seen_before(connection, attempt_id, account_id, dimension), _rng(),
                               post=post)
    if model is None:
        return None, None, adaptive.level(responses, post=post)
    return model, _draw_order(bank.items[model.id]), None


def _choose_next(session: Session, attempt: Attempt, now: datetime, bank: Content,
                 responses: list[adaptive.Response]) -> None:
    """Put the next question on the attempt (its choices' order drawn), or finish it with its level."""
    _, pool = _pool_models(session, bank, attempt.dimension, attempt.audience)
    model, order, level = _next_for(session.connection(), bank, attempt.id, attempt.account_id, attempt.dimension,
                                    pool, responses)
    attempt.current_item_id = model.id if model else None
    attempt.current_offered_at, attempt.current_order = None, order
    if model is None:
        attempt.finished_at = now
        attempt.level = level
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
    _choose_next(session, attempt, now, bank, [])
    return Outcome(value=attempt.id)


# What a tab showed: (attempt id, question id, when).
Shown = tuple[int, str, datetime]


def _shown_here(shown: Shown | None, attempt_id: int, item_id: str) -> datetime | None:
    return shown[2] if shown and shown[0] == attempt_id and shown[1] == item_id else None


def current_question(session: Session, account_id: int, bank: Content, now: datetime,
                     shown: Shown | None = None) -> Question | None:
    """The question on screen for the test in progress. The first time it is shown, its clock
    starts (when the asking tab showed it already, `shown`, at that time: a reload does not
    restart it); a reload shows the same order of choices."""
    attempt = open_attempt(session, account_id)
    if attempt is None or attempt.current_item_id is None:
        return None
    if attempt.content_version != bank.version or attempt.current_item_id not in bank.items:
        # The bank changed under a test in progress: it cannot go on with another scale.
        attempt.finished_at, attempt.current_item_id = now, None
        session.add(attempt)
        return None
    item = bank.items[attempt.current_item_id]
    if not attempt.current_order:
        attempt.current_order = _draw_order(item)
        session.add(attempt)
    if attempt.current_offered_at is None:
        attempt.current_offered_at = min(now, _shown_here(shown, attempt.id, item.id) or now)
        session.add(attempt)
    answered = session.exec(select(func.count()).select_from(Answer).where(Answer.attempt_id == attempt.id)).one()
    order = tuple(int(i) for i in attempt.current_order)
    return Question(attempt.id, attempt.dimension, answered + 1, item.id, order, attempt.full_run,
                    attempt.current_offered_at)


def answer(session: Session, account_id: int, item_id: str, shown_choice: int, bank: Content,
           now: datetime, shown: Shown | None = None) -> Outcome[Feedback]:
    """The choice at position `shown_choice` on screen, mapped back to the bank through the
    order the server drew for it. `shown`: the question the answering tab shows and since
    when (« Suivant » shows the next question without writing anything). The question must
    have been shown, by this tab or by a load; its clock is the earliest showing. A tab that
    shows another attempt's question is refused (its choices were in another order).

    One transaction of plain statements: the answer, then the next question (or the level)."""
    session.flush()
    connection = session.connection()
    row = connection.execute(_OPEN_ATTEMPT, {"account_id": account_id}).first()
    if row is None:
        return failed("answer", "error.attempt_over")
    attempt_id, dimension, audience, full_run, current_item_id, offered_at, current_order = row
    if item_id != current_item_id or not current_order or (shown and shown[0] != attempt_id):
        return failed("answer", "error.question_not_offered")
    shown_at = _shown_here(shown, attempt_id, item_id)
    if shown_at is not None:
        offered_at = shown_at if offered_at is None else min(offered_at, shown_at)
    if offered_at is None or item_id not in bank.items:
        return failed("answer", "error.question_not_offered")
    item = bank.items[item_id]
    if not isinstance(shown_choice, int) or isinstance(shown_choice, bool) or \
            not 0 <= shown_choice < len(current_order):
        return failed("answer", "error.choice_unknown")
    picked = int(current_order[shown_choice])
    models, pool = _pool_models(session, bank, dimension, audience)
    responses = _responses(connection, attempt_id, models)
    correct = picked == item.answer
    seconds = max(0.0, (now - offered_at).total_seconds())
    inserted = connection.execute(_INSERT_ANSWER[connection.dialect.name], {
        "attempt_id": attempt_id, "position": len(responses) + 1, "item_id": item_id, "difficulty": item.level,
        "choice": picked, "correct": correct, "seconds": seconds, "answered_at": now,
    })
    if inserted.rowcount != 1:  # the same answer sent twice at once
        return failed("answer", "error.question_not_offered")
    responses.append(adaptive.Response(models[item_id], correct, seconds))
    model, order, level = _next_for(connection, bank, attempt_id, account_id, dimension, pool, responses)
    moved = connection.execute(_PUT_NEXT, {
        "attempt_id": attempt_id, "answered": item_id, "next_item": model.id if model else None, "order": order,
        "finished_at": now if model is None else None, "level": level,
    })
    if moved.rowcount != 1:  # another tab answered it meanwhile: the caller rolls back
        return failed("answer", "error.question_not_offered")
    if model is not None:
        following = Question(attempt_id, dimension, len(responses) + 1, model.id, tuple(int(i) for i in order),
                             full_run)
        return Outcome(value=Feedback(correct, picked, None, None, following))
    next_dimension = None
    if full_run and dimension < max(DIMENSIONS):
        next_dimension = dimension + 1
        start(session, account_id, next_dimension, bank, now, full_run=True)
    return Outcome(value=Feedback(correct, picked, level, next_dimension))
