"""A person's results: current level per dimension, their history, the global level,
and the learning activities (« Activer ») recommended from the weakest dimensions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from competence.domain.content import Content, Item
from competence.domain.outcome import Outcome, failed
from competence.models import ActivityCompletion, Answer, Attempt


@dataclass(frozen=True)
class Result:
    level: int
    at: datetime
    questions: int  # how many answers the level rests on


@dataclass(frozen=True)
class Progress:
    history: dict[int, list[Result]]  # dimension -> results, oldest first
    in_progress: int | None  # dimension of the test left open

    def current(self, dimension: int) -> Result | None:
        results = self.history.get(dimension)
        return results[-1] if results else None

    @property
    def global_level(self) -> int | None:
        return global_level([results[-1].level for results in self.history.values()])


def round_level(mean: float | None) -> int | None:
    """A mean of levels as a level: halves round up (2.5 is Compétent), as the real platform shows."""
    return None if mean is None else int(float(mean) + 0.5)  # PostgreSQL's AVG is a Decimal


def global_level(levels: list[int]) -> int | None:
    """The rounded mean of the assessed dimensions."""
    return round_level(sum(levels) / len(levels)) if levels else None


def progress(session: Session, account_id: int) -> Progress:
    rows = session.exec(
        select(Attempt.dimension, Attempt.level, Attempt.finished_at, Attempt.current_item_id, func.count(Answer.id))
        .outerjoin(Answer, Answer.attempt_id == Attempt.id)
        .where(Attempt.account_id == account_id)
        .group_by(Attempt.id)
        .order_by(Attempt.finished_at)
    ).all()
    history: dict[int, list[Result]] = defaultdict(list)
    in_progress = None
    for dimension, level, finished_at, current_item, questions in rows:
        if finished_at is None:
            in_progress = dimension if current_item else None
        elif level is not None:
            history[dimension].append(Result(level, finished_at, questions))
    return Progress(dict(history), in_progress)


def recommended_dimensions(bank: Content, state: Progress) -> list[int]:
    """Weakest assessed dimensions first (lowest level, then oldest result), then the others."""
    assessed = sorted(state.history, key=lambda d: (state.current(d).level, state.current(d).at, d))
    return assessed + [d.number for d in bank.dimensions if d.number not in state.history]


def activities_for(bank: Content, dimension: int, audience: str, level: int | None = None) -> list[Item]:
    """The dimension's activities for the audience; with a level, those one step above it
    (the nearest step there is when none is written for that one)."""
    mine = [a for a in bank.dimension(dimension).activities if audience in a.audiences]
    if level is None or not mine:
        return mine
    target = min(level + 1, bank.level_count)
    nearest = min(abs(a.level - target) for a in mine)
    return [a for a in mine if abs(a.level - target) == nearest]


def completed(session: Session, account_id: int) -> set[str]:
    return set(session.exec(select(ActivityCompletion.item_id).where(ActivityCompletion.account_id == account_id)).all())


@dataclass(frozen=True)
class ActivityDone:
    correct: bool
    picked: int


def complete_activity(session: Session, account_id: int, audience: str, item_id: str, choice: int, bank: Content,
                      now: datetime) -> Outcome[ActivityDone]:
    """Record an activity done: only one of the person's audience, with an existing choice."""
    item = bank.items.get(item_id) if isinstance(item_id, str) else None
    if item is None or item not in bank.dimension(item.dimension).activities or audience not in item.audiences:
        return failed("activity", "error.invalid_request")
    if not isinstance(choice, int) or isinstance(choice, bool) or not 0 <= choice < item.choice_count:
        return failed("activity", "error.choice_unknown")
    correct = choice == item.answer
    session.add(ActivityCompletion(account_id=account_id, item_id=item.id, dimension=item.dimension, correct=correct,
                                   content_version=bank.version, completed_at=now))
    return Outcome(value=ActivityDone(correct, choice))
