"""Every screen of both roles, at 390, 820 and 1280 px wide, in French and in English: axe-core
with the WCAG 2.2 AA rules finds no violation at all (whatever its impact), and nothing is wider
than the screen. Each screen is saved in test-artifacts/screens/ for a person to look at."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.flows import answer_current, new_email, open_page, sign_up, take_dimension
from tests.e2e.test_groups import create_group, enter_code

WIDTHS = (390, 820, 1280)
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
              "resultTypes": ["violations"]}
_axe = Axe()

pytestmark = pytest.mark.skipif(os.environ.get("COMPETENCE_E2E_PRODUCTION") == "1",
                                reason="the markup does not depend on the database: checked once, on SQLite")


SCREENS = Path("test-artifacts/screens")


def violations(page: Page, screen: str) -> list[str]:
    """axe's findings on the screen, and a screen wider than the window; the screen is saved."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{screen.replace(' ', '-')}.png"), full_page=True)
    found = [f"{screen}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:2]}"
             for v in _axe.run(page, options=WCAG_22_AA).response["violations"]]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append(f"{screen}: wider than the screen")
    return found


def screens(page: Page, group_id: int, member_id: int) -> dict[str, str]:
    return {
        "dashboard": "/tableau-de-bord", "groups": "/groupes", "profile": "/profil",
        "group": f"/groupes/{group_id}", "dimension": f"/groupes/{group_id}/dimensions/1",
        "learner": f"/groupes/{group_id}/apprenants/{member_id}",
    }


def test_every_screen_at_every_width_in_both_languages(browser, app):
    context = browser.new_context(base_url=app.url, locale="fr-CA", has_touch=True)
    teacher = context.new_page()
    sign_up(teacher, "teacher", new_email("axe"), name="Sofia Gagnon")
    code = create_group(teacher, "Groupe axe")
    pupil_context = browser.new_context(base_url=app.url, locale="fr-CA", has_touch=True)
    pupil = pupil_context.new_page()
    sign_up(pupil, "learner", new_email("axe"), name="William Côté")
    open_page(pupil, "/groupes")
    enter_code(pupil, code)
    pupil.get_by_role("alertdialog").get_by_role("button", name="J'accepte").tap()
    take_dimension(pupil, 1, knows=lambda item: item.level <= 3)
    group_id = app.query("SELECT MAX(id) FROM class_group")[0][0]
    member_id = app.query(f"SELECT id FROM membership WHERE group_id = {group_id}")[0][0]

    visitor = browser.new_context(base_url=app.url, locale="fr-CA", has_touch=True).new_page()
    public = {"home": "/", "login": "/login", "teacher signup": "/users/signup/2", "learner signup": "/users/signup/3",
              "terms": "/conditions", "forgot": "/mot-de-passe-oublie", "accessibility": "/accessibilite",
              "not found": "/pas-une-page"}
    found: list[str] = []
    for language, switch in (("fr", "Français"), ("en", "English")):
        for page in (visitor, teacher, pupil):
            open_page(page, "/")
            page.get_by_role("button", name=switch).click()
            expect(page.locator("html")).to_have_attribute("lang", language)
        for width in WIDTHS:
            for page, paths in ((visitor, public), (teacher, screens(teacher, group_id, member_id)),
                                (pupil, {"dashboard": "/tableau-de-bord", "activate": "/activer", "groups": "/groupes",
                                         "profile": "/profil"})):
                page.set_viewport_size({"width": width, "height": 900})
                for name, path in paths.items():
                    open_page(page, path)
                    expect(page.locator("main")).to_be_visible()
                    found += violations(page, f"{language} {width}px {name}")
            for index, tab in ((1, "group dimensions tab"), (2, "group manage tab")):
                open_page(teacher, f"/groupes/{group_id}")
                teacher.get_by_role("tab").nth(index).click()
                found += violations(teacher, f"{language} {width}px {tab}")
            pupil.set_viewport_size({"width": width, "height": 900})
            open_page(pupil, "/activer")
            pupil.locator(".activity button").first.tap()
            expect(pupil.locator("#activite legend.question")).to_be_visible()
            found += violations(pupil, f"{language} {width}px open activity")
            open_page(pupil, "/tableau-de-bord")
            pupil.get_by_role("button", name=re.compile(r"dimension 2$")).first.tap()
            expect(pupil.locator("legend.question")).to_be_visible()
            found += violations(pupil, f"{language} {width}px question")
            answer_current(pupil, knows=lambda item: True, language=language)
            found += violations(pupil, f"{language} {width}px feedback")
    assert found == [], "\n".join(found)
