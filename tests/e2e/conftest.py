"""End-to-end fixtures: the real app, started as `make run` starts it (production build,
one port), on a free port with a throw-away data folder; Debian's Chromium drives it."""

from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests import appserver
from tests.smtp_server import smtp_server

CHROMIUM = "/usr/bin/chromium"
# A French-speaking browser (the UI follows Accept-Language before anyone chooses).
TABLET = {"viewport": {"width": 820, "height": 1180}, "has_touch": True, "is_mobile": True, "locale": "fr-CA"}
LAPTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "fr-CA"}


@dataclass
class RunningApp:
    url: str
    data_dir: Path
    db_url: str
    pid: int  # the launcher; the backend workers are its children

    def query(self, sql: str) -> list[tuple]:
        """Read the app's database directly, as a check from outside the app."""
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql))]
        finally:
            engine.dispose()

    def execute(self, sql: str, **values) -> None:
        """Arrange a situation directly in the app's database (past results, say): committed."""
        engine = create_engine(self.db_url)
        try:
            with engine.begin() as connection:
                connection.execute(text(sql), values)
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
    return {
        "REFLEX_DB_URL": appserver.create_database(os.environ["COMPETENCE_TEST_PG_URL"], "e2e"),
        "REFLEX_REDIS_URL": os.environ["COMPETENCE_TEST_REDIS_URL"],
        "COMPETENCE_SECRET_KEY": secrets.token_hex(32),
        "GRANIAN_WORKERS": "2",
    }


@pytest.fixture(scope="session")
def inbox():
    """The test SMTP server the app sends its email to (aiosmtpd, in this process)."""
    with smtp_server() as (received, port):
        received.port = port
        yield received


@pytest.fixture(scope="session")
def app(inbox) -> RunningApp:
    data_dir = Path(tempfile.mkdtemp(prefix="competence-e2e-"))
    port = appserver.free_port()
    url = f"http://localhost:{port}"
    env = appserver.app_env(data_dir, url, {
        # Every test browser shares 127.0.0.1: the per-address limits would make the tests
        # block each other. Per-account limits stay as in production (unit tests cover addresses).
        "COMPETENCE_LOGIN_MAX_FAILURES_PER_ADDRESS": "100000",
        "COMPETENCE_JOIN_MAX_WRONG_CODES_PER_ADDRESS": "100000",
        "COMPETENCE_RESET_REQUESTS_PER_ADDRESS": "100000",
        "COMPETENCE_SMTP_HOST": "127.0.0.1",
        "COMPETENCE_SMTP_PORT": str(inbox.port),
        "COMPETENCE_SMTP_SECURITY": "none",
        "COMPETENCE_SIGNUP_MAX_PER_ADDRESS": "100000",
        # The signup captcha's proof of work at its production difficulty takes seconds of a
        # browser's CPU; the e2e tests sign up dozens of people. tests/unit/test_captcha.py
        # checks the production default.
        "COMPETENCE_CAPTCHA_MAX_NUMBER": "50000",
        **_production_env(data_dir),
    })
    appserver.migrate(env)
    try:
        process = appserver.start(env, port, data_dir / "app.log")
    except RuntimeError as error:
        pytest.fail(str(error))
    yield RunningApp(url=url, data_dir=data_dir, db_url=env["REFLEX_DB_URL"], pid=process.pid)
    appserver.stop(process)


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
    context = browser.new_context(base_url=app.url, **device)
    page = context.new_page()
    page.set_default_timeout(15_000)
    outside: list[str] = []
    # Nothing may call another host: any such request fails the test.
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((app.url, "data:", "blob:")) else None)
    page.outside_requests = outside
    return page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test leaves a picture of each of its pages in test-artifacts/failures/."""
    report = yield
    if report.when == "call" and report.failed:
        folder = Path("test-artifacts/failures")
        folder.mkdir(parents=True, exist_ok=True)
        for name, value in item.funcargs.items():
            if isinstance(value, Page) and not value.is_closed():
                value.screenshot(path=str(folder / f"{item.name}-{name}.png"), full_page=True)
    return report


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
