"""The event handlers themselves, called as a hostile client would call them: any
handler, any arguments, another person's group id. Nothing is read or changed."""

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from competence import competence  # noqa: F401  (registers every state)
from competence.domain import assessment, crypto, joining, progress
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.models import Account, ActivityCompletion, Answer, Attempt, AuthSession, ClassGroup, Consent, Membership
from competence.state.activate import ActivateState
from competence.state.assessment import AssessmentState
from competence.state.auth import AuthState
from competence.state.dashboard import DashboardState
from competence.state.manage_group import ManageGroupState as GroupState
from competence.state.my_groups import MyGroupsState as GroupsState
from competence.state.portrait import SORT_KEYS, PortraitState
from competence.state.profile import ProfileState
from tests.unit.conftest import PASSWORD
from tests.unit.states import call, state


@pytest.fixture(scope="module")
def engine(app_engine):
    return app_engine


def snapshot(engine, group_id):
    with Session(engine) as session:
        group = session.get(ClassGroup, group_id)
        members = session.exec(select(func.count()).select_from(Membership).where(Membership.group_id == group_id)).one()
        standing = session.exec(
            select(func.count()).select_from(Consent).where(Consent.group_id == group_id, Consent.withdrawn_at.is_(None))
        ).one()
        hashes = tuple(session.exec(select(Account.password_hash).order_by(Account.id)).all())
        accommodations = tuple(session.exec(select(Membership.untimed, Membership.large_text).order_by(Membership.id)))
        return (group.name, group.code, group.joining_open, members, standing, hashes, accommodations) if group else None


MANAGER_HANDLERS = {
    "rename": lambda s, w: call(GroupState.rename.fn, s, {"group_name": "Piraté"}),
    "regenerate_code": lambda s, w: call(GroupState.regenerate_code.fn, s),
    "toggle_joining": lambda s, w: call(GroupState.toggle_joining.fn, s),
    "remove_member": lambda s, w: call(GroupState.remove_member.fn, s, str(w["membership_id"])),
    "delete_group": lambda s, w: call(GroupState.delete_group.fn, s, {"understood": "on"}),
    "reset_password": lambda s, w: call(GroupState.reset_password.fn, s, str(w["membership_id"])),
    "change_accommodation": lambda s, w: call(GroupState.change_accommodation.fn, s, w["membership_id"], "untimed", True),
}


@pytest.mark.parametrize("handler", MANAGER_HANDLERS)
@pytest.mark.parametrize("caller", ["intruder", "learner", "anonymous"])
def test_manager_handlers_refuse_everyone_but_the_manager(engine, world, handler, caller):
    group = world["group"]
    before = snapshot(engine, group.id)
    page = state(GroupState, world[caller], f"/groupes/{group.id}")
    MANAGER_HANDLERS[handler](page, world)
    assert snapshot(engine, group.id) == before
    assert page.members == [] and page.code == "" and not page.found


def test_loading_another_teachers_group_shows_nothing(world):
    page = state(GroupState, world["intruder"], f"/groupes/{world['group'].id}")
    call(GroupState.load.fn, page)
    assert (page.found, page.group_name, page.code, page.members) == (False, "", "", [])


def test_the_manager_passes_the_same_handlers(engine, world):
    group = world["group"]
    page = state(GroupState, world["teacher"], f"/groupes/{group.id}")
    call(GroupState.rename.fn, page, {"group_name": "Nouveau nom"})
    assert snapshot(engine, group.id)[0] == "Nouveau nom"
    assert page.members and page.members[0].name == "Élève"


@pytest.mark.parametrize("bad_id", ["abc", "-1", "1 OR 1=1", 10**12, None, "²", "99999999999999999999", "9" * 5000])
def test_crafted_arguments_change_nothing(engine, world, bad_id):
    group = world["group"]
    before = snapshot(engine, group.id)
    page = state(GroupState, world["teacher"], f"/groupes/{group.id}")
    call(GroupState.remove_member.fn, page, bad_id)
    call(GroupsState.leave.fn, state(GroupsState, world["learner"], "/groupes"), bad_id)
    assert snapshot(engine, group.id) == before


def test_leaving_a_group_one_is_not_in_changes_nothing(engine, world):
    group = world["group"]
    before = snapshot(engine, group.id)
    for caller in ("teacher", "intruder", "anonymous"):
        call(GroupsState.leave.fn, state(GroupsState, world[caller], "/groupes"), str(group.id))
    assert snapshot(engine, group.id) == before


