from datetime import timedelta
from itertools import cycle

import pytest
from sqlmodel import func, select

from competence import settings
from competence.domain import group_management, groups, joining
from competence.models import ClassGroup, Consent, Membership
from tests.unit.conftest import NOW, make_account


@pytest.fixture
def people(session, keys):
    return {
        "teacher": make_account(session, keys, "Nhien Huyen", "teacher"),
        "other_teacher": make_account(session, keys, "Autre Prof", "teacher"),
        "learner": make_account(session, keys, "Nhiem"),
        "other_learner": make_account(session, keys, "Léa"),
    }


def create(session, owner, name="Les Explorateurs Technologiques", **kwargs):
    outcome = groups.create_group(session, owner, "teacher", name, NOW, **kwargs)
    assert outcome.ok, outcome.errors
    return outcome.value


def count(session, model):
    return session.exec(select(func.count()).select_from(model)).one()


def test_codes_use_capitals_without_look_alikes():
    assert not set("ILO01") & set(groups.CODE_ALPHABET)
    for _ in range(200):
        code = groups.new_code()
        assert len(code) == 7 and set(code) <= set(groups.CODE_ALPHABET)


def test_code_collision_is_retried(session, people):
    create(session, people["teacher"], "A", make_code=lambda: "AAAAAAA")
    codes = cycle(["AAAAAAA", "AAAAAAA", "BBBBBBB"])
    assert create(session, people["teacher"], "B", make_code=lambda: next(codes)).code == "BBBBBBB"
    assert groups.create_group(session, people["teacher"], "teacher", "C", NOW, make_code=lambda: "AAAAAAA").errors


def test_group_names_are_trimmed_bounded_and_unique_per_teacher(session, people):
    assert create(session, people["teacher"], "  Groupe 401  ").name == "Groupe 401"
    assert groups.create_group(session, people["teacher"], "teacher", "groupe 401", NOW).errors == {
        "group_name": "error.group_name_taken"
    }
    assert create(session, people["other_teacher"], "Groupe 401").name == "Groupe 401"
    assert groups.create_group(session, people["teacher"], "teacher", "   ", NOW).errors == {
        "group_name": "error.required"
    }
    assert groups.create_group(session, people["teacher"], "teacher", "x" * 81, NOW).errors == {
        "group_name": "error.group_name_too_long"
    }
    assert create(session, people["teacher"], "x" * 80)


def test_learners_cannot_create_groups(session, people):
    assert groups.create_group(session, people["learner"], "learner", "Mon groupe", NOW).errors == {
        "form": "error.not_allowed"
    }


def test_code_is_read_case_insensitively_and_joining_records_consent(session, keys, people):
    group = create(session, people["teacher"])
    spaced = " ".join(group.code.lower())
    invitation = joining.invitation(session, keys, people["learner"], spaced, "ip", NOW)
    assert invitation.value == joining.Invitation("Les Explorateurs Technologiques", "Nhien Huyen")
    joined = joining.join(session, keys, people["learner"], spaced, "ip", NOW)
    assert joined.ok
    consent = session.exec(select(Consent)).one()
    assert (consent.account_id, consent.group_id, consent.given_at, consent.text_version) == (
        people["learner"], group.id, NOW, joining.CONSENT_VERSION
    )
    assert consent.withdrawn_at is None
    assert groups.managed_groups(session, people["teacher"])[0].learner_count == 1
    assert [g.teacher_name for g in groups.joined_groups(session, keys, people["learner"])] == ["Nhien Huyen"]


def test_joining_twice_gives_a_message_and_no_duplicate(session, keys, people):
    group = create(session, people["teacher"])
    assert joining.join(session, keys, people["learner"], group.code, "ip", NOW).ok
    again = joining.join(session, keys, people["learner"], group.code, "ip", NOW)
    assert again.errors == {"code": ("error.already_member", {"name": group.name})}
    assert count(session, Membership) == 1 and count(session, Consent) == 1


def test_unique_constraints_hold_when_the_checks_are_raced(session, keys, people):
    """Two requests that both passed the membership check: the schema keeps one row."""
    group = create(session, people["teacher"])
    session.add(Membership(group_id=group.id, account_id=people["learner"], joined_at=NOW))
    session.add(Consent(group_id=group.id, account_id=people["learner"], text_version="v", given_at=NOW))
    session.flush()
    from sqlalchemy.exc import IntegrityError

    for row in (
        Membership(group_id=group.id, account_id=people["learner"], joined_at=NOW),
        Consent(group_id=group.id, account_id=people["learner"], text_version="v", given_at=NOW),
    ):
        with pytest.raises(IntegrityError), session.begin_nested():
            session.add(row)
            session.flush()


