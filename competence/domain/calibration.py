"""Calibrating the questions from real answers (python -m competence.admin calibrate).

For each dimension, a marginal maximum likelihood fit (Bock & Aitkin's EM) of every
question's difficulty and discrimination under the engine's model (adaptive.py: 4PL with
the guessing and the slip known), from the stored answers. Each finished attempt counts as
one person; abilities are integrated out on a grid, over their distribution as the answers
show it (an empirical histogram, estimated with the items). The scale is the engine's: each
question's difficulty has its label as a weak prior (within about LABEL_SD of what the label
means), so the labels together fix where the level bands lie, while enough answers to one
question outweigh its own wrong label. A question whose fitted
difficulty is nearer another level's than its own, or that discriminates little, is
reported for review; the engine uses a question's fitted parameters once item_parameters.MIN_ANSWERS
people answered it.

Why our own fit: CAT answers are sparse (each person sees about ten of forty questions of
a dimension) and the guessing is known. Of the IRT libraries on PyPI, girth (numpy and
scipy only) supports missing answers in its 2PL fit but not with a known guessing floor,
and has had no release since 2021; py-irt needs PyTorch and Pyro; catsim and
adaptivetesting simulate tests and estimate abilities but do not calibrate questions. The
fit below is about sixty lines on scipy, and tests/unit/test_calibration.py shows that it
recovers known parameters from simulated answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

import numpy as np
from scipy.optimize import minimize
from sqlalchemy import func
from sqlmodel import Session, select

from competence.domain import adaptive
from competence.domain.content import Content
from competence.models import Answer, Attempt, ItemCalibration

QUADRATURE = np.linspace(-4.0, 4.0, 41)
_PRIOR = np.exp(-0.5 * (QUADRATURE / adaptive.PRIOR_SD) ** 2)
_PRIOR /= _PRIOR.sum()
LABEL_SD = 0.75  # a writer's label is trusted to within about a level
EM_CYCLES = 40
LOW_DISCRIMINATION = 0.5


@dataclass(frozen=True)
class Observation:
    person: int  # one finished attempt
    item_id: str
    correct: bool


@dataclass(frozen=True)
class Fitted:
    item_id: str
    level: int  # its label
    difficulty: float  # on the engine's scale, where labels mean adaptive.label_difficulty
    discrimination: float
    answers: int

    @property
    def contradicts_label(self) -> bool:
        return adaptive.nearest_label(self.difficulty) != self.level

    @property
    def weak(self) -> bool:
        return self.discrimination < LOW_DISCRIMINATION


def _p(a: np.ndarray, b: np.ndarray, guess: np.ndarray, theta: np.ndarray) -> np.ndarray:
    top = 1.0 - adaptive.SLIP
    logistic = 1.0 / (1.0 + np.exp(-a[:, None] * (theta[None, :] - b[:, None])))
    return np.clip(guess[:, None] + (top - guess[:, None]) * logistic, 1e-6, 1 - 1e-6)


def _m_step(right: np.ndarray, seen: np.ndarray, start: tuple[float, float], anchor: float,
            guess: float) -> tuple[float, float]:
    """The item's (a, b) that best explain its expected right answers at each ability, with
    weak priors: its label (b within about LABEL_SD of what the label means) and a typical
    discrimination. Enough answers outweigh a wrong label."""
    def loss(params):
        a, b = params
        p = _p(np.array([a]), np.array([b]), np.array([guess]), QUADRATURE)[0]
        log_lik = (right * np.log(p) + (seen - right) * np.log(1 - p)).sum()
        log_prior = -0.5 * ((np.log(a) - np.log(adaptive.A_LABELLED)) / 0.5) ** 2 - 0.5 * ((b - anchor) / LABEL_SD) ** 2
        return -(log_lik + log_prior)
    result = minimize(loss, list(start), method="L-BFGS-B", bounds=[(0.1, 6.0), (-5.0, 5.0)])
    return float(result.x[0]), float(result.x[1])


def calibrate(observations: Sequence[Observation], levels: dict[str, int],
              choice_counts: dict[str, int]) -> list[Fitted]:
    """One dimension's questions, fitted on the engine's scale."""
    ids = sorted({o.item_id for o in observations})
    index = {item_id: i for i, item_id in enumerate(ids)}
    people = sorted({o.person for o in observations})
    person_index = {p: i for i, p in enumerate(people)}
    item_of = np.array([index[o.item_id] for o in observations])
    person_of = np.array([person_index[o.person] for o in observations])
    correct = np.array([o.correct for o in observations], dtype=float)
    guess = np.array([1.0 / choice_counts[item_id] for item_id in ids])
    anchor = np.array([adaptive.label_difficulty(levels[item_id]) for item_id in ids])
    a, b = np.full(len(ids), adaptive.A_LABELLED), anchor.copy()
    prior = _PRIOR.copy()
    for _ in range(EM_CYCLES):
        p = _p(a, b, guess, QUADRATURE)[item_of]  # observations x quadrature
        log_terms = np.where(correct[:, None] == 1.0, np.log(p), np.log(1 - p))
        log_lik = np.zeros((len(people), len(QUADRATURE)))
        np.add.at(log_lik, person_of, log_terms)
        weights = np.exp(log_lik - log_lik.max(axis=1, keepdims=True)) * prior
        weights /= weights.sum(axis=1, keepdims=True)
        # The population's own distribution of ability (an empirical histogram, as BILOG does):
        # learners are not spread like a bell curve, and assuming one bends the scale.
        prior = 0.9 * weights.mean(axis=0) + 0.1 * _PRIOR
        per_observation = weights[person_of]
        seen = np.zeros((len(ids), len(QUADRATURE)))
        right = np.zeros((len(ids), len(QUADRATURE)))
        np.add.at(seen, item_of, per_observation)
        np.add.at(right, item_of, per_observation * correct[:, None])
        previous = np.concatenate([a, b])
        for i in range(len(ids)):
            a[i], b[i] = _m_step(right[i], seen[i], (a[i], b[i]), anchor[i], guess[i])
        if np.abs(np.concatenate([a, b]) - previous).max() < 1e-3:
            break
    counts = np.bincount(item_of, minlength=len(ids))
    return [Fitted(item_id, levels[item_id], float(b[i]), float(a[i]), int(counts[i])) for item_id, i in index.items()]


def calibrate_bank(session: Session, bank: Content, now: datetime) -> dict[int, list[Fitted]]:
    """Fit every dimension of the bank in use from its finished attempts, and store the
    result as a new run of item_calibration (the caller commits). Returns what was fitted."""
    run = (session.exec(select(func.max(ItemCalibration.run))).one() or 0) + 1
    results: dict[int, list[Fitted]] = {}
    for dimension in bank.dimensions:
        rows = session.exec(
            select(Answer.attempt_id, Answer.item_id, Answer.correct)
            .join(Attempt, Attempt.id == Answer.attempt_id)
            .where(Attempt.content_version == bank.version, Attempt.dimension == dimension.number,
                   Attempt.level.is_not(None))
        ).all()
        items = {q.id: q for q in dimension.questions}
        observations = [Observation(attempt, item_id, correct) for attempt, item_id, correct in rows if item_id in items]
        if not observations:
            continue
        fitted = calibrate(observations, {i: q.level for i, q in items.items()},
                           {i: q.choice_count for i, q in items.items()})
        session.add_all(ItemCalibration(run=run, content_version=bank.version, item_id=f.item_id,
                                        difficulty=f.difficulty, discrimination=f.discrimination,
                                        answers=f.answers, calibrated_at=now) for f in fitted)
        results[dimension.number] = fitted
    return results
