"""The scenarios of a load run, once the app is up: the Node generator's (single, steady, sweep)
and the Python clients' (storm, flood, and single or steady with --generator python)."""

from __future__ import annotations

import asyncio
import time

from benchmarks.loadbench.figures import P95_TARGET_MS, Stats, quantiles
from benchmarks.loadbench.node_generator import echo_run, run_node
from benchmarks.loadbench.processes import kill_worker, memory_by_process
from benchmarks.loadbench.python_clients import crowd, flood, login_storm
from benchmarks.loadbench.report import print_run, profile_top, verdict
from tests import appserver


def node_scenario(args, rates, n, url, code, tokens, server_pids, setup, env) -> None:
    if args.scenario != "sweep":
        print(f"scenario {args.scenario}: {args.clients} learner(s), an answer every {args.interval:g} s "
              f"({args.clients / args.interval:g} answers/s) for {args.duration:g} s after a ramp of "
              f"{args.clients / args.ramp:g} s; {setup}; Node generator, {args.threads} threads")
        run = run_node(url, "app", n, tokens, code, args.interval, args.duration, args.ramp, args.threads,
                       args.generator_cpu, server_pids, py_spy=args.py_spy,
                       halfway=(lambda: kill_worker(server_pids())) if args.kill_worker else None,
                       join=not args.joined)
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


def python_scenario(args, n, url, code, tokens, emails, server_pids, setup, env) -> None:
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
                kill_worker(server_pids())
        asyncio.run(crowd(url, n, code, tokens[:args.clients], args.interval, args.duration, stats,
                          extra=kill_during, windows=windows))
    cpu, rss, peak = appserver.usage(server_pids())
    print(stats.line("app (learners)") + f"  server cpu {cpu - cpu_before:.1f} s  peak rss {peak:.0f} MB")
    print(f"acknowledged answers {stats.acknowledged_answers}")
    for label, (start, end) in sorted(windows.items()):
        count, p95 = stats.p95_between(start, end)
        print(f"learners' p95 {label:<24} {p95:7.1f} ms over {count} events")
    count_stored(args, env, stats.acknowledged_answers)
