"""The calibration fit recovers known question parameters from simulated answers, and
reports the questions whose label its measure contradicts."""

import random

import numpy as np
import pytest
from sqlmodel import select

from competence.domain import adaptive, calibration, next_question

# Tolerances for 1,500 simulated attempts of 12 questions each (600 answers per question):
# the fitted difficulty within 0.3 of the truth in root mean square (under a third of a
# level's band; measured: 0.19-0.20 on three seeds), the discrimination within 0.9, about a
# third of a typical 2.5 (measured: 0.71-0.80; with guessing, discrimination is the loosest
# parameter of any IRT fit).
DIFFICULTY_RMSE = 0.3
DISCRIMINATION_RMSE = 0.9


def simulated(items, people: int, rng: random.Random):
    """Answers of people spread over the five levels, each to 12 of the questions."""
    observations = []
    for person in range(people):
        theta = rng.uniform(-2.5, 2.5)
        for item_id, _, difficulty, discrimination in rng.sample(items, 12):
            model = adaptive.ItemModel(item_id, difficulty, discrimination, 4)
            observations.append(calibration.Observation(person, item_id, rng.random() < model.p_correct(theta)))
    return observations


@pytest.fixture(scope="module")
def bank():
    rng = random.Random(11)
    items = [(f"d01-q{level}{k}", level, adaptive.label_difficulty(level) + rng.gauss(0, 0.2),
              float(np.exp(rng.gauss(np.log(2.5), 0.3)))) for level in range(1, 6) for k in range(6)]
    # Two questions carry a wrong label: really a level 5 and a level 1.
    items[0] = (items[0][0], 1, adaptive.label_difficulty(5), 2.5)
    items[-1] = (items[-1][0], 5, adaptive.label_difficulty(1), 2.5)
    observations = simulated(items, 1500, rng)
    fitted = calibration.calibrate(observations, {i[0]: i[1] for i in items}, {i[0]: 4 for i in items})
    return items, {f.item_id: f for f in fitted}


def test_known_parameters_are_recovered(bank):
    items, fitted = bank
    difficulty_error = [fitted[item_id].difficulty - b for item_id, _, b, _ in items]
    discrimination_error = [fitted[item_id].discrimination - a for item_id, _, _, a in items]
    assert np.sqrt(np.mean(np.square(difficulty_error))) < DIFFICULTY_RMSE
    assert np.sqrt(np.mean(np.square(discrimination_error))) < DISCRIMINATION_RMSE
    assert sum(f.answers for f in fitted.values()) == 1500 * 12


def test_wrong_labels_are_reported(bank):
    items, fitted = bank
    contradicted = {f.item_id for f in fitted.values() if f.contradicts_label}
    assert {items[0][0], items[-1][0]} <= contradicted
    assert len(contradicted) <= 6  # the true ones near a band's edge may cross it; no more


def test_admin_calibration_stores_a_run_that_the_test_then_uses(session, keys):
    from datetime import timedelta

    from competence.domain import item_parameters
    from competence.domain.content import content
    from competence.models import Answer, Attempt, ItemCalibration
    from tests.unit.conftest import NOW, make_account

    bank, rng = content(), random.Random(5)
    pool = [q for q in bank.dimension(1).questions if "secondaire" in q.audiences]
    account = make_account(session, keys, "Élève")
    for person in range(420):  # about 170 answers to each of the 25 questions
        theta = rng.uniform(-2.5, 2.5)
        attempt = Attempt(account_id=account, dimension=1, audience="secondaire", content_version=bank.version,
                          started_at=NOW, finished_at=NOW, level=3)
        session.add(attempt)
        session.flush()
        for position, item in enumerate(rng.sample(pool, 10), start=1):
            right = rng.random() < adaptive.labelled(item.id, item.level, 4).p_correct(theta)
            session.add(Answer(attempt_id=attempt.id, position=position, item_id=item.id, difficulty=item.level,
                               choice=item.answer if right else (item.answer + 1) % 4, correct=right, seconds=20.0,
                               answered_at=NOW + timedelta(seconds=position)))
    session.commit()

    fitted = calibration.calibrate_bank(session, bank, NOW)
    session.commit()
    assert set(fitted) == {1} and len(fitted[1]) == len(pool)
    stored = session.exec(select(ItemCalibration)).all()
    assert {row.run for row in stored} == {1} and len(stored) == len(pool)

    item_parameters.forget_cache()
    measured = item_parameters.calibrated(session, bank.version)
    models = next_question.models_of(session, bank, pool)
    used = [item.id for item in pool if item.id in measured]
    assert used and all(models[i].difficulty == measured[i][0] for i in used)
    assert all(stored_row.answers >= item_parameters.MIN_ANSWERS for stored_row in stored if stored_row.item_id in used)
    item_parameters.forget_cache()