def test_accept_without_a_checked_code_joins_nothing(engine, world):
    group = world["group"]
    before = snapshot(engine, group.id)
    call(GroupsState.accept.fn, state(GroupsState, world["intruder"], "/groupes"))
    assert snapshot(engine, group.id) == before


def test_learners_and_strangers_cannot_create_groups(engine, world):
    with Session(engine) as session:
        before = session.exec(select(func.count()).select_from(ClassGroup)).one()
    for caller in ("learner", "anonymous"):
        call(GroupsState.create.fn, state(GroupsState, world[caller], "/groupes"), {"group_name": "Nouveau"})
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(ClassGroup)).one() == before


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


@pytest.mark.parametrize("caller", ["intruder", "learner", "anonymous"])
def test_portrait_handlers_give_nothing_to_anyone_but_the_manager(engine, world, caller):
    from competence.state.portrait import PortraitState
    from competence.state.portrait_detail import DimensionState, LearnerState

    group_id = world["group"].id
    tabs = state(PortraitState, world[caller], f"/groupes/{group_id}")
    call(PortraitState.load.fn, tabs)
    assert tabs.learners == [] and tabs.dimensions == []
    exported = call(PortraitState.export_csv.fn, tabs)
    assert exported is None or "_redirect" in repr(exported)  # strangers are sent to login, never a file
    for cls, path in ((DimensionState, f"/groupes/{group_id}/dimensions/1"),
                      (LearnerState, f"/groupes/{group_id}/apprenants/{world['membership_id']}")):
        page = state(cls, world[caller], path)
        call(cls.load.fn, page)
        assert not page.found
    learner = state(LearnerState, world[caller], f"/groupes/{group_id}/apprenants/{world['membership_id']}")
    call(LearnerState.choose_dimension.fn, learner, "1")
    assert not learner.found and learner.answers == [] and learner.learner_name == ""


def test_the_manager_gets_the_portrait(world):
    from competence.state.portrait import PortraitState
    from competence.state.portrait_detail import LearnerState

    group_id = world["group"].id
    tabs = state(PortraitState, world["teacher"], f"/groupes/{group_id}")
    call(PortraitState.load.fn, tabs)
    assert [row.name for row in tabs.learners] == ["Élève"] and len(tabs.dimensions) == 12
    assert "_download" in repr(call(PortraitState.export_csv.fn, tabs))
    page = state(LearnerState, world["teacher"], f"/groupes/{group_id}/apprenants/{world['membership_id']}")
    call(LearnerState.load.fn, page)
    assert page.found and page.learner_name == "Élève"


def test_a_learners_answers_can_be_read_one_dimension_at_a_time(engine, world):
    from competence.state.portrait_detail import LearnerState

    learner, bank = world["ids"]["learner"], content()
    with Session(engine) as session:
        for dimension in (1, 2):
            assessment.start(session, learner, dimension, bank, utcnow())
            question = assessment.current_question(session, learner, bank, utcnow())
            assessment.answer(session, learner, question.item_id, 0, bank, utcnow())
        session.commit()
    page = state(LearnerState, world["teacher"], f"/groupes/{world['group'].id}/apprenants/{world['membership_id']}")
    call(LearnerState.load.fn, page)
    assert sorted(row.dimension for row in page.answers) == ["1", "2"]  # newest first
    assert [option.value for option in page.answer_dimensions] == ["1", "2"]
    call(LearnerState.choose_dimension.fn, page, "2")
    assert [row.dimension for row in page.answers] == ["2"] and page.answer_dimension == "2"
    call(LearnerState.choose_dimension.fn, page, "")
    assert len(page.answers) == 2 and page.answer_dimension == ""


def test_a_tab_calling_faster_than_a_person_is_slowed_down(world):
    page = state(GroupState, world["teacher"], f"/groupes/{world['group'].id}")
    served = sum(call(GroupState.load.fn, page) is None and page.found for _ in range(60))
    assert 28 <= served <= 36  # the burst, then nothing until the bucket refills


def test_my_groups_lists_the_groups_of_each_side(world):
    group = world["group"]
    learner = state(GroupsState, world["learner"], "/groupes")
    call(GroupsState.load.fn, learner)
    assert [(row.name, row.detail) for row in learner.joined] == [(group.name, "Créé par Prof")]
    teacher = state(GroupsState, world["teacher"], "/groupes")
    call(GroupsState.load.fn, teacher)
    assert [(row.name, row.detail, row.href) for row in teacher.managed] == [
        (group.name, "1 apprenant", f"/groupes/{group.id}")
    ]


