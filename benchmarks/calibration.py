"""Does calibrating the questions from real answers pay? A bank whose labels are wrong for
30 % of its questions (one or two levels off), answered by simulated learners
(benchmarks/learners.py), calibrated by the app's own fit (competence/domain/calibration.py).

For each dimension of one audience's pool, in the same run:
- the engine on a correctly labelled bank (the target),
- the engine on the mislabelled bank, trusting its labels (the damage),
- the engine on the mislabelled bank after calibrating it on the answers of N simulated
  adaptive tests (the repair), for several N; printed with the answers per question it took.
Target: the repaired exact level within 3 points of the correctly labelled bank's.

    .venv/bin/python benchmarks/calibration.py [--audience secondaire] [--tests 2000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import learners  # noqa: E402
from benchmarks.adaptive import engine_models, pools, run_engine  # noqa: E402
from competence.domain import adaptive, calibration  # noqa: E402
from competence.domain.content import content, load_content  # noqa: E402
from competence.domain.item_parameters import MIN_ANSWERS  # noqa: E402

NOISE = 0.3
MISLABELLED = 0.3


def exact_rate(models, truth, tests: int, rng: random.Random) -> float:
    hits = 0
    for _ in range(tests):
        level, theta = learners.draw_learner(rng)
        hits += run_engine(models, truth, theta, rng)[0] == level
    return hits / tests


def answers_of(models, truth, people: int, rng: random.Random) -> list[calibration.Observation]:
    """What the app would store: each simulated learner takes the adaptive test once."""
    observations = []
    for person in range(people):
        _, theta = learners.draw_learner(rng)
        responses: list[adaptive.Response] = []
        while (model := adaptive.next_item(models, responses, set(), rng)) is not None:
            correct, seconds = learners.answer(truth[model.id], theta, rng)
            responses.append(adaptive.Response(model, correct, seconds))
            observations.append(calibration.Observation(person, model.id, correct))
    return observations


def calibrated_models(items, observations) -> list[adaptive.ItemModel]:
    fitted = {f.item_id: f for f in calibration.calibrate(
        observations, {i.id: i.level for i in items}, {i.id: i.choice_count for i in items})}
    return [
        adaptive.ItemModel(i.id, fitted[i.id].difficulty, fitted[i.id].discrimination, i.choice_count)
        if i.id in fitted and fitted[i.id].answers >= MIN_ANSWERS else adaptive.labelled(i.id, i.level, i.choice_count)
        for i in items
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audience", default="secondaire")
    parser.add_argument("--tests", type=int, default=2000, help="simulated tests per figure and dimension")
    parser.add_argument("--people", type=int, nargs="*", default=[250, 500, 1000, 2000],
                        help="calibration samples: adaptive tests taken per dimension")
    parser.add_argument("--dimensions", type=int, default=4, help="how many dimensions of the bank")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bank", type=Path, help="a content folder other than the app's")
    args = parser.parse_args()
    bank = load_content(args.bank) if args.bank else content()
    rng, started = random.Random(args.seed), time.perf_counter()
    rows: dict[str, list[float]] = {}
    per_item: dict[int, list[float]] = {}
    for items in pools(bank, args.audience)[:args.dimensions]:
        models = engine_models(items)
        right = {t.id: t for t in learners.true_items(items, NOISE, rng)}
        wrong = {t.id: t for t in learners.true_items(items, NOISE, rng, mislabel_share=MISLABELLED)}
        rows.setdefault("labels right", []).append(exact_rate(models, right, args.tests, rng))
        rows.setdefault("30 % labels wrong, trusted", []).append(exact_rate(models, wrong, args.tests, rng))
        for people in args.people:
            observations = answers_of(models, wrong, people, rng)
            per_item.setdefault(people, []).append(len(observations) / len(items))
            repaired = calibrated_models(items, observations)
            rows.setdefault(f"calibrated on {people} tests", []).append(exact_rate(repaired, wrong, args.tests, rng))
    print(f"Audience {args.audience}, {args.dimensions} dimensions, difficulty noise {NOISE}, "
          f"{args.tests} tests per figure and dimension; calibrated parameters used from {MIN_ANSWERS} answers.\n")
    target = statistics.mean(rows["labels right"])
    for name, rates in rows.items():
        answers = ""
        if name.startswith("calibrated"):
            answers = f"  ({statistics.mean(per_item[int(name.split()[2])]):.0f} answers per question)"
        print(f"{name:<32} exact level {statistics.mean(rates):6.1%}   gap {(target - statistics.mean(rates)) * 100:5.1f}p"
              f"{answers}")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
