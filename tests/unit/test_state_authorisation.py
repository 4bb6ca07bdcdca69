"""The event handlers themselves, called as a hostile client would call them: any
handler, any arguments, another person's group id. Nothing is read or changed."""

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from competence import competence  # noqa: F401  (registers every state)
from competence.domain import assessment, crypto, progress
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.models import Account, ActivityCompletion, Answer, Attempt, AuthSession
from competence.state.activate import ActivateState
from competence.state.assessment import AssessmentState
from competence.state.dashboard import DashboardState
from competence.state.manage_group import ManageGroupState as GroupState
from competence.state.profile import ProfileState
from tests.unit.conftest import PASSWORD
from tests.unit.states import call, state


@pytest.fixture(scope="module")
def engine(app_engine):
    return app_engine


def suspended_accounts(engine):
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Account).where(Account.suspended_at.is_not(None))).one()


def test_profile_handlers_need_a_signed_in_owner(engine, world):
    before = suspended_accounts(engine)  # other tests suspend their own accounts
    page = state(ProfileState, world["anonymous"], "/profil")
    call(ProfileState.suspend.fn, page)
    assert suspended_accounts(engine) == before


def test_an_expired_session_is_no_session(engine, world):
    with Session(engine) as session:
        from competence.models import AuthSession

        row = session.exec(select(AuthSession).where(AuthSession.token_hash == crypto.sha256_hex(world["teacher"]))).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
        session.commit()
    page = state(GroupState, world["teacher"], f"/groupes/{world['group'].id}")
    call(GroupState.load.fn, page)
    assert not page.found


def a_test_under_way(engine, world):
    """The learner's own data: dimension 1 assessed, dimension 2 with a question on screen."""
    learner, now = world["ids"]["learner"], utcnow()
    with Session(engine) as session:
        session.add(Attempt(account_id=learner, dimension=1, audience="secondaire", content_version=content().version,
                            started_at=now, finished_at=now, level=3))
        assessment.start(session, learner, 2, content(), now)
        assessment.current_question(session, learner, content(), now)
        session.commit()


def own_data(engine, account_id):
    """Everything the positioning test and « Activer » keep for one person."""
    with Session(engine) as session:
        attempts = session.exec(
            select(Attempt.id, Attempt.dimension, Attempt.finished_at, Attempt.current_item_id, Attempt.current_order)
            .where(Attempt.account_id == account_id).order_by(Attempt.id)
        ).all()
        answers = session.exec(
            select(func.count()).select_from(Answer).join(Attempt).where(Attempt.account_id == account_id)
        ).one()
        activities = session.exec(
            select(func.count()).select_from(ActivityCompletion).where(ActivityCompletion.account_id == account_id)
        ).one()
    return attempts, answers, activities


def everyones_attempts(engine):
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Attempt)).one()


@pytest.mark.parametrize("caller", ["anonymous", "intruder", "outsider", "learner"])
def test_assessment_handlers_touch_only_the_callers_own_test(engine, world, caller):
    a_test_under_way(engine, world)
    before, attempts = own_data(engine, world["ids"]["learner"]), everyones_attempts(engine)
    page = state(AssessmentState, world[caller], "/positionnement")
    call(AssessmentState.load.fn, page)
    call(AssessmentState.validate.fn, page, {"choice": "0"})
    after_answer = own_data(engine, world["ids"]["learner"])
    for handler in (AssessmentState.next_question, AssessmentState.continue_full_run):
        call(handler.fn, page)
    call(AssessmentState.start_full.fn, page, True)
    call(AssessmentState.start.fn, page, 2)
    if caller == "learner":
        assert after_answer[1] == before[1] + 1  # the owner answers their own question
    else:
        assert own_data(engine, world["ids"]["learner"]) == before
    if caller == "anonymous":
        assert everyones_attempts(engine) == attempts and page.shown.question == ""


