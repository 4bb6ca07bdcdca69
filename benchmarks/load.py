"""Load benchmark: simulated learners drive the real app over its own event protocol.

Each simulated learner is a python-socketio client speaking Reflex's protocol: socket.io
at path and namespace /_event, the per-tab token in the query, the hydrate event (with
the session token from browser storage) in the connect payload, events named by the
state's full name. It signs in (a seeded session, or a real login in the storm), joins
a group (code, then « J'accepte ») and answers questions (« Valider », « Suivant »),
every answer written to the database. Printed: connected clients, events, errors,
event round-trip p50/p95/p99, server CPU and peak resident memory, and the same
figures for a bare python-socketio echo server (the floor) in the same run.

    python benchmarks/load.py --scenario steady --clients 1000 --interval 1 --duration 60
    python benchmarks/load.py --scenario single
    python benchmarks/load.py --scenario storm           # 50 logins while 500 learners work
    python benchmarks/load.py --scenario flood           # one connection floods, others work
    add --production to run on PostgreSQL + Redis with --workers N (via scripts/with-services.sh)
    add --kill-worker to kill -9 one worker mid-run and count acknowledged answers in the database
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import socketio  # noqa: E402

from tests import appserver  # noqa: E402

PASSWORD = "Le hibou mange 7 bleuets"
EVENT_TIMEOUT_S = 30


@dataclass
class Stats:
    rtts: list[float] = field(default_factory=list)
    at: list[float] = field(default_factory=list)  # when each round trip ended (monotonic)
    events: int = 0
    errors: int = 0
    connected: int = 0
    acknowledged_answers: int = 0

    def p95_between(self, start: float, end: float) -> tuple[int, float]:
        window = [rtt for rtt, at in zip(self.rtts, self.at) if start <= at < end]
        return len(window), (statistics.quantiles(window, n=100)[94] if len(window) > 1 else float("nan"))

    def line(self, label: str) -> str:
        if not self.rtts:
            return f"{label:<34} connected {self.connected:>5}  events {self.events:>7}  errors {self.errors:>5}"
        q = statistics.quantiles(self.rtts, n=100) if len(self.rtts) > 1 else [self.rtts[0]] * 99
        return (f"{label:<34} connected {self.connected:>5}  events {self.events:>7}  errors {self.errors:>5}  "
                f"p50 {q[49]:7.1f} ms  p95 {q[94]:7.1f} ms  p99 {q[98]:7.1f} ms")


# ---- the app's state names, read from the app itself --------------------------------

def names() -> dict[str, str]:
    os.environ.setdefault("COMPETENCE_DATA_DIR", tempfile.mkdtemp())
    from competence import competence  # noqa: F401  (registers the states)
    from competence.state.auth import AuthState
    from competence.state.assessment import TestState
    from competence.state.groups import GroupsState
    from competence.state.login import LoginState

    return {
        "hydrate": "reflex___state____state.hydrate_and_load",
        "token_var": f"{AuthState.get_full_name()}.auth_token_rx_state_",
        "login": f"{LoginState.get_full_name()}.submit",
        "check_code": f"{GroupsState.get_full_name()}.check_code",
        "accept": f"{GroupsState.get_full_name()}.accept",
        "start": f"{TestState.get_full_name()}.start",
        "load": f"{TestState.get_full_name()}.load",
        "validate": f"{TestState.get_full_name()}.validate",
        "next": f"{TestState.get_full_name()}.next_question",
    }


# ---- seeding: a teacher, a group, learners with sessions ---------------------------

def seed(db_url: str, learners: int) -> tuple[str, list[str], list[str]]:
    """Returns the group code, one session token per learner, and the learners' emails."""
    from datetime import timedelta

    from sqlmodel import Session, create_engine

    import competence.database  # noqa: F401
    from competence.domain import crypto, groups, identity
    from competence.domain.clock import utcnow
    from competence.domain.keys import server_keys
    from competence.models import Account, AuthSession

    keys, now = server_keys(), utcnow()
    password_hash = crypto.hash_password(PASSWORD, 12)  # one bcrypt for all: seeding stays fast
    engine = create_engine(db_url)
    emails, tokens = [f"charge{n}@exemple.ca" for n in range(learners + 1)], []
    with Session(engine) as session:
        rows = [
            Account(email_hash=identity.email_key(keys, email), password_hash=password_hash,
                    name_cipher=crypto.encrypt(keys.name, f"Apprenant {n}", identity.NAME_CONTEXT),
                    role="teacher" if n == 0 else "learner", school_level="secondaire_2",
                    under_14=None if n == 0 else False, terms_version="v", terms_accepted_at=now,
                    created_at=now, last_active_at=now)
            for n, email in enumerate(emails)
        ]
        session.add_all(rows)
        session.flush()
        code = groups.create_group(session, rows[0].id, "teacher", "Charge", now).value.code
        for row in rows[1:]:
            token = secrets.token_urlsafe(24)
            tokens.append(token)
            session.add(AuthSession(account_id=row.id, token_hash=crypto.sha256_hex(token), created_at=now,
                                    expires_at=now + timedelta(days=1)))
        session.commit()
    engine.dispose()
    return code, tokens, emails[1:]


