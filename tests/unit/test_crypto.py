import pytest
from cryptography.exceptions import InvalidTag

from competence.domain import crypto
from competence.domain.keys import Keys


def test_each_purpose_gets_its_own_key():
    keys = Keys.from_secret(b"x" * 32)
    assert len({keys.email, keys.name, keys.throttle, keys.captcha}) == 4


def test_keyed_hash_depends_on_the_key():
    assert crypto.keyed_hash(b"a" * 32, "ana@exemple.ca") != crypto.keyed_hash(b"b" * 32, "ana@exemple.ca")
    assert crypto.keyed_hash(b"a" * 32, "ana@exemple.ca") == crypto.keyed_hash(b"a" * 32, "ana@exemple.ca")


def test_encryption_round_trip_and_no_clear_text(keys):
    blob = crypto.encrypt(keys.name, "Nhien Huyen", b"ctx")
    assert b"Nhien" not in blob
    assert crypto.decrypt(keys.name, blob, b"ctx") == "Nhien Huyen"
    # A fresh nonce each time: the same name never gives the same bytes twice.
    assert crypto.encrypt(keys.name, "Nhien Huyen", b"ctx") != blob


def test_tampered_or_foreign_ciphertext_is_refused(keys):
    blob = bytearray(crypto.encrypt(keys.name, "Élodie", b"ctx"))
    blob[-1] ^= 1
    with pytest.raises(InvalidTag):
        crypto.decrypt(keys.name, bytes(blob), b"ctx")
    with pytest.raises(InvalidTag):
        crypto.decrypt(keys.name, crypto.encrypt(keys.name, "Élodie", b"ctx"), b"other")


def test_password_hash_uses_cost_12_and_checks():
    hashed = crypto.hash_password("une phrase assez longue", 12)
    assert hashed.startswith("$2b$12$")
    assert crypto.check_password("une phrase assez longue", hashed)
    assert not crypto.check_password("une phrase assez longuE", hashed)


def test_a_password_too_long_for_bcrypt_matches_nothing():
    hashed = crypto.hash_password("une phrase assez longue", 4)
    assert not crypto.check_password("une phrase assez longue" + "x" * 100, hashed)
