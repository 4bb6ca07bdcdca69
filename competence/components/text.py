"""Catalogue strings in the page, in both languages: the browser shows the one of the tab's
language (AuthState.language), so that « FR | EN » switches at once, without a new page.

Measured (benchmarks/language_cost.py, December 2026): both languages in the page make a cold
dashboard 348 KiB instead of 338 (+3 %), and an answered question's delta 879 bytes instead of
808; a switch costs one small delta and a reload of the page's data. Strings held in state
would ride on every event's delta instead; one compiled tree per language would double the
build and need a second set of routes."""

from __future__ import annotations

from string import Formatter

import reflex as rx
from reflex.vars.base import VarData

from competence.i18n import CATALOGUE, LANGUAGES, plural_forms, voiced
from competence.state.auth import AuthState


def _in_language(texts: dict[str, rx.Var | str]) -> rx.Var:
    english, french = texts["en"], texts["fr"]
    return rx.cond(AuthState.language == "en", english, french)


def _text(key: str, language: str) -> str:
    return CATALOGUE[language].get(key) or CATALOGUE["fr"][key]


def tr(key: str) -> rx.Var:
    """The text of `key`, in the tab's language (and in the reader's voice, for a key that has two)."""
    if voiced(key):
        return rx.cond(AuthState.is_teacher, tr(f"{key}.vous"), tr(f"{key}.tu"))
    return _in_language({language: _text(key, language) for language in LANGUAGES})


def t_var(key: str, **values: rx.Var) -> rx.Var:
    """tr(key) with each {name} replaced by the matching Var: « Quitter le groupe {name}? »."""
    if voiced(key):
        return rx.cond(AuthState.is_teacher, t_var(f"{key}.vous", **values), t_var(f"{key}.tu", **values))

    def filled(language: str) -> rx.Var:
        template = _text(key, language)
        if plural_forms(template):
            raise ValueError(f"{key}: a word that agrees with a number is written on the server, with t()")
        result: rx.Var = rx.Var.create("")
        for literal, field, _spec, _conv in Formatter().parse(template):
            if literal:
                result = result + literal
            if field:
                result = result + values[field].to(str)
        return result

    return _in_language({language: filled(language) for language in LANGUAGES})


class DocumentLanguage(rx.Fragment):
    """Keeps <html lang> on the tab's language, for screen readers and the browser's voices."""

    def add_hooks(self) -> list[str | rx.Var]:
        language = AuthState.language
        return [rx.Var(
            f"useEffect(() => {{ document.documentElement.lang = {language!s}; }}, [{language!s}])",
            _var_data=VarData.merge(language._get_all_var_data(), VarData(imports={"react": ["useEffect"]})),
        )]
