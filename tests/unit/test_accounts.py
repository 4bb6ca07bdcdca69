from datetime import timedelta

import pytest
from sqlmodel import func, select

from competence import settings
from competence.domain import accounts, sessions
from competence.models import Account, AuthSession, ThrottleEvent
from tests.unit.conftest import NOW

PASSWORD = "Le hibou mange 7 bleuets"
ADDRESS = "198.51.100.7"


def form(captcha: str, **changes) -> accounts.SignupForm:
    values = dict(
        role="learner",
        email="Nhiem@Exemple.ca",
        password=PASSWORD,
        confirmation=PASSWORD,
        name="Nhiem Tran",
        school_level="secondaire_2",
        age="14_plus",
        terms_accepted=True,
        captcha_payload=captcha,
    )
    values.update(changes)
    return accounts.SignupForm(**values)


def count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def signed_up(session, keys, captcha, **changes):
    outcome = accounts.sign_up(session, keys, form(captcha, **changes), ADDRESS, NOW)
    assert outcome.ok, outcome.errors
    session.commit()
    return outcome


def test_signup_stores_no_personal_data_in_clear(session, keys, solved_captcha):
    outcome = signed_up(session, keys, solved_captcha())
    row = session.get(Account, outcome.value.account.id)
    assert "nhiem" not in row.email_hash.lower() and b"Nhiem" not in row.name_cipher
    assert row.password_hash.startswith("$2b$12$")
    assert outcome.value.account.name == "Nhiem Tran" and outcome.value.account.role == "learner"
    assert sessions.account_for_token(session, keys, outcome.value.token, NOW).id == row.id


@pytest.mark.parametrize(
    "changes, field, error",
    [
        ({"email": ""}, "email", "error.required"),
        ({"email": "pas-un-courriel"}, "email", "error.email_invalid"),
        ({"password": "court", "confirmation": "court"}, "password", "error.password_too_short"),
        ({"password": "azertyuiop", "confirmation": "azertyuiop"}, "password", "error.password_weak"),
        ({"password": "é" * 40, "confirmation": "é" * 40}, "password", "error.password_too_long"),
        ({"confirmation": "autre chose"}, "confirmation", "error.password_mismatch"),
        ({"name": "  "}, "name", "error.required"),
        ({"name": "n" * 101}, "name", "error.name_too_long"),
        ({"school_level": "cegep"}, "school_level", "error.school_level_unknown"),
        ({"terms_accepted": False}, "terms", "error.terms_required"),
        ({"captcha_payload": ""}, "captcha", "error.captcha_missing"),
        ({"age": ""}, "age", "error.age_required"),
        ({"age": "under_14"}, "guardian", "error.guardian_required"),
    ],
)
def test_invalid_signup_names_the_field_and_writes_nothing(session, keys, solved_captcha, changes, field, error):
    outcome = accounts.sign_up(session, keys, form(solved_captcha(), **changes), ADDRESS, NOW)
    assert outcome.errors[field] == error
    session.rollback()
    assert count(session, Account) == 0


def test_replayed_captcha_is_refused(session, keys, solved_captcha):
    payload = solved_captcha()
    signed_up(session, keys, payload)
    outcome = accounts.sign_up(session, keys, form(payload, email="autre@exemple.ca"), ADDRESS, NOW)
    assert outcome.errors == {"captcha": "error.captcha_invalid"}


def test_email_already_used_whatever_its_case(session, keys, solved_captcha):
    signed_up(session, keys, solved_captcha())
    outcome = accounts.sign_up(session, keys, form(solved_captcha(), email=" nhiem@EXEMPLE.ca"), ADDRESS, NOW)
    assert outcome.errors == {"email": "error.email_taken"}


def test_under_14_authorisation_is_recorded_with_its_date(session, keys, solved_captcha):
    outcome = signed_up(session, keys, solved_captcha(), age="under_14", guardian_authorised=True)
    row = session.get(Account, outcome.value.account.id)
    assert row.under_14 is True and row.guardian_authorised_at == NOW


