"""The printed side of a load run: the machine, one generator run, the echo floor's verdict, the
worker's py-spy profile."""

from __future__ import annotations

import collections
import os
from pathlib import Path

from benchmarks.loadbench.figures import ECHO_P95_LIMIT_MS, Run, quantiles


def machine_line(args) -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    pinned = (f"server on cpu {args.server_cpu}, generator on cpu {args.generator_cpu}"
              if args.server_cpu is not None else "not pinned")
    return f"machine: {os.cpu_count()} cores, load average {load}; {pinned}"


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


def verdict(echo: Run) -> None:
    """Whether this run's figures count: the echo floor at the same load stayed under its limit."""
    _, p95, _ = quantiles(echo.in_window())
    counts = p95 < ECHO_P95_LIMIT_MS
    why = "count" if counts else "do not count (the machine or the generator set them)"
    print(f"echo floor p95 {p95:.1f} ms at the same load: {'under' if counts else 'NOT under'} "
          f"{ECHO_P95_LIMIT_MS:g} ms, the figures {why}")


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
