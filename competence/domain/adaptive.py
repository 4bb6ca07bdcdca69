"""The adaptive positioning test, for one dimension: which question comes next, when
to stop, and which level the answers show. Pure functions; no database.

The model. A person of level L (1 Novice … 5 Expert) knows the answer to a question
of difficulty d with probability sigmoid(A·(L − d + ½)): almost surely below their
level, rarely above it. Not knowing, they guess among the choices (1/3 or 1/4), and
knowing, they still slip now and then (SLIP). The test keeps a probability for each
of the five levels, starts centred on the middle, and updates it with each answer
(Bayes). The next question is the unasked one whose answer is expected to leave the
least uncertainty (lowest expected entropy). The test stops when one level holds
SETTLED of the probability, or after MAX_QUESTIONS; the level is the most probable.

Response time. A right answer given very fast (under FAST_SECONDS: likely a lucky
click) or very slow (over SLOW_SECONDS: likely looked up) is weaker evidence: its
likelihood is raised to a power below 1 (a tempered update), so it moves the
estimate less. A wrong answer counts fully whatever its time.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Sequence

from competence.domain.content import Item

LEVELS = 5
A = 6  # how sharply knowing falls off around one's level
SLIP = 0.05
PRIOR = (0.1, 0.2, 0.4, 0.2, 0.1)  # start in the middle
SETTLED = 0.92
MIN_QUESTIONS = 3
MAX_QUESTIONS = 12
FAST_SECONDS = 4.0
SLOW_SECONDS = 150.0
FAST_WEIGHT = 0.4
SLOW_WEIGHT = 0.6


@dataclass(frozen=True)
class Response:
    difficulty: int
    choice_count: int
    correct: bool
    seconds: float


def p_correct(level: int, difficulty: int, choice_count: int) -> float:
    knows = 1.0 / (1.0 + math.exp(-A * (level - difficulty + 0.5)))
    guess = 1.0 / choice_count
    return guess + (1.0 - guess) * knows * (1.0 - SLIP)


def evidence_weight(correct: bool, seconds: float) -> float:
    if not correct:
        return 1.0
    if seconds < FAST_SECONDS:
        return FAST_WEIGHT
    if seconds > SLOW_SECONDS:
        return SLOW_WEIGHT
    return 1.0


def _update(belief: Sequence[float], difficulty: int, choice_count: int, correct: bool, weight: float) -> list[float]:
    updated = []
    for level, probability in enumerate(belief, start=1):
        p = p_correct(level, difficulty, choice_count)
        updated.append(probability * (p if correct else 1.0 - p) ** weight)
    total = sum(updated)
    return [value / total for value in updated]


def belief(responses: Sequence[Response]) -> list[float]:
    """The probability of each level (index 0 = Novice) given the answers so far."""
    current = list(PRIOR)
    for r in responses:
        current = _update(current, r.difficulty, r.choice_count, r.correct, evidence_weight(r.correct, r.seconds))
    return current


def level(responses: Sequence[Response]) -> int:
    """The most probable level, 1..5 (the lower one on a tie)."""
    current = belief(responses)
    return current.index(max(current)) + 1


def is_settled(responses: Sequence[Response]) -> bool:
    if len(responses) >= MAX_QUESTIONS:
        return True
    return len(responses) >= MIN_QUESTIONS and max(belief(responses)) >= SETTLED


def _entropy(distribution: Sequence[float]) -> float:
    return -sum(p * math.log(p) for p in distribution if p > 0)


def _expected_entropy(current: Sequence[float], item: Item) -> float:
    choices = item.choice_count
    p_right = sum(p * p_correct(lvl, item.level, choices) for lvl, p in enumerate(current, start=1))
    right = _update(current, item.level, choices, True, 1.0)
    wrong = _update(current, item.level, choices, False, 1.0)
    return p_right * _entropy(right) + (1 - p_right) * _entropy(wrong)


def next_item(pool: Sequence[Item], responses: Sequence[Response], asked: set[str], rng: random.Random) -> Item | None:
    """The most informative question not yet asked, or None when the test is over.

    `pool` is already restricted to the person's audience. Among equally good
    questions one is drawn at random, so two learners rarely see the same test."""
    if is_settled(responses):
        return None
    candidates = [item for item in pool if item.id not in asked]
    if not candidates:
        return None
    current = belief(responses)
    scored = [(round(_expected_entropy(current, item), 6), item) for item in candidates]
    best = min(score for score, _ in scored)
    return rng.choice([item for score, item in scored if score == best])