def test_teacher_has_no_age(session, keys, solved_captcha):
    outcome = signed_up(session, keys, solved_captcha(), role="teacher", age="")
    assert session.get(Account, outcome.value.account.id).under_14 is None


def test_login_failure_is_generic_and_slows_the_guesser_without_locking_the_owner_out(session, keys, solved_captcha):
    signed_up(session, keys, solved_captcha())
    wrong = accounts.log_in(session, keys, "nhiem@exemple.ca", "mauvais mot de passe", "10.0.0.1", NOW)
    unknown = accounts.log_in(session, keys, "inconnu@exemple.ca", PASSWORD, "10.0.0.1", NOW)
    assert wrong.errors == unknown.errors == {"form": "error.login_failed"}
    for _ in range(accounts.PAIR_FREE - 1):
        accounts.log_in(session, keys, "nhiem@exemple.ca", "mauvais", "10.0.0.1", NOW)
    # The guessing address now waits before each try on this email, longer each time…
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", "mauvais", "10.0.0.1", NOW).errors["form"][0] == (
        "error.login_throttled"
    )
    first_wait = NOW + accounts.PAIR_FIRST + timedelta(seconds=1)
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", "mauvais", "10.0.0.1", first_wait).errors == {
        "form": "error.login_failed"
    }
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", "mauvais", "10.0.0.1", first_wait
                           + accounts.PAIR_FIRST + timedelta(seconds=1)).errors["form"][0] == "error.login_throttled"
    # …while the owner, elsewhere, signs in at once: nobody can lock another person out.
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "10.0.0.3", first_wait).ok


def test_guesses_on_one_email_from_many_addresses_are_slowed_to_a_crawl(session, keys, solved_captcha):
    signed_up(session, keys, solved_captcha())
    for n in range(accounts.EMAIL_FREE):
        accounts.log_in(session, keys, "nhiem@exemple.ca", "mauvais", f"10.1.0.{n}", NOW)
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", "mauvais", "10.2.0.1", NOW).errors["form"][0] == (
        "error.login_throttled"
    )
    # The owner waits at most EMAIL_CAP, then signs in.
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "10.3.0.1",
                           NOW + accounts.EMAIL_CAP + timedelta(seconds=1)).ok


def test_one_address_is_throttled_across_emails(session, keys):
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        accounts.log_in(session, keys, f"personne{n}@exemple.ca", "x", "10.9.9.9", NOW)
    assert accounts.log_in(session, keys, "nouvelle@exemple.ca", "x", "10.9.9.9", NOW).errors["form"][0] == (
        "error.login_throttled"
    )
    assert accounts.log_in(session, keys, "nouvelle@exemple.ca", "x", "10.9.9.8", NOW).errors == {
        "form": "error.login_failed"
    }
    assert count(session, ThrottleEvent) > 0


def test_session_expires(session, keys, solved_captcha):
    token = signed_up(session, keys, solved_captcha()).value.token
    assert sessions.account_for_token(session, keys, token, NOW + timedelta(hours=settings.SESSION_HOURS - 1))
    assert sessions.account_for_token(session, keys, token, NOW + timedelta(hours=settings.SESSION_HOURS)) is None
    assert sessions.account_for_token(session, keys, "", NOW) is None
    assert sessions.account_for_token(session, keys, "jeton-inventé", NOW) is None


def test_logout_ends_the_session(session, keys, solved_captcha):
    token = signed_up(session, keys, solved_captcha()).value.token
    sessions.close_session(session, token)
    assert sessions.account_for_token(session, keys, token, NOW) is None


def test_change_password_needs_the_current_one_and_ends_other_sessions(session, keys, solved_captcha):
    outcome = signed_up(session, keys, solved_captcha())
    other = accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "10.0.0.1", NOW).value.token
    new = "Trois pommes vertes au soleil"
    refused = accounts.change_password(session, keys, outcome.value.account.id, "faux", new, new, outcome.value.token, NOW)
    assert refused.errors == {"current_password": "error.password_wrong"}
    assert accounts.change_password(session, keys, outcome.value.account.id, PASSWORD, new, new, outcome.value.token, NOW).ok
    session.commit()
    assert sessions.account_for_token(session, keys, outcome.value.token, NOW) is not None
    assert sessions.account_for_token(session, keys, other, NOW) is None
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", new, "10.0.0.1", NOW).ok


