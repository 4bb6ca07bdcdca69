"""The « Je ne suis pas un robot » widget, wrapped from assets/altcha_widget.jsx."""

import json

import reflex as rx

from competence.i18n import t
from competence.state.auth import AuthState


class AltchaWidget(rx.NoSSRComponent):
    # The widget touches browser APIs on import: never prerendered.
    library = "$/public/altcha_widget.jsx"
    lib_dependencies: list[str] = ["altcha@2.3.0"]
    tag = "AltchaWidget"

    challengejson: rx.Var[str]
    strings: rx.Var[str]


def _strings(language: str) -> str:
    keys = {"label": "field.captcha", "verifying": "captcha.verifying", "verified": "captcha.verified",
            "error": "captcha.error", "expired": "captcha.expired", "waitAlert": "captcha.verifying",
            "ariaLinkLabel": "field.captcha"}
    return json.dumps({name: t(key, language) for name, key in keys.items()})


def captcha(challenge: rx.Var[str], round_key: rx.Var[int]) -> rx.Component:
    strings = rx.cond(AuthState.language == "en", _strings("en"), _strings("fr"))
    # The language is part of the key: the widget is built again with its words when it changes.
    return AltchaWidget.create(challengejson=challenge, strings=strings, key=round_key.to(str) + AuthState.language)
