"""Cold loads of each screen with Playwright, on Debian's Chromium, under Chrome's emulation of a
weak tablet: bytes over HTTP and the socket, when the content and the charts show, long tasks."""

from __future__ import annotations

import json
import statistics
import sys
import time
from dataclasses import dataclass, field

from benchmarks.accounts import PASSWORD
from benchmarks.pagebench.screens import Screen
from benchmarks.pagebench.seeding import Seeded

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
# Chrome's emulation of the weak tablet (DevTools protocol units: bytes per second, milliseconds).
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
LOAD_TIMEOUT_S = 90
QUIET_S = 1.5  # no HTTP request in flight for this long: the load is over


@dataclass
class Load:
    http_bytes: int = 0
    ws_bytes: int = 0
    content_s: float | None = None
    chart_s: float | None = None
    charts_s: float | None = None
    long_task_ms: float = 0.0
    requests: list[tuple[int, str]] = field(default_factory=list)


# Records, in the page's own clock (ms from navigation start), when the content and the charts
# first show, and the longest task after the content showed.
MARKS_SCRIPT = """
(() => {
  const marks = window.__pageMarks = {content: null, chart: null, charts: null, tasks: []};
  const shown = el => el && el.getClientRects().length > 0;
  const check = () => {
    const now = performance.now();
    const content = window.__contentSelector;
    if (marks.content === null && content && [...document.querySelectorAll(content)].some(shown)) marks.content = now;
    const drawn = [...document.querySelectorAll('figure.chart')].filter(f => f.querySelector('.main-svg')).length;
    if (drawn > 0 && marks.chart === null) marks.chart = now;
    if (window.__chartCount && drawn >= window.__chartCount && marks.charts === null) marks.charts = now;
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
  document.addEventListener('DOMContentLoaded', check);
  try {
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) marks.tasks.push([entry.startTime, entry.duration]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
})();
"""


def _token(browser, url: str, email: str) -> str:
    """Sign in through the login page, as a person does; the tab's sessionStorage keeps the token."""
    from playwright.sync_api import expect

    context = browser.new_context(base_url=url, locale="fr-CA", **TABLET)
    page = context.new_page()
    page.goto("/login")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator(".header-user")).not_to_be_empty(timeout=30_000)
    token = page.evaluate("sessionStorage.getItem('cn_session')")
    context.close()
    assert token, "no session token after signing in"
    return token


def cold_load(browser, url: str, screen: Screen, token: str | None) -> Load:
    context = browser.new_context(base_url=url, locale="fr-CA", **TABLET)
    if token:  # the signed-in tab: its sessionStorage holds the token, as after the login page
        context.add_init_script(f"if (!sessionStorage.getItem('cn_session')) "
                                f"sessionStorage.setItem('cn_session', {json.dumps(token)});")
    context.add_init_script(f"window.__contentSelector = {json.dumps(screen.content)};"
                            f"window.__chartCount = {screen.charts};")
    context.add_init_script(MARKS_SCRIPT)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((url, "data:", "blob:", "ws://localhost")) else None)
    cdp = context.new_cdp_session(page)
    load, in_flight, last_activity = Load(), {}, [time.monotonic()]

    def started(event):
        in_flight[event["requestId"]] = event["request"]["url"]
        last_activity[0] = time.monotonic()

    def finished(event):
        load.http_bytes += int(event.get("encodedDataLength", 0))
        load.requests.append((int(event.get("encodedDataLength", 0)), in_flight.pop(event["requestId"], "?")))
        last_activity[0] = time.monotonic()

    def failed(event):
        in_flight.pop(event["requestId"], None)
        last_activity[0] = time.monotonic()

    def frame(event):
        load.ws_bytes += len(event["response"]["payloadData"].encode())

    cdp.on("Network.requestWillBeSent", started)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", failed)
    cdp.on("Network.webSocketFrameReceived", frame)
    cdp.on("Network.webSocketFrameSent", frame)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(screen.path, wait_until="commit", timeout=LOAD_TIMEOUT_S * 1000)
    deadline = time.monotonic() + LOAD_TIMEOUT_S
    marks = {}
    while time.monotonic() < deadline:
        page.wait_for_timeout(250)
        marks = page.evaluate("window.__pageMarks") or {}
        done = marks.get("content") is not None and (screen.charts == 0 or marks.get("charts") is not None)
        if done and not in_flight and time.monotonic() - last_activity[0] > QUIET_S:
            break
    seconds = lambda ms: None if ms is None else ms / 1000  # noqa: E731
    load.content_s, load.chart_s, load.charts_s = (seconds(marks.get(k)) for k in ("content", "chart", "charts"))
    after = marks.get("content") or 0
    load.long_task_ms = max((d for s, d in marks.get("tasks", []) if s + d > after), default=0.0)
    cdp.detach()
    context.close()
    assert not outside, f"{screen.path} called another host: {outside[:3]}"
    return load


def measure(url: str, seeded: Seeded, chosen: list[Screen], runs: int) -> dict[tuple[str, str], Load]:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tokens = {"public": None}
        for role, email in (("learner", seeded.learner_email), ("teacher", seeded.teacher_email)):
            if any(s.role == role for s in chosen):
                tokens[role] = _token(browser, url, email)
        for screen in chosen:
            loads = [cold_load(browser, url, screen, tokens[screen.role]) for _ in range(runs)]
            results[(screen.role, screen.path)] = median_load(loads)
            print(f"  measured {screen.role} {screen.path}", file=sys.stderr, flush=True)
        browser.close()
    return results


def median_load(loads: list[Load]) -> Load:
    if len(loads) == 1:
        return loads[0]

    def mid(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    return Load(http_bytes=int(mid([x.http_bytes for x in loads])), ws_bytes=int(mid([x.ws_bytes for x in loads])),
                content_s=mid([x.content_s for x in loads]), chart_s=mid([x.chart_s for x in loads]),
                charts_s=mid([x.charts_s for x in loads]), long_task_ms=mid([x.long_task_ms for x in loads]),
                requests=loads[0].requests)
