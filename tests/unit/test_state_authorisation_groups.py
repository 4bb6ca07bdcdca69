"""The group handlers themselves, called as a hostile client would call them: any
handler, any arguments, another person's group id. Nothing is read or changed."""

import pytest
from sqlmodel import Session, func, select

from competence import competence  # noqa: F401  (registers every state)
from competence.models import Account, ClassGroup, Consent, Membership
from competence.state.auth import AuthState
from competence.state.manage_group import ManageGroupState as GroupState
from competence.state.my_groups import MyGroupsState as GroupsState
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
    "change_joining": lambda s, w: call(GroupState.change_joining.fn, s, False),
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


def test_closing_joining_twice_leaves_it_closed(engine, world):
    """A double click on « Fermer les inscriptions » sends « closed » twice: it never reopens."""
    group = world["group"]
    page = state(GroupState, world["teacher"], f"/groupes/{group.id}")
    call(GroupState.load.fn, page)
    for _ in range(2):
        call(GroupState.change_joining.fn, page, False)
    assert snapshot(engine, group.id)[2] is False and page.joining_open is False
    call(GroupState.change_joining.fn, page, "yes")  # anything but true is not « open »
    assert snapshot(engine, group.id)[2] is False
    call(GroupState.change_joining.fn, page, True)
    assert snapshot(engine, group.id)[2] is True
