"""The answer path in-process: the handlers one answer takes (« Valider », then « Suivant »),
called as Reflex calls them, on a throw-away SQLite database, without socket.io or Reflex's
event processing. Prints the CPU per answer; with --profile, where it goes (cProfile).

    python benchmarks/answer_path.py --answers 2000
    python benchmarks/answer_path.py --answers 500 --profile

Each « Valider » comes after the tab's short caller cache has expired, as it does for a
learner who takes more than a couple of seconds to answer; « Suivant » follows at once."""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(tempfile.mkdtemp(prefix="competence-answer-path-"))
os.environ.setdefault("COMPETENCE_DATA_DIR", str(DATA))
os.environ.setdefault("REFLEX_DB_URL", f"sqlite:///{DATA / 'answer-path.db'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--learners", type=int, default=50, help="tabs answering in turn")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import reflex as rx
    from sqlmodel import Session, SQLModel

    from competence import competence  # noqa: F401  (registers every state)
    from competence.domain import sessions
    from competence.domain.clock import utcnow
    from competence.domain.content import content
    from competence.domain.keys import server_keys
    from competence.state import auth
    from competence.state.assessment import AssessmentState
    from tests.unit.conftest import make_account
    from tests.unit.states import state

    async def call(handler_fn, *args):
        """A handler run to its end inside this one event loop, as Reflex runs it."""
        result = handler_fn(*args)
        if inspect.isasyncgen(result):
            return [update async for update in result]
        if inspect.iscoroutine(result):
            return await result
        return list(result) if inspect.isgenerator(result) else result

    engine = rx.model.get_engine()
    SQLModel.metadata.create_all(engine)
    content()
    auth.AuthState._too_fast = lambda self: False  # a script, not a person: no call budget here
    tabs = []
    with Session(engine) as session:
        for n in range(args.learners):
            learner = make_account(session, server_keys(), f"Apprenant {n}", now=utcnow())
            tabs.append(sessions.open_session(session, learner, utcnow()))
        session.commit()
    tabs = [state(AssessmentState, token, "/positionnement") for token in tabs]
    dimensions = {id(tab): 1 for tab in tabs}
    asyncio.run(run(args, tabs, dimensions, call, AssessmentState))


async def run(args, tabs, dimensions, call, AssessmentState) -> None:
    def expire_caller(tab) -> None:
        forget = getattr(tab, "_forget_caller", None)
        if forget is not None:
            forget()

    for tab in tabs:
        await call(AssessmentState.start.fn, tab, 1)
        await call(AssessmentState.load.fn, tab)

    async def answer(tab) -> None:
        expire_caller(tab)  # the learner thought for longer than the cache lives
        await call(AssessmentState.validate.fn, tab, {"choice": "0"})
        assert tab.phase == "feedback", (tab.phase, tab.errors)
        await call(AssessmentState.next_question.fn, tab)
        if tab.phase in ("done", "none"):
            dimensions[id(tab)] = dimensions[id(tab)] % 12 + 1
            await call(AssessmentState.start.fn, tab, dimensions[id(tab)])
            await call(AssessmentState.load.fn, tab)

    for tab in tabs:  # warm up
        await answer(tab)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, wall = time.process_time(), time.perf_counter()
    for i in range(args.answers):
        await answer(tabs[i % len(tabs)])
    cpu, wall = time.process_time() - started, time.perf_counter() - wall
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
    print(f"{args.answers} answers: {1000 * cpu / args.answers:.3f} ms CPU per answer "
          f"({1000 * wall / args.answers:.3f} ms wall), handlers only (no socket.io, no Reflex event processing)")


if __name__ == "__main__":
    main()
