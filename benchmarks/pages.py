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
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pagebench.cold_loads import CHROMIUM, CPU_SLOWDOWN, NETWORK, measure  # noqa: E402
from benchmarks.pagebench.lighthouse_runs import lighthouse  # noqa: E402
from benchmarks.pagebench.screens import screens  # noqa: E402
from benchmarks.pagebench.seeding import seed  # noqa: E402
from benchmarks.pagebench.table import report  # noqa: E402
from tests import appserver  # noqa: E402


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
