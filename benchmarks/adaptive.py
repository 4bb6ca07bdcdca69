"""Can the positioning test be trusted? Simulated learners answer the real bank.

1. A realistic population (benchmarks/learners.py: continuous ability inside each level,
   true difficulties off their labels, varying discrimination, guessing and slips) takes
   the adaptive test as the app runs it. Beside each figure: the ideal engine that knows
   every question's true parameters, asked as many questions (the limit), and a fixed
   random form of the same length (the engine without its adaptivity).
2. Test-wise strategies that know nothing: always the longest choice, always the
   shortest, always the first one shown (choices are shuffled), uniformly random.

Targets: test-wise strategies rated Compétent or above in at most 5 % of tests and Novice
in at least 80 %; the realistic exact level within 5 points of the ideal engine's, within
one level in at least 97 % of tests, with at most 10 questions on average.

    .venv/bin/python benchmarks/adaptive.py [--tests 3000] [--seed 7] [--noise 0.5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import learners  # noqa: E402
from competence.domain import adaptive  # noqa: E402
from competence.domain.content import content, load_content  # noqa: E402

AUDIENCES = ("primaire", "secondaire", "adultes")


def pools(bank, audience: str):
    """Each dimension's questions for the audience, as the engine sees them (their labels)."""
    return [[q for q in d.questions if audience in q.audiences] for d in bank.dimensions]


def engine_models(items) -> list[adaptive.ItemModel]:
    return [adaptive.labelled(item.id, item.level, item.choice_count) for item in items]


def run_engine(models, truth: dict, theta: float, rng: random.Random) -> tuple[int, int]:
    """The app's engine on one simulated learner: (level, questions asked)."""
    responses: list[adaptive.Response] = []
    while (model := adaptive.next_item(models, responses, set(), rng)) is not None:
        correct, seconds = learners.answer(truth[model.id], theta, rng)
        responses.append(adaptive.Response(model, correct, seconds))
    return adaptive.level(responses), len(responses)


def run_fixed(models, truth: dict, theta: float, count: int, rng: random.Random) -> int:
    asked = rng.sample(models, min(count, len(models)))
    return adaptive.level([adaptive.Response(m, *learners.answer(truth[m.id], theta, rng)) for m in asked])


def realistic(bank, audience: str, tests: int, noise: float, rng: random.Random) -> dict[str, float]:
    exact = {"engine": 0, "ideal": 0, "fixed": 0}
    within_one = ideal_within_one = 0
    lengths = []
    dimension_pools = pools(bank, audience)
    for test in range(tests):
        items = dimension_pools[test % len(dimension_pools)]
        if test < len(dimension_pools) or test % 50 == 0:  # new true parameters now and then
            truth_list = learners.true_items(items, noise, rng)
            truth = {t.id: t for t in truth_list}
            models = engine_models(items)
        level, theta = learners.draw_learner(rng)
        found, count = run_engine(models, truth, theta, rng)
        exact["engine"] += found == level
        within_one += abs(found - level) <= 1
        lengths.append(count)
        ideal = learners.ideal_level(truth_list, theta, count, rng)
        exact["ideal"] += ideal == level
        ideal_within_one += abs(ideal - level) <= 1
        exact["fixed"] += run_fixed(models, truth, theta, count, rng) == level
    return {
        "engine": exact["engine"] / tests, "ideal": exact["ideal"] / tests, "fixed": exact["fixed"] / tests,
        "within_one": within_one / tests, "ideal_within_one": ideal_within_one / tests,
        "questions": statistics.mean(lengths),
    }


STRATEGIES = {
    "longest": lambda texts, rng: max(range(len(texts)), key=lambda i: (len(texts[i]), rng.random())),
    "shortest": lambda texts, rng: min(range(len(texts)), key=lambda i: (len(texts[i]), rng.random())),
    "first": lambda texts, rng: 0,
    "random": lambda texts, rng: rng.randrange(len(texts)),
}


def test_wise(bank, audience: str, strategy: str, tests: int, rng: random.Random) -> tuple[float, float]:
    """Share of tests rated Compétent or above, and rated Novice, for a strategy knowing nothing."""
    pick = STRATEGIES[strategy]
    dimension_pools = pools(bank, audience)
    high = novice = 0
    for test in range(tests):
        items = dimension_pools[test % len(dimension_pools)]
        by_id = {item.id: item for item in items}
        models, responses = engine_models(items), []
        while (model := adaptive.next_item(models, responses, set(), rng)) is not None:
            item = by_id[model.id]
            order = rng.sample(range(item.choice_count), item.choice_count)  # shuffled as the app shows them
            shown = [item.wording().choices[i] for i in order]
            picked = order[pick(shown, rng)]
            responses.append(adaptive.Response(model, picked == item.answer, rng.uniform(5, 20)))
        level = adaptive.level(responses)
        high += level >= 3
        novice += level == 1
    return high / tests, novice / tests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=3000, help="simulated tests per audience and figure")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--noise", type=float, nargs="*", default=list(learners.NOISE_LEVELS))
    parser.add_argument("--bank", type=Path, help="a content folder other than the app's")
    args = parser.parse_args()
    bank, rng = (load_content(args.bank) if args.bank else content()), random.Random(args.seed)
    np.random.seed(args.seed)
    started = time.perf_counter()
    print(f"Bank {bank.version}; {args.tests} simulated tests per audience and line.\n")
    print("Realistic learners (exact level; the ideal engine and a fixed random form asked as many questions)")
    print(f"{'audience':<11} {'noise':>5} {'engine':>7} {'ideal':>7} {'gap':>6} {'fixed':>7} {'±1 level':>9} "
          f"{'ideal ±1':>9} {'questions':>9}")
    for audience in AUDIENCES:
        for noise in args.noise:
            r = realistic(bank, audience, args.tests, noise, rng)
            print(f"{audience:<11} {noise:>5.1f} {r['engine']:>7.1%} {r['ideal']:>7.1%} "
                  f"{(r['ideal'] - r['engine']) * 100:>5.1f}p {r['fixed']:>7.1%} {r['within_one']:>9.1%} "
                  f"{r['ideal_within_one']:>9.1%} {r['questions']:>9.1f}")
    print("\nTest-wise strategies that know nothing (rated Compétent or above / rated Novice)")
    print(f"{'audience':<11} " + " ".join(f"{name:>17}" for name in STRATEGIES))
    for audience in AUDIENCES:
        cells = [test_wise(bank, audience, name, args.tests, rng) for name in STRATEGIES]
        print(f"{audience:<11} " + " ".join(f"{high:>7.1%} / {novice:>6.1%}" for high, novice in cells))
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
