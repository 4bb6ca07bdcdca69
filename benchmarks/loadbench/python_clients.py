"""The Python clients (storm, flood, --generator python): learners over python-socketio that
sign in, join, answer, storm the login or flood one connection, and the echo floor they measure."""

from __future__ import annotations

import asyncio
import random
import sys
import time
import uuid

import socketio

from benchmarks.accounts import PASSWORD
from benchmarks.loadbench.figures import Stats
from benchmarks.loadbench.processes import echo_answers, launch_echo
from tests import appserver

EVENT_TIMEOUT_S = 30

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


# ---- the echo floor, with Python clients -------------------------------------------

async def echo_floor(clients: int, events_each: int) -> Stats:
    process, port = launch_echo()
    stats = Stats()
    try:
        while not echo_answers(port):
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
