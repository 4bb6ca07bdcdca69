"""The versioned content (competence/content/): dimensions, levels, questions and
activities in French and English, validated when loaded so a broken file stops the
start, not a learner. Banks of earlier versions stay readable (content/archive/),
so a past answer is always shown with the words the learner read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
ARCHIVE_DIR = CONTENT_DIR / "archive"
DIMENSION_COUNT = 12
LANGUAGES = ("fr", "en")
SOURCE_LANGUAGE = "fr"  # every text exists in French; archived banks are French only


class ContentError(ValueError):
    """A content file does not follow competence/content/SCHEMA.md."""


def french_spacing(text: str) -> str:
    """Québec typography, kept on one line: a no-break space before « : » and inside « ».
    Files use plain spaces (no space at all before ? ! ;); the reader sees no-break ones."""
    return re.sub(r" ([:»])", "\u00a0\\1", re.sub(r"« ", "«\u00a0", text))


@dataclass(frozen=True)
class Wording:
    """An item as a person reads it, in one language."""

    situation: str
    question: str
    choices: tuple[str, ...]
    complement: str


@dataclass(frozen=True)
class Item:
    """A question of the positioning test, or a learning activity: same shape. The
    choices are in the same order in every language; `answer` indexes them."""

    id: str
    dimension: int
    level: int
    audiences: frozenset[str]
    answer: int
    wordings: tuple[tuple[str, Wording], ...]  # (language, wording), French first

    def wording(self, language: str = SOURCE_LANGUAGE) -> Wording:
        return dict(self.wordings).get(language) or self.wordings[0][1]

    @property
    def choice_count(self) -> int:
        return len(self.wordings[0][1].choices)


@dataclass(frozen=True)
class Dimension:
    number: int
    names: tuple[tuple[str, str], ...]
    shorts: tuple[tuple[str, str], ...]
    descriptions: tuple[tuple[str, str], ...]
    questions: tuple[Item, ...]
    activities: tuple[Item, ...]

    def name(self, language: str = SOURCE_LANGUAGE) -> str:
        return _in(self.names, language)

    def short(self, language: str = SOURCE_LANGUAGE) -> str:
        return _in(self.shorts, language)

    def description(self, language: str = SOURCE_LANGUAGE) -> str:
        return _in(self.descriptions, language)


def _in(texts: tuple[tuple[str, str], ...], language: str) -> str:
    return dict(texts).get(language) or texts[0][1]


@dataclass(frozen=True)
class Content:
    version: str
    level_names: tuple[tuple[str, tuple[str, ...]], ...]
    audiences: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    level_meanings: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for d in self.dimensions for item in d.questions + d.activities}

    @property
    def level_count(self) -> int:
        return len(self.level_names[0][1])

    def levels(self, language: str = SOURCE_LANGUAGE) -> tuple[str, ...]:
        return dict(self.level_names).get(language) or self.level_names[0][1]

    def dimension(self, number: int) -> Dimension:
        return self.dimensions[number - 1]

    def level_name(self, level: int, language: str = SOURCE_LANGUAGE) -> str:
        return self.levels(language)[level - 1]

    def level_meaning(self, level: int, language: str = SOURCE_LANGUAGE) -> str:
        meanings = dict(self.level_meanings)
        return (meanings.get(language) or meanings.get(SOURCE_LANGUAGE) or ("",) * level)[level - 1]


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise ContentError(f"{where}: {message}")


def _text(raw: dict, key: str, where: str, language: str | None = None) -> str:
    value = raw.get(key) if isinstance(raw, dict) else None
    _require(isinstance(value, str) and value.strip() != "", where, f"'{key}' must be a non-empty string")
    text = " ".join(value.split())
    return french_spacing(text) if language == "fr" else text


def _languages(raw: dict, where: str) -> list[str]:
    """The languages an entry is written in: `fr` and `en` blocks, or flat French (archived banks)."""
    present = [language for language in LANGUAGES if language in raw]
    if not present:
        return [SOURCE_LANGUAGE]
    _require(present == list(LANGUAGES), where, f"needs a block for each of {LANGUAGES}")
    return present


def _localised(raw: dict, key: str, where: str) -> tuple[tuple[str, str], ...]:
    value = raw.get(key)
    if isinstance(value, dict):
        _require(sorted(value) == sorted(LANGUAGES), where, f"'{key}' needs {LANGUAGES}")
        return tuple((language, _text(value, language, f"{where} {key}", language)) for language in LANGUAGES)
    return ((SOURCE_LANGUAGE, _text(raw, key, where, SOURCE_LANGUAGE)),)


def _wording(raw: dict, where: str, language: str) -> Wording:
    choices = raw.get("choices") if isinstance(raw, dict) else None
    _require(isinstance(choices, list) and 3 <= len(choices) <= 4, where, "3 or 4 choices")
    _require(all(isinstance(c, str) and c.strip() for c in choices), where, "choices must be non-empty strings")
    cleaned = tuple(_text({"choice": c}, "choice", where, language) for c in choices)
    _require(len(set(cleaned)) == len(cleaned), where, "choices must differ")
    return Wording(_text(raw, "situation", where, language), _text(raw, "question", where, language), cleaned,
                   _text(raw, "complement", where, language))


def _item(raw: dict, dimension: int, prefix: str, levels: int, audiences: tuple[str, ...]) -> Item:
    where = f"d{dimension:02d} {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
    _require(isinstance(raw, dict), where, "an item must be a mapping")
    item_id = _text(raw, "id", where)
    _require(re.fullmatch(rf"d{dimension:02d}-{prefix}\d{{2,3}}", item_id) is not None, where,
             f"id must read d{dimension:02d}-{prefix}NN")
    level = raw.get("level")
    _require(isinstance(level, int) and 1 <= level <= levels, where, f"level must be 1..{levels}")
    item_audiences = raw.get("audiences")
    _require(
        isinstance(item_audiences, list) and item_audiences and set(item_audiences) <= set(audiences),
        where, f"audiences must be a non-empty subset of {audiences}",
    )
    languages = _languages(raw, where)
    wordings = tuple(
        (language, _wording(raw[language] if language in raw else raw, f"{where} ({language})", language))
        for language in languages
    )
    count = len(wordings[0][1].choices)
    _require(all(len(w.choices) == count for _, w in wordings), where, "the same number of choices in every language")
    answer = raw.get("answer")
    _require(isinstance(answer, int) and 0 <= answer < count, where, "answer must index a choice")
    return Item(id=item_id, dimension=dimension, level=level, audiences=frozenset(item_audiences), answer=answer,
                wordings=wordings)


def load_dimension(path: Path, levels: int, audiences: tuple[str, ...]) -> Dimension:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    _require(isinstance(raw, dict), where, "must be a mapping")
    number = raw.get("number")
    _require(isinstance(number, int) and 1 <= number <= DIMENSION_COUNT, where, "number must be 1..12")
    shorts = _localised(raw, "short", where)
    _require(all(len(short) <= 28 for _, short in shorts), where, "short must fit a radar axis (28 characters)")
    return Dimension(
        number=number, names=_localised(raw, "name", where), shorts=shorts,
        descriptions=_localised(raw, "description", where),
        questions=tuple(_item(q, number, "q", levels, audiences) for q in raw.get("questions") or []),
        activities=tuple(_item(a, number, "a", levels, audiences) for a in raw.get("activities") or []),
    )


def _per_language(texts) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{fr: [...], en: [...]}, or a bare list (archived banks): French."""
    if isinstance(texts, dict):
        return tuple((language, tuple(french_spacing(t) for t in values)) for language, values in texts.items())
    return ((SOURCE_LANGUAGE, tuple(texts or ())),) if texts else ()


