"""Taking the positioning test: start or resume an attempt, show the question on
screen, record each answer as it is given, finish with a level.

The server decides everything that counts: which question was offered, whether a
choice is right, how long the answer took. An answer for a question that was not
offered, a choice that does not exist, a second answer, or an answer after the end
is refused and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, insert, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from competence.domain import adaptive, next_question, sessions
from competence.domain.content import Content
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
    offered_at: datetime | None = None  # when it was first shown: its clock


@dataclass(frozen=True)
class Feedback:
    correct: bool
    picked: int  # the bank's index of the choice picked
    finished_level: int | None  # set when this answer ended the attempt
    next_dimension: int | None  # the full positioning goes on with this dimension
    asked: int  # the attempt's answers so far, this one included
    right: int  # how many of them were right
    run_over: bool  # this answer ended a full positioning
    # The attempt's next question, chosen with this answer (its choices' order drawn), not yet
    # shown: « Suivant » shows it, and its clock starts then.
    next_question: Question | None = None


_ANSWERS, _ATTEMPTS, _ACCOUNTS = Answer.__table__, Attempt.__table__, Account.__table__
# The answer path runs on every answer: its statements are built once, on plain columns.
_OPEN_ATTEMPT = core_select(
    _ATTEMPTS.c.id, _ATTEMPTS.c.dimension, _ATTEMPTS.c.audience, _ATTEMPTS.c.full_run,
    _ATTEMPTS.c.current_item_id, _ATTEMPTS.c.current_offered_at, _ATTEMPTS.c.current_order,
    _ATTEMPTS.c.content_version, _ATTEMPTS.c.timed, _ATTEMPTS.c.skip_assessed,
).where(_ATTEMPTS.c.account_id == bindparam("account_id"), _ATTEMPTS.c.finished_at.is_(None)).limit(1)
_RESPONSES = core_select(_ANSWERS.c.item_id, _ANSWERS.c.correct, _ANSWERS.c.seconds).where(
    _ANSWERS.c.attempt_id == bindparam("attempt_id")).order_by(_ANSWERS.c.position)
# The next question goes on the attempt only if the one answered is still its current one.
_PUT_NEXT = update(_ATTEMPTS).where(
    _ATTEMPTS.c.id == bindparam("attempt_id"), _ATTEMPTS.c.current_item_id == bindparam("answered"),
).values(current_item_id=bindparam("next_item"), current_offered_at=None, current_order=bindparam("order"),
         finished_at=bindparam("finished_at"), level=bindparam("level"))
# An answer to a question answered already (twice at once, from two tabs) inserts nothing and
# returns no row (PostgreSQL's rowcount for it is -1 through psycopg: the returned id says it).
_INSERT_ANSWER = {
    "sqlite": sqlite.insert(_ANSWERS).on_conflict_do_nothing().returning(_ANSWERS.c.id),
    "postgresql": postgresql.insert(_ANSWERS).on_conflict_do_nothing().returning(_ANSWERS.c.id),
}


def _responses(connection, attempt_id: int, models: dict[str, adaptive.ItemModel]) -> list[adaptive.Response]:
    """The attempt's answers so far, as the model reads them."""
    rows = connection.execute(_RESPONSES, {"attempt_id": attempt_id}).all()
    return [adaptive.Response(models[item_id], correct, seconds) for item_id, correct, seconds in rows
            if item_id in models]


# The person's role and school level (the audience of their questions), and whether an
# accommodation in one of their groups says answer times do not count.
_ACCOUNT_AUDIENCE = core_select(
    _ACCOUNTS.c.role, _ACCOUNTS.c.school_level,
    sessions.accommodation(Membership.__table__.c.untimed).label("untimed"),
).where(_ACCOUNTS.c.id == bindparam("account_id"))
_CLOSE = update(_ATTEMPTS).where(_ATTEMPTS.c.id == bindparam("attempt_id")).values(
    finished_at=bindparam("now"), current_item_id=None)
_NEW_ATTEMPT = insert(_ATTEMPTS)
_ASSESSED = core_select(_ATTEMPTS.c.dimension).where(
    _ATTEMPTS.c.account_id == bindparam("account_id"), _ATTEMPTS.c.level.is_not(None))


def _next_in_run(connection, account_id: int, after: int, skip_assessed: bool) -> int | None:
    """The dimension a full positioning goes on with after `after` (0: its first): the next
    one, or the next one without a level when the person chose to pass over those assessed."""
    passed_over = set(connection.execute(_ASSESSED, {"account_id": account_id}).scalars()) if skip_assessed else ()
    return next((d for d in DIMENSIONS if d > after and d not in passed_over), None)


def start_full(session: Session, account_id: int, bank: Content, now: datetime, skip_assessed: bool) -> Outcome[int]:
    """« Faire le positionnement complet »: the 12 dimensions in turn, or only those without a level yet."""
    session.flush()
    first = _next_in_run(session.connection(), account_id, 0, skip_assessed)
    if first is None:
        return failed("form", "error.all_assessed")
    return start(session, account_id, first, bank, now, full_run=True, skip_assessed=skip_assessed)


