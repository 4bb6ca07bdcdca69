"""The guide's whole flow in English: a teacher and a learner whose browsers ask for English,
from signup to the group's portrait, every label read from the English catalogue. And the
« FR | EN » switch: at once, without losing what was typed."""

import re

from playwright.sync_api import Page, expect

from competence.i18n import CATALOGUE, t
from tests.e2e.conftest import LAPTOP, TABLET, assert_accessible
from tests.e2e.flows import PASSWORD, answer_current, new_email, open_page

EN = CATALOGUE["en"]
GROUP = "Grade 8 Explorers"


def sign_up_in_english(page: Page, role: str, email: str, name: str) -> None:
    open_page(page, "/users/signup/2" if role == "teacher" else "/users/signup/3")
    expect(page.get_by_role("heading", name=EN[f"signup.{role}_title"])).to_be_visible()
    page.get_by_label(EN["field.email"]).fill(email)
    page.get_by_label(EN["field.password"], exact=True).fill(PASSWORD)
    page.get_by_label(EN["field.confirmation"]).fill(PASSWORD)
    page.get_by_label(EN["field.name"], exact=True).fill(name)
    level_label = EN["field.teacher_level" if role == "teacher" else "field.learner_level"]
    page.get_by_label(level_label, exact=True).select_option(label=EN["level.secondaire_2"])
    if role == "learner":
        page.get_by_label(EN["field.age_14_plus"]).check()
    page.get_by_label(EN["field.terms"]).check()
    page.get_by_label(EN["field.captcha"]).click()
    expect(page.get_by_text(EN["captcha.verified"])).to_be_visible(timeout=60_000)
    page.get_by_role("button", name=EN["signup.submit"]).click()
    expect(page).to_have_url(re.compile(r"/groupes\?avis=bienvenue$"))


def test_the_guides_flow_in_english(browser, app):
    teacher = browser.new_context(base_url=app.url, **{**LAPTOP, "locale": "en-CA"}).new_page()
    sign_up_in_english(teacher, "teacher", new_email("teacher"), "Jordan Smith")
    expect(teacher.locator("html")).to_have_attribute("lang", "en")
    open_page(teacher, "/groupes")
    teacher.get_by_role("button", name=EN["groups.create"]).click()
    teacher.get_by_label(EN["groups.name_field"]).fill(GROUP)
    teacher.get_by_role("button", name=EN["groups.create_submit"]).click()
    code = teacher.locator(".group-code").inner_text()
    assert_accessible(teacher)

    learner = browser.new_context(base_url=app.url, **{**TABLET, "locale": "en-CA"}).new_page()
    sign_up_in_english(learner, "learner", new_email("learner"), "Riley Tremblay")
    open_page(learner, "/groupes")
    learner.get_by_role("button", name=EN["groups.join"]).tap()
    learner.get_by_label(EN["groups.code_field"]).fill(code)
    learner.get_by_role("button", name=EN["groups.join_submit"]).tap()
    dialog = learner.get_by_role("alertdialog")
    expect(dialog.get_by_role("heading")).to_have_text(EN["groups.consent_title"].format(name=GROUP))
    assert_accessible(learner)
    dialog.get_by_role("button", name=EN["groups.accept"]).tap()
    expect(learner.get_by_text(t("groups.joined_notice", "en", "tu", name=GROUP))).to_be_visible()

    learner.get_by_role("link", name=EN["nav.dashboard"]).tap()
    start = EN["dashboard.action_label"].format(action=EN["dashboard.start"], number=1)
    learner.get_by_role("button", name=start, exact=True).tap()
    expect(learner.get_by_role("heading", name="1. Acting as an ethical citizen in the digital age")).to_be_visible()
    while not learner.get_by_role("button", name=EN["test.see_result"]).is_visible():
        answer_current(learner, knows=lambda item: True, language="en")
        if learner.get_by_role("button", name=EN["test.see_result"]).is_visible():
            break
        learner.get_by_role("button", name=EN["test.next"]).tap()
    assert_accessible(learner)
    learner.get_by_role("button", name=EN["test.see_result"]).tap()
    expect(learner.locator(".result")).to_have_text(t("test.done_level", "en", "tu", level="Expert"))

    open_page(teacher, "/groupes")
    teacher.get_by_role("link", name=GROUP).click()
    row = teacher.get_by_role("row").filter(has_text="Riley Tremblay")
    expect(row).to_contain_text("Expert")
    teacher.get_by_role("tab", name=EN["portrait.tab_dimensions"]).click()
    expect(teacher.get_by_role("tabpanel")).to_contain_text("1. Acting as an ethical citizen in the digital age")
    assert_accessible(teacher)
    teacher.screenshot(path="test-artifacts/portrait-english-1280x800.png", full_page=True)
    teacher.context.close()
    learner.context.close()


def test_the_switch_changes_the_language_at_once_and_keeps_what_was_typed(tablet):
    open_page(tablet, "/users/signup/3")
    tablet.get_by_label("Courriel").fill("kim@exemple.ca")
    tablet.get_by_label("Nom", exact=True).fill("Kim")
    tablet.get_by_role("button", name="English").tap()
    expect(tablet.get_by_role("heading", name=EN["signup.learner_title"])).to_be_visible()
    expect(tablet.locator("html")).to_have_attribute("lang", "en")
    expect(tablet.get_by_label(EN["field.email"])).to_have_value("kim@exemple.ca")
    expect(tablet.get_by_label(EN["field.name"], exact=True)).to_have_value("Kim")
    assert_accessible(tablet)
    tablet.get_by_role("button", name="Français").tap()
    expect(tablet.get_by_role("heading", name="Création de compte « Apprenant »")).to_be_visible()
    expect(tablet.get_by_label("Courriel")).to_have_value("kim@exemple.ca")
