"""The versioned content (competence/content/): dimensions, levels, questions and
activities, validated when loaded so a broken file stops the start, not a learner."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
DIMENSION_COUNT = 12


class ContentError(ValueError):
    """A content file does not follow competence/content/SCHEMA.md."""


@dataclass(frozen=True)
class Item:
    """A question of the positioning test, or a learning activity: same shape."""

    id: str
    dimension: int
    level: int
    audiences: frozenset[str]
    situation: str
    question: str
    choices: tuple[str, ...]
    answer: int
    complement: str


@dataclass(frozen=True)
class Dimension:
    number: int
    name: str
    short: str
    description: str
    questions: tuple[Item, ...]
    activities: tuple[Item, ...]


@dataclass(frozen=True)
class Content:
    version: str
    levels: tuple[str, ...]
    audiences: tuple[str, ...]
    dimensions: tuple[Dimension, ...]

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for d in self.dimensions for item in d.questions + d.activities}

    def dimension(self, number: int) -> Dimension:
        return self.dimensions[number - 1]

    def level_name(self, level: int) -> str:
        return self.levels[level - 1]


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise ContentError(f"{where}: {message}")


def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key)
    _require(isinstance(value, str) and value.strip() != "", where, f"'{key}' must be a non-empty string")
    return value.strip()


def _item(raw: dict, dimension: int, prefix: str, levels: int, audiences: tuple[str, ...]) -> Item:
    where = f"d{dimension:02d} {raw.get('id', '?')}"
    _require(isinstance(raw, dict), where, "an item must be a mapping")
    item_id = _text(raw, "id", where)
    _require(item_id.startswith(f"d{dimension:02d}-{prefix}"), where, f"id must start with d{dimension:02d}-{prefix}")
    level = raw.get("level")
    _require(isinstance(level, int) and 1 <= level <= levels, where, f"level must be 1..{levels}")
    item_audiences = raw.get("audiences")
    _require(
        isinstance(item_audiences, list) and item_audiences and set(item_audiences) <= set(audiences),
        where, f"audiences must be a non-empty subset of {audiences}",
    )
    choices = raw.get("choices")
    _require(isinstance(choices, list) and 3 <= len(choices) <= 4, where, "3 or 4 choices")
    _require(all(isinstance(c, str) and c.strip() for c in choices), where, "choices must be non-empty strings")
    _require(len(set(choices)) == len(choices), where, "choices must differ")
    answer = raw.get("answer")
    _require(isinstance(answer, int) and 0 <= answer < len(choices), where, "answer must index a choice")
    return Item(
        id=item_id, dimension=dimension, level=level, audiences=frozenset(item_audiences),
        situation=_text(raw, "situation", where), question=_text(raw, "question", where),
        choices=tuple(c.strip() for c in choices), answer=answer, complement=_text(raw, "complement", where),
    )


def _dimension(path: Path, levels: int, audiences: tuple[str, ...]) -> Dimension:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    _require(isinstance(raw, dict), where, "must be a mapping")
    number = raw.get("number")
    _require(isinstance(number, int) and 1 <= number <= DIMENSION_COUNT, where, "number must be 1..12")
    short = _text(raw, "short", where)
    _require(len(short) <= 28, where, "short must fit a radar axis (28 characters)")
    return Dimension(
        number=number, name=_text(raw, "name", where), short=short, description=_text(raw, "description", where),
        questions=tuple(_item(q, number, "q", levels, audiences) for q in raw.get("questions") or []),
        activities=tuple(_item(a, number, "a", levels, audiences) for a in raw.get("activities") or []),
    )


def load_content(folder: Path = CONTENT_DIR) -> Content:
    meta = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    levels, audiences = tuple(meta["levels"]), tuple(meta["audiences"])
    dimensions = sorted(
        (_dimension(path, len(levels), audiences) for path in sorted((folder / "dimensions").glob("d*.yaml"))),
        key=lambda d: d.number,
    )
    _require([d.number for d in dimensions] == list(range(1, DIMENSION_COUNT + 1)), str(folder),
             "dimensions 1 to 12, once each")
    ids = [item.id for d in dimensions for item in d.questions + d.activities]
    _require(len(ids) == len(set(ids)), str(folder), "item ids must be unique")
    return Content(version=str(meta["version"]), levels=levels, audiences=audiences, dimensions=tuple(dimensions))


@lru_cache(maxsize=1)
def content() -> Content:
    return load_content()
