"""Accueil (/)."""

import reflex as rx

from competence.components.buttons import actions, link_button
from competence.components.layout import page
from competence import routes
from competence.i18n import t
from competence.state.auth import AuthState

def _audience_card(role: str, href: str) -> rx.Component:
    return rx.el.div(
        rx.el.h2(t(f"home.{role}_title")),
        rx.el.p(t(f"home.{role}_text")),
        rx.el.a(t(f"home.{role}_cta"), href=href, class_name="button button-primary"),
        class_name="card",
    )


def _visitor() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            _audience_card("teacher", routes.TEACHER_SIGNUP),
            _audience_card("learner", routes.LEARNER_SIGNUP),
            class_name="grid-2",
        ),
        rx.el.p(t("home.have_account"), " ", rx.el.a(t("nav.login"), href=routes.LOGIN)),
    )


def _member() -> rx.Component:
    return rx.el.div(
        rx.el.h2(t("home.welcome"), " ", AuthState.user_name),
        rx.el.p(t("home.welcome_text")),
        actions(
            link_button(t("nav.dashboard"), routes.DASHBOARD, primary=True),
            link_button(t("nav.groups"), routes.MY_GROUPS),
        ),
        class_name="card",
    )


@page(routes.HOME, "nav.home", AuthState.load_public)
def home() -> rx.Component:
    return rx.el.div(
        rx.el.section(
            rx.el.p(t("app.tagline"), class_name="hero-kicker"),
            rx.el.h1(t("home.title")),
            rx.el.p(t("home.lead"), class_name="hero-lead"),
            class_name="hero",
        ),
        rx.cond(AuthState.signed_in, _member(), _visitor()),
        class_name="stack",
    )
