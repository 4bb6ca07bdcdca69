"""End-to-end fixtures: the real app, started as `make run` starts it (production build,
one port), on a free port with a throw-away data folder; Debian's Chromium drives it."""

from __future__ import annotations

import os
import signal
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
START_TIMEOUT_S = 900  # a first build on a fresh clone installs the npm packages
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}


@dataclass
class RunningApp:
    url: str
    data_dir: Path
    db_url: str

    def query(self, sql: str) -> list[tuple]:
        """Read the app's database directly, as a check from outside the app."""
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql))]
        finally:
            engine.dispose()

    def count(self, table: str) -> int:
        return self.query(f"SELECT COUNT(*) FROM {table}")[0][0]

    def raw_bytes(self) -> bytes:
        """Everything the database holds, as bytes: the SQLite files (with the WAL), or a pg_dump."""
        if self.db_url.startswith("sqlite"):
            return b"".join(path.read_bytes() for path in self.data_dir.glob("competence.db*"))
        plain = make_url(self.db_url).set(drivername="postgresql").render_as_string(hide_password=False)
        return subprocess.run(["pg_dump", "--data-only", plain], check=True, capture_output=True).stdout


def _production_env(data_dir: Path) -> dict[str, str]:
    """With COMPETENCE_E2E_PRODUCTION=1 (scripts/with-services.sh): PostgreSQL, Redis, two workers."""
    if os.environ.get("COMPETENCE_E2E_PRODUCTION") != "1":
        return {"REFLEX_DB_URL": f"sqlite:///{data_dir / 'competence.db'}"}
    server = make_url(os.environ["COMPETENCE_TEST_PG_URL"])
    database = f"e2e_{data_dir.name.replace('-', '_').lower()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return {
        "REFLEX_DB_URL": server.set(database=database).render_as_string(hide_password=False),
        "REFLEX_REDIS_URL": os.environ["COMPETENCE_TEST_REDIS_URL"],
        "COMPETENCE_SECRET_KEY": secrets.token_hex(32),
        "GRANIAN_WORKERS": "2",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def app() -> RunningApp:
    data_dir = Path(tempfile.mkdtemp(prefix="competence-e2e-"))
    port = _free_port()
    url = f"http://localhost:{port}"
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "COMPETENCE_DATA_DIR": str(data_dir),
        "COMPETENCE_ALLOWED_ORIGINS": url,
        "REFLEX_USE_NPM": "1",
        # Every test browser shares 127.0.0.1: the per-address limits would make the tests
        # block each other. Per-account limits stay as in production (unit tests cover addresses).
        "COMPETENCE_LOGIN_MAX_FAILURES_PER_ADDRESS": "100000",
        "COMPETENCE_JOIN_MAX_WRONG_CODES_PER_ADDRESS": "100000",
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.update(_production_env(data_dir))
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env, check=True)
    log_path = data_dir / "app.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(bin_dir / "reflex"), "run", "--env", "prod", "--single-port",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while not (_answers(f"{url}/ping") and _answers(f"{url}/login")):
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL) if process.poll() is None else None
            pytest.fail("The app did not start:\n" + log_path.read_text()[-4000:])
        time.sleep(1)
    yield RunningApp(url=url, data_dir=data_dir, db_url=env["REFLEX_DB_URL"])
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


def _page(browser: Browser, app: RunningApp, device: dict) -> Page:
    context = browser.new_context(base_url=app.url, locale="fr-CA", **device)
    page = context.new_page()
    page.set_default_timeout(15_000)
    outside: list[str] = []
    # Nothing may call another host: any such request fails the test.
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((app.url, "data:", "blob:")) else None)
    page.outside_requests = outside
    return page


@pytest.fixture
def tablet(browser, app):
    yield from _checked_page(browser, app, TABLET)


@pytest.fixture
def laptop(browser, app):
    yield from _checked_page(browser, app, LAPTOP)


def _checked_page(browser, app, device):
    page = _page(browser, app, device)
    yield page
    assert page.outside_requests == []
    page.context.close()


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical violation on the page as it is now."""
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in _axe.run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert violations == [], "\n".join(violations)