# ---- one simulated learner ----------------------------------------------------------

# Reflex sends no "done" marker: an event is over when the update carrying the var it
# changes arrives (events of one tab run in order). None: the first update will do.
DONE_WHEN = {
    "hydrate": {"is_hydrated_rx_state_": True},
    "login": {"auth_token_rx_state_": None, "errors_rx_state_": None},
    "check_code": {"consent_open_rx_state_": None, "errors_rx_state_": None},
    "accept": {"consent_open_rx_state_": None},
    "start": {},
    "load": {"phase_rx_state_": None},
    "validate": {"phase_rx_state_": None, "errors_rx_state_": None},
    "next": {"phase_rx_state_": None, "position_rx_state_": None},
}


class Learner:
    def __init__(self, url: str, n: dict[str, str], stats: Stats, session_token: str = ""):
        self.url, self.n, self.stats, self.session_token = url, n, stats, session_token
        self.client = socketio.AsyncClient(reconnection=False, request_timeout=EVENT_TIMEOUT_S)
        self.pending: asyncio.Future | None = None
        self.done_when: dict = {}
        self.last_delta: dict = {}
        self.client.on("event", self._on_update, namespace="/_event")

    def _is_done(self, delta: dict) -> bool:
        if not self.done_when:
            return True
        return any(
            key in state and (wanted is None or state[key] == wanted)
            for state in delta.values() if isinstance(state, dict)
            for key, wanted in self.done_when.items()
        )

    async def _on_update(self, update):
        delta = update.get("delta") or {}
        self.last_delta.update(delta)
        if self.pending is not None and not self.pending.done() and self._is_done(delta):
            self.pending.set_result(update)

    def _event(self, name: str, payload: dict, path: str) -> dict:
        return {"name": self.n[name] if name in self.n else name, "payload": payload,
                "router_data": {"pathname": path, "asPath": path, "query": {}}}

    async def connect(self, path: str = "/groupes") -> None:
        hydrate = self._event("hydrate", {"vars": {self.n["token_var"]: self.session_token}}, path)
        self.pending = asyncio.get_running_loop().create_future()
        self.done_when = DONE_WHEN["hydrate"]
        await self.client.connect(f"{self.url}?token={uuid.uuid4()}", socketio_path="_event",
                                  namespaces=["/_event"], transports=["websocket"], auth={"event": hydrate},
                                  wait_timeout=EVENT_TIMEOUT_S)
        await asyncio.wait_for(self.pending, EVENT_TIMEOUT_S)
        self.stats.connected += 1

    async def send(self, name: str, payload: dict, path: str, measure: bool = True) -> dict:
        self.pending = asyncio.get_running_loop().create_future()
        self.done_when = DONE_WHEN.get(name, {})
        self.last_delta = {}
        started = time.perf_counter()
        await self.client.emit("event", self._event(name, payload, path), namespace="/_event")
        update = await asyncio.wait_for(self.pending, EVENT_TIMEOUT_S)
        if measure:
            self.stats.rtts.append((time.perf_counter() - started) * 1000)
            self.stats.at.append(time.monotonic())
        self.stats.events += 1
        return update

    def errors_shown(self) -> bool:
        return any(key.endswith("errors_rx_state_") and value for state in self.last_delta.values()
                   if isinstance(state, dict) for key, value in state.items())

    async def join_and_start(self, code: str) -> None:
        await self.send("check_code", {"form_data": {"code": code}}, "/groupes")
        await self.send("accept", {}, "/groupes")
        await self.send("start", {"dimension": 1}, "/tableau-de-bord")
        await self.send("load", {}, "/positionnement")

    async def answer(self, rng: random.Random, dimension: list[int]) -> None:
        """« Valider » then « Suivant »; a finished test starts the next dimension."""
        await self.send("validate", {"form_data": {"choice": str(rng.randrange(3))}}, "/positionnement")
        if self.errors_shown():
            self.stats.errors += 1
        else:
            self.stats.acknowledged_answers += 1
        await self.send("next", {}, "/positionnement")
        if any(isinstance(state, dict) and state.get("phase_rx_state_") in ("done", "none")
               for state in self.last_delta.values()):
            dimension[0] = dimension[0] % 12 + 1
            await self.send("start", {"dimension": dimension[0]}, "/tableau-de-bord")
            await self.send("load", {}, "/positionnement")


