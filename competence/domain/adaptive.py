"""The adaptive positioning test, for one dimension: which question comes next, when to
stop, and which level the answers show. Pure functions; no database.

The model (item response theory, 4PL with known guessing). A person has an ability θ on a
continuous scale; the five levels are bands of it (Novice below -1.5, Intermédiaire to
-0.5, Compétent to 0.5, Avancé to 1.5, Expert above). A question has a difficulty b and a
discrimination a. The chance of a right answer is

    P(θ) = c + (d - c) / (1 + exp(-a (θ - b)))

where c = 1/choices (a blind guess) and d = 1 - SLIP (knowing, one still slips now and
then). Until real answers calibrate a question (admin calibrate), b is the lower edge of its
level label's band (label_difficulty) and a is A_LABELLED.

The test keeps the posterior of θ on a grid, from a prior centred on Compétent, updated by
each answer (Bayes). The next question is the one whose answer is expected to leave the
least uncertainty about the level band (lowest expected entropy of the five band
probabilities); among near-equals one is drawn at random, and questions the learner saw
in an earlier attempt come last. The test stops when one band holds SETTLED of the
probability (after MIN_QUESTIONS), or after MAX_QUESTIONS; the level is the most probable
band.

Response time. A right answer given very fast (under FAST_SECONDS: likely a lucky click) or
very slow (over SLOW_SECONDS: likely looked up) is weaker evidence: its likelihood is
raised to a power below 1 (a tempered update). A wrong answer counts fully whatever its
time. For a learner whose teacher turned the time factor off, every answer counts fully.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Sequence

import numpy as np

LEVELS = 5
CUTS = np.array([-1.5, -0.5, 0.5, 1.5])  # the band edges between levels 1|2, 2|3, 3|4, 4|5
GRID = np.linspace(-4.0, 4.0, 81)
BAND = np.searchsorted(CUTS, GRID) + 1  # the level of each grid point
PRIOR_SD = 1.4  # about the spread of a population even over the five levels
PRIOR = np.exp(-0.5 * (GRID / PRIOR_SD) ** 2)
PRIOR /= PRIOR.sum()
A_LABELLED = 2.0  # discrimination assumed for a question not yet calibrated: a typical 2.5 (from 20 % to
# 80 % over one level), flattened by the label's own uncertainty (about half a level)
SLIP = 0.05
SETTLED = 0.8
MIN_QUESTIONS = 5
MAX_QUESTIONS = 10
NEAR_BEST = 0.02  # questions this close (in expected entropy) to the best one are equally good
FAST_SECONDS = 4.0
SLOW_SECONDS = 150.0
FAST_WEIGHT = 0.4
SLOW_WEIGHT = 0.6


@dataclass(frozen=True)
class ItemModel:
    """What the test knows of a question: its difficulty and discrimination, and its choices."""

    id: str
    difficulty: float
    discrimination: float
    choice_count: int

    def p_correct(self, theta: np.ndarray) -> np.ndarray:
        guess, top = 1.0 / self.choice_count, 1.0 - SLIP
        return guess + (top - guess) / (1.0 + np.exp(-self.discrimination * (theta - self.difficulty)))


def label_difficulty(level: int) -> float:
    """What a level label means: a question of level L is one that people from the bottom of
    level L's band on know (half of those exactly at that edge know it)."""
    return float(CUTS[level - 2]) if level > 1 else float(CUTS[0] - 1.0)


def nearest_label(difficulty: float) -> int:
    """The level whose label's difficulty is nearest to a measured one."""
    return min(range(1, LEVELS + 1), key=lambda level: abs(label_difficulty(level) - difficulty))


def labelled(item_id: str, level: int, choice_count: int) -> ItemModel:
    """A question known only by its level label."""
    return ItemModel(item_id, label_difficulty(level), A_LABELLED, choice_count)


@dataclass(frozen=True)
class Response:
    item: ItemModel
    correct: bool
    seconds: float


def evidence_weight(correct: bool, seconds: float, timed: bool = True) -> float:
    if not correct or not timed:
        return 1.0
    if seconds < FAST_SECONDS:
        return FAST_WEIGHT
    if seconds > SLOW_SECONDS:
        return SLOW_WEIGHT
    return 1.0


