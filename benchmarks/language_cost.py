"""What a second language costs: the bytes a cold dashboard page transfers, and the bytes the
server sends for two typical events (the dashboard's load, one answered question), measured
on the real app in Chromium. Run it before and after a change of the i18n mechanism.

    .venv/bin/python benchmarks/language_cost.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests import appserver  # noqa: E402
from tests.e2e.flows import answer_current, new_email, sign_up  # noqa: E402


def main() -> None:
    data_dir, port = Path(tempfile.mkdtemp(prefix="language-cost-")), appserver.free_port()
    url = f"http://localhost:{port}"
    env = appserver.app_env(data_dir, url, {"REFLEX_DB_URL": f"sqlite:///{data_dir / 'competence.db'}",
                                           "COMPETENCE_CAPTCHA_MAX_NUMBER": "1000"})
    appserver.migrate(env)
    process = appserver.start(env, port, data_dir / "app.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_context(base_url=url, has_touch=True, locale="fr-CA").new_page()
            sign_up(page, "learner", new_email("poids"), name="Mesure")
            frames: list[int] = []
            page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(len(f if isinstance(f, bytes) else f.encode()))))
            cold = browser.new_context(base_url=url, locale="fr-CA").new_page()
            transferred: list[int] = []
            cold.on("response", lambda r: transferred.append(int(r.headers.get("content-length", 0) or 0)))
            cold.goto("/tableau-de-bord")
            cold.wait_for_load_state("networkidle")
            page.goto("/tableau-de-bord")
            page.wait_for_load_state("networkidle")
            expect(page.get_by_role("heading", name="Mon tableau de bord")).to_be_visible()
            load_bytes = sum(frames)
            frames.clear()
            page.get_by_role("button", name="Commencer : dimension 1", exact=True).click()
            expect(page.locator("legend.question")).to_be_visible()
            frames.clear()
            answer_current(page, knows=lambda item: True)
            answer_bytes = sum(frames)
            browser.close()
        print(f"cold dashboard page (signed out, headers' content-length): {sum(transferred) / 1024:.0f} KiB")
        print(f"dashboard load, server -> browser over the socket: {load_bytes} bytes")
        print(f"one answer (« Valider »), server -> browser: {answer_bytes} bytes")
    finally:
        appserver.stop(process)


if __name__ == "__main__":
    main()