async def work(learner: Learner, code: str, interval: float, until: float, rng: random.Random) -> None:
    try:
        await learner.connect()
        await learner.join_and_start(code)
        dimension = [1]
        await asyncio.sleep(rng.uniform(0, interval))  # spread the answers over the interval
        while time.monotonic() < until:
            started = time.monotonic()
            await learner.answer(rng, dimension)
            await asyncio.sleep(max(0.0, interval - (time.monotonic() - started)))
    except Exception as error:
        learner.stats.errors += 1
        if learner.stats.errors == 1:  # say once what went wrong, not once per learner
            print(f"first error: {type(error).__name__}: {error}", file=sys.stderr)
    finally:
        await learner.client.disconnect()


async def crowd(url, n, code, tokens, interval, duration, stats, ramp_per_s=100.0, extra=None, windows=None):
    rng = random.Random(5)
    until = time.monotonic() + duration + len(tokens) / ramp_per_s
    tasks = []
    for token in tokens:
        tasks.append(asyncio.create_task(work(Learner(url, n, stats, token), code, interval, until, rng)))
        await asyncio.sleep(1 / ramp_per_s)
    if windows is not None:  # everyone connected and joined: the steady part of the run
        windows["steady (after the ramp)"] = (time.monotonic() + interval, until)
    if extra is not None:
        await extra()
    await asyncio.gather(*tasks)


async def login_storm(url, n, emails, stats) -> None:
    async def one(email):
        learner = Learner(url, n, stats)
        try:
            await learner.connect("/login")
            await learner.send("login", {"form_data": {"email": email, "password": PASSWORD}}, "/login")
        except Exception:
            stats.errors += 1
        finally:
            await learner.client.disconnect()
    await asyncio.gather(*(one(email) for email in emails))


async def flood(url, n, stats, seconds: float) -> None:
    """One connection sends unknown event names and an expensive handler as fast as it can."""
    learner = Learner(url, n, stats)
    await learner.connect()
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        await learner.client.emit("event", learner._event("no.such.state.handler", {}, "/"), namespace="/_event")
        await learner.client.emit("event", learner._event("start", {"dimension": 1}, "/"), namespace="/_event")
        stats.events += 2
        await asyncio.sleep(0.001)
    await learner.client.disconnect()


# ---- the echo floor -----------------------------------------------------------------

