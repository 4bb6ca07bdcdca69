"""A tab keeps its caller's account for a second or two (« Valider » then « Suivant ») and no
more: a sign-out, a revoked device or a suspension made through this worker stops every tab at
once; one made elsewhere, within CALLER_CACHE_SECONDS."""

import pytest
import reflex as rx
from sqlalchemy import text
from sqlmodel import Session, select

from competence import competence  # noqa: F401  (registers every state)
from competence.domain import group_management, groups, joining, sessions
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.models import Account, Membership
from competence.state import auth
from competence.state.assessment import AssessmentState
from competence.state.dashboard import DashboardState
from tests.unit.conftest import answers, make_account
from tests.unit.states import call, state


@pytest.fixture(scope="module")
def engine(app_engine):
    return app_engine


def test_the_next_event_within_the_cache_time_asks_the_database_nothing(engine, test_tab, statements, clock):
    tab, learner, token = test_tab
    clock[0] += auth.CALLER_CACHE_SECONDS + 0.1
    call(AssessmentState.validate.fn, tab, {"choice": "0"})  # looks the account up
    assert tab.phase == "feedback"
    statements.clear()
    clock[0] += auth.CALLER_CACHE_SECONDS / 2
    call(AssessmentState.next_question.fn, tab)  # « Suivant »: no lookup
    assert tab.phase == "question" and not [s for s in statements if "auth_session" in s]


def test_the_account_is_looked_up_again_once_the_cache_time_is_over(engine, test_tab, statements, clock):
    tab, learner, token = test_tab
    clock[0] += auth.CALLER_CACHE_SECONDS + 0.1
    statements.clear()
    call(AssessmentState.validate.fn, tab, {"choice": "0"})
    assert "auth_session" in statements[0] and tab.phase == "feedback"


def test_a_session_revoked_by_another_worker_stops_the_tab_within_the_cache_time(engine, test_tab, clock):
    tab, learner, token = test_tab
    # Another process deletes the sign-in: this process's change counter does not move.
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM auth_session WHERE account_id = :id"), {"id": learner})
    clock[0] += auth.CALLER_CACHE_SECONDS + 0.1
    answer = call(AssessmentState.validate.fn, tab, {"choice": "0"})
    assert "/login" in str(answer) and tab.auth_token == "" and tab.phase == "loading"
    assert answers(engine, learner) == []


def test_a_sign_out_made_through_this_worker_stops_other_tabs_at_once(engine, test_tab, clock):
    tab, learner, token = test_tab
    other_device = state(DashboardState, token, "/tableau-de-bord")
    call(DashboardState.load.fn, other_device)  # the same sign-in, looked up just now
    with Session(engine) as session:
        sessions.close_session(session, token)
        session.commit()
    answer = call(DashboardState.load.fn, other_device)  # well within the cache time
    assert "/login" in str(answer) and other_device.auth_token == ""
    assert "/login" in str(call(AssessmentState.validate.fn, tab, {"choice": "0"}))
    assert answers(engine, learner) == []


def test_a_suspension_made_through_this_worker_stops_the_tab_at_once(engine, test_tab, clock):
    tab, learner, token = test_tab
    with Session(engine) as session:
        session.get(Account, learner).suspended_at = utcnow()
        session.commit()
    assert "/login" in str(call(AssessmentState.next_question.fn, tab))


def test_a_change_that_is_rolled_back_moves_nothing():
    before = sessions.changes()
    with Session(rx.model.get_engine()) as session:
        session.exec(select(Account)).first().must_change_password = True
        session.flush()
        session.rollback()
    assert sessions.changes() == before



def test_an_accommodation_set_through_this_worker_shows_at_the_next_event(engine, test_tab, clock):
    """The kept account carries the accommodations: a teacher setting one drops it, as a sign-out does."""
    tab, learner, token = test_tab
    with Session(engine) as session:
        teacher = make_account(session, server_keys(), "Prof Accommodante", "teacher", now=utcnow())
        group = groups.create_group(session, teacher, "teacher", "Groupe", utcnow()).value
        assert joining.join(session, server_keys(), learner, group.code, "ip", utcnow()).ok
        session.commit()
    call(AssessmentState.load.fn, tab)
    assert not tab.large_text
    with Session(engine) as session:
        membership = session.exec(select(Membership).where(Membership.account_id == learner)).one()
        assert group_management.set_accommodation(session, teacher, group.id, membership.id, "large_text", True).ok
        session.commit()
    call(AssessmentState.load.fn, tab)  # well within the cache time
    assert tab.large_text
