"""The question bank: schema, counts and coverage the positioning test relies on."""

import shutil
from collections import Counter

import pytest

from competence.domain.content import CONTENT_DIR, ContentError, content, load_content

BANK = content()


def test_twelve_dimensions_with_the_guides_names():
    assert [d.number for d in BANK.dimensions] == list(range(1, 13))
    assert BANK.dimension(1).name() == "Agir en citoyen éthique, à l'ère du numérique"
    assert BANK.dimension(12).name() == "Innover et faire preuve de créativité avec le numérique"
    assert BANK.levels() == ("Novice", "Intermédiaire", "Compétent", "Avancé", "Expert")


def test_at_least_180_questions_and_15_per_dimension():
    assert sum(len(d.questions) for d in BANK.dimensions) >= 180
    assert all(len(d.questions) >= 15 for d in BANK.dimensions)


@pytest.mark.parametrize("dimension", BANK.dimensions, ids=lambda d: f"d{d.number:02d}")
def test_every_level_for_secondary_and_adults_and_five_for_primary(dimension):
    for audience in ("secondaire", "adultes"):
        levels = Counter(q.level for q in dimension.questions if audience in q.audiences)
        assert all(levels[level] >= 2 for level in range(1, 6)), (audience, levels)
    assert sum("primaire" in q.audiences for q in dimension.questions) >= 5


@pytest.mark.parametrize("dimension", BANK.dimensions, ids=lambda d: f"d{d.number:02d}")
def test_at_least_three_activities_for_every_audience(dimension):
    assert len(dimension.activities) >= 3
    for audience in BANK.audiences:
        assert any(audience in a.audiences for a in dimension.activities), audience


def test_exactly_one_answer_per_item_and_varied_positions():
    items = list(BANK.items.values())
    assert all(0 <= item.answer < item.choice_count for item in items)
    positions = Counter(item.answer for item in items)
    assert len(positions) >= 3 and max(positions.values()) < 0.5 * len(items)


def test_a_broken_file_is_refused_with_its_place(tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    broken = tmp_path / "content" / "dimensions" / "d03.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("answer: 0", "answer: 7", 1), encoding="utf-8")
    with pytest.raises(ContentError, match="d03"):
        load_content(tmp_path / "content")


def test_no_two_items_share_their_situation_and_question():
    texts = [(item.wording().situation, item.wording().question) for item in BANK.items.values()]
    assert len(texts) == len(set(texts))
