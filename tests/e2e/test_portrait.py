"""The teacher's portrait of a group, end to end, checked against values computed here."""

import csv
import io
import re

from playwright.sync_api import expect

from competence.domain.clock import utcnow
from competence.i18n import format_date

from tests.e2e.conftest import LAPTOP, TABLET, assert_accessible
from tests.e2e.flows import BANK, log_in, log_out, new_email, open_page, result_line, sign_up, take_dimension

GROUP = "Groupe 501"
# Each learner's way of answering, and the level it gives in dimensions 1 and 2.
LEARNERS = {
    "Alice Expert": (lambda item: True, {1: 5, 2: 5}),
    "Bruno Novice": (lambda item: False, {1: 1}),
    "Chloé Compétente": (lambda item: item.level <= 3, {1: 3}),
}


def level_name(mean: float) -> str:
    return BANK.level_name(int(mean + 0.5))


def join(page, code):
    open_page(page, "/groupes")
    page.get_by_role("button", name="Joindre un groupe").tap()
    page.get_by_label("Code du groupe").fill(code)
    page.get_by_role("button", name="Joindre le groupe").tap()
    page.get_by_role("alertdialog").get_by_role("button", name="J'accepte").tap()
    expect(page.get_by_text(f"Tu fais maintenant partie du groupe {GROUP}.")).to_be_visible()


