"""The adaptive test's pure logic: item choice, level estimate, time weighting."""

import random

from competence.domain import adaptive
from competence.domain.content import content

BANK = content()


def pool(audience="secondaire", dimension=1):
    return [q for q in BANK.dimension(dimension).questions if audience in q.audiences]


def answer(item, correct, seconds=20.0):
    return adaptive.Response(item.level, item.choice_count, correct, seconds)


def test_first_question_is_in_the_middle():
    first = adaptive.next_item(pool(), [], set(), random.Random(1))
    assert first.level == 3


def test_items_never_repeat_and_respect_the_audience():
    rng = random.Random(2)
    for audience in ("primaire", "secondaire", "adultes"):
        items = pool(audience)
        responses, asked = [], set()
        while (item := adaptive.next_item(items, responses, asked, rng)) is not None:
            assert item.id not in asked and audience in item.audiences
            asked.add(item.id)
            responses.append(answer(item, rng.random() < 0.5))
        assert len(asked) == len(responses) <= adaptive.MAX_QUESTIONS


def test_right_answers_move_the_estimate_up_and_wrong_ones_down():
    item = next(q for q in pool() if q.level == 3)
    start = adaptive.belief([])
    up, down = adaptive.belief([answer(item, True)]), adaptive.belief([answer(item, False)])
    mean = lambda b: sum(level * p for level, p in enumerate(b, start=1))  # noqa: E731
    assert mean(up) > mean(start) > mean(down)


def test_all_right_gives_expert_and_all_wrong_gives_novice():
    rng = random.Random(3)
    for correct, expected in ((True, 5), (False, 1)):
        responses, asked = [], set()
        while (item := adaptive.next_item(pool(), responses, asked, rng)) is not None:
            asked.add(item.id)
            responses.append(answer(item, correct))
        assert adaptive.level(responses) == expected


def test_a_learner_who_knows_up_to_their_level_is_placed_there():
    rng = random.Random(4)
    for true_level in range(1, 6):
        responses, asked = [], set()
        while (item := adaptive.next_item(pool(), responses, asked, rng)) is not None:
            asked.add(item.id)
            responses.append(answer(item, item.level <= true_level))
        assert adaptive.level(responses) == true_level


def test_very_fast_or_very_slow_right_answers_count_less():
    assert adaptive.evidence_weight(True, 20) == 1.0
    assert adaptive.evidence_weight(True, 1.5) < 1.0
    assert adaptive.evidence_weight(True, 600) < 1.0
    assert adaptive.evidence_weight(False, 1.5) == 1.0
    item = next(q for q in pool() if q.level == 4)
    normal = adaptive.belief([answer(item, True, 20)])
    lucky_click = adaptive.belief([answer(item, True, 1.0)])
    assert normal[3] + normal[4] > lucky_click[3] + lucky_click[4] > adaptive.belief([])[3] + adaptive.belief([])[4]


def test_the_test_stops_when_settled():
    two_per_level = [q for level in (1, 2, 3, 4) for q in [q for q in pool() if q.level == level][:2]]
    consistent = [answer(q, q.level <= 2) for q in two_per_level]
    assert adaptive.is_settled(consistent) and adaptive.level(consistent) == 2
    assert not adaptive.is_settled(consistent[:2])