def test_wrong_closed_and_deleted_codes_fail_alike(session, keys, people):
    closed = create(session, people["teacher"], "Fermé")
    group_management.set_joining_open(session, people["teacher"], closed.id, False)
    deleted = create(session, people["teacher"], "Supprimé")
    group_management.delete_group(session, people["teacher"], deleted.id, True)
    for code in ("ZZZZZZZ", closed.code, deleted.code):
        assert joining.invitation(session, keys, people["learner"], code, "ip", NOW).errors == {
            "code": "error.code_invalid"
        }
    group_management.set_joining_open(session, people["teacher"], closed.id, True)
    assert joining.invitation(session, keys, people["learner"], closed.code, "ip", NOW).ok


def test_wrong_codes_are_throttled_per_account_and_per_address(session, keys, people):
    group = create(session, people["teacher"])
    for _ in range(settings.JOIN_MAX_WRONG_CODES_PER_ACCOUNT):
        joining.invitation(session, keys, people["learner"], "ZZZZZZZ", "ip-1", NOW)
    refused = joining.invitation(session, keys, people["learner"], group.code, "ip-2", NOW + timedelta(minutes=1))
    assert refused.errors == {"code": ("error.code_throttled", {"minutes": settings.JOIN_WINDOW_MINUTES - 1})}
    # The same address is refused for another account too...
    assert joining.invitation(session, keys, people["other_learner"], group.code, "ip-1", NOW).errors
    # ...another account elsewhere is not, and the window passes.
    assert joining.invitation(session, keys, people["other_learner"], group.code, "ip-3", NOW).ok
    later = NOW + timedelta(minutes=settings.JOIN_WINDOW_MINUTES, seconds=1)
    assert joining.invitation(session, keys, people["learner"], group.code, "ip-2", later).ok


def test_regenerated_code_replaces_the_old_one_at_once(session, keys, people):
    group = create(session, people["teacher"])
    new = group_management.regenerate_code(session, people["teacher"], group.id).value
    assert new != group.code
    assert joining.invitation(session, keys, people["learner"], group.code, "ip", NOW).errors
    assert joining.invitation(session, keys, people["learner"], new, "ip", NOW).ok


def test_leaving_withdraws_the_consent(session, keys, people):
    group = create(session, people["teacher"])
    joining.join(session, keys, people["learner"], group.code, "ip", NOW)
    assert joining.leave(session, people["learner"], group.id, NOW + timedelta(days=1)).ok
    consent = session.exec(select(Consent)).one()
    assert consent.withdrawn_at == NOW + timedelta(days=1)
    assert group_management.members(session, keys, people["teacher"], group.id) == []
    assert groups.managed_groups(session, people["teacher"])[0].learner_count == 0
    # Rejoining later records a new consent beside the withdrawn one.
    assert joining.join(session, keys, people["learner"], group.code, "ip", NOW + timedelta(days=2)).ok
    assert count(session, Consent) == 2


def test_removing_a_learner(session, keys, people):
    group = create(session, people["teacher"])
    joining.join(session, keys, people["learner"], group.code, "ip", NOW)
    [member] = group_management.members(session, keys, people["teacher"], group.id)
    assert (member.name, member.school_level, member.joined_at) == ("Nhiem", "secondaire_2", NOW)
    assert group_management.remove_member(session, people["teacher"], group.id, member.membership_id, NOW).ok
    assert group_management.members(session, keys, people["teacher"], group.id) == []
    assert session.exec(select(Consent)).one().withdrawn_at == NOW


def test_delete_is_confirmed_by_a_box_not_by_retyping_the_name(session, keys, people):
    """Before: the exact, case-sensitive name had to be typed (hard with an emoji or an em dash)."""
    group = create(session, people["teacher"], "Les Explorateurs — 6e 🚀")
    joining.join(session, keys, people["learner"], group.code, "ip", NOW)
    assert group_management.delete_group(session, people["teacher"], group.id, False).errors == {
        "understood": "error.delete_not_confirmed"
    }
    assert group_management.delete_group(session, people["teacher"], group.id, True).ok
    session.flush()
    assert count(session, ClassGroup) == 0 and count(session, Membership) == 0 and count(session, Consent) == 0


