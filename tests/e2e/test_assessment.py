"""The positioning test, the dashboard and « Activer », on a tablet, as a learner."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.flows import (
    BANK, answer_current, current_item, finish, new_email, result_line, shown_choices, sign_up,
)



def test_choices_come_shuffled_and_the_right_one_scores_right(tablet, app):
    sign_up(tablet, "learner", new_email("ordre"), name="Léa")
    account_id = app.query("SELECT MAX(id) FROM account")[0][0]
    tablet.get_by_role("link", name="Mon tableau de bord").tap()
    tablet.get_by_role("button", name="Commencer : dimension 2", exact=True).tap()
    reordered = 0
    for position in (1, 2, 3):
        expect(tablet.get_by_text(f"Question {position}")).to_be_visible()
        item = current_item(tablet)
        reordered += shown_choices(tablet) != list(item.wording().choices)
        answer_current(tablet, knows=lambda item: True)
        expect(tablet.get_by_text("Bonne réponse!")).to_be_visible()
        tablet.get_by_role("button", name="Suivant").tap()
    assert reordered >= 1  # three questions of four choices all in the bank's order: 1 chance in 13,824
    assert app.query("SELECT COUNT(*), SUM(CASE WHEN correct THEN 1 ELSE 0 END) FROM answer"
                     " JOIN attempt ON attempt.id = attempt_id"
                     f" WHERE dimension = 2 AND account_id = {account_id}") == [(3, 3)]


def test_learner_takes_a_dimension_resumes_sees_dashboard_does_an_activity_and_progresses(tablet, app):
    sign_up(tablet, "learner", new_email("test"), name="Nhiem")
    account_id = app.query("SELECT MAX(id) FROM account")[0][0]
    tablet.get_by_role("link", name="Mon tableau de bord").tap()
    expect(tablet.get_by_text("Ton portrait s'affichera ici")).to_be_visible()
    assert_accessible(tablet)

    tablet.get_by_role("button", name="Commencer : dimension 1", exact=True).tap()
    expect(tablet).to_have_url(re.compile(r"/positionnement/?$"))
    expect(tablet.get_by_role("heading", name="1. Agir en citoyen éthique à l'ère du numérique")).to_be_visible()
    expect(tablet.get_by_text("Question 1")).to_be_visible()
    assert_accessible(tablet)
    tablet.screenshot(path="test-artifacts/question-820x1180.png", full_page=True)
    answer_current(tablet, knows=lambda item: False)
    assert_accessible(tablet)
    tablet.screenshot(path="test-artifacts/feedback-820x1180.png", full_page=True)
    tablet.get_by_role("button", name="Suivant").tap()

    # A reload in the middle resumes at the same question, its choices in the same shuffled order.
    expect(tablet.get_by_text("Question 2")).to_be_visible()
    shown = tablet.locator("legend.question").inner_text()
    order = shown_choices(tablet)
    tablet.reload()
    expect(tablet.locator("legend.question")).to_have_text(shown)
    expect(tablet.get_by_text("Question 2")).to_be_visible()
    assert shown_choices(tablet) == order
    assert app.query(f"SELECT COUNT(*) FROM answer JOIN attempt ON attempt.id = attempt_id"
                     f" WHERE account_id = {account_id}") == [(1,)]

    first_result = finish(tablet, knows=lambda item: False)
    assert first_result == result_line("Novice")
    tablet.get_by_role("link", name="Retour au tableau de bord").tap()
    card = tablet.get_by_role("listitem").filter(has_text="1. Agir en citoyen éthique")
    expect(card).to_contain_text("Novice")
    expect(card).to_contain_text("Évaluée le")
    expect(card).to_contain_text(re.compile(r"d'après \d+ questions"))
    expect(tablet.locator(".chart .main-svg").first).to_be_visible()
    expect(tablet.get_by_text("Niveau global")).to_be_visible()
    assert_accessible(tablet)
    tablet.screenshot(path="test-artifacts/dashboard-820x1180.png", full_page=True)

    tablet.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Activer").tap()
    expect(tablet.get_by_role("heading", name="1. Agir en citoyen éthique à l'ère du numérique")).to_be_visible()
    assert_accessible(tablet)
    tablet.get_by_role("button", name=re.compile("^Faire l'activité")).first.tap()
    answer_current(tablet, knows=lambda item: True)
    expect(tablet.get_by_text("Activité enregistrée.")).to_be_visible()
    tablet.get_by_role("button", name="Fermer l'activité").tap()
    expect(tablet.get_by_text("Activité faite").first).to_be_visible()
    assert app.query(f"SELECT COUNT(*) FROM activity_completion WHERE account_id = {account_id}") == [(1,)]

    # A retake after the activity shows the progression.
    tablet.get_by_role("button", name="Refaire le test de cette dimension").first.tap()
    expect(tablet.get_by_text("Question 1")).to_be_visible()
    assert finish(tablet, knows=lambda item: True) == result_line("Expert")
    tablet.get_by_role("link", name="Retour au tableau de bord").tap()
    expect(tablet.get_by_role("listitem").filter(has_text="1. Agir en citoyen éthique")).to_contain_text("Expert")
    expect(tablet.get_by_role("img", name="Évolution de mes niveaux par dimension, selon la date")).to_be_visible()
    expect(tablet.get_by_text("Niveau global").locator("..")).to_contain_text("Expert")
    tablet.screenshot(path="test-artifacts/dashboard-progression-820x1180.png", full_page=True)
    levels = app.query(f"SELECT level, content_version FROM attempt WHERE account_id = {account_id} ORDER BY id")
    assert levels == [(1, BANK.version), (5, BANK.version)]


def test_a_question_can_be_answered_with_the_keyboard_alone(laptop, app):
    email = new_email("clavier")
    sign_up(laptop, "learner", email, name="Kim Clavier")
    laptop.get_by_role("link", name="Mon tableau de bord").click()
    start = laptop.get_by_role("button", name="Commencer : dimension 2", exact=True)
    start.focus()
    laptop.keyboard.press("Enter")
    expect(laptop.get_by_text("Question 1")).to_be_visible()
    laptop.locator("input[name=choice]").first.focus()
    laptop.keyboard.press("ArrowDown")  # moves to, and ticks, the second choice
    expect(laptop.locator("input[name=choice]").nth(1)).to_be_checked()
    laptop.keyboard.press("Tab")
    expect(laptop.get_by_role("button", name="Valider")).to_be_focused()
    laptop.keyboard.press("Enter")
    expect(laptop.get_by_role("heading", name="Complément d'information")).to_be_visible()
    laptop.get_by_role("button", name="Suivant").focus()
    laptop.keyboard.press("Enter")
    expect(laptop.get_by_text("Question 2")).to_be_visible()
