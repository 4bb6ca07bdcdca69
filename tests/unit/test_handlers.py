"""The one way every handler runs: who is calling, a signed-out tab answered the same way
everywhere (its whole tree reset, then the login page with a way back), and a tab that
calls too fast slowed down politely, never signed out."""

import pytest
from sqlmodel import Session

from competence import competence  # noqa: F401  (registers every state)
from competence.domain import groups, joining, sessions
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.state.auth import AuthState
from competence.state.manage_group import ManageGroupState
from competence.state.portrait import PortraitState
from tests.unit.conftest import make_account
from tests.unit.states import call, state


@pytest.fixture(scope="module")
def engine(app_engine):
    return app_engine


@pytest.fixture
def teacher_tab(engine):
    """A teacher's tab on their group's page, loaded, with one learner in the group."""
    with Session(engine) as session:
        now = utcnow()
        teacher = make_account(session, server_keys(), "Prof Handlers", "teacher", now=now)
        learner = make_account(session, server_keys(), "Élève Handlers", now=now)
        group = groups.create_group(session, teacher, "teacher", f"Groupe {teacher}", now).value
        joining.join(session, server_keys(), learner, group.code, "ip", now)
        token = sessions.open_session(session, teacher, now)
        session.commit()
    tab = state(ManageGroupState, token, f"/groupes/{group.id}")
    call(ManageGroupState.load.fn, tab)
    portrait = tab._get_root_state().get_substate(PortraitState.get_full_name().split("."))
    call(PortraitState.load.fn, portrait)
    assert tab.code == group.code and portrait.learners[0].name == "Élève Handlers"
    return tab, portrait, token, group


def test_a_signed_out_tab_is_reset_whole_and_sent_to_login_with_a_way_back(engine, teacher_tab):
    tab, portrait, token, group = teacher_tab
    with Session(engine) as session:
        sessions.close_session(session, token)  # signed out elsewhere, or expired
        session.commit()
    answer = call(ManageGroupState.rename.fn, tab, {"group_name": "Piraté"})
    assert f"/login?avis=connexion&next=/groupes/{group.id}" in str(answer)
    assert (tab.code, tab.members, tab.found) == ("", [], False)
    assert portrait.learners == [] and portrait.dimensions == []  # another state of the same tab
    assert (tab.auth_token, tab.signed_in, tab.user_name) == ("", False, "")


def test_a_tab_calling_too_fast_is_told_so_and_keeps_its_sign_in(teacher_tab):
    tab, portrait, token, group = teacher_tab
    answers = [call(ManageGroupState.load.fn, tab) for _ in range(40)]
    refused = [answer for answer in answers if answer is not None]
    assert refused and all("toast" in str(answer) and "login" not in str(answer) for answer in refused)
    assert tab.auth_token == token and tab.signed_in and tab.code == group.code


def test_the_handler_signature_hides_the_account_from_the_client():
    assert list(ManageGroupState.rename.get_parameters()) == ["self", "form_data"]
    assert "account" not in ManageGroupState.remove_member.fn.__annotations__


def test_log_out_leaves_nothing_of_the_person_in_the_tab(engine, teacher_tab):
    tab, portrait, token, group = teacher_tab
    auth = tab._get_root_state().get_substate(AuthState.get_full_name().split("."))
    answer = call(AuthState.log_out.fn, auth)
    assert "/login?avis=deconnecte" in str(answer)
    assert (tab.code, tab.group_name, portrait.learners, tab.auth_token) == ("", "", [], "")
    with Session(engine) as session:
        assert sessions.account_for_token(session, server_keys(), token, utcnow()) is None


def test_suspending_leaves_nothing_of_the_person_in_the_tab(engine, teacher_tab):
    from competence.state.profile import ProfileState

    tab, portrait, token, group = teacher_tab
    profile = tab._get_root_state().get_substate(ProfileState.get_full_name().split("."))
    profile.router = tab.router
    answer = call(ProfileState.suspend.fn, profile)
    assert "/login?avis=suspendu" in str(answer)
    assert (tab.code, portrait.learners, tab.auth_token, tab.signed_in) == ("", [], "", False)


def test_a_temporary_password_sends_the_pupil_to_choose_a_new_one_first(engine):
    from competence.models import Account
    from competence.state.dashboard import DashboardState
    from competence.state.profile import ProfileState

    with Session(engine) as session:
        pupil = make_account(session, server_keys(), "Élève temporaire", now=utcnow())
        session.get(Account, pupil).must_change_password = True
        token = sessions.open_session(session, pupil, utcnow())
        session.commit()
    dashboard = state(DashboardState, token, "/tableau-de-bord")
    assert "/profil?avis=nouveau-mot-de-passe" in str(call(DashboardState.load.fn, dashboard))
    assert not dashboard.loaded
    profile = state(ProfileState, token, "/profil")
    call(ProfileState.load.fn, profile)
    assert profile.must_change and profile.password_open
