"""The processes of a load run: the echo server started, processes pinned to a core, a worker
killed, and what they use read from /proc (CPU, peak memory, time spent waiting for a core)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests import appserver


def launch_echo() -> tuple[subprocess.Popen, int]:
    """The bare socket.io echo server (benchmarks/echo.py) on granian, as Reflex runs, on a free port."""
    port = appserver.free_port()
    process = subprocess.Popen([sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1",
                                "--port", str(port), "benchmarks.echo:app"], cwd=appserver.ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    return process, port


def echo_answers(port: int) -> bool:
    return appserver.answers(f"http://127.0.0.1:{port}/_event/?EIO=4&transport=polling")


def pin(pids: list[int], cpu: int | None) -> None:
    """Every thread of these processes on one core (taskset -a: granian's threads too)."""
    if cpu is None:
        return
    for pid in pids:
        subprocess.run(["taskset", "-a", "-p", "-c", str(cpu), str(pid)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def kill_worker(pids: list[int]) -> None:
    """kill -9 one of the server's workers (the highest pid after the launcher's, pids[0])."""
    victim = max(p for p in pids if p != pids[0])
    os.kill(victim, signal.SIGKILL)
    print(f"killed worker pid {victim} with SIGKILL")


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


def start_py_spy(pids: list[int], seconds: float, output: str, cpu: int | None) -> subprocess.Popen:
    """py-spy on the busiest Python process of the server (the worker), in raw (collapsed) format."""
    worker = max(pids, key=lambda pid: cpu_of([pid]) if pid != pids[0] else -1) if len(pids) > 1 else pids[0]
    command = [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(worker), "--duration",
               str(max(1, int(seconds))), "--rate", "250", "--format", "raw", "--output", output, "--nonblocking",
               "--gil"]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu), *command]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
