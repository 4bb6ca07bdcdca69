"""Simulated learners that do NOT follow the engine's model, and the ideal engine they are
compared with. Shared by benchmarks/adaptive.py and benchmarks/calibration.py.

The population:
- a level drawn evenly from 1..5, and an ability θ drawn evenly inside that level's band
  (so a learner can sit anywhere in a level, near an edge or in the middle);
- each question's true difficulty is what its level label means plus noise (the writers'
  label is only a guess: NOISE_LEVELS are reported), its discrimination varies (log-normal
  around DISCRIMINATION), its guessing is above a blind guess (a partial knowledge of the choices
  rules one out now and then) and its slips vary by question;
- answer times: known answers 8-60 s, guesses are quick clicks half of the time.

The ideal engine knows all that: every question's true parameters (difficulty,
discrimination, guessing, slip) and the population's distribution of ability. It keeps
the posterior of the continuous ability, asks the question whose answer is expected to
tell the most about the level (lowest expected entropy of the level), and names the level
whose band holds the most posterior probability (the Bayes decision). With four choices and
guessing, its exact level is about the limit any engine could reach with that many
questions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from competence.domain import adaptive

BAND_EDGES = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]
# Typical discrimination, per level: the chance of knowing a question goes from 20 % to 80 %
# over about one level (what a question written for a level should do); it varies by
# question, log-normally (most between 1.3 and 4.5).
DISCRIMINATION = 2.5
NOISE_LEVELS = (0.3, 0.5, 0.7)  # standard deviation of true difficulty around the label's


@dataclass(frozen=True)
class TrueItem:
    id: str
    level: int  # the writers' label
    choice_count: int
    difficulty: float
    discrimination: float
    guessing: float
    slip: float

    def p_correct(self, theta):
        return self.guessing + (1 - self.slip - self.guessing) / (1 + np.exp(-self.discrimination * (theta - self.difficulty)))


def true_items(items, noise: float, rng: random.Random, mislabel_share: float = 0.0) -> list[TrueItem]:
    """The bank's questions as they really behave. With `mislabel_share`, that share of the
    labels is wrong by one level or two (the question is really easier or harder)."""
    out = []
    for item in items:
        shift = 0
        if rng.random() < mislabel_share:
            shift = rng.choice([s for s in (-2, -1, 1, 2) if 1 <= item.level + s <= 5])
        out.append(TrueItem(
            item.id, item.level, item.choice_count,
            difficulty=adaptive.label_difficulty(item.level + shift) + rng.gauss(0, noise),
            discrimination=float(np.exp(rng.gauss(np.log(DISCRIMINATION), 0.35))),
            guessing=1 / item.choice_count + rng.uniform(0.0, 0.08),
            slip=rng.uniform(0.02, 0.10),
        ))
    return out


def draw_learner(rng: random.Random) -> tuple[int, float]:
    level = rng.randint(1, 5)
    return level, rng.uniform(BAND_EDGES[level - 1], BAND_EDGES[level])


def answer(item: TrueItem, theta: float, rng: random.Random) -> tuple[bool, float]:
    knows = rng.random() < (float(item.p_correct(theta)) - item.guessing) / (1 - item.guessing)
    if knows:
        return True, rng.uniform(8, 60)
    seconds = rng.uniform(1, 4) if rng.random() < 0.5 else rng.uniform(10, 60)
    return rng.random() < item.guessing, seconds


# ---- The ideal engine -------------------------------------------------------------------

GRID = adaptive.GRID
_IN_POPULATION = (GRID >= BAND_EDGES[0]) & (GRID <= BAND_EDGES[-1])
POPULATION_PRIOR = _IN_POPULATION / _IN_POPULATION.sum()


def ideal_level(items: list[TrueItem], theta: float, count: int, rng: random.Random) -> int:
    """The ideal engine's level for a learner of ability θ after `count` questions."""
    post = POPULATION_PRIOR.copy()
    remaining = list(items)
    bands = np.eye(adaptive.LEVELS)[adaptive.BAND - 1]
    for _ in range(min(count, len(remaining))):
        # The question whose answer leaves the least uncertainty about the level, on average.
        p = np.array([item.p_correct(GRID) for item in remaining])
        right, wrong = post * p, post * (1 - p)
        p_right = right.sum(axis=1)
        expected = [
            pr * _entropy((r @ bands) / pr) + (1 - pr) * _entropy((w @ bands) / (1 - pr))
            for pr, r, w in zip(p_right, right, wrong)
        ]
        item = remaining.pop(int(np.argmin(expected)))
        correct, _ = answer(item, theta, rng)
        p = item.p_correct(GRID)
        post = post * (p if correct else 1 - p)
        post /= post.sum()
    return int(np.argmax(adaptive.band_probabilities(post))) + 1


def _entropy(probabilities: np.ndarray) -> float:
    nonzero = probabilities[probabilities > 0]
    return float(-(nonzero * np.log(nonzero)).sum())


def true_band(theta: float) -> int:
    return int(np.searchsorted(adaptive.CUTS, theta)) + 1
