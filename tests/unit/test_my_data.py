"""« Télécharger mes données »: everything kept about a person, in a ZIP (JSON + CSV), the email
in clear only when the person typed it, at most a few a day."""

import io
import json
import zipfile
from datetime import timedelta

import pytest

from competence.domain import accounts, assessment, groups, joining, my_data
from competence.domain.content import content
from competence.models import Account
from tests.unit.conftest import NOW, make_account

BANK = content()
PASSWORD = "Le hibou mange 7 bleuets"


@pytest.fixture
def learner(session, keys, solved_captcha):
    form = accounts.SignupForm(role="learner", email="kim@exemple.ca", password=PASSWORD, confirmation=PASSWORD,
                               name="Kim Tremblay", school_level="secondaire_2", age="14_plus", terms_accepted=True,
                               captcha_payload=solved_captcha())
    learner_id = accounts.sign_up(session, keys, form, "10.0.0.1", NOW).value.account.id
    teacher = make_account(session, keys, "Prof", "teacher")
    group = groups.create_group(session, teacher, "teacher", "Groupe 503", NOW).value
    joining.join(session, keys, learner_id, group.code, "ip", NOW)
    assessment.start(session, learner_id, 4, BANK, NOW)
    shown = assessment.current_question(session, learner_id, BANK, NOW)
    assessment.answer(session, learner_id, shown.item_id, 0, BANK, NOW + timedelta(seconds=30))
    return learner_id


def unzip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        return {name: zipped.read(name).decode("utf-8") for name in zipped.namelist()}


def test_the_archive_holds_everything_in_json_and_csv(session, keys, learner):
    files = unzip(my_data.export(session, keys, learner, "", "fr", NOW).value)
    assert set(files) == {"donnees.json", "profil.csv", "groupes.csv", "consentements.csv", "tentatives.csv",
                          "reponses.csv", "activites.csv", "activite_du_compte.csv"}
    data = json.loads(files["donnees.json"])
    assert data["schema"] == my_data.SCHEMA
    assert data["profil"]["nom"] == "Kim Tremblay" and data["profil"]["courriel"] is None
    assert data["consentements"][0]["nom"] == "Groupe 503" and data["consentements"][0]["retire_le"] is None
    [attempt] = data["tentatives"]
    [answer] = attempt["reponses"]
    item = BANK.items[answer["question_id"]]
    assert answer["question"] == item.wording("fr").question and answer["choix_retenu"] in item.wording("fr").choices
    assert "Consentement donné au groupe Groupe 503" in {event["quoi"] for event in data["activite_du_compte"]}
    assert "Kim Tremblay" in files["profil.csv"] and item.wording("fr").question in files["reponses.csv"]


def test_the_email_appears_only_when_typed_and_right(session, keys, learner):
    typed = json.loads(unzip(my_data.export(session, keys, learner, "Kim@Exemple.ca", "fr", NOW).value)["donnees.json"])
    wrong = json.loads(unzip(my_data.export(session, keys, learner, "autre@exemple.ca", "fr", NOW).value)["donnees.json"])
    assert typed["profil"]["courriel"] == "Kim@Exemple.ca" and wrong["profil"]["courriel"] is None
    assert "kim@exemple.ca" not in str(session.get(Account, learner).email_hash)


def test_in_english_the_words_are_english(session, keys, learner):
    data = json.loads(unzip(my_data.export(session, keys, learner, "", "en", NOW).value)["donnees.json"])
    answer = data["tentatives"][0]["reponses"][0]
    assert answer["question"] == BANK.items[answer["question_id"]].wording("en").question
    assert data["tentatives"][0]["dimension_nom"] == BANK.dimension(4).name("en")


def test_exports_are_limited_per_day(session, keys, learner):
    for _ in range(my_data.EXPORTS_PER_DAY):
        assert my_data.export(session, keys, learner, "", "fr", NOW).ok
    assert my_data.export(session, keys, learner, "", "fr", NOW).errors["export"][0] == "error.export_throttled"
    assert my_data.export(session, keys, learner, "", "fr", NOW + timedelta(days=1, minutes=1)).ok