def start(session: Session, account_id: int, dimension: int, bank: Content, now: datetime,
          full_run: bool = False, skip_assessed: bool = False) -> Outcome[int]:
    """Start a dimension (or resume it when it is the one in progress). A test of another
    dimension left open is closed as abandoned: it gives no level. The new attempt comes with
    its first question (its choices' order drawn), not yet shown."""
    if dimension not in DIMENSIONS:
        return failed("form", "error.invalid_request")
    session.flush()
    connection = session.connection()
    account = connection.execute(_ACCOUNT_AUDIENCE, {"account_id": account_id}).first()
    if account is None:
        return failed("form", "error.not_allowed")
    current = connection.execute(_OPEN_ATTEMPT, {"account_id": account_id}).first()
    if current is not None:
        if current.dimension == dimension and current.content_version == bank.version:
            return Outcome(value=current.id)
        connection.execute(_CLOSE, {"attempt_id": current.id, "now": now})
    audience, timed = audience_for(account.school_level, account.role), not account.untimed
    _, pool = next_question.pool_models(session, bank, dimension, audience)
    seen = next_question.answered_before(connection, account_id, dimension, 0)  # a new attempt: all from before
    model, order, level = next_question.next_for(bank, seen, pool, [], timed)
    attempt_id = connection.execute(_NEW_ATTEMPT, {
        "account_id": account_id, "dimension": dimension, "audience": audience, "content_version": bank.version,
        "full_run": full_run, "skip_assessed": full_run and skip_assessed, "timed": timed, "started_at": now,
        "finished_at": None if model else now, "level": level,
        "current_item_id": model.id if model else None, "current_offered_at": None, "current_order": order,
    }).inserted_primary_key[0]
    next_question.keep_seen((attempt_id, account_id, dimension), seen)
    return Outcome(value=attempt_id)


# What a tab showed: (attempt id, question id, when).
Shown = tuple[int, str, datetime]


def _shown_here(shown: Shown | None, attempt_id: int, item_id: str) -> datetime | None:
    return shown[2] if shown and shown[0] == attempt_id and shown[1] == item_id else None


_SHOW = update(_ATTEMPTS).where(_ATTEMPTS.c.id == bindparam("attempt_id")).values(
    current_offered_at=bindparam("offered_at"), current_order=bindparam("order"))
_ANSWERED = core_select(func.count()).select_from(_ANSWERS).where(_ANSWERS.c.attempt_id == bindparam("attempt_id"))


def current_question(session: Session, account_id: int, bank: Content, now: datetime,
                     shown: Shown | None = None) -> Question | None:
    """The question on screen for the test in progress. The first time it is shown, its clock
    starts (when the asking tab showed it already, `shown`, at that time: a reload does not
    restart it); a reload shows the same order of choices."""
    session.flush()
    connection = session.connection()
    attempt = connection.execute(_OPEN_ATTEMPT, {"account_id": account_id}).first()
    if attempt is None or attempt.current_item_id is None:
        return None
    if attempt.content_version != bank.version or attempt.current_item_id not in bank.items:
        # The bank changed under a test in progress: it cannot go on with another scale.
        connection.execute(_CLOSE, {"attempt_id": attempt.id, "now": now})
        return None
    item = bank.items[attempt.current_item_id]
    order, offered_at = attempt.current_order, attempt.current_offered_at
    if not order or offered_at is None:
        order = order or next_question.draw_order(item)
        offered_at = offered_at or min(now, _shown_here(shown, attempt.id, item.id) or now)
        connection.execute(_SHOW, {"attempt_id": attempt.id, "offered_at": offered_at, "order": order})
    answered = connection.execute(_ANSWERED, {"attempt_id": attempt.id}).scalar_one()
    return Question(attempt.id, attempt.dimension, answered + 1, item.id, tuple(int(i) for i in order),
                    attempt.full_run, offered_at)


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
    attempt_id, dimension, offered_at, current_order = row.id, row.dimension, row.current_offered_at, row.current_order
    if item_id != row.current_item_id or not current_order or (shown and shown[0] != attempt_id):
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
    models, pool = next_question.pool_models(session, bank, dimension, row.audience)
    responses = _responses(connection, attempt_id, models)
    correct = picked == item.answer
    seconds = max(0.0, (now - offered_at).total_seconds())
    inserted = connection.execute(_INSERT_ANSWER[connection.dialect.name], {
        "attempt_id": attempt_id, "position": len(responses) + 1, "item_id": item_id, "difficulty": item.level,
        "choice": picked, "correct": correct, "seconds": seconds, "answered_at": now,
    }).first()
    if inserted is None:  # the same answer sent twice at once
        return failed("answer", "error.question_not_offered")
    responses.append(adaptive.Response(models[item_id], correct, seconds))
    seen = next_question.seen_before(connection, attempt_id, account_id, dimension)
    model, order, level = next_question.next_for(bank, seen, pool, responses, row.timed)
    moved = connection.execute(_PUT_NEXT, {
        "attempt_id": attempt_id, "answered": item_id, "next_item": model.id if model else None, "order": order,
        "finished_at": now if model is None else None, "level": level,
    })
    if moved.rowcount != 1:  # another tab answered it meanwhile: the caller rolls back
        return failed("answer", "error.question_not_offered")
    asked, right = len(responses), sum(r.correct for r in responses)
    if model is not None:
        following = Question(attempt_id, dimension, asked + 1, model.id, tuple(int(i) for i in order), row.full_run)
        return Outcome(value=Feedback(correct, picked, None, None, asked, right, False, following))
    next_dimension = _next_in_run(connection, account_id, dimension, row.skip_assessed) if row.full_run else None
    if next_dimension is not None:
        start(session, account_id, next_dimension, bank, now, full_run=True, skip_assessed=row.skip_assessed)
    return Outcome(value=Feedback(correct, picked, level, next_dimension, asked, right,
                                  run_over=row.full_run and next_dimension is None))
