"""The 24-month purge, with a controlled clock."""

from datetime import timedelta

from sqlmodel import func, select

from competence.domain import accounts, assessment, groups, joining, privacy
from competence.domain.content import content
from competence.models import Account, Answer, Attempt, AuthSession, ClassGroup, Consent, Membership, PurgeRecord
from tests.unit.conftest import NOW
from tests.unit.test_accounts import PASSWORD, signed_up
from tests.unit.conftest import make_account


def count(session, model, *where):
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def age(session, account_id, days):
    account = session.get(Account, account_id)
    account.last_active_at = NOW - timedelta(days=days)
    session.add(account)
    session.flush()


def test_inactive_accounts_go_and_answers_stay_detached(session, keys):
    teacher = make_account(session, keys, "Prof", "teacher")
    old, recent = make_account(session, keys, "Ancien"), make_account(session, keys, "Récent")
    group = groups.create_group(session, teacher, "teacher", "G", NOW).value
    for learner in (old, recent):
        joining.join(session, keys, learner, group.code, "ip", NOW)
        assessment.start(session, learner, 1, content(), NOW)
        shown = assessment.current_question(session, learner, content(), NOW)
        assessment.answer(session, learner, shown.item_id, 0, content(), NOW + timedelta(seconds=9))
    age(session, old, 731)
    age(session, recent, 729)
    age(session, teacher, 10)

    record = privacy.purge_inactive(session, NOW)
    session.commit()
    assert (record.accounts, record.memberships, record.consents) == (1, 1, 1)
    assert session.get(Account, old) is None and session.get(Account, recent) is not None
    assert count(session, Membership) == 1 and count(session, Consent) == 1
    assert count(session, Attempt, Attempt.account_id.is_(None)) == 1  # detached, not deleted
    assert count(session, Answer) == 2
    assert session.exec(select(PurgeRecord)).one().accounts == 1
    # The record holds counts only: no id, name or email of the person.
    assert set(PurgeRecord.model_fields) == {"id", "purged_at", "accounts", "memberships", "consents"}


def test_a_purged_teachers_groups_go_too(session, keys):
    teacher = make_account(session, keys, "Prof", "teacher")
    groups.create_group(session, teacher, "teacher", "G", NOW)
    age(session, teacher, 800)
    privacy.purge_inactive(session, NOW)
    assert count(session, ClassGroup) == 0


def test_nothing_to_purge_records_nothing(session, keys):
    make_account(session, keys, "Actif")
    assert privacy.purge_inactive(session, NOW).accounts == 0
    assert count(session, PurgeRecord) == 0


def test_login_in_the_last_month_warns_and_keeps_the_account(session, keys, solved_captcha):
    account_id = signed_up(session, keys, solved_captcha()).value.account.id
    age(session, account_id, 700)  # due for deletion in 30 days
    outcome = accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "ip", NOW)
    assert outcome.value.was_due_for_deletion == NOW - timedelta(days=700) + privacy.INACTIVE_AFTER
    assert session.get(Account, account_id).last_active_at == NOW
    assert privacy.purge_inactive(session, NOW + timedelta(days=40)).accounts == 0
    fresh = accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "ip", NOW + timedelta(days=1))
    assert fresh.value.was_due_for_deletion is None
    assert count(session, AuthSession) == 3
