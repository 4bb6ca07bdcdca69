"""Groups end to end: a teacher on a laptop, learners on tablets, each in their own browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LAPTOP, TABLET, assert_accessible
from tests.e2e.flows import new_email, open_page, sign_up

GROUP = "Les Explorateurs Technologiques"
WRONG_CODE = "Ce code ne permet pas de joindre un groupe."


@pytest.fixture
def teacher(browser, app):
    page = browser.new_context(base_url=app.url, **LAPTOP).new_page()
    sign_up(page, "teacher", new_email("prof"), name="Nhien Huyen")
    yield page
    page.context.close()


def learner_page(browser, app, name):
    page = browser.new_context(base_url=app.url, **TABLET).new_page()
    sign_up(page, "learner", new_email("eleve"), name=name)
    return page


def create_group(teacher, name=GROUP) -> str:
    open_page(teacher, "/groupes")
    teacher.get_by_role("button", name="Créer un groupe").click()
    teacher.get_by_label("Nom du groupe").fill(name)
    teacher.get_by_role("button", name="Créer le groupe").click()
    code = teacher.locator(".group-code")
    expect(code).to_have_text(re.compile(r"^[A-HJKMNP-Z]{7}$"))
    return code.inner_text()


def enter_code(learner, code):
    if not learner.get_by_label("Code du groupe").is_visible():
        learner.get_by_role("button", name="Joindre un groupe").click()
    learner.get_by_label("Code du groupe").fill(code)
    learner.get_by_role("button", name="Joindre le groupe").click()


def learner_count(teacher, expected: str):
    open_page(teacher, "/groupes")
    expect(teacher.get_by_role("listitem").filter(has_text=GROUP)).to_contain_text(expected)


def test_create_join_with_consent_regenerate_and_leave(teacher, browser, app):
    open_page(teacher, "/groupes")
    expect(teacher.get_by_text("Vous ne faites pas partie d'un groupe.")).to_be_visible()
    code = create_group(teacher)
    assert_accessible(teacher)
    learner_count(teacher, "0 apprenant")

    learner = learner_page(browser, app, "Nhiem")
    open_page(learner, "/groupes")
    expect(learner.get_by_role("button", name="Créer un groupe")).to_have_count(0)
    enter_code(learner, " ".join(code.lower()))
    dialog = learner.get_by_role("alertdialog")
    expect(dialog.get_by_role("heading")).to_have_text(f"Joindre le groupe {GROUP}")
    expect(dialog).to_contain_text(
        f"En rejoignant le groupe {GROUP}, tu acceptes que les responsables du groupe (créé par Nhien Huyen)"
    )
    for item in ("Ton nom", "Ton niveau scolaire (ton cycle)", "Ton niveau dans chacune des 12 dimensions",
                 "Tes réponses aux questions dans la plateforme"):
        expect(dialog.get_by_role("listitem").filter(has_text=item)).to_be_visible()
    assert_accessible(learner)
    learner.screenshot(path="test-artifacts/consent-820x1180.png")
    dialog.get_by_role("button", name="Je refuse").tap()
    expect(learner.get_by_text("Tu n'as pas rejoint le groupe.")).to_be_visible()
    expect(learner.get_by_text("Tu ne fais pas partie d'un groupe.")).to_be_visible()
    learner_count(teacher, "0 apprenant")

    enter_code(learner, code.lower())
    learner.get_by_role("alertdialog").get_by_role("button", name="J'accepte").tap()
    expect(learner.get_by_text(f"Tu fais maintenant partie du groupe {GROUP}.")).to_be_visible()
    expect(learner.get_by_text("Créé par Nhien Huyen", exact=True)).to_be_visible()
    learner_count(teacher, "1 apprenant")

    # Already a member: a clear message, no second membership.
    enter_code(learner, code)
    expect(learner.locator("#code-error")).to_have_text(f"Tu fais déjà partie du groupe {GROUP}.")

    # The manager's page: the member, then a new code; the old one stops working at once.
    teacher.get_by_role("link", name=GROUP).click()
    expect(teacher.get_by_role("heading", name=GROUP, level=1)).to_be_visible()
    teacher.get_by_role("tab", name="Gestion du groupe").click()
    expect(teacher.get_by_role("row").filter(has_text="Nhiem")).to_contain_text("2e cycle du secondaire")
    assert_accessible(teacher)
    teacher.screenshot(path="test-artifacts/group-manager-1280x800.png", full_page=True)
    teacher.get_by_role("button", name="Générer un nouveau code").click()
    teacher.get_by_role("alertdialog").get_by_role("button", name="Générer").click()
    expect(teacher.get_by_text("Nouveau code généré.")).to_be_visible()
    new_code = teacher.locator(".group-code").inner_text()
    assert new_code != code

    second = learner_page(browser, app, "Léa")
    open_page(second, "/groupes")
    enter_code(second, code)
    expect(second.locator("#code-error")).to_contain_text(WRONG_CODE)
    enter_code(second, new_code)
    second.get_by_role("alertdialog").get_by_role("button", name="J'accepte").tap()
    expect(second.get_by_text(f"Tu fais maintenant partie du groupe {GROUP}.")).to_be_visible()
    learner_count(teacher, "2 apprenants")

    # The first learner leaves: the teacher's count drops.
    learner.get_by_role("button", name=f"Quitter le groupe {GROUP}").tap()
    learner.get_by_role("alertdialog").get_by_role("button", name="Quitter").tap()
    expect(learner.get_by_text("Tu as quitté le groupe.")).to_be_visible()
    learner_count(teacher, "1 apprenant")
    learner.context.close()
    second.context.close()


def test_wrong_codes_then_throttle(browser, app):
    learner = learner_page(browser, app, "Devin")
    open_page(learner, "/groupes")
    for attempt in range(10):
        enter_code(learner, f"ZZZZZ{chr(65 + attempt)}Z")
        expect(learner.locator("#code-error")).to_have_text(
            "Ce code ne permet pas de joindre un groupe. Vérifie-le auprès de ton enseignant(e)."
        )
        learner.get_by_label("Code du groupe").fill("")
    enter_code(learner, "ABCDEFG")
    expect(learner.locator("#code-error")).to_have_text(
        re.compile(r"Trop de codes erronés\. Tu pourras réessayer dans \d+ minutes?\.")
    )
    assert_accessible(learner)
    learner.context.close()


def test_manager_closes_joining_removes_a_learner_and_deletes_the_group(teacher, browser, app):
    code = create_group(teacher, "Groupe 402")
    learner = learner_page(browser, app, "Mathis")
    open_page(learner, "/groupes")
    enter_code(learner, code)
    learner.get_by_role("alertdialog").get_by_role("button", name="J'accepte").tap()
    expect(learner.get_by_text("Tu fais maintenant partie du groupe Groupe 402.")).to_be_visible()

    open_page(teacher, "/groupes")
    teacher.get_by_role("link", name="Groupe 402").click()
    teacher.get_by_role("tab", name="Gestion du groupe").click()
    teacher.get_by_role("button", name="Fermer les inscriptions").click()
    expect(teacher.get_by_text("Les inscriptions sont fermées")).to_be_visible()
    closed_try = learner_page(browser, app, "Zoé")
    open_page(closed_try, "/groupes")
    enter_code(closed_try, code)
    expect(closed_try.locator("#code-error")).to_contain_text(WRONG_CODE)
    closed_try.context.close()
    teacher.get_by_role("button", name="Rouvrir les inscriptions").click()
    expect(teacher.get_by_text("Les inscriptions sont ouvertes")).to_be_visible()

    teacher.get_by_role("button", name="Retirer Mathis").click()
    teacher.get_by_role("alertdialog").get_by_role("button", name="Retirer du groupe").click()
    expect(teacher.get_by_text("Aucun apprenant n'a encore rejoint ce groupe.")).to_be_visible()
    open_page(learner, "/groupes")
    expect(learner.get_by_text("Tu ne fais pas partie d'un groupe.")).to_be_visible()

    teacher.get_by_role("button", name="Supprimer le groupe").click()
    dialog = teacher.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Cette suppression est définitive.")
    dialog.get_by_role("button", name="Supprimer le groupe").click()
    expect(teacher.locator("#understood-error")).to_have_text("Cochez la case pour confirmer la suppression.")
    dialog.get_by_label("Je comprends que la suppression est définitive").check()
    dialog.get_by_role("button", name="Supprimer le groupe").click()
    expect(teacher.get_by_text("Le groupe a été supprimé.")).to_be_visible()
    expect(teacher.get_by_role("link", name="Groupe 402")).to_have_count(0)
    learner.context.close()


def test_another_teachers_group_page_shows_nothing(teacher, browser, app):
    create_group(teacher, "Groupe privé")
    group_id = app.query("SELECT MAX(id) FROM class_group")[0][0]
    intruder = browser.new_context(base_url=app.url, **LAPTOP).new_page()
    sign_up(intruder, "teacher", new_email("intrus"), name="Intrus")
    open_page(intruder, f"/groupes/{group_id}")
    expect(intruder.get_by_text("Ce groupe n'existe pas ou vous n'en êtes pas gestionnaire.")).to_be_visible()
    expect(intruder.get_by_text("Groupe privé")).to_have_count(0)
    intruder.context.close()
