"""The 24-month purge, with a controlled clock."""

import sqlite3
from datetime import timedelta

from sqlmodel import func, select

from competence import database, settings
from competence.domain import accounts, assessment, crypto, groups, joining, privacy, sessions
from competence.domain.content import content
from competence.models import (
    Account,
    ActivityCompletion,
    Answer,
    Attempt,
    AuthSession,
    ClassGroup,
    Consent,
    Membership,
    PurgeRecord,
)
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
    assert count(session, AuthSession) == 1  # the purge, 40 days on, took the two expired sessions


def test_expired_sessions_go_with_the_daily_purge(session, keys):
    account_id = make_account(session, keys, "Actif")
    expired = sessions.open_session(session, account_id, NOW - timedelta(hours=settings.SESSION_HOURS + 1))
    live = sessions.open_session(session, account_id, NOW)
    privacy.purge_inactive(session, NOW)
    session.commit()
    assert sessions.account_for_token(session, keys, live, NOW) is not None
    hashes = session.exec(select(AuthSession.token_hash)).all()
    assert hashes == [crypto.sha256_hex(live)] and crypto.sha256_hex(expired) not in hashes


def test_every_sqlite_connection_overwrites_what_it_deletes():
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA secure_delete=OFF")  # the default of SQLite builds without SQLITE_SECURE_DELETE
    database._sqlite_pragmas(connection, None)
    assert connection.execute("PRAGMA secure_delete").fetchone() == (1,)


def test_a_deleted_accounts_ciphertext_is_not_left_in_the_database_file(engine, session, keys, tmp_path):
    account_id = make_account(session, keys, "Personne Effacée")
    session.commit()
    cipher = session.get(Account, account_id).name_cipher
    age(session, account_id, 800)
    privacy.purge_inactive(session, NOW)
    session.commit()
    session.close()
    engine.dispose()  # the last connection closed: the WAL is written back into the file
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("unit.db*"))
    assert cipher not in raw


def moments(session, account_id=None):
    """Every moment kept of the answers, attempts and activities (of one attempt's owner, or detached)."""
    attempts = session.exec(select(Attempt).where(Attempt.account_id == account_id if account_id
                                                  else Attempt.account_id.is_(None))).all()
    answers = session.exec(select(Answer).where(Answer.attempt_id.in_([a.id for a in attempts]))).all()
    activities = session.exec(select(ActivityCompletion).where(
        ActivityCompletion.account_id == account_id if account_id else ActivityCompletion.account_id.is_(None))).all()
    return ([a.started_at for a in attempts] + [a.finished_at for a in attempts if a.finished_at]
            + [a.current_offered_at for a in attempts if a.current_offered_at]
            + [a.answered_at for a in answers] + [a.completed_at for a in activities])


def practise(session, account_id, at):
    """A finished test of dimension 1, one in progress of dimension 2, and an activity done."""
    assessment.start(session, account_id, 1, content(), at)
    for n in range(40):
        shown = assessment.current_question(session, account_id, content(), at)
        if shown is None:
            break
        assessment.answer(session, account_id, shown.item_id, 0, content(), at + timedelta(seconds=10 * n + 7))
    assessment.start(session, account_id, 2, content(), at + timedelta(minutes=20))
    assessment.current_question(session, account_id, content(), at + timedelta(minutes=20))
    session.add(ActivityCompletion(account_id=account_id, item_id="x", dimension=1, correct=True,
                                   content_version="v", completed_at=at + timedelta(minutes=30)))
    session.flush()


AFTERNOON = NOW.replace(hour=14, minute=37, second=12, microsecond=345)


def test_detached_answers_keep_only_the_date_after_a_purge(session, keys):
    old, recent = make_account(session, keys, "Ancien"), make_account(session, keys, "Récent")
    practise(session, old, AFTERNOON)
    practise(session, recent, AFTERNOON)
    age(session, old, 731)
    privacy.purge_inactive(session, NOW)
    session.commit()
    detached = moments(session)
    assert len(detached) > 5
    assert {(m.hour, m.minute, m.second, m.microsecond) for m in detached} == {(0, 0, 0, 0)}
    assert {m.date() for m in detached} == {AFTERNOON.date()}
    kept = moments(session, recent)  # the person still here keeps the exact moments
    assert len(kept) > 5 and all(m.time() != m.time().min for m in kept)


def test_detached_answers_keep_only_the_date_after_a_deletion(session, keys, solved_captcha):
    account_id = signed_up(session, keys, solved_captcha()).value.account.id
    practise(session, account_id, AFTERNOON)
    assert accounts.delete_account(session, keys, account_id, PASSWORD, NOW).ok
    session.commit()
    detached = moments(session)
    assert len(detached) > 5
    assert {(m.date(), m.hour, m.minute, m.second, m.microsecond) for m in detached} == {(AFTERNOON.date(), 0, 0, 0, 0)}


def test_account_activity_is_kept_twelve_months(session, keys):
    from competence.domain import activity
    from competence.models import AccountEvent

    account_id = make_account(session, keys, "Actif")
    activity.record(session, account_id, "login", NOW - timedelta(days=366))
    activity.record(session, account_id, "login", NOW - timedelta(days=300))
    privacy.purge_inactive(session, NOW)
    assert [e.at.date() for e in session.exec(select(AccountEvent)).all()] == [(NOW - timedelta(days=300)).date()]
