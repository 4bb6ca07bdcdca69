"""The content gate: item-writing standards (Haladyna, Downing & Rodriguez, 2002) checked
mechanically on the bank. The unit tests fail on any problem it reports; writers run it on
a folder of dimension files while they work:

    .venv/bin/python -m tests.content_gate competence/content     # prints the problems, exit 1 if any
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from competence.domain.content import Dimension, Item, load_dimension, read_meta

# Per dimension, level and language: the right answer may be strictly the longest choice
# in at most a third of the questions, and strictly the shortest in at most a third.
LENGTH_TELL_SHARE = 1 / 3
MIN_PER_CELL = 4  # questions per (audience, dimension, level)
# Fuzzy similarity (rapidfuzz token_sort_ratio, 0-100) from which two items say the same thing.
# Measured on the 2026.11 bank (420 items, 88,000 pairs): unrelated pairs score a median of 44,
# and 99.9 % of them stay under 58 (stems), 57 (choice sets) and 56 (right answers). Its known
# repeats scored 70 (stems of d02-q10 / d10-q17), 100 (choices of d08-q14 / d12-q18) and 84 (the
# right answers of d01-q04 / d06-q09). Rewordings of one idea score like unrelated pairs (43 to
# 61): the fuzzy gate catches copies, the second reader catches repeated ideas.
NEAR_DUPLICATE = 65  # stems, choice sets
SAME_KEY = 75  # right answers
# A distractor a layperson rejects on sight: absolutes. Allowed now and then, not as a habit.
ABSOLUTES = {
    "fr": r"\b(jamais|toujours|aucune?|tout|tous|toutes|seulement|uniquement|interdite?s?|impossible|"
          r"obligatoirement|complètement|entièrement|forcément|rien)\b",
    "en": r"\b(never|always|all|none|only|forbidden|banned|impossible|completely|entirely|nothing|every)\b",
}
ABSOLUTES_SHARE = 0.12
# Questions never address the reader (teachers read « vous », learners « tu »): a third person does.
SECOND_PERSON = {
    "fr": r"\b(tu|te|toi|ton|ta|tes|vous|votre|vos)\b|\bt'",
    "en": r"\b(you|your|yours|yourself)\b",
}
# Activities are for learners only: « tu », never « vous ».
FORMAL_YOU = r"\b(vous|votre|vos)\b"
# One typographic convention (OQLF, Québec usage): no space before ? ! ; and « text » with spaces.
TYPOGRAPHY = {
    "fr": [(r"\s[?!;]", "a space before ? ! or ;"), (r"«(?!\s)", "no space after «"), (r"(?<!\s)»", "no space before »"),
           (r"(?<=[^\W\d]):", "no space before :"), (r"\.\.\.", "three dots instead of …")],
    "en": [(r"\s[?!;:]", "a space before punctuation"), (r"[«»]", "French quotation marks in English"),
           (r"\.\.\.", "three dots instead of …")],
}
STEM_WORD_MIN = 6  # shorter words (articles, « faire »…) repeat innocently


def _texts(item: Item, language: str) -> list[str]:
    words = item.wording(language)
    return [words.situation, words.question, *words.choices, words.complement]


def length_tells(dimension: Dimension, languages: tuple[str, ...]) -> list[str]:
    problems = []
    for language in languages:
        for level in range(1, 6):
            items = [q for q in dimension.questions if q.level == level]
            if not items:
                continue
            longest = shortest = 0
            for item in items:
                lengths = [len(choice) for choice in item.wording(language).choices]
                key = lengths[item.answer]
                others = lengths[:item.answer] + lengths[item.answer + 1:]
                longest += key > max(others)
                shortest += key < min(others)
            limit = int(len(items) * LENGTH_TELL_SHARE)
            for count, what in ((longest, "longest"), (shortest, "shortest")):
                if count > limit:
                    problems.append(f"d{dimension.number:02d} level {level} ({language}): the key is strictly the "
                                    f"{what} choice in {count} of {len(items)} questions (at most {limit})")
    return problems


def thin_cells(dimension: Dimension, audiences: tuple[str, ...]) -> list[str]:
    counts = Counter((audience, q.level) for q in dimension.questions for audience in q.audiences)
    return [
        f"d{dimension.number:02d} {audience} level {level}: {counts[(audience, level)]} questions (at least "
        f"{MIN_PER_CELL})"
        for audience in audiences for level in range(1, 6) if counts[(audience, level)] < MIN_PER_CELL
    ]


def _content_words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold()) if len(word) >= STEM_WORD_MIN}


def stem_clues(item: Item, language: str) -> list[str]:
    """A word of the question repeated in the key and in no distractor points at the key."""
    words = item.wording(language)
    key = _content_words(words.choices[item.answer])
    distractors = set().union(*(_content_words(c) for i, c in enumerate(words.choices) if i != item.answer))
    clues = (_content_words(words.question) & key) - distractors
    return [f"{item.id} ({language}): the key repeats the question's word(s) {sorted(clues)}"] if clues else []


def absolutes(dimension: Dimension, languages: tuple[str, ...]) -> list[str]:
    problems = []
    for language in languages:
        pattern = re.compile(ABSOLUTES[language], re.IGNORECASE)
        distractors = [c for item in dimension.questions + dimension.activities
                       for i, c in enumerate(item.wording(language).choices) if i != item.answer]
        share = sum(bool(pattern.search(c)) for c in distractors) / max(1, len(distractors))
        if share > ABSOLUTES_SHARE:
            problems.append(f"d{dimension.number:02d} ({language}): {share:.0%} of the wrong choices use absolutes "
                            f"(at most {ABSOLUTES_SHARE:.0%})")
    return problems


def voice(item: Item, language: str, activity: bool) -> list[str]:
    text = " ".join(_texts(item, language))
    pattern = FORMAL_YOU if activity else SECOND_PERSON[language]
    if activity and language == "en":
        return []
    found = re.search(pattern, text, re.IGNORECASE)
    return [f"{item.id} ({language}): addresses the reader with « {found.group(0)} »"] if found else []


def typography_of(where: str, texts, language: str) -> list[str]:
    text = " ".join(texts).replace("\u00a0", " ")
    return [f"{where} ({language}): {what}" for pattern, what in TYPOGRAPHY[language] if re.search(pattern, text)]


def typography(item: Item, language: str) -> list[str]:
    return typography_of(item.id, _texts(item, language), language)


def near_duplicates(items: list[Item]) -> list[str]:
    """Pairs of items, across the whole bank, whose stems, choice sets or right answers are copies."""
    texts = {
        "stems": ([f"{i.wording().situation} {i.wording().question}" for i in items], NEAR_DUPLICATE),
        "choices": ([" | ".join(sorted(i.wording().choices)) for i in items], NEAR_DUPLICATE),
        "right answers": ([i.wording().choices[i.answer] for i in items], SAME_KEY),
    }
    problems: list[str] = []
    if len(items) < 2:
        return problems
    for what, (strings, threshold) in texts.items():
        scores = cdist(strings, strings, scorer=fuzz.token_sort_ratio, workers=1, score_cutoff=threshold)
        for a, b in combinations(range(len(items)), 2):
            if scores[a][b] >= threshold:
                problems.append(f"{items[a].id} ~ {items[b].id}: {what} {scores[a][b]:.0f}% alike")
    return problems


def problems_in(dimensions: list[Dimension], audiences: tuple[str, ...]) -> list[str]:
    """Every problem the gate finds in these dimensions (empty when they pass)."""
    problems: list[str] = []
    for dimension in dimensions:
        languages = tuple(language for language, _ in dimension.names)
        problems += length_tells(dimension, languages) + thin_cells(dimension, audiences)
        problems += absolutes(dimension, languages)
        for item in dimension.questions + dimension.activities:
            activity = item in dimension.activities
            for language in languages:
                problems += voice(item, language, activity) + typography(item, language)
                problems += [] if activity else stem_clues(item, language)
    problems += near_duplicates([item for d in dimensions for item in d.questions + d.activities])
    return problems


def check_folder(folder: Path) -> list[str]:
    """The gate on a content folder (content.yaml and dimensions/), whole or partial."""
    meta = read_meta(folder)
    paths = sorted((folder / "dimensions").glob("d*.yaml"))
    dimensions = [load_dimension(path, len(meta["level_names"][0][1]), meta["audiences"]) for path in paths]
    meanings = [problem for language, texts in meta["level_meanings"]
                for problem in typography_of("level_meanings", texts, language)]
    return meanings + problems_in(dimensions, meta["audiences"])


if __name__ == "__main__":
    found = check_folder(Path(sys.argv[1] if len(sys.argv) > 1 else "competence/content"))
    print("\n".join(found) or "The content gate passes.")
    sys.exit(1 if found else 0)
