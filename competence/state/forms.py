"""Reading a submitted form: every value arrives as the client chose to send it."""

from __future__ import annotations

from competence.domain.outcome import Message
from competence.i18n import t
from competence.routes import whole_number


def text(form_data: dict, name: str) -> str:
    """A submitted text value; anything that is not a string, or not one UTF-8 can write (a
    lone surrogate, which JSON lets a client send), counts as empty."""
    value = form_data.get(name, "") if isinstance(form_data, dict) else ""
    return value if isinstance(value, str) and _writable(value) else ""


def _writable(value: str) -> bool:
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True


def checked(form_data: dict, name: str) -> bool:
    """A checkbox arrives as True (read from its element) or "on" (form data); unchecked, as False or absent."""
    value = form_data.get(name) if isinstance(form_data, dict) else None
    return value is True or value == "on"


def choice(form_data: dict) -> int | None:
    """The index of the ticked answer of a question form, or None when none is ticked."""
    return whole_number(text(form_data, "choice"))


def translated(errors: dict[str, Message], language: str, voice: str = "tu") -> dict[str, str]:
    return {name: t(key, language, voice) if isinstance(key, str) else t(key[0], language, voice, **key[1])
            for name, key in errors.items()}
