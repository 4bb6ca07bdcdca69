"""Which question comes next in an attempt: the engine's view of each pool (kept per process,
rebuilt when the calibration changes), the questions a retake has seen already, and the order
a question's choices are shown in."""

from __future__ import annotations

import random

from sqlalchemy import bindparam
from sqlalchemy import select as core_select
from sqlmodel import Session

from competence.domain import adaptive, item_parameters
from competence.domain.content import Content, Item
from competence.models import Answer, Attempt

_ANSWERS, _ATTEMPTS = Answer.__table__, Attempt.__table__

# The operating system's randomness: orders and near-equal choices nobody can predict, and no
# generator to seed for every answer.
_RANDOM = random.SystemRandom()


# The engine's view of each pool (a dimension's questions for one audience), rebuilt when the
# calibration read by item_parameters changes.
_pools: dict[tuple[int, int, str], tuple[Content, object, dict[str, adaptive.ItemModel], list[adaptive.ItemModel]]] = {}


def models_of(session: Session, bank: Content, items) -> dict[str, adaptive.ItemModel]:
    parameters = item_parameters.calibrated(session, bank.version)
    return {item.id: item_parameters.model_of(item, parameters) for item in items}


def pool_models(session: Session, bank: Content, dimension: int, audience: str
                ) -> tuple[dict[str, adaptive.ItemModel], list[adaptive.ItemModel]]:
    parameters = item_parameters.calibrated(session, bank.version)
    key = (id(bank), dimension, audience)  # the bank is kept in the entry: its id stays its own
    cached = _pools.get(key)
    if cached is None or cached[0] is not bank or cached[1] is not parameters:
        models = models_of(session, bank, [q for q in bank.dimension(dimension).questions if audience in q.audiences])
        cached = _pools[key] = (bank, parameters, models, list(models.values()))
    return cached[2], cached[3]


_SEEN_BEFORE = core_select(_ANSWERS.c.item_id).join(_ATTEMPTS, _ATTEMPTS.c.id == _ANSWERS.c.attempt_id).where(
    _ATTEMPTS.c.account_id == bindparam("account_id"), _ATTEMPTS.c.dimension == bindparam("dimension"),
    _ATTEMPTS.c.id != bindparam("attempt_id"))


# An attempt's earlier attempts of the same dimension are all finished (one open attempt per
# person): what they asked cannot change while it is open. Kept per attempt.
_seen: dict[tuple[int, int | None, int], frozenset[str]] = {}
_SEEN_KEPT = 50_000


def keep_seen(key: tuple[int, int | None, int], seen: frozenset[str]) -> None:
    if len(_seen) >= _SEEN_KEPT:
        _seen.clear()
    _seen[key] = seen


def answered_before(connection, account_id: int | None, dimension: int, attempt_id: int) -> frozenset[str]:
    """The questions of this dimension the person answered in attempts other than this one."""
    return frozenset(connection.execute(
        _SEEN_BEFORE, {"account_id": account_id, "dimension": dimension, "attempt_id": attempt_id}).scalars())


def seen_before(connection, attempt_id: int, account_id: int | None, dimension: int) -> frozenset[str]:
    """What the attempt's earlier attempts asked (kept per attempt): a retake asks others first."""
    key = (attempt_id, account_id, dimension)
    seen = _seen.get(key)
    if seen is None:
        seen = answered_before(connection, account_id, dimension, attempt_id)
        keep_seen(key, seen)
    return seen


def draw_order(item: Item) -> str:
    """The order the choices of a question are shown in ("2031": the bank's choice 2 first)."""
    return "".join(str(i) for i in _RANDOM.sample(range(item.choice_count), item.choice_count))


def next_for(bank: Content, seen: frozenset[str], pool: list[adaptive.ItemModel],
             responses: list[adaptive.Response], timed: bool
             ) -> tuple[adaptive.ItemModel | None, str | None, int | None]:
    """The next question and the order of its choices, or (None, None, level) when the test is over."""
    post = adaptive.posterior(responses, timed)
    model = adaptive.next_item(pool, responses, seen, _RANDOM, timed, post=post)
    if model is None:
        return None, None, adaptive.level(responses, timed, post=post)
    return model, draw_order(bank.items[model.id]), None
