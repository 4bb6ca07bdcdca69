"""Accounts end to end: signup, login, profile, suspension, deletion, as a person does them."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import TABLET, assert_accessible
from tests.e2e.flows import PASSWORD, fill_signup, log_in, log_out, new_email, open_page, sign_up

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def error_of(page, field: str):
    return page.locator(f"#{field}-error")


def test_teacher_signs_up_logs_out_logs_in_and_sees_identifiant(laptop, app):
    email = new_email("enseignante")
    fill_signup(laptop, "teacher", email, name="Nhien Huyen")
    assert_accessible(laptop)
    laptop.get_by_role("button", name="Enregistrer").click()
    expect(laptop).to_have_url(re.compile(r"/groupes\?avis=bienvenue$"))
    # The next step, ready: a first group to create.
    expect(laptop.get_by_text("Votre compte est créé! Créez un premier groupe")).to_be_visible()
    expect(laptop.get_by_label("Nom du groupe")).to_be_visible()
    identifier = app.query("SELECT MAX(id) FROM account")[0][0]
    laptop.get_by_role("link", name="Mon profil").click()
    expect(laptop.get_by_role("heading", name="Nhien Huyen")).to_be_visible()
    expect(laptop.get_by_text("Personnel enseignant, 2e cycle du secondaire")).to_be_visible()
    expect(laptop.get_by_text(f"Identifiant : {identifier}")).to_be_visible()
    # The teacher's navigation has no « Activer ».
    nav = laptop.get_by_role("navigation", name="Navigation principale")
    for label in ("Accueil", "Mes groupes", "Mon profil", "Mon tableau de bord"):
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    expect(nav.get_by_role("link", name="Activer")).to_have_count(0)
    assert_accessible(laptop)

    log_out(laptop)
    assert_accessible(laptop)
    log_in(laptop, email)
    expect(laptop).to_have_url(re.compile(r"/$"))
    laptop.get_by_role("link", name="Mon profil").click()
    expect(laptop.get_by_text(f"Identifiant : {identifier}")).to_be_visible()


def test_private_page_sends_to_login_and_back(laptop):
    email = new_email("retour")
    sign_up(laptop, "teacher", email)
    log_out(laptop)
    open_page(laptop, "/tableau-de-bord")
    expect(laptop).to_have_url(re.compile(r"/login\?avis=connexion&next=/tableau-de-bord/?$"))
    expect(laptop.get_by_text("Cette page demande une connexion.")).to_be_visible()
    log_in(laptop, email)
    expect(laptop).to_have_url(re.compile(r"/tableau-de-bord/?$"))
    expect(laptop.get_by_role("heading", name="Mon tableau de bord")).to_be_visible()


def test_learner_under_14_signs_up_with_authorisation(tablet, app):
    email = new_email("eleve")
    fill_signup(tablet, "learner", email, name="Nhiem", under_14=True)
    tablet.get_by_role("button", name="Enregistrer").click()
    expect(error_of(tablet, "guardian")).to_have_text(
        "Tu dois confirmer qu'un parent, un tuteur ou ton enseignant a autorisé ton compte."
    )
    assert_accessible(tablet)
    ARTIFACTS.mkdir(exist_ok=True)
    tablet.screenshot(path=str(ARTIFACTS / "signup-learner-errors-820x1180.png"), full_page=True)
    before = app.count("account")
    tablet.get_by_label("Un parent, un tuteur ou mon enseignant a autorisé la création de mon compte").check()
    tablet.get_by_role("button", name="Enregistrer").click()
    expect(tablet).to_have_url(re.compile(r"/groupes\?avis=bienvenue$"))
    # The next step, ready: the teacher's code to enter.
    expect(tablet.get_by_text("Ton compte est créé! Si ton enseignant t'a donné un code")).to_be_visible()
    expect(tablet.get_by_label("Code du groupe")).to_be_visible()
    tablet.get_by_role("link", name="Mon profil").tap()
    expect(tablet.get_by_text("Apprenant, 2e cycle du secondaire")).to_be_visible()
    nav = tablet.get_by_role("navigation", name="Navigation principale")
    expect(nav.get_by_role("link", name="Activer")).to_be_visible()
    assert app.count("account") == before + 1
    under_14, authorised_at = app.query("SELECT under_14, guardian_authorised_at FROM account ORDER BY id DESC LIMIT 1")[0]
    assert under_14 == 1 and authorised_at


def test_signup_pages_at_tablet_size(tablet):
    ARTIFACTS.mkdir(exist_ok=True)
    for role, path in (("teacher", "/users/signup/2"), ("learner", "/users/signup/3")):
        open_page(tablet, path)
        expect(tablet.get_by_role("heading", level=1)).to_contain_text("Création de compte")
        assert_accessible(tablet)
        tablet.screenshot(path=str(ARTIFACTS / f"signup-{role}-820x1180.png"), full_page=True)
        # Nothing overflows sideways on a tablet.
        assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["viewport"]["width"]


INVALID_INPUTS = [
    ("email", {"email": ""}, "Ce champ est obligatoire."),
    ("email", {"email": "nhiem@"}, "Cette adresse courriel n'est pas valide. Exemple d'adresse valide : nom@exemple.ca."),
    ("password", {"password": "court1"}, "Le mot de passe doit compter au moins 10 caractères."),
    ("password", {"password": "azertyuiop"}, "Ce mot de passe est trop facile à deviner."),
    ("password", {"password": "é" * 40}, "Le mot de passe est trop long"),
    ("confirmation", {"confirmation": "Autre chose tout à fait"}, "Les deux mots de passe ne sont pas identiques."),
    ("name", {"name": ""}, "Ce champ est obligatoire."),
    ("school_level", {"level": ""}, "Ce champ est obligatoire."),
    ("terms", {"terms": False}, "Les conditions d'utilisation doivent être acceptées"),
    ("captcha", {"captcha": False}, "La case « Je ne suis pas un robot » doit être cochée, puis vérifiée."),
    ("age", {"under_14": None}, "Choisis une des deux options."),
    ("guardian", {"under_14": True}, "Tu dois confirmer qu'un parent, un tuteur ou ton enseignant a autorisé ton compte."),
]


def test_every_invalid_input_shows_its_message_and_creates_no_row(tablet, app):
    before = app.count("account")
    for field, changes, message in INVALID_INPUTS:
        fill_signup(tablet, "learner", **{"email": new_email("invalide"), **changes})
        tablet.get_by_role("button", name="Enregistrer").click()
        expect(error_of(tablet, field)).to_contain_text(message)
        expect(tablet.get_by_text("Le formulaire contient des erreurs")).to_be_visible()
        assert app.count("account") == before, f"{field}: a row was written"


def test_unknown_school_level_sent_by_a_crafted_form_is_refused(tablet, app):
    before = app.count("account")
    fill_signup(tablet, "learner", new_email("niveau"), level="")
    tablet.get_by_label("Niveau scolaire", exact=True).evaluate(
        "select => { select.add(new Option('Cégep', 'cegep')); select.value = 'cegep'; }"
    )
    tablet.get_by_role("button", name="Enregistrer").click()
    expect(error_of(tablet, "school_level")).to_have_text("Le niveau scolaire doit être choisi dans la liste.")
    assert app.count("account") == before


def test_email_already_used_and_replayed_captcha_are_refused(tablet, browser, app):
    email = new_email("double")
    fill_signup(tablet, "learner", email)
    spent_payload = tablet.locator("input[name=altcha]").input_value()
    tablet.get_by_role("button", name="Enregistrer").click()
    expect(tablet).to_have_url(re.compile(r"/groupes\?avis=bienvenue$"))
    before = app.count("account")

    other = browser.new_context(base_url=app.url, **TABLET).new_page()
    fill_signup(other, "learner", email.upper())
    other.get_by_role("button", name="Enregistrer").click()
    expect(error_of(other, "email")).to_have_text("Un compte existe déjà avec ce courriel. Passer plutôt par « Se connecter » ou « Mot de passe oublié? ».")

    other.get_by_label("Courriel").fill(new_email("rejeu"))
    other.locator("input[name=altcha]").evaluate("(input, value) => { input.value = value; }", spent_payload)
    other.get_by_role("button", name="Enregistrer").click()
    expect(error_of(other, "captcha")).to_contain_text("a expiré ou a déjà servi")
    assert app.count("account") == before
    other.context.close()


def test_login_failure_is_generic(laptop):
    email = new_email("generique")
    sign_up(laptop, "teacher", email)
    log_out(laptop)
    log_in(laptop, email, "Mauvais mot de passe 42")
    expect(laptop.locator("#form-error")).to_have_text("Courriel ou mot de passe incorrect.")
    log_in(laptop, new_email("inconnu"), PASSWORD)
    expect(laptop.locator("#form-error")).to_have_text("Courriel ou mot de passe incorrect.")
    assert_accessible(laptop)


def test_change_password_ends_other_sessions(laptop, browser, app):
    email = new_email("motdepasse")
    sign_up(laptop, "teacher", email)
    elsewhere = browser.new_context(base_url=app.url, locale="fr-CA").new_page()
    log_in(elsewhere, email)
    expect(elsewhere).to_have_url(re.compile(r"/$"))

    open_page(laptop, "/profil")
    laptop.get_by_role("button", name="Modifier mon mot de passe").click()
    laptop.get_by_label("Mot de passe actuel").fill("Pas le bon du tout 1")
    new_password = "Trois pommes vertes au soleil"
    laptop.get_by_label("Nouveau mot de passe", exact=True).fill(new_password)
    laptop.get_by_label("Confirmer le nouveau mot de passe").fill(new_password)
    laptop.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    expect(error_of(laptop, "current_password")).to_have_text("Le mot de passe est incorrect.")
    assert_accessible(laptop)
    laptop.get_by_label("Mot de passe actuel").fill(PASSWORD)
    laptop.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    expect(laptop.get_by_text("Votre mot de passe a été modifié.")).to_be_visible()

    open_page(elsewhere, "/profil")
    expect(elsewhere).to_have_url(re.compile(r"/login"))
    log_in(elsewhere, email, new_password)
    expect(elsewhere).to_have_url(re.compile(r"/profil$"))  # back to the page asked for
    elsewhere.context.close()


def test_suspend_then_reactivate(tablet):
    email = new_email("pause")
    sign_up(tablet, "learner", email)
    open_page(tablet, "/profil")
    tablet.get_by_role("button", name="Suspendre mon compte").click()
    dialog = tablet.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Suspendre mon compte?")
    assert_accessible(tablet)
    expect(dialog).to_contain_text("puis choisis « Réactiver mon compte »")  # how to come back, said once
    dialog.get_by_role("button", name="Suspendre").click()
    expect(tablet.get_by_text("Le compte est suspendu et plus aucun appareil n'y est connecté.")).to_be_visible()

    log_in(tablet, email)
    expect(tablet.locator("#form-error")).to_contain_text("Ce compte est suspendu.")
    tablet.get_by_label("Mot de passe").fill(PASSWORD)
    tablet.get_by_role("button", name="Réactiver mon compte").click()
    expect(tablet).to_have_url(re.compile(r"/$"))
    expect(tablet.get_by_role("status").filter(has_text="Ton compte est réactivé. Bon retour!")).to_be_visible()
    tablet.get_by_role("link", name="Mon profil").click()
    expect(tablet.get_by_text("Identifiant :")).to_be_visible()


def test_delete_then_sign_up_again_with_the_same_email(tablet, app):
    email = new_email("adieu")
    sign_up(tablet, "learner", email, name="Élodie Tremblay")
    open_page(tablet, "/profil")
    tablet.get_by_role("button", name="Supprimer mon compte").click()
    dialog = tablet.get_by_role("alertdialog")
    dialog.get_by_label("Mot de passe de confirmation").fill("Pas le bon du tout 1")
    dialog.get_by_role("button", name="Supprimer définitivement").click()
    expect(error_of(tablet, "delete_password")).to_have_text("Le mot de passe est incorrect.")
    before = app.count("account")
    dialog.get_by_label("Mot de passe de confirmation").fill(PASSWORD)
    dialog.get_by_role("button", name="Supprimer définitivement").click()
    expect(tablet.get_by_text("Le compte et ses données ont été supprimés.")).to_be_visible()
    assert app.count("account") == before - 1

    log_in(tablet, email)
    expect(tablet.locator("#form-error")).to_have_text("Courriel ou mot de passe incorrect.")
    sign_up(tablet, "learner", email, name="Élodie Tremblay")
    expect(tablet.get_by_role("banner")).to_contain_text("Élodie Tremblay")


def test_database_file_holds_no_email_or_name_in_clear(tablet, app):
    email = new_email("secret.Zoe")
    name = "Zoé Bélanger-Secrète"
    sign_up(tablet, "learner", email, name=name)
    raw = app.raw_bytes()  # the SQLite file and its WAL, or a dump of PostgreSQL
    for needle in (email, email.lower(), email.split("@")[0], name, "Bélanger", "Zoé"):
        for encoding in ("utf-8", "utf-16-le"):
            assert needle.encode(encoding) not in raw, f"{needle!r} found in clear"
    assert b"Nhien Huyen" not in raw and b"exemple.ca" not in raw


def test_app_log_holds_no_email_or_name(tablet, app):
    email = new_email("journal")
    sign_up(tablet, "learner", email, name="Gaspard Journal-Discret")
    log_out(tablet)
    log_in(tablet, email, "Mauvais mot de passe 42")
    expect(tablet.locator("#form-error")).to_have_text("Courriel ou mot de passe incorrect.")
    log = (app.data_dir / "app.log").read_text(errors="replace")
    assert email not in log and "Gaspard" not in log and "Journal-Discret" not in log


def test_public_pages_are_accessible_and_state_the_terms(tablet):
    for path, heading in (("/", "Mesurer et développer la compétence numérique"),
                          ("/conditions", "Conditions d'utilisation"), ("/login", "Se connecter")):
        open_page(tablet, path)
        expect(tablet.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(tablet)
    for topic in ("Renseignements que nous recueillons", "Durée de conservation", "Moins de 14 ans"):
        open_page(tablet, "/conditions")
        expect(tablet.get_by_role("heading", name=topic)).to_be_visible()


def test_login_with_the_keyboard_alone(laptop):
    email = new_email("clavier")
    sign_up(laptop, "teacher", email)
    log_out(laptop)
    laptop.get_by_label("Courriel").focus()
    laptop.keyboard.type(email)
    laptop.keyboard.press("Tab")
    expect(laptop.get_by_label("Mot de passe")).to_be_focused()
    laptop.keyboard.type(PASSWORD)
    laptop.keyboard.press("Enter")
    expect(laptop).to_have_url(re.compile(r"/$"))
    expect(laptop.get_by_role("button", name="Se déconnecter")).to_be_visible()
