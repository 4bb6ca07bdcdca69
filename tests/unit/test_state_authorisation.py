"""The event handlers themselves, called as a hostile client would call them: any
handler, any arguments, another person's group id. Nothing is read or changed."""

from datetime import timedelta

import pytest
import reflex as rx
from sqlmodel import Session, SQLModel, func, select

from competence import competence  # noqa: F401  (registers every state)
from competence.domain import accounts, crypto, groups, joining, sessions
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.models import Account, ClassGroup, Consent, Membership
from competence.state.manage_group import ManageGroupState as GroupState
from competence.state.my_groups import MyGroupsState as GroupsState
from competence.state.profile import ProfileState
from tests.unit.conftest import make_account
from tests.unit.states import call, state


@pytest.fixture(scope="module")
def engine():
    engine = rx.model.get_engine()
    SQLModel.metadata.create_all(engine)
    return engine


def signed_up(session, name, role):
    """An account with a real password, signed in: its id and its browser token."""
    now = utcnow()
    password_hash = crypto.hash_password("Le hibou mange 7 bleuets", 12)
    account_id = make_account(session, server_keys(), name, role, password_hash=password_hash, now=now)
    return account_id, sessions.open_session(session, account_id, now)


@pytest.fixture
def world(engine):
    with Session(engine) as session:
        teacher, teacher_token = signed_up(session, "Prof", "teacher")
        _, intruder_token = signed_up(session, "Autre prof", "teacher")
        learner, learner_token = signed_up(session, "Élève", "learner")
        group = groups.create_group(session, teacher, "teacher", f"Groupe {teacher}", utcnow()).value
        joining.join(session, server_keys(), learner, group.code, "ip", utcnow())
        membership_id = session.exec(select(Membership.id).where(Membership.group_id == group.id)).one()
        session.commit()
    return {
        "group": group, "membership_id": membership_id, "teacher": teacher_token,
        "intruder": intruder_token, "learner": learner_token, "anonymous": "",
    }


def snapshot(engine, group_id):
    with Session(engine) as session:
        group = session.get(ClassGroup, group_id)
        members = session.exec(select(func.count()).select_from(Membership).where(Membership.group_id == group_id)).one()
        standing = session.exec(
            select(func.count()).select_from(Consent).where(Consent.group_id == group_id, Consent.withdrawn_at.is_(None))
        ).one()
        hashes = tuple(session.exec(select(Account.password_hash).order_by(Account.id)).all())
        return (group.name, group.code, group.joining_open, members, standing, hashes) if group else None


MANAGER_HANDLERS = {
    "rename": lambda s, w: call(GroupState.rename.fn, s, {"group_name": "Piraté"}),
    "regenerate_code": lambda s, w: call(GroupState.regenerate_code.fn, s),
    "toggle_joining": lambda s, w: call(GroupState.toggle_joining.fn, s),
    "remove_member": lambda s, w: call(GroupState.remove_member.fn, s, str(w["membership_id"])),
    "delete_group": lambda s, w: call(GroupState.delete_group.fn, s, {"confirm_name": w["group"].name}),
    "reset_password": lambda s, w: call(GroupState.reset_password.fn, s, str(w["membership_id"])),
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


@pytest.mark.parametrize("bad_id", ["abc", "-1", "1 OR 1=1", 10**12, None])
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


def test_profile_handlers_need_a_signed_in_owner(engine, world):
    def suspended():
        with Session(engine) as session:
            return session.exec(select(func.count()).select_from(Account).where(Account.suspended_at.is_not(None))).one()

    before = suspended()
    page = state(ProfileState, world["anonymous"], "/profil")
    call(ProfileState.suspend.fn, page)
    assert suspended() == before


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
        (group.name, "1 apprenant(s)", f"/groupes/{group.id}")
    ]


def test_a_password_too_long_for_bcrypt_is_a_failed_login_not_a_stuck_form(world):
    import secrets

    from competence.i18n import t
    from competence.state.login import LoginState

    page = state(LoginState, "", "/login", ip=secrets.token_hex(4))  # an address of its own: no throttle
    call(LoginState.submit.fn, page, {"email": "prof@exemple.ca", "password": "é" * 40})
    assert not page.submitting and page.errors == {"form": t("error.login_failed")}


def test_a_throttled_signup_says_so_next_to_the_form(engine, monkeypatch):
    import secrets

    from competence import settings
    from competence.domain import throttle
    from competence.i18n import t
    from competence.state.signup import SignupState

    address = secrets.token_hex(4)
    monkeypatch.setattr(settings, "SIGNUP_MAX_PER_ADDRESS", 1)
    with Session(engine) as session:
        throttle.record(session, list(accounts._signup_limits(server_keys(), address)), utcnow())
        session.commit()
    page = state(SignupState, "", "/users/signup/3", ip=address)
    call(SignupState.submit.fn, page, "learner", {"email": "eleve@exemple.ca"})
    assert not page.submitting and page.errors == {"form": t("error.signup_throttled", minutes=60)}
