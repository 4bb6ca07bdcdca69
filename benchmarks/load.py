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
import os
import resource
import secrets
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadbench.node_generator import ensure_loadgen  # noqa: E402
from benchmarks.loadbench.processes import pin  # noqa: E402
from benchmarks.loadbench.python_clients import echo_floor  # noqa: E402
from benchmarks.loadbench.report import machine_line  # noqa: E402
from benchmarks.loadbench.scenarios import node_scenario, python_scenario  # noqa: E402
from benchmarks.loadbench.seeding import names, seed  # noqa: E402
from tests import appserver  # noqa: E402


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
            python_scenario(args, n, url, code, tokens, emails, server_pids, setup, env)
        log = (data_dir / "app.log").read_text(errors="replace")
        print(f"server log: {len(log.splitlines())} lines, {log.count('Traceback')} tracebacks")
    finally:
        appserver.stop(process)
    if args.generator == "python":
        asyncio.run(echo_floor(min(args.clients, 200), 20))
    print(machine_line(args).split(";")[0].replace("machine:", "machine at the end:"))


if __name__ == "__main__":
    main()
