from datetime import timedelta

from competence import settings
from competence.domain import captcha
from tests.unit.conftest import NOW, solve

LIFETIME = timedelta(minutes=5)


def test_solved_challenge_is_accepted_once(session, keys, solved_captcha):
    payload = solved_captcha()
    assert captcha.redeem(session, keys.captcha, payload, LIFETIME, NOW)
    assert not captcha.redeem(session, keys.captcha, payload, LIFETIME, NOW)


def test_payload_signed_with_another_key_is_refused(session, keys):
    foreign = solve(captcha.new_challenge(b"k" * 32, 1000, LIFETIME))
    assert not captcha.redeem(session, keys.captcha, foreign, LIFETIME, NOW)


def test_expired_challenge_is_refused(session, keys):
    stale = solve(captcha.new_challenge(keys.captcha, 1000, timedelta(seconds=-1)))
    assert not captcha.redeem(session, keys.captcha, stale, LIFETIME, NOW)


def test_garbage_payload_is_refused(session, keys):
    assert not captcha.redeem(session, keys.captcha, "pas du base64 !", LIFETIME, NOW)
    assert not captcha.redeem(session, keys.captcha, "", LIFETIME, NOW)


def test_the_default_difficulty_is_altchas_and_is_solved(session, keys):
    assert settings.CAPTCHA_MAX_NUMBER == 1_000_000
    challenge = captcha.new_challenge(keys.captcha, settings.CAPTCHA_MAX_NUMBER, LIFETIME)
    assert challenge["maxNumber"] == 1_000_000
    assert captcha.redeem(session, keys.captcha, solve(challenge), LIFETIME, NOW)  # about half a second in Python