@pytest.mark.parametrize("caller", ["anonymous", "intruder", "outsider", "learner"])
def test_activate_handlers_touch_only_the_callers_own_activities(engine, world, caller):
    a_test_under_way(engine, world)
    before = own_data(engine, world["ids"]["learner"])
    page = state(ActivateState, world[caller], "/activer")
    call(ActivateState.load.fn, page)
    assert page.has_results == (caller == "learner")  # results of one's own, or none
    activity = progress.activities_for(content(), 1, "secondaire")[0]
    call(ActivateState.open_activity.fn, page, activity.id)
    call(ActivateState.validate.fn, page, {"choice": "0"})
    after = own_data(engine, world["ids"]["learner"])
    if caller == "learner":
        assert after[2] == before[2] + 1
    else:
        assert after == before
    if caller == "anonymous":
        assert (page.dimensions, page.open_id, page.shown.question) == ([], "", "")


@pytest.mark.parametrize("caller", ["anonymous", "intruder", "outsider", "learner"])
def test_dashboard_shows_each_caller_only_their_own_results(engine, world, caller):
    a_test_under_way(engine, world)
    page = state(DashboardState, world[caller], "/tableau-de-bord")
    answer = call(DashboardState.load.fn, page)
    assert page.has_results == (caller == "learner") and page.in_progress == (2 if caller == "learner" else 0)
    if caller == "anonymous":
        assert "/login?avis=connexion" in str(answer) and not page.loaded and page.cards == []


def accounts_as_they_are(engine):
    with Session(engine) as session:
        people = session.exec(select(Account.id, Account.password_hash, Account.suspended_at)).all()
        sessions = session.exec(select(AuthSession.account_id, func.count()).group_by(AuthSession.account_id)).all()
    return {row[0]: row for row in people}, dict(sessions)


@pytest.mark.parametrize("caller", ["anonymous", "intruder", "outsider", "teacher"])
def test_profile_handlers_change_only_the_callers_own_account(engine, world, caller):
    """Everyone here knows the password (the same for all): each changes only their own account."""
    (people, sessions) = accounts_as_they_are(engine)
    page = state(ProfileState, world[caller], "/profil")
    new = "Un castor range 9 érables"
    form = {"current_password": PASSWORD, "new_password": new, "confirmation": new}
    call(ProfileState.change_password.fn, page, form)
    call(ProfileState.delete_account.fn, page, {"delete_password": PASSWORD})  # the old one: refused
    call(ProfileState.suspend.fn, page)
    (people_after, sessions_after) = accounts_as_they_are(engine)
    own = world["ids"].get(caller)
    assert {k: v for k, v in people_after.items() if k != own} == {k: v for k, v in people.items() if k != own}
    assert {k: v for k, v in sessions_after.items() if k != own} == {k: v for k, v in sessions.items() if k != own}
    if own is not None:
        assert people_after[own][1] != people[own][1] and people_after[own][2] is not None
        assert own not in sessions_after  # suspended: signed out everywhere


def test_a_crafted_choice_is_no_choice(engine, world):
    from competence.i18n import t

    a_test_under_way(engine, world)
    page = state(AssessmentState, world["learner"], "/positionnement")
    call(AssessmentState.load.fn, page)
    before = own_data(engine, world["ids"]["learner"])
    for crafted in ("²", "99999999999999999999", "9" * 5000):
        call(AssessmentState.validate.fn, page, {"choice": crafted})
        assert page.errors == {"answer": t("error.choice_unknown")}
    assert own_data(engine, world["ids"]["learner"]) == before


def test_a_password_too_long_for_bcrypt_is_a_wrong_password(engine, world):
    from competence.i18n import t
    from competence.state.login import LoginState

    (people, sessions) = accounts_as_they_are(engine)
    long = PASSWORD + " et encore" * 10  # over bcrypt's 72 bytes
    login = state(LoginState, "", "/login", ip="192.0.2.78")
    call(LoginState.submit.fn, login, {"email": "prof@exemple.ca", "password": long})
    profile = state(ProfileState, world["learner"], "/profil")
    call(ProfileState.delete_account.fn, profile, {"delete_password": long})
    form = {"current_password": long, "new_password": long, "confirmation": long}
    call(ProfileState.change_password.fn, profile, form)
    assert login.errors == {"form": t("error.login_failed")} and not login.submitting
    assert profile.errors == {"current_password": t("error.password_wrong")} and not profile.busy
    assert accounts_as_they_are(engine) == (people, sessions)
