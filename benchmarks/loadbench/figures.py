"""What a load run measured: the Python clients' Stats, the Node generator's Run, quantiles."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

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
