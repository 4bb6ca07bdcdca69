"""The parameters the engine uses for each question: measured ones (admin calibrate, see
calibration.py) once enough people answered it, its level label's otherwise."""

from __future__ import annotations

import time

from sqlalchemy import func
from sqlmodel import Session, select

from competence.domain import adaptive
from competence.domain.content import Item
from competence.models import ItemCalibration

# Below this many answers a fitted difficulty is still too loose to beat the label: measured
# by benchmarks/calibration.py, the error of a fitted difficulty falls under 0.3 (a third of
# a level's band) from about 150 answers to the question.
MIN_ANSWERS = 150
_CACHE_SECONDS = 300.0  # a new calibration reaches every worker within five minutes
_cache: dict[str, tuple[float, dict[str, tuple[float, float]]]] = {}


def calibrated(session: Session, content_version: str) -> dict[str, tuple[float, float]]:
    """(difficulty, discrimination) of the questions of this bank that the latest run measured
    on at least MIN_ANSWERS answers; read from the database at most every five minutes."""
    now = time.monotonic()
    cached = _cache.get(content_version)
    if cached and now - cached[0] < _CACHE_SECONDS:
        return cached[1]
    latest = session.exec(
        select(func.max(ItemCalibration.run)).where(ItemCalibration.content_version == content_version)
    ).one()
    rows = session.exec(
        select(ItemCalibration.item_id, ItemCalibration.difficulty, ItemCalibration.discrimination)
        .where(ItemCalibration.run == latest, ItemCalibration.content_version == content_version,
               ItemCalibration.answers >= MIN_ANSWERS)
    ).all() if latest is not None else []
    parameters = {item_id: (difficulty, discrimination) for item_id, difficulty, discrimination in rows}
    _cache[content_version] = (now, parameters)
    return parameters


def forget_cache() -> None:
    _cache.clear()


def model_of(item: Item, parameters: dict[str, tuple[float, float]]) -> adaptive.ItemModel:
    """The engine's view of a question: its measured parameters, or its label's."""
    if item.id in parameters:
        difficulty, discrimination = parameters[item.id]
        return adaptive.ItemModel(item.id, difficulty, discrimination, item.choice_count)
    return adaptive.labelled(item.id, item.level, item.choice_count)
