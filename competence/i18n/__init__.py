"""The catalogue: every string a person reads, by key, per language (fr.yaml, en.yaml).

Pages compile both languages in (components/text.py); server messages store a key and the
state translates it with the same catalogue. One voice per reader: learners are addressed
with « tu », teachers with « vous ». A key read by both has two variants, `key.tu` and
`key.vous`, and the reader's role picks one (`voice`); other keys speak to one audience, or
to nobody in particular (tests/unit/test_voice.py checks which).

A word that follows a number is written with both forms, `{count|minute|minutes}`: the
singular for 0 and 1 in French, for 1 alone in English."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")
_FOLDER = Path(__file__).resolve().parent
CATALOGUE: dict[str, dict[str, str]] = {
    language: yaml.safe_load((_FOLDER / f"{language}.yaml").read_text(encoding="utf-8")) for language in LANGUAGES
}


def language_from_header(accept_language: str) -> str:
    """The first of our languages a browser asks for (Accept-Language), French otherwise."""
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


QUEBEC = ZoneInfo("America/Montreal")
VOICES = ("tu", "vous")  # a learner reads « tu », a teacher « vous »


def voiced(key: str) -> bool:
    """True when `key` exists in two voices, `key.tu` and `key.vous`."""
    return f"{key}.tu" in CATALOGUE[DEFAULT_LANGUAGE]


_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def plural_forms(text: str) -> list[tuple[str, str, str]]:
    """The `{count|one|other}` forms of a catalogue text: (name, singular, plural)."""
    return _PLURAL.findall(text)


def _agree(text: str, language: str, values: dict) -> str:
    def form(match: re.Match) -> str:
        number = values[match.group(1)]
        singular = number <= 1 if language == "fr" else number == 1
        return match.group(2) if singular else match.group(3)

    return _PLURAL.sub(form, text)


def t(key: str, language: str = DEFAULT_LANGUAGE, voice: str = "tu", **values: object) -> str:
    """The text of `key` in `language` (French when missing), in the reader's `voice` when the
    key has two, with {placeholders} filled and words agreeing with their number."""
    if voiced(key):
        key = f"{key}.{voice}"
    text = CATALOGUE.get(language, {}).get(key) or CATALOGUE[DEFAULT_LANGUAGE][key]
    return _agree(text, language, values).format(**values) if values else text


_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def format_date(moment, language: str = DEFAULT_LANGUAGE) -> str:
    """« 27 novembre 2026 » / "November 27, 2026": a moment, on its day in Québec's time zone."""
    return format_day(moment.astimezone(QUEBEC).date(), language)


def format_day(day, language: str = DEFAULT_LANGUAGE) -> str:
    """A calendar day, written the one way the app writes dates, on screen and in charts."""
    if language == "en":
        return f"{_MONTHS['en'][day.month - 1]} {day.day}, {day.year}"
    return f"{day.day} {_MONTHS['fr'][day.month - 1]} {day.year}"


def format_time(moment, language: str = DEFAULT_LANGUAGE) -> str:
    """« 14 h 05 » / "2:05 p.m.", in Québec's time zone."""
    local = moment.astimezone(QUEBEC)
    if language == "en":
        return f"{(local.hour - 1) % 12 + 1}:{local.minute:02d} {'a.m.' if local.hour < 12 else 'p.m.'}"
    return f"{local.hour} h {local.minute:02d}"
