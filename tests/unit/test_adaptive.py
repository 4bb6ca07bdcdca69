"""The adaptive test's pure logic: item choice, level estimate, time weighting, retakes."""

import random

import pytest

from competence.domain import adaptive

# A pool like one dimension's for one audience: five questions per level, four choices.
POOL = [adaptive.labelled(f"d01-q{level}{k}", level, 4) for level in range(1, 6) for k in range(5)]
LEVEL_OF = {f"d01-q{level}{k}": level for level in range(1, 6) for k in range(5)}


def take(answers_right, rng, pool=POOL, seen=frozenset(), seconds=20.0, timed=True):
    """Run a whole test; `answers_right(level)` says whether a question of that level is answered right."""
    responses = []
    while (model := adaptive.next_item(pool, responses, set(seen), rng, timed)) is not None:
        responses.append(adaptive.Response(model, answers_right(LEVEL_OF[model.id]), seconds))
    return responses


def test_first_question_is_near_the_middle():
    # The prior is centred on Compétent: the first question is of level 3 or 4 (whose
    # difficulties, the lower edges of their bands, stand either side of the centre).
    firsts = {LEVEL_OF[adaptive.next_item(POOL, [], set(), random.Random(seed)).id] for seed in range(20)}
    assert firsts <= {3, 4}


def test_questions_never_repeat_and_the_test_ends():
    responses = take(lambda level: random.random() < 0.5, random.Random(2))
    ids = [r.item.id for r in responses]
    assert len(ids) == len(set(ids)) and adaptive.MIN_QUESTIONS <= len(ids) <= adaptive.MAX_QUESTIONS


def test_right_answers_move_the_estimate_up_and_wrong_ones_down():
    middle = POOL[12]
    mean = lambda post: float((post * adaptive.GRID).sum())  # noqa: E731
    start = mean(adaptive.posterior([]))
    up = mean(adaptive.posterior([adaptive.Response(middle, True, 20)]))
    down = mean(adaptive.posterior([adaptive.Response(middle, False, 20)]))
    assert up > start > down


@pytest.mark.parametrize("true_level", [1, 2, 3, 4, 5])
def test_a_learner_who_knows_up_to_their_level_is_placed_there(true_level):
    responses = take(lambda level: level <= true_level, random.Random(true_level))
    assert adaptive.level(responses) == true_level


def test_a_guesser_is_novice():
    rng = random.Random(5)
    levels = [adaptive.level(take(lambda level: rng.random() < 0.25, rng)) for _ in range(50)]
    assert levels.count(1) >= 40 and sum(level >= 3 for level in levels) <= 2  # a lucky streak, now and then


def test_very_fast_or_very_slow_right_answers_count_less_unless_time_is_ignored():
    assert adaptive.evidence_weight(True, 20) == 1.0
    assert adaptive.evidence_weight(True, 1.5) < 1.0 and adaptive.evidence_weight(True, 600) < 1.0
    assert adaptive.evidence_weight(False, 1.5) == 1.0
    assert adaptive.evidence_weight(True, 1.5, timed=False) == 1.0
    hard = POOL[18]
    top = lambda responses, timed=True: adaptive.band_probabilities(adaptive.posterior(responses, timed))[3:].sum()  # noqa: E731
    normal, lucky_click = [adaptive.Response(hard, True, 20)], [adaptive.Response(hard, True, 1.0)]
    assert top(normal) > top(lucky_click) > top([])
    assert top(lucky_click, timed=False) == pytest.approx(top(normal))


def test_the_test_stops_when_settled_or_at_its_longest():
    all_wrong = [adaptive.Response(model, False, 20) for model in POOL if LEVEL_OF[model.id] <= 2]
    assert not adaptive.is_settled(all_wrong[:adaptive.MIN_QUESTIONS - 1])
    assert adaptive.is_settled(all_wrong[:adaptive.MIN_QUESTIONS]) and adaptive.level(all_wrong) == 1
    mixed = [adaptive.Response(model, i % 2 == 0, 20) for i, model in enumerate(POOL[10:15] * 3)]
    longest = mixed[:adaptive.MAX_QUESTIONS]
    assert adaptive.band_probabilities(adaptive.posterior(longest)).max() < adaptive.SETTLED  # still unsure…
    assert adaptive.is_settled(longest)  # …but the test has asked enough


def test_a_retake_asks_questions_not_seen_before_while_the_pool_allows():
    first = take(lambda level: level <= 3, random.Random(6))
    seen = {r.item.id for r in first}
    again = take(lambda level: level <= 3, random.Random(7), seen=seen)
    repeated = [r.item.id for r in again if r.item.id in seen]
    assert len(repeated) <= 2 and adaptive.level(again) == 3


def test_the_posterior_of_all_answers_at_once_is_the_product_of_each_answers_evidence():
    # posterior() weighs every answer in one array operation: the same as one update per answer.
    import numpy as np

    rng = random.Random(4)
    responses = [adaptive.Response(adaptive.ItemModel(f"i{k}", rng.uniform(-2, 2), rng.uniform(0.8, 3.0),
                                                      rng.choice((3, 4))), rng.random() < 0.6,
                                   rng.choice((2.0, 30.0, 200.0)))
                 for k in range(10)]
    log_post = np.log(adaptive.PRIOR)
    for r in responses:
        p = r.item.p_correct(adaptive.GRID)
        log_post = log_post + adaptive.evidence_weight(r.correct, r.seconds) * np.log(p if r.correct else 1 - p)
    expected = np.exp(log_post - log_post.max())
    assert np.allclose(adaptive.posterior(responses), expected / expected.sum(), rtol=0, atol=1e-12)
    post = adaptive.posterior(responses)
    assert adaptive.level(responses, post=post) == adaptive.level(responses)
    assert adaptive.next_item(POOL, responses, set(), random.Random(1), post=post) == \
        adaptive.next_item(POOL, responses, set(), random.Random(1))
