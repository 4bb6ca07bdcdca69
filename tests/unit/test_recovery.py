"""A way back in: « Mot de passe oublié? » by email, a teacher's reset of a pupil's password,
and the email itself (outbox folder by default, a real SMTP server when configured)."""

import os
import stat
from datetime import timedelta

import pytest
from sqlmodel import select

from competence import mail
from competence.domain import accounts, activity, crypto, group_management, groups, joining, recovery, sessions
from competence.models import Account, AuthSession, PasswordReset
from tests.smtp_server import smtp_server
from tests.unit.conftest import NOW, make_account, signup_form

PASSWORD = "Le hibou mange 7 bleuets"
NEW = "Trois pommes vertes au soleil"


@pytest.fixture
def learner(session, keys, solved_captcha):
    form = signup_form(solved_captcha(), email="eleve@exemple.ca", name="Léa", school_level="primaire_3")
    outcome = accounts.sign_up(session, keys, form, "10.0.0.1", NOW)
    session.commit()
    return outcome.value


def test_asking_for_a_link_answers_the_same_whether_or_not_the_email_exists(session, keys, learner):
    known = recovery.request_reset(session, keys, "Eleve@Exemple.ca", "10.0.0.1", NOW)
    unknown = recovery.request_reset(session, keys, "personne@exemple.ca", "10.0.0.1", NOW)
    assert known.ok and unknown.ok and known.errors == unknown.errors == {}
    assert known.value.to == "eleve@exemple.ca" and known.value.role == "learner" and unknown.value is None
    row = session.exec(select(PasswordReset)).one()
    assert row.token_hash == crypto.sha256_hex(known.value.token) and known.value.token not in row.token_hash
    assert row.expires_at == NOW + timedelta(minutes=30)


def test_the_link_serves_once_for_30_minutes_and_ends_every_session(session, keys, learner):
    token = recovery.request_reset(session, keys, "eleve@exemple.ca", "10.0.0.1", NOW).value.token
    assert not recovery.link_is_valid(session, token, NOW + timedelta(minutes=31))
    assert recovery.reset_with_link(session, token, "court", "court", NOW).errors == {
        "new_password": "error.password_too_short"
    }
    assert recovery.reset_with_link(session, token, NEW, NEW, NOW + timedelta(minutes=5)).ok
    session.commit()
    assert session.exec(select(AuthSession)).all() == []  # the sign-in of the signup ended too
    assert recovery.reset_with_link(session, token, NEW, NEW, NOW).errors == {"form": "error.reset_link_invalid"}
    assert accounts.log_in(session, keys, "eleve@exemple.ca", NEW, "10.0.0.1", NOW + timedelta(minutes=6)).ok
    assert [e.kind for e in activity.recent(session, learner.account.id)][:3] == [  # newest first
        "login", "password_reset", "password_reset_requested"
    ]


def test_link_requests_are_throttled_per_email_and_per_address(session, keys, learner):
    for _ in range(3):
        assert recovery.request_reset(session, keys, "eleve@exemple.ca", "10.0.0.1", NOW).ok
    assert recovery.request_reset(session, keys, "eleve@exemple.ca", "10.0.0.2", NOW).errors["email"][0] == (
        "error.reset_throttled"
    )
    for n in range(10):
        recovery.request_reset(session, keys, f"x{n}@exemple.ca", "10.0.0.9", NOW)
    assert recovery.request_reset(session, keys, "y@exemple.ca", "10.0.0.9", NOW).errors["email"][0] == (
        "error.reset_throttled"
    )


@pytest.fixture
def group(session, keys, learner):
    teacher = make_account(session, keys, "Prof", "teacher")
    created = groups.create_group(session, teacher, "teacher", "Groupe 501", NOW).value
    joining.join(session, keys, learner.account.id, created.code, "ip", NOW)
    membership = session.exec(select(joining.Membership)).one()
    return teacher, created.id, membership.id


