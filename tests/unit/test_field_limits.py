"""The browser's limit on each field (maxlength) is where the server starts refusing."""

from competence.components.form import FIELD_MAX_CHARS
from competence.domain import groups, validation


def test_a_name_of_the_limit_passes_and_one_more_character_is_refused():
    limit = FIELD_MAX_CHARS["name"]
    assert validation.name_error("N" * limit) is None
    assert validation.name_error("N" * (limit + 1)) == "error.name_too_long"


def test_a_group_name_of_the_limit_passes_and_one_more_character_is_refused():
    limit = FIELD_MAX_CHARS["group_name"]
    assert groups.name_error("G" * limit) is None
    assert groups.name_error("G" * (limit + 1)) == "error.group_name_too_long"


def test_an_email_of_the_limit_passes_and_one_more_character_is_refused():
    limit = FIELD_MAX_CHARS["email"]
    longest = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 58]) + ".ca"
    assert len(longest) == limit and validation.email_error(longest) is None
    longer = longest.replace("@", "@e", 1)
    assert len(longer) == limit + 1 and validation.email_error(longer) == "error.email_invalid"


def test_a_plain_password_of_the_limit_passes_and_one_more_character_is_refused():
    limit = FIELD_MAX_CHARS["new_password"]
    phrase = ("Le hibou mange 7 bleuets sous la lune de novembre " * 2)[:limit]
    assert validation.password_error(phrase, []) is None
    assert validation.password_error(phrase + "x", []) == "error.password_too_long"