def test_suspended_account_logs_in_only_to_reactivate(session, keys, solved_captcha):
    outcome = signed_up(session, keys, solved_captcha())
    accounts.suspend(session, outcome.value.account.id, NOW)
    session.commit()
    assert sessions.account_for_token(session, keys, outcome.value.token, NOW) is None
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "a", NOW).errors == {
        "form": "error.account_suspended"
    }
    # A wrong password never reveals that the account is suspended.
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", "faux", "a", NOW, reactivate=True).errors == {
        "form": "error.login_failed"
    }
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "a", NOW, reactivate=True).ok
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", PASSWORD, "a", NOW).ok


def test_deleted_account_leaves_nothing_and_the_email_can_sign_up_again(session, keys, solved_captcha):
    outcome = signed_up(session, keys, solved_captcha())
    assert accounts.delete_account(session, keys, outcome.value.account.id, "faux", NOW).errors == {
        "delete_password": "error.password_wrong"
    }
    assert accounts.delete_account(session, keys, outcome.value.account.id, PASSWORD, NOW).ok
    session.commit()
    assert count(session, Account) == 0 and count(session, AuthSession) == 0
    again = signed_up(session, keys, solved_captcha())
    assert again.value.account.id != outcome.value.account.id  # identifiants are never reused


def test_a_password_over_72_bytes_is_a_failed_check_everywhere(session, keys, solved_captcha):
    outcome = signed_up(session, keys, solved_captcha())
    account_id, token, too_long = outcome.value.account.id, outcome.value.token, "é" * 40  # 80 bytes
    throttled = count(session, ThrottleEvent)
    assert accounts.log_in(session, keys, "nhiem@exemple.ca", too_long, "10.0.0.1", NOW).errors == {
        "form": "error.login_failed"
    }
    assert accounts.log_in(session, keys, "inconnu@exemple.ca", too_long, "10.0.0.1", NOW).errors == {
        "form": "error.login_failed"
    }
    assert count(session, ThrottleEvent) == throttled + 6  # counted like any wrong password (address, email, pair)
    new = "Trois pommes vertes au soleil"
    assert accounts.change_password(session, keys, account_id, too_long, new, new, token, NOW).errors == {
        "current_password": "error.password_wrong"
    }
    assert accounts.change_password(session, keys, account_id, PASSWORD, too_long, too_long, token, NOW).errors == {
        "new_password": "error.password_too_long"
    }
    assert accounts.delete_account(session, keys, account_id, too_long, NOW).errors == {"delete_password": "error.password_wrong"}
    assert session.get(Account, account_id) is not None


def test_one_address_creates_a_limited_number_of_accounts_an_hour(session, keys, solved_captcha, monkeypatch):
    monkeypatch.setattr(settings, "SIGNUP_MAX_PER_ADDRESS", 2)

    def sign_up(n, address, at, captcha=None):
        signup = form(captcha or solved_captcha(), email=f"eleve{n}@exemple.ca")
        return accounts.sign_up(session, keys, signup, address, at)

    assert sign_up(1, ADDRESS, NOW).ok and sign_up(2, ADDRESS, NOW + timedelta(minutes=5)).ok
    payload = solved_captcha()
    refused = sign_up(3, ADDRESS, NOW + timedelta(minutes=10), payload)
    assert refused.errors == {"form": ("error.signup_throttled", {"minutes": 50})}
    assert sign_up(4, "203.0.113.50", NOW + timedelta(minutes=10)).ok  # another address is not held back
    # Once the first signup has left the hour, the address signs up again (the refused captcha was not spent).
    assert sign_up(3, ADDRESS, NOW + timedelta(minutes=61), payload).ok
    assert count(session, Account) == 4


def test_an_account_keeps_the_language_it_signed_up_in(session, keys, solved_captcha):
    outcome = accounts.sign_up(session, keys, form(solved_captcha(), language="en"), ADDRESS, NOW)
    assert outcome.value.account.language == "en"
