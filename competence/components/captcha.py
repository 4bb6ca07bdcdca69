"""The « Je ne suis pas un robot » widget, wrapped from assets/altcha_widget.jsx."""

import json

import reflex as rx

from competence.i18n import t


class AltchaWidget(rx.NoSSRComponent):
    # The widget touches browser APIs on import: never prerendered.
    library = "$/public/altcha_widget.jsx"
    lib_dependencies: list[str] = ["altcha@2.3.0"]
    tag = "AltchaWidget"

    challengejson: rx.Var[str]
    strings: rx.Var[str]


def captcha(challenge: rx.Var[str], round_key: rx.Var[int]) -> rx.Component:
    strings = {
        "label": t("field.captcha"),
        "verifying": t("captcha.verifying"),
        "verified": t("captcha.verified"),
        "error": t("captcha.error"),
        "expired": t("captcha.expired"),
        "waitAlert": t("captcha.verifying"),
        "ariaLinkLabel": t("field.captcha"),
    }
    return AltchaWidget.create(challengejson=challenge, strings=json.dumps(strings), key=round_key)