def _p_correct(discrimination: np.ndarray, difficulty: np.ndarray, choices: np.ndarray) -> np.ndarray:
    """ItemModel.p_correct for many questions at once: questions x grid."""
    guess = 1.0 / choices
    return guess[:, None] + ((1.0 - SLIP) - guess)[:, None] / (
        1.0 + np.exp(-discrimination[:, None] * (GRID[None, :] - difficulty[:, None])))


def _p_matrix(items: Sequence[ItemModel]) -> np.ndarray:
    return _p_correct(np.array([i.discrimination for i in items], dtype=float),
                      np.array([i.difficulty for i in items], dtype=float),
                      np.array([i.choice_count for i in items], dtype=float))


def posterior(responses: Sequence[Response], timed: bool = True, prior: np.ndarray = PRIOR) -> np.ndarray:
    """The probability of each grid point of θ given the answers so far."""
    log_post = np.log(prior)
    if responses:
        p = _p_matrix([r.item for r in responses])
        correct = np.array([r.correct for r in responses], dtype=bool)
        weights = np.array([evidence_weight(r.correct, r.seconds, timed) for r in responses])
        log_post = log_post + weights @ np.log(np.where(correct[:, None], p, 1.0 - p))
    post = np.exp(log_post - log_post.max())
    return post / post.sum()


def band_probabilities(post: np.ndarray) -> np.ndarray:
    """The probability of each level, index 0 = Novice."""
    return np.bincount(BAND - 1, weights=post, minlength=LEVELS)


def level(responses: Sequence[Response], timed: bool = True, post: np.ndarray | None = None) -> int:
    """The most probable level, 1..5 (`post`: the posterior of these responses, when known)."""
    post = posterior(responses, timed) if post is None else post
    return int(np.argmax(band_probabilities(post))) + 1


def is_settled(responses: Sequence[Response], timed: bool = True, post: np.ndarray | None = None) -> bool:
    if len(responses) >= MAX_QUESTIONS:
        return True
    if len(responses) < MIN_QUESTIONS:
        return False
    post = posterior(responses, timed) if post is None else post
    return band_probabilities(post).max() >= SETTLED


def _entropy(probabilities: np.ndarray) -> np.ndarray:
    safe = np.clip(probabilities, 1e-12, 1.0)
    return -(probabilities * np.log(safe)).sum(axis=-1)


_BANDS = np.eye(LEVELS)[BAND - 1]  # grid x levels


def expected_band_entropy(post: np.ndarray, items: Sequence[ItemModel]) -> np.ndarray:
    """For each candidate, the entropy of the level left after its answer, on average."""
    p = _p_matrix(items)  # candidates x grid
    joint_right, joint_wrong = post * p, post * (1.0 - p)
    p_right = joint_right.sum(axis=1)
    after_right = (joint_right @ _BANDS) / p_right[:, None]
    after_wrong = (joint_wrong @ _BANDS) / (1.0 - p_right)[:, None]
    return p_right * _entropy(after_right) + (1.0 - p_right) * _entropy(after_wrong)


def next_item(pool: Sequence[ItemModel], responses: Sequence[Response], seen_before: set[str],
              rng: random.Random, timed: bool = True, post: np.ndarray | None = None) -> ItemModel | None:
    """The most informative question not yet asked in this attempt, or None when the test is over.

    `pool` is already restricted to the person's audience. Questions seen in an earlier
    attempt are asked only when no unseen one is nearly as informative. `post`: the
    posterior of `responses`, when the caller has it already."""
    post = posterior(responses, timed) if post is None else post
    if is_settled(responses, timed, post):
        return None
    asked = {r.item.id for r in responses}
    candidates = [item for item in pool if item.id not in asked]
    if not candidates:
        return None
    scores = expected_band_entropy(post, candidates)
    best = scores.min()
    unseen = [i for i, item in enumerate(candidates) if item.id not in seen_before and scores[i] <= best + 0.1]
    chosen = unseen or list(range(len(candidates)))
    floor = min(scores[i] for i in chosen)
    return candidates[rng.choice([i for i in chosen if scores[i] <= floor + NEAR_BEST])]