def test_a_teacher_resets_a_pupils_password_and_the_pupil_must_change_it(session, keys, learner, group):
    teacher, group_id, membership_id = group
    outcome = group_management.reset_member_password(session, teacher, group_id, membership_id, NOW,
                                                      lambda: "lune-velo-sapin")
    assert outcome.value == "lune-velo-sapin"
    session.commit()
    assert session.exec(select(AuthSession).where(AuthSession.account_id == learner.account.id)).all() == []
    signed = accounts.log_in(session, keys, "eleve@exemple.ca", "lune-velo-sapin", "10.0.0.1", NOW)
    assert signed.value.account.must_change_password
    assert [e.kind for e in activity.recent(session, learner.account.id)][:2] == ["login", "password_reset_by_teacher"]
    assert activity.recent(session, learner.account.id)[1].group_name == "Groupe 501"
    token = signed.value.token
    assert accounts.change_password(session, keys, learner.account.id, "lune-velo-sapin", NEW, NEW, token, NOW).ok
    assert not session.get(Account, learner.account.id).must_change_password


def test_a_reset_is_refused_outside_the_teachers_groups_and_for_teachers(session, keys, learner, group):
    teacher, group_id, membership_id = group
    other_teacher = make_account(session, keys, "Autre prof", "teacher")
    before = session.get(Account, learner.account.id).password_hash
    assert group_management.reset_member_password(session, other_teacher, group_id, membership_id, NOW).errors
    other_group = groups.create_group(session, other_teacher, "teacher", "Autre", NOW).value
    assert group_management.reset_member_password(session, other_teacher, other_group.id, membership_id, NOW).errors
    colleague = make_account(session, keys, "Collègue", "teacher")
    joining.join(session, keys, colleague, session.get(joining.ClassGroup, group_id).code, "ip", NOW)
    colleague_membership = session.exec(select(joining.Membership).where(joining.Membership.account_id == colleague)).one()
    assert group_management.reset_member_password(session, teacher, group_id, colleague_membership.id, NOW).errors == {
        "form": "error.reset_not_a_learner"
    }
    assert session.get(Account, learner.account.id).password_hash == before


def test_temporary_passwords_are_three_short_words():
    words = recovery.temporary_password().split("-")
    assert len(words) == 3 and all(word in recovery.WORDS and word.isascii() for word in words)


def test_without_smtp_the_email_lands_in_the_outbox_and_the_log_says_where(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("COMPETENCE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COMPETENCE_SMTP_HOST", raising=False)
    with caplog.at_level("INFO", logger="competence.mail"):
        mail.send("eleve@exemple.ca", "Sujet", "Bonjour")
    [written] = list((tmp_path / "outbox").glob("*.eml"))
    assert "To: eleve@exemple.ca" in written.read_text() and stat.S_IMODE(os.stat(written).st_mode) == 0o600
    assert str(written) in caplog.text and "eleve@exemple.ca" not in caplog.text


def test_with_smtp_configured_the_email_goes_to_the_server(monkeypatch):
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("COMPETENCE_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("COMPETENCE_SMTP_PORT", str(port))
        monkeypatch.setenv("COMPETENCE_SMTP_SECURITY", "none")
        mail.send("eleve@exemple.ca", "Sujet", "Le lien : http://localhost/x")
    [received] = inbox.messages
    assert received["To"] == "eleve@exemple.ca" and "http://localhost/x" in received.get_content()


def test_sessions_on_a_device_last_30_days_and_each_can_be_ended(session, keys, learner):
    remembered = accounts.log_in(session, keys, "eleve@exemple.ca", PASSWORD, "10.0.0.1", NOW, persistent=True,
                                 device="Chrome · Android").value.token
    assert sessions.account_for_token(session, keys, remembered, NOW + timedelta(days=29))
    assert sessions.account_for_token(session, keys, remembered, NOW + timedelta(days=31)) is None
    listed = sessions.active_sessions(session, learner.account.id, remembered, NOW)
    assert [(d.device, d.persistent, d.current) for d in listed if d.current] == [("Chrome · Android", True, True)]
    other = next(d for d in listed if not d.current)
    stranger = make_account(session, keys, "Autre")
    assert sessions.end_session(session, stranger, other.id).errors  # not theirs
    assert sessions.end_session(session, learner.account.id, other.id).ok
    assert len(sessions.active_sessions(session, learner.account.id, remembered, NOW)) == 1


def test_a_device_label_names_the_browser_and_the_system_only():
    agent = ("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/131.0.0.0 Safari/537.36")
    assert sessions.device_label(agent) == "Chrome · Android"
    assert sessions.device_label("") == ""