# Every management action, by every kind of caller: only the group's manager gets through.
ACTIONS = {
    "rename": lambda s, k, caller, g, m: group_management.rename(s, caller, g, "Nouveau nom"),
    "regenerate_code": lambda s, k, caller, g, m: group_management.regenerate_code(s, caller, g),
    "close_joining": lambda s, k, caller, g, m: group_management.set_joining_open(s, caller, g, False),
    "remove_member": lambda s, k, caller, g, m: group_management.remove_member(s, caller, g, m, NOW),
    "delete_group": lambda s, k, caller, g, m: group_management.delete_group(s, caller, g, True),
    "members": lambda s, k, caller, g, m: group_management.members(s, k, caller, g),
    "summary": lambda s, k, caller, g, m: group_management.group_summary(s, caller, g),
}
CALLERS = {"teacher": True, "other_teacher": False, "learner": False, "other_learner": False}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("caller, allowed", CALLERS.items())
def test_authorisation_table(session, keys, people, action, caller, allowed):
    group = create(session, people["teacher"])
    joining.join(session, keys, people["learner"], group.code, "ip", NOW)
    membership_id = session.exec(select(Membership.id)).one()
    before = (session.get(ClassGroup, group.id).name, group.code, count(session, Membership))
    result = ACTIONS[action](session, keys, people[caller], group.id, membership_id)
    succeeded = result is not None and (not hasattr(result, "ok") or result.ok)
    assert succeeded == allowed
    if not allowed:
        session.expire_all()
        row = session.get(ClassGroup, group.id)
        assert (row.name, row.code, count(session, Membership)) == before and row.joining_open


def test_only_the_member_can_leave(session, keys, people):
    group = create(session, people["teacher"])
    joining.join(session, keys, people["learner"], group.code, "ip", NOW)
    for caller in ("teacher", "other_teacher", "other_learner"):
        assert joining.leave(session, people[caller], group.id, NOW).errors == {"form": "error.not_allowed"}
    assert count(session, Membership) == 1
    assert joining.leave(session, people["learner"], group.id, NOW).ok


def test_a_manager_cannot_join_their_own_group(session, keys, people):
    group = create(session, people["teacher"])
    assert joining.invitation(session, keys, people["teacher"], group.code, "ip", NOW).errors == {
        "code": "error.group_own"
    }


def test_simultaneous_joins_end_with_exactly_the_expected_memberships(engine, keys):
    """Two learners at the same moment, and one learner's double click, in parallel sessions."""
    import threading

    from sqlmodel import Session

    with Session(engine) as session:
        teacher = make_account(session, keys, "Prof", "teacher")
        first, second = make_account(session, keys, "Un"), make_account(session, keys, "Deux")
        code = create(session, teacher).code
        session.commit()

    callers = [first, second, first, first]  # the first learner "clicks" three times
    barrier = threading.Barrier(len(callers))
    results = []

    def accept(account_id):
        with Session(engine) as session:
            barrier.wait()
            outcome = joining.join(session, keys, account_id, code, "ip", NOW)
            session.commit()
            results.append((account_id, outcome.ok))

    threads = [threading.Thread(target=accept, args=(caller,)) for caller in callers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(engine) as session:
        rows = session.exec(select(Membership.account_id).order_by(Membership.account_id)).all()
        assert rows == sorted([first, second])
        assert count(session, Consent) == 2
    assert sorted(ok for account_id, ok in results if account_id == first) == [False, False, True]


def test_the_consent_history_keeps_given_and_withdrawn_dates(session, keys, people):
    from competence.domain import joining

    group = groups.create_group(session, people["teacher"], "teacher", "Historique", NOW).value
    joining.join(session, keys, people["learner"], group.code, "ip", NOW)
    joining.leave(session, people["learner"], group.id, NOW + timedelta(days=3))
    joining.join(session, keys, people["learner"], group.code, "ip", NOW + timedelta(days=5))
    history = joining.consent_history(session, people["learner"])
    assert [(c.group_name, c.given_at, c.withdrawn_at) for c in history] == [
        ("Historique", NOW + timedelta(days=5), None), ("Historique", NOW, NOW + timedelta(days=3)),
    ]
