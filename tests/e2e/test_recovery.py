"""Shared tablets and locked-out people, end to end: a forgotten password by email (through
the test SMTP server), a teacher's reset of a pupil's password, « Rester connecté », and a
signed-out tab whose old client token gets nothing back."""

import re
import time

from playwright.sync_api import expect

from tests.e2e.conftest import LAPTOP, TABLET, assert_accessible
from tests.e2e.flows import PASSWORD, log_in, log_out, new_email, open_page, sign_up, wait_until_live
from tests.e2e.test_groups import create_group, enter_code

NEW_PASSWORD = "Trois pommes vertes au soleil"


def wait_for(condition, timeout: float = 20.0):
    """Poll a condition outside the browser (the test's SMTP inbox) until it holds."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)
    return value


def test_forgot_password_by_email_from_the_link_to_signing_in(tablet, app, inbox):
    email = new_email("oubli")
    sign_up(tablet, "learner", email, name="Florence")
    log_out(tablet)
    tablet.get_by_role("link", name="Mot de passe oublié?").tap()
    wait_until_live(tablet)
    tablet.get_by_label("Courriel").fill(email)
    tablet.get_by_role("button", name="Envoyer le lien").tap()
    expect(tablet.get_by_text("Si un compte existe avec ce courriel, un lien vient d'y être envoyé.")).to_be_visible()
    assert_accessible(tablet)
    message = wait_for(lambda: next((m for m in inbox.messages if m["To"] == email), None))
    link = re.search(r"http://\S+", message.get_content()).group(0)
    assert "tu as demandé" in message.get_content().lower()

    tablet.goto(link)
    tablet.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    tablet.get_by_label("Confirmer le nouveau mot de passe").fill(NEW_PASSWORD)
    assert_accessible(tablet)
    tablet.get_by_role("button", name="Enregistrer le nouveau mot de passe").tap()
    expect(tablet.get_by_text("Mot de passe changé.")).to_be_visible()
    log_in(tablet, email, NEW_PASSWORD)
    expect(tablet.get_by_role("button", name="Se déconnecter")).to_be_visible()

    tablet.goto(link)  # the link served once
    expect(tablet.get_by_text("Ce lien n'est plus valide")).to_be_visible()


def test_a_teacher_resets_a_pupils_password_and_the_pupil_must_change_it(browser, app):
    teacher = browser.new_context(base_url=app.url, **LAPTOP).new_page()
    sign_up(teacher, "teacher", new_email("prof"), name="Nhien Huyen")
    code = create_group(teacher, "Groupe 602")
    pupil_email = new_email("eleve")
    pupil = browser.new_context(base_url=app.url, **TABLET).new_page()
    sign_up(pupil, "learner", pupil_email, name="Samuel")
    open_page(pupil, "/groupes")
    enter_code(pupil, code)
    pupil.get_by_role("alertdialog").get_by_role("button", name="J'accepte").tap()
    log_out(pupil)

    open_page(teacher, "/groupes")
    teacher.get_by_role("link", name="Groupe 602").click()
    teacher.get_by_role("tab", name="Gestion du groupe").click()
    teacher.get_by_role("button", name="Réinitialiser le mot de passe de Samuel").click()
    teacher.get_by_role("alertdialog").get_by_role("button", name="Réinitialiser").click()
    temporary = teacher.locator(".temporary-password")
    expect(temporary).to_have_text(re.compile(r"^[^-\s]+-[^-\s]+-[^-\s]+$"))
    assert_accessible(teacher)
    teacher.screenshot(path="test-artifacts/reset-password-1280x800.png", full_page=True)

    log_in(pupil, pupil_email, temporary.inner_text())
    expect(pupil).to_have_url(re.compile(r"/profil\?avis=nouveau-mot-de-passe"))
    expect(pupil.get_by_text("Ton enseignant t'a donné un mot de passe temporaire.")).to_be_visible()
    pupil.get_by_role("link", name="Mon tableau de bord").tap()  # not before a new password
    expect(pupil).to_have_url(re.compile(r"/profil\?avis=nouveau-mot-de-passe"))
    pupil.get_by_label("Mot de passe actuel").fill(temporary.inner_text())
    pupil.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    pupil.get_by_label("Confirmer le nouveau mot de passe").fill(NEW_PASSWORD)
    pupil.get_by_role("button", name="Enregistrer le nouveau mot de passe").tap()
    expect(pupil.get_by_text("Ton mot de passe a été modifié.")).to_be_visible()
    expect(pupil.get_by_role("region", name="Activité de mon compte")).to_contain_text(
        "Mot de passe réinitialisé par un responsable du groupe Groupe 602")
    pupil.get_by_role("link", name="Mon tableau de bord").tap()
    expect(pupil).to_have_url(re.compile(r"/tableau-de-bord/?$"))
    teacher.context.close()
    pupil.context.close()


def test_rester_connecte_signs_in_a_second_tab_and_the_default_does_not(browser, app):
    email = new_email("onglets")
    context = browser.new_context(base_url=app.url, **LAPTOP)
    first = context.new_page()
    sign_up(first, "teacher", email, name="Gabriel")
    second = context.new_page()
    open_page(second, "/tableau-de-bord")
    expect(second).to_have_url(re.compile(r"/login"))  # this tab only: the default, for shared tablets

    log_out(first)
    first.get_by_label("Courriel").fill(email)
    first.get_by_label("Mot de passe").fill(PASSWORD)
    first.get_by_label("Rester connecté sur cet appareil").check()
    first.get_by_role("button", name="Se connecter").click()
    expect(first.get_by_role("button", name="Se déconnecter")).to_be_visible()
    third = context.new_page()
    open_page(third, "/tableau-de-bord")
    expect(third.get_by_role("heading", name="Mon tableau de bord")).to_be_visible()
    open_page(third, "/profil")
    expect(third.get_by_role("heading", name="Appareils connectés")).to_be_visible()
    expect(third.get_by_text("connexion mémorisée").first).to_be_visible()
    context.close()


def test_after_sign_out_the_old_client_token_gets_nothing_of_the_person(browser, app):
    teacher = browser.new_context(base_url=app.url, **LAPTOP).new_page()
    sign_up(teacher, "teacher", new_email("prof"), name="Kim Tremblay")
    code = create_group(teacher, "Groupe secret")
    teacher.get_by_role("link", name="Groupe secret").click()
    expect(teacher.get_by_role("heading", name="Groupe secret")).to_be_visible()
    client_token = teacher.evaluate("window.sessionStorage.getItem('token')")
    log_out(teacher)
    teacher.context.close()

    # Someone reopens a socket with that tab's client token (it sat in the tab's storage).
    replay = browser.new_context(base_url=app.url, **LAPTOP)
    replay.add_init_script(f"window.sessionStorage.setItem('token', {client_token!r})")
    page = replay.new_page()
    received: list[str] = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: received.append(str(frame))))
    open_page(page, "/")
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    assert page.evaluate("window.sessionStorage.getItem('token')") == client_token
    assert received, "the page hydrated over its socket"
    everything = "".join(received)
    assert code not in everything and "Kim Tremblay" not in everything and "Groupe secret" not in everything
    replay.close()
