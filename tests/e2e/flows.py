"""What a person does on the account screens, by the labels they read."""

from __future__ import annotations

import re
import uuid
from typing import Callable

from playwright.sync_api import Page, expect

from competence.domain.content import Item, content
from competence.i18n import CATALOGUE, LANGUAGES, t

PASSWORD = "Le hibou mange 7 bleuets"
SIGNUP_ROUTES = {"teacher": "/users/signup/2", "learner": "/users/signup/3"}
LEVEL_LABELS = {"teacher": "Niveau scolaire d'enseignement", "learner": "Niveau scolaire"}


def new_email(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:8]}@exemple.ca"


def open_page(page: Page, path: str) -> None:
    """Go to a page and wait until it is live (its data loaded over the websocket)."""
    page.goto(path)
    wait_until_live(page)


def wait_until_live(page: Page) -> None:
    """The page's data is in: typed before, a field could be drawn again empty."""
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-live="true"]')).to_be_attached()


def solve_captcha(page: Page) -> None:
    page.get_by_label("Je ne suis pas un robot").click()
    # ALTCHA's default difficulty (1,000,000): a few seconds on a small machine, more under load.
    expect(page.get_by_text("Vérifié")).to_be_visible(timeout=60_000)


def fill_signup(
    page: Page,
    role: str,
    email: str,
    *,
    name: str = "Nhien Huyen",
    password: str = PASSWORD,
    confirmation: str | None = None,
    level: str = "2e cycle du secondaire",
    under_14: bool | None = False,
    guardian: bool = False,
    terms: bool = True,
    captcha: bool = True,
) -> None:
    open_page(page, SIGNUP_ROUTES[role])
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_label("Confirmer le mot de passe").fill(password if confirmation is None else confirmation)
    page.get_by_label("Nom", exact=True).fill(name)
    if level:
        page.get_by_label(LEVEL_LABELS[role], exact=True).select_option(label=level)
    if role == "learner" and under_14 is not None:
        page.get_by_label("J'ai moins de 14 ans" if under_14 else "J'ai 14 ans ou plus").check()
    if guardian:
        page.get_by_label("Un parent, un tuteur ou mon enseignant a autorisé la création de mon compte").check()
    if terms:
        page.get_by_label("J'accepte les conditions d'utilisation").check()
    if captcha:
        solve_captcha(page)


def sign_up(page: Page, role: str, email: str, **fields) -> None:
    fill_signup(page, role, email, **fields)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page).to_have_url(re.compile(r"/groupes\?avis=bienvenue$"))  # the next step: a group


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    if "/login" not in page.url:  # keep ?next= when a private page sent us here
        open_page(page, "/login")
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_text("Déconnexion effectuée.")).to_be_visible()


BANK = content()
BY_TEXT = {
    (item.wording(language).situation, item.wording(language).question): item
    for item in BANK.items.values() for language in LANGUAGES
}


def current_item(page: Page) -> Item:
    """The bank's item on screen, found by its words (in either language)."""
    return BY_TEXT[(page.locator(".situation").inner_text(), page.locator("legend.question").inner_text())]


def shown_choices(page: Page) -> list[str]:
    """The choices as the screen lists them, top to bottom."""
    return page.locator(".choices label").all_inner_texts()


def answer_current(page: Page, knows: Callable[[Item], bool], language: str = "fr") -> None:
    """Tap a choice (the right one when the learner knows it, from the answer key) and « Valider »."""
    item = current_item(page)
    words, say = item.wording(language), CATALOGUE[language]
    index = item.answer if knows(item) else (item.answer + 1) % item.choice_count
    page.get_by_label(words.choices[index], exact=True).tap()
    page.get_by_role("button", name=say["test.validate"]).tap()
    expect(page.get_by_role("heading", name=say["test.complement"])).to_be_visible()
    expect(page.get_by_text(words.complement)).to_be_visible()
    expect(page.get_by_text(say["test.right_answer"].format(answer=words.choices[item.answer]))).to_be_visible()


def finish(page: Page, knows: Callable[[Item], bool]) -> str:
    """Answer until the result; returns the result line."""
    while True:
        answer_current(page, knows)
        if page.get_by_role("button", name="Voir mon résultat").is_visible():
            page.get_by_role("button", name="Voir mon résultat").tap()
            return page.locator(".result").inner_text()
        page.get_by_role("button", name="Suivant").tap()
        expect(page.locator("legend.question")).to_be_visible()


def result_line(level: str) -> str:
    """The result's line as a learner reads it, from the catalogue (its no-break spaces included)."""
    return t("test.done_level", "fr", "tu", level=level)


def take_dimension(page: Page, number: int, knows: Callable[[Item], bool]) -> str:
    open_page(page, "/tableau-de-bord")
    page.get_by_role("button", name=re.compile(rf"^(Commencer|Refaire)\s:\sdimension {number}$")).tap()
    expect(page.locator("legend.question")).to_be_visible()
    return finish(page, knows)