def read_meta(folder: Path) -> dict:
    """The bank's version, its level names and meanings per language and its audiences (content.yaml)."""
    meta = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    return {"version": str(meta["version"]), "level_names": _per_language(meta["levels"]),
            "level_meanings": _per_language(meta.get("level_meanings")), "audiences": tuple(meta["audiences"])}


def load_content(folder: Path = CONTENT_DIR) -> Content:
    meta = read_meta(folder)
    level_names, audiences = meta["level_names"], meta["audiences"]
    level_count = len(level_names[0][1])
    _require(all(len(meanings) == level_count for _, meanings in meta["level_meanings"]), str(folder),
             "one meaning per level")
    dimensions = sorted(
        (load_dimension(path, level_count, audiences) for path in sorted((folder / "dimensions").glob("d*.yaml"))),
        key=lambda d: d.number,
    )
    _require([d.number for d in dimensions] == list(range(1, DIMENSION_COUNT + 1)), str(folder),
             "dimensions 1 to 12, once each")
    ids = [item.id for d in dimensions for item in d.questions + d.activities]
    _require(len(ids) == len(set(ids)), str(folder), "item ids must be unique")
    return Content(version=meta["version"], level_names=level_names, audiences=audiences, dimensions=tuple(dimensions),
                   level_meanings=meta["level_meanings"])


@lru_cache(maxsize=1)
def content() -> Content:
    return load_content()


@lru_cache(maxsize=8)
def content_of_version(version: str) -> Content:
    """The bank an attempt was measured with: the current one, or an archived one."""
    current = content()
    if version == current.version:
        return current
    folder = ARCHIVE_DIR / version
    return load_content(folder) if (folder / "content.yaml").is_file() else current
