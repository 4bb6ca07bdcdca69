"""Simulation benchmark of the positioning test: adaptive versus a fixed random form.

Simulated learners of known level answer the real question bank (the secondary
audience, every dimension). A learner knows an item with a probability that falls
off around their level, guesses among the choices otherwise (1/3 or 1/4), and slips
now and then; half the guesses are quick clicks (under 4 s), answers they know take
8–60 s. The adaptive test stops by itself; the fixed form asks n random items of the
same pool and estimates the level with the same model. Prints exact-level accuracy
and the mean number of questions.

    python benchmarks/adaptive.py [--per-level 100] [--seed 7] [--audience secondaire]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from competence.domain import adaptive  # noqa: E402
from competence.domain.content import content  # noqa: E402

TRUE_A = 6  # the simulated population's sharpness
TRUE_SLIP = 0.07
QUICK_GUESS_SHARE = 0.5


def simulated_answer(true_level: int, item, rng: random.Random) -> adaptive.Response:
    knows = rng.random() < 1 / (1 + math.exp(-TRUE_A * (true_level - item.level + 0.5)))
    if knows and rng.random() > TRUE_SLIP:
        correct, seconds = True, rng.uniform(8, 60)
    else:
        correct = rng.random() < 1 / len(item.choices)
        seconds = rng.uniform(1, 4) if rng.random() < QUICK_GUESS_SHARE else rng.uniform(10, 60)
    return adaptive.Response(item.level, len(item.choices), correct, seconds)


def run_adaptive(pool, true_level, rng):
    responses, asked = [], set()
    while (item := adaptive.next_item(pool, responses, asked, rng)) is not None:
        asked.add(item.id)
        responses.append(simulated_answer(true_level, item, rng))
    return adaptive.level(responses), len(responses)


def run_fixed(pool, true_level, count, rng):
    items = rng.sample(pool, min(count, len(pool)))
    return adaptive.level([simulated_answer(true_level, item, rng) for item in items])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-level", type=int, default=100, help="simulated learners per level and dimension")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--audience", default="secondaire", choices=("primaire", "secondaire", "adultes"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bank = content()
    pools = [[q for q in d.questions if args.audience in q.audiences] for d in bank.dimensions]
    runs = [(pool, lvl) for pool in pools for lvl in range(1, 6) for _ in range(args.per_level)]

    started = time.perf_counter()
    adaptive_results = [run_adaptive(pool, lvl, rng) for pool, lvl in runs]
    elapsed = time.perf_counter() - started
    accuracy = statistics.mean(est == lvl for (est, _), (_, lvl) in zip(adaptive_results, runs))
    mean_questions = statistics.mean(n for _, n in adaptive_results)
    per_level = {
        lvl: statistics.mean(est == l for (est, _), (_, l) in zip(adaptive_results, runs) if l == lvl)
        for lvl in range(1, 6)
    }

    print(f"Question bank {bank.version}, audience '{args.audience}', {len(runs)} simulated learners "
          f"({args.per_level} per level and dimension), pool {min(map(len, pools))}–{max(map(len, pools))} items")
    print(f"adaptive      exact level {accuracy:6.1%}   mean questions {mean_questions:4.1f}   "
          f"max {max(n for _, n in adaptive_results)}   ({elapsed * 1000 / len(runs):.2f} ms per test)")
    print("              by true level: " + "  ".join(f"{bank.level_name(l)} {a:.0%}" for l, a in per_level.items()))

    smallest_pool = min(map(len, pools))
    matched = None
    for count in range(1, smallest_pool + 1):
        fixed_accuracy = statistics.mean(run_fixed(pool, lvl, count, rng) == lvl for pool, lvl in runs)
        print(f"fixed form    exact level {fixed_accuracy:6.1%}   questions {count:4d}")
        if matched is None and fixed_accuracy >= accuracy:
            matched = count
    if matched is None:
        print(f"fixed form never reaches the adaptive accuracy within the whole pool ({smallest_pool} items): "
              f"ratio > {smallest_pool / mean_questions:.1f}x")
    else:
        print(f"fixed form needs {matched} questions for the adaptive accuracy: {matched / mean_questions:.1f}x")
    target = accuracy >= 0.90 and mean_questions <= 8 and (matched is None or matched >= 2 * mean_questions)
    print(f"target (>= 90 % exact, <= 8 questions, fixed form >= 2x): {'met' if target else 'NOT met'}")


if __name__ == "__main__":
    main()
