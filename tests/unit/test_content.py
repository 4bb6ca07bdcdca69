"""The question bank: schema, both languages, coverage of every audience and level, and the
content gate (item-writing standards, tests/content_gate.py)."""

import shutil
from collections import Counter

import pytest

from competence.domain.content import (
    CONTENT_DIR,
    LANGUAGES,
    ContentError,
    content,
    content_of_version,
    french_spacing,
    load_content,
)
from tests import content_gate

BANK = content()
# The 2019 Cadre de référence's names (dimension 1 has no comma) and its English version's.
NAMES = {
    1: ("Agir en citoyen éthique à l'ère du numérique", "Acting as an ethical citizen in the digital age"),
    8: ("Mettre à profit le numérique en tant que vecteur d'inclusion et pour répondre à des besoins diversifiés",
        "Using digital technology as a vector for inclusion and to meet a variety of needs"),
    12: ("Innover et faire preuve de créativité avec le numérique", "Innovating and being creative with digital technology"),
}


def test_twelve_dimensions_with_the_frameworks_names_in_both_languages():
    assert [d.number for d in BANK.dimensions] == list(range(1, 13))
    for number, (french, english) in NAMES.items():
        assert (BANK.dimension(number).name("fr"), BANK.dimension(number).name("en")) == (french, english)
    assert BANK.levels("fr") == ("Novice", "Intermédiaire", "Compétent", "Avancé", "Expert")
    assert BANK.levels("en") == ("Novice", "Intermediate", "Competent", "Advanced", "Expert")


def test_every_item_exists_in_every_language_with_the_same_choices():
    for item in BANK.items.values():
        assert [language for language, _ in item.wordings] == list(LANGUAGES)
        assert len({len(words.choices) for _, words in item.wordings}) == 1


@pytest.mark.parametrize("dimension", BANK.dimensions, ids=lambda d: f"d{d.number:02d}")
def test_every_audience_can_reach_every_level(dimension):
    for audience in BANK.audiences:
        levels = Counter(q.level for q in dimension.questions if audience in q.audiences)
        assert all(levels[level] >= content_gate.MIN_PER_CELL for level in range(1, 6)), (audience, levels)
        activities = {a.level for a in dimension.activities if audience in a.audiences}
        assert activities == {1, 2, 3, 4, 5}, audience


def test_the_content_gate_passes():
    assert content_gate.problems_in(list(BANK.dimensions), BANK.audiences) == []


def test_the_content_gate_catches_what_the_old_bank_did():
    old = content_of_version("2026.11-1")
    problems = content_gate.problems_in(list(old.dimensions), old.audiences)
    kinds = " ".join(problems)
    assert "strictly the longest choice" in kinds and "primaire level 5: 0 questions" in kinds
    assert "d08-q14 ~ d12-q18: choices 100% alike" in kinds


def test_a_broken_file_is_refused_with_its_place(tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path / "content", ignore=shutil.ignore_patterns("archive"))
    broken = tmp_path / "content" / "dimensions" / "d03.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("answer: 0", "answer: 7", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="d03"):
        load_content(tmp_path / "content")


def test_an_archived_bank_stays_readable_for_past_answers():
    old = content_of_version("2026.11-1")
    assert old.version == "2026.11-1" and old.items["d01-q01"].wording("en") == old.items["d01-q01"].wording("fr")
    assert content_of_version(BANK.version) is BANK


def test_french_text_keeps_its_punctuation_on_one_line():
    assert french_spacing("Le « code » : secret") == "Le «\u00a0code\u00a0»\u00a0: secret"