def test_portrait_tabs_consult_learner_export_and_consent(browser, app, tmp_path):
    teacher = browser.new_context(base_url=app.url, accept_downloads=True, **LAPTOP).new_page()
    sign_up(teacher, "teacher", new_email("prof"), name="Nhien Huyen")
    open_page(teacher, "/groupes")
    teacher.get_by_role("button", name="Créer un groupe").click()
    teacher.get_by_label("Nom du groupe").fill(GROUP)
    teacher.get_by_role("button", name="Créer le groupe").click()
    code = teacher.locator(".group-code").inner_text()

    learner = browser.new_context(base_url=app.url, **TABLET).new_page()
    answers_began = utcnow()
    emails = {}
    for name, (knows, levels) in LEARNERS.items():
        emails[name] = new_email("eleve")
        sign_up(learner, "learner", emails[name], name=name)
        join(learner, code)
        for number, expected in levels.items():
            assert take_dimension(learner, number, knows) == result_line(BANK.level_name(expected))
        log_out(learner)

    # The last answer was given today, in the app's own date format (either side of midnight).
    answer_dates = re.compile("|".join(re.escape(format_date(moment)) for moment in (answers_began, utcnow())))
    open_page(teacher, "/groupes")
    expect(teacher.get_by_role("listitem").filter(has_text=GROUP)).to_contain_text("3 apprenants")
    teacher.get_by_role("link", name=GROUP).click()
    expect(teacher.get_by_role("tab", name="Apprenants")).to_have_attribute("aria-selected", "true")
    rows = teacher.get_by_role("row")
    for name, (_, levels) in LEARNERS.items():
        row = rows.filter(has_text=name)
        expect(row).to_contain_text(level_name(sum(levels.values()) / len(levels)))
        expect(row).to_contain_text(answer_dates)
        expect(row).to_contain_text(str(len(levels)))
    expect(teacher.get_by_role("img", name="Radar des niveaux moyens du groupe dans les 12 dimensions")).to_be_visible()
    assert_accessible(teacher)
    teacher.screenshot(path="test-artifacts/portrait-apprenants-1280x800.png", full_page=True)

    # Sorting by global level puts the Expert first when descending.
    teacher.get_by_role("button", name="Trier par Niveau global").click()
    teacher.get_by_role("button", name="Trier par Niveau global").click()
    expect(teacher.get_by_role("row").nth(1)).to_contain_text("Alice Expert")

    teacher.get_by_role("tab", name="Dimensions").click()
    dimension_rows = teacher.get_by_role("tabpanel").get_by_role("row")
    expect(dimension_rows).to_have_count(13)  # the header and the 12 dimensions
    means = {1: [5, 1, 3], 2: [5]}
    for number, dimension in enumerate(BANK.dimensions, start=1):
        row = dimension_rows.nth(number)
        expect(row).to_contain_text(f"{number}. {dimension.name()}")
        expected = level_name(sum(means[number]) / len(means[number])) if number in means else "—"
        expect(row.locator(".level-cell")).to_have_text(expected)
        expect(row.get_by_role("link", name=f"Consulter la dimension {number}", exact=True)).to_be_visible()
    assert_accessible(teacher)
    teacher.screenshot(path="test-artifacts/portrait-dimensions-1280x800.png", full_page=True)

    teacher.get_by_role("link", name="Consulter la dimension 1", exact=True).click()
    expect(teacher.get_by_role("heading", name=f"1. {BANK.dimension(1).name()}")).to_be_visible()
    expect(teacher.get_by_role("img", name="Nombre d'apprenants à chaque niveau")).to_be_visible()
    expect(teacher.get_by_role("img", name="Niveau moyen du groupe par semaine")).to_be_visible()
    expect(teacher.locator(".level-group").filter(has_text="Novice")).to_contain_text("Bruno Novice")
    assert_accessible(teacher)
    teacher.screenshot(path="test-artifacts/portrait-consulter-1280x800.png", full_page=True)

    teacher.get_by_role("link", name="Retour au groupe").click()
    teacher.get_by_role("link", name="Alice Expert").click()
    expect(teacher.get_by_role("heading", name="Alice Expert")).to_be_visible()
    expect(teacher.get_by_role("row").filter(has_text="Bonne réponse").first).to_be_visible()
    levels = teacher.get_by_role("region", name="Niveaux par dimension")
    expect(levels.get_by_role("columnheader").nth(1)).to_have_text("Niveau")
    # About ninety answers on a real page: one dimension at a time.
    first_cells = teacher.get_by_role("region", name="Réponses aux questions").locator("tbody td:first-child")
    expect(first_cells.filter(has_text="1")).not_to_have_count(0)
    teacher.get_by_label("Dimension", exact=True).select_option(label=f"2. {BANK.dimension(2).name()}")
    expect(first_cells.filter(has_text="1")).to_have_count(0)
    expect(first_cells.filter(has_text="2")).not_to_have_count(0)
    assert_accessible(teacher)
    teacher.get_by_role("link", name="Retour au groupe").click()

    with teacher.expect_download() as download:
        teacher.get_by_role("button", name="Exporter (CSV)").click()
    raw = (tmp_path / "portrait.csv")
    download.value.save_as(raw)
    data = raw.read_bytes()
    assert data.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:4] == ["Nom", "Niveau scolaire", "Dernière activité", "Niveau global"]
    exported = {row[0]: row for row in table[1:]}
    assert set(exported) == set(LEARNERS)
    assert exported["Alice Expert"][3] == "Expert" and exported["Alice Expert"][4:6] == ["Expert", "Expert"]
    assert exported["Bruno Novice"][4] == "Novice" and exported["Chloé Compétente"][4] == "Compétent"

    # Bruno leaves: he vanishes from the tabs, the means and the export at once.
    log_in(learner, emails["Bruno Novice"])  # the same tablet, Bruno's turn
    expect(learner).to_have_url(re.compile(r"/$"))
    open_page(learner, "/groupes")
    learner.get_by_role("button", name=f"Quitter le groupe {GROUP}").tap()
    learner.get_by_role("alertdialog").get_by_role("button", name="Quitter").tap()
    expect(learner.get_by_text("Tu as quitté le groupe.")).to_be_visible()

    teacher.reload()
    expect(teacher.get_by_role("row").filter(has_text="Alice Expert")).to_be_visible()
    expect(teacher.get_by_role("row").filter(has_text="Bruno Novice")).to_have_count(0)
    teacher.get_by_role("tab", name="Dimensions").click()
    expect(teacher.get_by_role("tabpanel").get_by_role("row").nth(1).locator(".level-cell")).to_have_text(
        level_name((5 + 3) / 2)
    )
    with teacher.expect_download() as download:
        teacher.get_by_role("tab", name="Apprenants").click()
        teacher.get_by_role("button", name="Exporter (CSV)").click()
    download.value.save_as(raw)
    assert "Bruno" not in raw.read_bytes().decode("utf-8-sig")
    teacher.context.close()
    learner.context.close()