async def echo_floor(clients: int, events_each: int) -> Stats:
    port = appserver.free_port()
    process = subprocess.Popen([sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1",
                                "--port", str(port), "benchmarks.echo:app"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    stats = Stats()
    try:
        while not appserver.answers(f"http://127.0.0.1:{port}/_event/?EIO=4&transport=polling"):
            await asyncio.sleep(0.2)

        async def one():
            client = socketio.AsyncClient(reconnection=False)
            done: asyncio.Queue = asyncio.Queue()
            client.on("event", lambda update: done.put_nowait(update), namespace="/_event")
            await client.connect(f"http://127.0.0.1:{port}", socketio_path="_event", namespaces=["/_event"],
                                 transports=["websocket"])
            stats.connected += 1
            for _ in range(events_each):
                started = time.perf_counter()
                await client.emit("event", {"name": "echo", "payload": {}}, namespace="/_event")
                await done.get()
                stats.rtts.append((time.perf_counter() - started) * 1000)
                stats.events += 1
                await asyncio.sleep(0.01)
            await client.disconnect()
        await asyncio.gather(*(one() for _ in range(clients)))
        cpu, _, peak = appserver.usage(appserver.process_tree(process.pid))
        print(stats.line("echo floor (bare socket.io)") + f"  cpu {cpu:.1f} s  peak {peak:.0f} MB")
    finally:
        appserver.stop(process)
    return stats


# ---- the run ------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("single", "steady", "storm", "flood"), default="steady")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between a learner's answers")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of steady load")
    parser.add_argument("--production", action="store_true", help="PostgreSQL + Redis (COMPETENCE_TEST_*_URL)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-worker", action="store_true")
    args = parser.parse_args()
    if args.scenario == "single":
        args.clients, args.duration = 1, 20.0
    if args.scenario in ("storm", "flood"):
        args.clients = min(args.clients, 500)

    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # one socket per simulated learner
    data_dir = Path(tempfile.mkdtemp(prefix="competence-load-"))
    port = appserver.free_port()
    url = f"http://localhost:{port}"
    extra = {"COMPETENCE_LOGIN_MAX_FAILURES_PER_ADDRESS": "100000",
             "COMPETENCE_JOIN_MAX_WRONG_CODES_PER_ADDRESS": "100000"}
    if args.production:
        extra.update(REFLEX_DB_URL=appserver.create_database(os.environ["COMPETENCE_TEST_PG_URL"], "load"),
                     REFLEX_REDIS_URL=os.environ["COMPETENCE_TEST_REDIS_URL"],
                     COMPETENCE_SECRET_KEY=secrets.token_hex(32), GRANIAN_WORKERS=str(args.workers))
    else:
        extra["REFLEX_DB_URL"] = f"sqlite:///{data_dir / 'competence.db'}"

    env = appserver.app_env(data_dir, url, extra)
    os.environ.update({k: v for k, v in env.items() if k.startswith(("COMPETENCE_", "REFLEX_DB"))})
    appserver.migrate(env)
    code, tokens, emails = seed(env["REFLEX_DB_URL"], args.clients + (50 if args.scenario == "storm" else 0))
    n = names()
    process = appserver.start(env, port, data_dir / "app.log")
    print(f"scenario {args.scenario}: {args.clients} learner(s), an answer every {args.interval:g} s for "
          f"{args.duration:g} s, {'PostgreSQL + Redis, ' + str(args.workers) + ' workers' if args.production else 'SQLite, one worker, memory state'}")
    try:
        cpu_before, _, _ = appserver.usage(appserver.process_tree(process.pid))
        stats, windows = Stats(), {}
        if args.scenario == "storm":
            async def storm_during():
                await asyncio.sleep(args.duration / 2)
                storm, started = Stats(), time.monotonic()
                await login_storm(url, n, emails[args.clients:], storm)
                ended = time.monotonic()
                print(storm.line("login storm (50 at once)"))
                windows["during the storm"] = (started, ended)
                windows["baseline (just before)"] = (started - 10, started)
            asyncio.run(crowd(url, n, code, tokens[:args.clients], args.interval, args.duration, stats,
                              extra=storm_during))
        elif args.scenario == "flood":
            flooder = Stats()
            async def flood_during():
                await asyncio.sleep(args.duration / 3)
                started = time.monotonic()
                await flood(url, n, flooder, args.duration / 3)
                windows["during the flood"] = (started, time.monotonic())
                windows["baseline (just before)"] = (started - 10, started)
            asyncio.run(crowd(url, n, code, tokens[:args.clients], args.interval, args.duration, stats,
                              extra=flood_during))
            print(f"flooder sent {flooder.events} events")
        else:
            async def kill_during():
                if args.kill_worker:
                    await asyncio.sleep(args.duration / 2)
                    workers = [p for p in appserver.process_tree(process.pid) if p != process.pid]
                    victim = max(workers)
                    os.kill(victim, signal.SIGKILL)
                    print(f"killed worker pid {victim} with SIGKILL")
            asyncio.run(crowd(url, n, code, tokens[:args.clients], args.interval, args.duration, stats,
                              extra=kill_during, windows=windows))
        cpu, rss, peak = appserver.usage(appserver.process_tree(process.pid))
        print(stats.line("app (learners)") + f"  server cpu {cpu - cpu_before:.1f} s  peak rss {peak:.0f} MB")
        print(f"acknowledged answers {stats.acknowledged_answers}")
        for label, (start, end) in sorted(windows.items()):
            count, p95 = stats.p95_between(start, end)
            print(f"learners' p95 {label:<24} {p95:7.1f} ms over {count} events")
        if args.kill_worker or args.production:
            from sqlalchemy import create_engine, text

            engine = create_engine(env["REFLEX_DB_URL"])
            with engine.connect() as connection:
                stored = connection.execute(text("SELECT COUNT(*) FROM answer")).scalar()
            engine.dispose()
            print(f"answers in the database {stored} (acknowledged {stats.acknowledged_answers}: "
                  f"{'none lost' if stored >= stats.acknowledged_answers else 'LOST ' + str(stats.acknowledged_answers - stored)})")
        log = (data_dir / "app.log").read_text(errors="replace")
        print(f"server log: {len(log.splitlines())} lines, {log.count('Traceback')} tracebacks")
    finally:
        appserver.stop(process)
    asyncio.run(echo_floor(min(args.clients, 200), 20))


if __name__ == "__main__":
    main()
