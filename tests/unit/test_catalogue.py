"""The catalogue: every key in both languages, the same placeholders, and the language a tab
speaks (the account's choice, else the device's, else the browser's)."""

from string import Formatter

import pytest
import reflex as rx
from sqlmodel import Session, SQLModel

from competence import competence  # noqa: F401  (registers every state)
from competence.i18n import CATALOGUE, language_from_header, plural_forms, t
from competence.models import Account
from competence.state.auth import AuthState
from competence.state.dashboard import DashboardState
from tests.unit.conftest import learner_token
from tests.unit.states import call, state


def placeholders(text: str) -> set[str]:
    """The values a text needs: {name}, and the number of a {count|one|other}."""
    return {field.split("|")[0] for _, field, _, _ in Formatter().parse(text) if field}


def test_a_number_and_its_word_agree():
    assert t("groups.learner_count", "fr", count=0) == "0 apprenant"
    assert t("groups.learner_count", "fr", count=1) == "1 apprenant"
    assert t("groups.learner_count", "fr", count=2) == "2 apprenants"
    assert t("groups.learner_count", "en", count=0) == "0 learners"
    assert t("groups.learner_count", "en", count=1) == "1 learner"
    assert "(s)" not in " ".join(text for language in CATALOGUE.values() for text in language.values())
    forms = [form for language in CATALOGUE.values() for text in language.values() for form in plural_forms(text)]
    assert forms and all(one and other and one != other for _, one, other in forms)


def test_every_key_exists_in_both_languages():
    assert sorted(set(CATALOGUE["fr"]) - set(CATALOGUE["en"])) == []
    assert sorted(set(CATALOGUE["en"]) - set(CATALOGUE["fr"])) == []


def test_every_translation_fills_the_same_placeholders():
    differ = [key for key in CATALOGUE["fr"] if placeholders(CATALOGUE["fr"][key]) != placeholders(CATALOGUE["en"][key])]
    assert differ == []


@pytest.mark.parametrize("header, language", [
    ("en-CA,en;q=0.9,fr;q=0.8", "en"), ("fr-CA,fr;q=0.9", "fr"), ("es-MX,en;q=0.5", "en"), ("de", "fr"), ("", "fr"),
])
def test_before_sign_in_the_browser_chooses(header, language):
    assert language_from_header(header) == language


@pytest.fixture(scope="module")
def engine():
    engine = rx.model.get_engine()
    SQLModel.metadata.create_all(engine)
    return engine


def test_the_accounts_choice_wins_and_the_switch_saves_it(engine):
    learner, token = learner_token(engine, "Anglophone")
    tab = state(DashboardState, token, "/tableau-de-bord")
    call(DashboardState.load.fn, tab)
    assert tab.language == "fr" and tab.global_level == "Pas encore évalué"
    auth = tab._get_root_state().get_substate(AuthState.get_full_name().split("."))
    call(AuthState.choose_language.fn, auth, "en")
    with Session(engine) as session:
        assert session.get(Account, learner).language == "en"
    call(DashboardState.load.fn, tab)
    assert tab.language == "en" and tab.global_level == "Not assessed yet"
    call(AuthState.choose_language.fn, auth, "de")  # not a language of ours: nothing changes
    assert tab.language == "en"
