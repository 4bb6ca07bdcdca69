"""Every event handler fuzzed at length: the properties of tests/unit/fuzzing.py (no exception
escapes, no row changed that the caller does not own, no log line over 500 characters) on
many more generated calls than the unit tests make, in a throw-away SQLite database.

    python benchmarks/fuzz.py [--calls 10000] [--steps 4]

Prints the calls made per handler and in total (and how many changed rows: the caller's own,
or a finding), the time they took, and every finding: once per kind, with how often it
happened and one call that shows it."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000, help="handler calls in all (default 10,000)")
    parser.add_argument("--steps", type=int, default=4, help="most calls in one world (default 4)")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="competence-fuzz-")
    os.environ["COMPETENCE_DATA_DIR"] = folder
    os.environ["REFLEX_DB_URL"] = f"sqlite:///{folder}/fuzz.db"  # never the configured database
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from hypothesis import HealthCheck, Phase, given, settings, strategies as st

    from tests.unit import fuzzing

    engine = fuzzing.engine()
    seen: Counter = Counter()  # (kind, where): how many calls
    handlers: dict[tuple, Counter] = defaultdict(Counter)  # (kind, where): the handlers and callers it came from
    examples: dict[tuple, fuzzing.Finding] = {}

    def fuzz(data, name):
        for finding in fuzzing.example(data, engine, name, args.steps):
            kind = (finding.kind, finding.where)
            seen[kind] += 1
            handlers[kind][f"{finding.handler} as {finding.caller}"] += 1
            examples.setdefault(kind, finding)

    start, reported = time.perf_counter(), 0
    while fuzzing.CALLS.total() < args.calls:  # rounds over every handler (the first example of each is the simplest)
        left = args.calls - fuzzing.CALLS.total()
        per_handler = max(5, min(20, left * 2 // ((args.steps + 1) * len(fuzzing.HANDLERS))))
        for name in sorted(fuzzing.HANDLERS):
            settings(max_examples=per_handler, database=None, deadline=None, phases=[Phase.generate],
                     suppress_health_check=list(HealthCheck))(given(st.data(), st.just(name))(fuzz))()
        if fuzzing.CALLS.total() - reported >= 1000:
            reported = fuzzing.CALLS.total()
            print(f"  {reported} calls, {time.perf_counter() - start:.0f} s, {len(seen)} kinds of finding", flush=True)
    elapsed = time.perf_counter() - start

    print(f"\n{len(fuzzing.HANDLERS)} handlers, {fuzzing.CALLS.total()} calls in {elapsed:.0f} s "
          f"({fuzzing.CALLS.total() / elapsed:.0f} calls/s), {fuzzing.WRITES.total()} of them changed rows:")
    print("   calls  writes  handler")
    for name in sorted(fuzzing.HANDLERS):
        print(f"  {fuzzing.CALLS[name]:6d}  {fuzzing.WRITES[name]:6d}  {name}")
    ours = Counter({kind: count for kind, count in seen.items() if kind[0] != "reflex"})
    print(f"\n{len(ours)} kinds of finding ({sum(ours.values())} in all)" + (":" if ours else "."))
    report(ours, handlers, examples)
    notes = seen - ours
    if notes:
        print("\nReflex's own failures before any handler ran (not the app's; what it logged was checked):")
        report(notes, handlers, examples)
    return 1 if ours else 0


def report(seen: Counter, handlers: dict, examples: dict) -> None:
    for kind, count in seen.most_common():
        finding, sources = examples[kind], handlers[kind]
        print(f"- [{finding.kind}] {finding.where}: {count} calls, {len(sources)} handler-caller pairs "
              f"({', '.join(name for name, _ in sources.most_common(3))}{', …' if len(sources) > 3 else ''})")
        print(f"    e.g. {finding}\n         {finding.call}")


if __name__ == "__main__":
    sys.exit(main())
