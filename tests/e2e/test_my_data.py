"""« Télécharger mes données », end to end: the ZIP downloaded, opened and read."""

import json
import zipfile

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible
from tests.e2e.flows import new_email, open_page, sign_up


def test_a_learner_downloads_their_data_with_their_email_in_clear(tablet):
    email = new_email("donnees")
    sign_up(tablet, "learner", email, name="Aïcha Benali")
    open_page(tablet, "/profil")
    expect(tablet.get_by_role("heading", name="Mes données")).to_be_visible()
    assert_accessible(tablet)
    tablet.get_by_label("Courriel (facultatif)").fill(email)
    with tablet.expect_download() as download:
        tablet.get_by_role("button", name="Télécharger mes données").tap()
    path = download.value.path()
    with zipfile.ZipFile(path) as zipped:
        assert "donnees.json" in zipped.namelist() and "reponses.csv" in zipped.namelist()
        data = json.loads(zipped.read("donnees.json"))
    assert data["schema"] == "competence-numerique/donnees/1"
    assert (data["profil"]["nom"], data["profil"]["courriel"]) == ("Aïcha Benali", email)
    open_page(tablet, "/profil")
    expect(tablet.get_by_role("region", name="Activité de mon compte")).to_contain_text("Téléchargement de mes données")
