"""The everyday screens (the December exploratory test): what a teacher and a learner meet
every day, each bug of its report clicked through as a person would."""

import re
from datetime import datetime, timezone

from playwright.sync_api import expect

from competence.domain.content import content
from tests.e2e.conftest import LAPTOP, TABLET, assert_accessible
from tests.e2e.flows import finish, new_email, open_page, sign_up, take_dimension
from tests.e2e.test_groups import create_group

PHONE = {"viewport": {"width": 390, "height": 700}, "has_touch": True, "is_mobile": True, "locale": "fr-CA"}


def newest_account(app) -> int:
    return app.query("SELECT MAX(id) FROM account")[0][0]


def give_levels(app, account_id: int, levels: dict[int, int]) -> None:
    """Past results, as if the learner had taken these dimensions earlier today."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for dimension, level in levels.items():
        app.execute(
            "INSERT INTO attempt (account_id, dimension, audience, content_version, full_run, skip_assessed, timed,"
            " started_at, finished_at, level) VALUES (:account, :dimension, 'secondaire', :version, :no, :no, :yes,"
            " :now, :now, :level)",
            account=account_id, dimension=dimension, version=content().version, no=False, yes=True, now=now, level=level,
        )


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_double_click_creates_one_group_and_shows_only_its_success(laptop, app):
    sign_up(laptop, "teacher", new_email("double"), name="Rosalie Double")
    teacher = newest_account(app)
    laptop.get_by_label("Nom du groupe").fill("Groupe du double clic")
    laptop.get_by_role("button", name="Créer le groupe").dblclick()
    expect(laptop.locator(".group-code")).to_have_text(re.compile(r"^[A-HJKMNP-Z]{7}$"))
    expect(laptop.locator("#group_name-error")).to_be_empty()
    expect(laptop.get_by_text("Ce champ est obligatoire.")).to_have_count(0)
    assert app.query(f"SELECT COUNT(*) FROM class_group WHERE owner_id = {teacher}") == [(1,)]


def test_the_browser_stops_where_the_server_would_and_long_words_wrap(browser, app):
    phone = browser.new_context(base_url=app.url, **PHONE).new_page()
    open_page(phone, "/users/signup/2")
    expect(phone.get_by_label("Nom", exact=True)).to_have_attribute("maxlength", "100")
    expect(phone.get_by_label("Courriel")).to_have_attribute("maxlength", "254")
    unbroken = "Wolfeschlegelsteinhausenbergerdorff" * 3  # 105 letters, no space
    sign_up(phone, "teacher", new_email("long"), name=unbroken)
    assert fits_the_screen(phone)
    field = phone.get_by_label("Nom du groupe")
    expect(field).to_have_attribute("maxlength", "80")
    field.fill("G" * 90)
    expect(field).to_have_value("G" * 80)  # the browser took what the server takes, no more
    phone.get_by_role("button", name="Créer le groupe").tap()
    expect(phone.locator(".group-code")).to_be_visible()
    for path in ("/groupes", "/profil"):
        open_page(phone, path)
        expect(phone.locator("main")).to_be_visible()
        assert fits_the_screen(phone), path
    open_page(phone, "/groupes")
    phone.get_by_role("link", name="G" * 80).tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("G" * 80)
    assert fits_the_screen(phone)
    phone.context.close()


def test_an_address_that_is_no_page_says_so_in_the_shell_with_a_way_back(browser, app):
    for locale, title, back in (("fr-CA", "Page introuvable", "Retour à l'accueil"),
                                ("en-CA", "Page not found", "Back to the home page")):
        page = browser.new_context(base_url=app.url, **{**TABLET, "locale": locale}).new_page()
        page.goto("/pas-une-page")
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        expect(page.get_by_role("navigation", name=re.compile("^(Navigation principale|Main navigation)$"))).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name=back).tap()
        expect(page).to_have_url(re.compile(r"/$"))
        page.context.close()


def test_an_activity_opened_from_a_lower_card_comes_into_view(browser, app):
    phone = browser.new_context(base_url=app.url, **PHONE).new_page()
    sign_up(phone, "learner", new_email("activite"))
    give_levels(app, newest_account(app), {1: 2, 2: 1, 3: 1})
    open_page(phone, "/activer")
    cards = phone.locator(".activity-dimension")
    expect(cards).to_have_count(3)
    expect(cards.first.get_by_role("heading")).to_have_text(re.compile(r"^[23]\. "))  # the weakest first
    last = phone.get_by_role("button", name=re.compile("^Faire l'activité")).last
    last.scroll_into_view_if_needed()
    last.tap()
    expect(phone.get_by_role("button", name="Valider")).to_be_in_viewport()
    expect(phone.locator("#activite legend.question")).to_be_in_viewport()
    phone.context.close()


def test_the_result_says_what_it_rests_on_and_leads_to_that_dimensions_activities(tablet, app):
    sign_up(tablet, "learner", new_email("resultat"))
    learner = newest_account(app)
    give_levels(app, learner, {1: 1, 2: 1, 3: 1})
    take_dimension(tablet, 7, knows=lambda item: item.level <= 2)
    asked, right = app.query(
        "SELECT COUNT(*), SUM(CASE WHEN correct THEN 1 ELSE 0 END) FROM answer"
        " JOIN attempt ON attempt.id = attempt_id"
        f" WHERE account_id = {learner} AND dimension = 7")[0]
    expect(tablet.get_by_text(f"D'après {asked} questions : {right} bonnes réponses.")).to_be_visible()
    level = app.query(f"SELECT level FROM attempt WHERE account_id = {learner} AND dimension = 7")[0][0]
    expect(tablet.get_by_text(content().level_meaning(level, "fr"))).to_be_visible()
    assert_accessible(tablet)
    tablet.get_by_role("link", name="Des activités pour progresser dans cette dimension").tap()
    expect(tablet).to_have_url(re.compile(r"/activer\?dimension=7$"))
    expect(tablet.locator(".activity-dimension").first.get_by_role("heading")).to_have_text(
        re.compile(r"^7\. Produire du contenu"))


def test_the_full_positioning_passes_over_assessed_dimensions_and_sums_up_the_twelve(tablet, app):
    sign_up(tablet, "learner", new_email("complet"))
    learner = newest_account(app)
    earlier = {dimension: 4 for dimension in range(1, 12)}
    give_levels(app, learner, earlier)
    open_page(tablet, "/tableau-de-bord")
    tablet.get_by_role("button", name="Faire le positionnement complet").tap()
    dialog = tablet.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Tu as déjà un niveau dans 11 dimensions.")
    dialog.get_by_role("button", name="Seulement les dimensions non évaluées").tap()
    expect(tablet.get_by_text("Positionnement complet : dimension 12 sur 12")).to_be_visible()
    finish(tablet, knows=lambda item: False)
    summary = tablet.get_by_role("region", name="Niveaux dans les 12 dimensions")
    expect(summary.get_by_role("row")).to_have_count(13)  # the heading row and the 12 dimensions
    expect(summary.get_by_role("row").filter(has_text="1. Agir en citoyen")).to_contain_text("Avancé")
    expect(summary.get_by_role("row").filter(has_text="12. Innover")).to_contain_text("Novice")
    assert_accessible(tablet)
    levels = app.query(f"SELECT dimension, level FROM attempt WHERE account_id = {learner} ORDER BY id")
    assert levels[:11] == sorted(earlier.items()) and levels[11][0] == 12 and len(levels) == 12


def test_an_empty_group_shows_its_code_where_it_asks_to_hand_it_out(laptop, app):
    sign_up(laptop, "teacher", new_email("vide"))
    code = create_group(laptop, "Groupe sans élèves")
    laptop.get_by_role("link", name="Groupe sans élèves").click()
    panel = laptop.get_by_role("tabpanel", name="Apprenants")
    expect(panel).to_contain_text("Remettez ce code à vos élèves")
    expect(panel.locator(".group-code")).to_have_text(code)
    laptop.get_by_role("tab", name="Gestion du groupe").click()
    laptop.get_by_role("button", name="Fermer les inscriptions").click()
    expect(laptop.get_by_text("Les inscriptions sont fermées")).to_be_visible()
    expect(laptop.get_by_role("button", name="Copier le code")).to_have_count(0)  # no code to hand out now


def test_deleting_a_teacher_account_says_what_happens_to_the_groups(browser, app):
    teacher = browser.new_context(base_url=app.url, **LAPTOP).new_page()
    sign_up(teacher, "teacher", new_email("depart"), name="Prof Sortante")
    create_group(teacher, "Groupe qui partira")
    open_page(teacher, "/profil")
    teacher.get_by_role("button", name="Supprimer mon compte").click()
    expect(teacher.get_by_role("alertdialog")).to_contain_text(
        "Les groupes que vous gérez seront supprimés avec votre compte (1 groupe, 0 apprenant inscrit)")
    teacher.context.close()


def test_an_empty_password_change_names_each_empty_field(laptop, app):
    sign_up(laptop, "teacher", new_email("vide"))
    open_page(laptop, "/profil")
    laptop.get_by_role("button", name="Modifier mon mot de passe").click()
    laptop.get_by_role("button", name="Enregistrer le nouveau mot de passe").click()
    for field in ("current_password", "new_password", "confirmation"):
        expect(laptop.locator(f"#{field}-error")).to_have_text("Ce champ est obligatoire.")


def test_under_14_the_form_explains_the_authorisation_beside_the_choice(tablet):
    open_page(tablet, "/users/signup/3")
    tablet.get_by_label("J'ai moins de 14 ans").check()
    explanation = tablet.locator("#guardian-help")
    expect(explanation).to_contain_text("l'accord d'un parent ou d'un tuteur")
    expect(tablet.get_by_label("Un parent, un tuteur ou mon enseignant a autorisé la création de mon compte")) \
        .to_have_attribute("aria-describedby", "guardian-help guardian-error")
    expect(explanation).to_be_in_viewport()

