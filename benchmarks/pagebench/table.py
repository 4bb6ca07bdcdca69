"""The page benchmark's table: each screen's figures against the issue's targets, then its
Lighthouse metrics and failing audits, and with --verbose its largest requests."""

from __future__ import annotations

from benchmarks.pagebench.cold_loads import Load
from benchmarks.pagebench.screens import Screen

# Targets of the issue.
CHART_PAGE_KIB, PLAIN_PAGE_KIB, RADAR_S = 700, 360, 6.0
LH_PERFORMANCE, LH_ACCESSIBILITY, LH_BEST_PRACTICES = 90, 100, 100


def fmt(value, digits=1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def misses(screen: Screen, load: Load | None, lh: dict | None) -> list[str]:
    out = []
    if load:
        limit = CHART_PAGE_KIB if screen.charts else PLAIN_PAGE_KIB
        if load.http_bytes / 1024 > limit:
            out.append(f">{limit}KiB")
        if screen.role == "learner" and screen.path == "/tableau-de-bord" and (load.chart_s or 99) > RADAR_S:
            out.append(f"radar>{RADAR_S:g}s")
    if lh:
        if (lh["performance"] or 0) < LH_PERFORMANCE:
            out.append("perf")
        if (lh["accessibility"] or 0) < LH_ACCESSIBILITY:
            out.append("a11y")
        if (lh["best-practices"] or 0) < LH_BEST_PRACTICES:
            out.append("bp")
    return out


def report(chosen: list[Screen], loads: dict, lhs: dict, verbose: bool) -> None:
    head = (f"{'screen':<24}{'role':<9}{'KiB':>6}{'ws KiB':>8}{'content s':>10}{'chart s':>9}{'charts s':>9}"
            f"{'long ms':>8}{'perf':>6}{'a11y':>6}{'bp':>5}  targets")
    print(head)
    print("-" * len(head))
    for screen in chosen:
        load, lh = loads.get((screen.role, screen.path)), lhs.get((screen.role, screen.path))
        missed = misses(screen, load, lh)
        cells = [f"{screen.name:<24}", f"{screen.role:<9}"]
        if load:
            cells += [f"{load.http_bytes / 1024:>6.0f}", f"{load.ws_bytes / 1024:>8.1f}", f"{fmt(load.content_s):>10}",
                      f"{fmt(load.chart_s) if screen.charts else '':>9}", f"{fmt(load.charts_s) if screen.charts else '':>9}",
                      f"{load.long_task_ms:>8.0f}"]
        else:
            cells += [f"{'':>6}{'':>8}{'':>10}{'':>9}{'':>9}{'':>8}"]
        if lh:
            cells += [f"{fmt(lh['performance'], 0):>6}", f"{fmt(lh['accessibility'], 0):>6}",
                      f"{fmt(lh['best-practices'], 0):>5}"]
        else:
            cells += [f"{'':>6}{'':>6}{'':>5}"]
        print("".join(cells) + "  " + ("ok" if not missed else "MISSED " + ",".join(missed)))
    if lhs:
        print("\nLighthouse (mobile, simulated throttling): FCP, LCP, TBT, CLS, Speed Index; audits under 0.9")
        for screen in chosen:
            lh = lhs.get((screen.role, screen.path))
            if not lh:
                continue
            m = lh["metrics"]
            line = (f"  {screen.role}:{screen.path}  FCP {fmt((m['first-contentful-paint'] or 0) / 1000)} s  "
                    f"LCP {fmt((m['largest-contentful-paint'] or 0) / 1000)} s  TBT {m['total-blocking-time'] or 0:.0f} ms  "
                    f"CLS {m['cumulative-layout-shift'] or 0:.3f}  SI {fmt((m['speed-index'] or 0) / 1000)} s")
            print(line)
            for category, audits in lh["failing"].items():
                if audits:
                    print(f"      {category}: {'; '.join(audits)}")
            if lh.get("runtimeError"):
                print(f"      error: {lh['runtimeError']}")
    if verbose:
        print("\nLargest requests per screen (bytes transferred):")
        for screen in chosen:
            load = loads.get((screen.role, screen.path))
            if load:
                top = sorted(load.requests, reverse=True)[:8]
                print(f"  {screen.role}:{screen.path}: " + ", ".join(f"{b / 1024:.0f}K {u.rsplit('/', 1)[-1][:40]}"
                                                                   for b, u in top))