def test_require_login_lets_only_a_signed_in_caller_through(world):
    stranger = state(AuthState, world["anonymous"], "/profil")
    assert "/login?avis=connexion" in str(call(AuthState.require_login.fn, stranger))
    teacher = state(AuthState, world["teacher"], "/profil")
    assert call(AuthState.require_login.fn, teacher) is None and teacher.signed_in


@pytest.mark.parametrize("caller", ["anonymous", "intruder", "outsider", "learner"])
def test_my_groups_handlers_give_a_stranger_nothing(engine, world, caller):
    """Only a signed-in caller checks a code; anyone signed in may (that is how one joins)."""
    group = world["group"]
    before = snapshot(engine, group.id)
    page = state(GroupsState, world[caller], "/groupes")
    call(GroupsState.load.fn, page)
    call(GroupsState.check_code.fn, page, {"code": group.code})
    assert page.consent_open == (caller in ("intruder", "outsider"))  # the learner is in already
    if caller == "anonymous":
        assert (page.managed, page.joined, page._pending_code) == ([], [], "")
    call(GroupsState.refuse.fn, page)
    call(GroupsState.accept.fn, page)
    assert snapshot(engine, group.id) == before


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


@pytest.mark.parametrize("caller", ["anonymous", "intruder", "outsider", "learner", "teacher"])
def test_sorting_the_portrait_gives_nothing_to_anyone_but_the_manager(world, caller):
    tabs = state(PortraitState, world[caller], f"/groupes/{world['group'].id}")
    for key in SORT_KEYS:
        call(PortraitState.sort_by.fn, tabs, key)
    assert [row.name for row in tabs.learners] == (["Élève"] if caller == "teacher" else [])


def test_sorting_the_portrait_asks_again_who_consents(engine, world):
    group = world["group"]
    tabs = state(PortraitState, world["teacher"], f"/groupes/{group.id}")
    call(PortraitState.load.fn, tabs)
    assert [row.name for row in tabs.learners] == ["Élève"]
    with Session(engine) as session:
        joining.leave(session, world["ids"]["learner"], group.id, utcnow())
        session.commit()
    call(PortraitState.sort_by.fn, tabs, "level")
    assert tabs.learners == []


@pytest.mark.parametrize("number", ["²", "99999999999999999999", "9" * 5000])
def test_a_crafted_number_in_the_path_finds_nothing(world, number):
    from competence.state.portrait_detail import LearnerState

    page = state(GroupState, world["teacher"], f"/groupes/{number}")
    call(GroupState.load.fn, page)
    tabs = state(PortraitState, world["teacher"], f"/groupes/{number}")
    call(PortraitState.load.fn, tabs)
    detail = state(LearnerState, world["teacher"], f"/groupes/{world['group'].id}/apprenants/{number}")
    call(LearnerState.load.fn, detail)
    assert (page.found, tabs.learners, detail.found) == (False, [], False)


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


def test_text_no_url_or_database_can_carry_counts_as_empty(engine, world):
    """JSON lets a client send a lone surrogate, which UTF-8 cannot write: no name, code,
    email or password holds one, and a tab at such a path goes to the login page unharmed."""
    from competence.state.login import LoginState

    group = world["group"]
    before = snapshot(engine, group.id)
    page = state(GroupState, world["teacher"], f"/groupes/{group.id}")
    call(GroupState.rename.fn, page, {"group_name": "\ud800"})
    groups_page = state(GroupsState, world["teacher"], "/groupes")
    call(GroupsState.create.fn, groups_page, {"group_name": "Groupe \udfff"})
    call(GroupsState.check_code.fn, state(GroupsState, world["outsider"], "/groupes"), {"code": "\ud800"})
    login = state(LoginState, "", "/login", ip="192.0.2.77")
    call(LoginState.submit.fn, login, {"email": "\ud800@exemple.ca", "password": "\ud800"})
    assert snapshot(engine, group.id) == before
    assert "group_name" in page.errors and "group_name" in groups_page.errors and "form" in login.errors
    stranger = state(GroupState, "", "/groupes/\ud800")
    assert "/login?avis=connexion&next=/" in str(call(GroupState.load.fn, stranger))


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
