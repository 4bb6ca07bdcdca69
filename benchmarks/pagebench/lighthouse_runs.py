"""Lighthouse on each screen (benchmarks/lighthouse/screens.mjs, one user flow per role), its Node
packages installed when missing; with several runs, each screen's run of median performance."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.accounts import PASSWORD
from benchmarks.node_env import node_env
from benchmarks.pagebench.cold_loads import CHROMIUM
from benchmarks.pagebench.screens import Screen
from benchmarks.pagebench.seeding import Seeded
from tests import appserver

LIGHTHOUSE_DIR = appserver.ROOT / "benchmarks" / "lighthouse"
REPORTS = appserver.ROOT / "test-artifacts" / "lighthouse"


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
