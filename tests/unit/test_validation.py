import pytest

from competence.domain import validation


@pytest.mark.parametrize(
    "email, expected",
    [
        ("", "error.required"),
        ("   ", "error.required"),
        ("ana", "error.email_invalid"),
        ("ana@", "error.email_invalid"),
        ("ana@@exemple.ca", "error.email_invalid"),
        ("ana@exemple.ca", None),
    ],
)
def test_email(email, expected):
    assert validation.email_error(email) == expected


def test_email_is_normalised_for_lookup():
    assert validation.normalise_email("  Ana.Roy@Exemple.CA ") == "ana.roy@exemple.ca"


@pytest.mark.parametrize(
    "password, expected",
    [
        ("", "error.required"),
        ("court1!", "error.password_too_short"),
        ("motdepasse", "error.password_weak"),
        ("1234567890", "error.password_weak"),
        ("é" * 37, "error.password_too_long"),  # 74 bytes in UTF-8
        ("x" * 73, "error.password_too_long"),
        ("Le hibou mange 7 bleuets", None),
    ],
)
def test_password(password, expected):
    assert validation.password_error(password, []) == expected


def test_password_built_from_the_persons_own_details_is_weak():
    assert validation.password_error("nhienhuyen2026", ["nhienhuyen2026@exemple.ca", "Nhien Huyen"]) == "error.password_weak"


def test_confirmation():
    assert validation.confirmation_error("abc", "") == "error.required"
    assert validation.confirmation_error("abc", "abd") == "error.password_mismatch"
    assert validation.confirmation_error("abc", "abc") is None


@pytest.mark.parametrize(
    "name, expected", [("", "error.required"), ("   ", "error.required"), ("x" * 101, "error.name_too_long"), ("Nhiem", None)]
)
def test_name(name, expected):
    assert validation.name_error(name) == expected


def test_school_level():
    assert validation.school_level_error("") == "error.required"
    assert validation.school_level_error("maternelle") == "error.school_level_unknown"
    assert validation.school_level_error("secondaire_2") is None
