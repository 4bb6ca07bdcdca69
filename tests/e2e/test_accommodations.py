"""Accommodations, end to end: a teacher turns off the answer time and enlarges the text for a
learner of their group, the learner sees it, and « Lire à voix haute » speaks the question
with the browser's own voice (speechSynthesis stubbed to read what it was given)."""

from playwright.sync_api import expect

from tests.e2e.conftest import LAPTOP, TABLET, assert_accessible
from tests.e2e.flows import current_item, new_email, open_page, sign_up
from tests.e2e.test_groups import create_group, enter_code

# Records every utterance instead of speaking it: headless Chromium has no voices.
SPEECH_STUB = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  speak: (utterance) => window.__spoken.push({text: utterance.text, lang: utterance.lang}),
  cancel: () => {}, getVoices: () => [],
}});
Object.defineProperty(window, "SpeechSynthesisUtterance", {configurable: true,
  value: function (text) { this.text = text; this.lang = ""; }});
"""


def test_a_teacher_sets_accommodations_and_the_question_is_read_aloud(browser, app):
    teacher = browser.new_context(base_url=app.url, **LAPTOP).new_page()
    sign_up(teacher, "teacher", new_email("prof"), name="Nathan Roy")
    code = create_group(teacher, "Groupe 404")
    context = browser.new_context(base_url=app.url, **TABLET)
    context.add_init_script(SPEECH_STUB)
    pupil = context.new_page()
    sign_up(pupil, "learner", new_email("eleve"), name="Mei Chen")
    open_page(pupil, "/groupes")
    enter_code(pupil, code)
    pupil.get_by_role("alertdialog").get_by_role("button", name="J'accepte").tap()

    open_page(teacher, "/groupes")
    teacher.get_by_role("link", name="Groupe 404").click()
    teacher.get_by_role("tab", name="Gestion du groupe").click()
    teacher.get_by_label("Temps de réponse non compté pour Mei Chen").click()
    expect(teacher.get_by_label("Temps de réponse non compté pour Mei Chen")).to_be_checked()
    expect(teacher.get_by_text("Les mesures d'adaptation ont été enregistrées.")).to_be_visible()
    teacher.get_by_label("Texte agrandi pour Mei Chen").click()
    expect(teacher.get_by_label("Texte agrandi pour Mei Chen")).to_be_checked()
    assert_accessible(teacher)

    open_page(pupil, "/tableau-de-bord")
    note = pupil.get_by_role("note")
    expect(note).to_contain_text("le temps que tu prends pour répondre ne compte pas")
    expect(note).to_contain_text("le texte est agrandi")
    expect(pupil.locator(".app.large-text")).to_be_visible()
    pupil.get_by_role("button", name="Commencer : dimension 6", exact=True).tap()
    expect(pupil.locator("legend.question")).to_be_visible()
    assert_accessible(pupil)
    pupil.get_by_role("button", name="Lire à voix haute").tap()
    pupil.wait_for_function("window.__spoken.length > 0")
    item = current_item(pupil)
    spoken = pupil.evaluate("window.__spoken")
    assert spoken[-1]["lang"] == "fr-CA"
    assert item.wording().question.replace("\u00a0", " ") in spoken[-1]["text"].replace("\u00a0", " ")
    assert all(choice.replace("\u00a0", " ") in spoken[-1]["text"].replace("\u00a0", " ")
               for choice in item.wording().choices)
    pupil.screenshot(path="test-artifacts/accommodations-820x1180.png", full_page=True)
    assert app.query("SELECT timed FROM attempt ORDER BY id DESC LIMIT 1")[0][0] in (0, False)
    teacher.context.close()
    context.close()
