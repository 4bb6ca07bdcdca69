"""Accueil (/)."""

import reflex as rx

from competence.components.buttons import actions, link_button
from competence.components.layout import page
from competence import routes
from competence.components.text import tr
from competence.state.auth import AuthState

def _audience_card(role: str, href: str) -> rx.Component:
    return rx.el.div(
        rx.el.h2(tr(f"home.{role}_title")),
        rx.el.p(tr(f"home.{role}_text")),
        rx.el.a(tr(f"home.{role}_cta"), href=href, class_name="button button-primary"),
        class_name="card",
    )


def _visitor() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            _audience_card("teacher", routes.TEACHER_SIGNUP),
            _audience_card("learner", routes.LEARNER_SIGNUP),
            class_name="grid-2",
        ),
        rx.el.p(tr("home.have_account"), " ", rx.el.a(tr("nav.login"), href=routes.LOGIN)),
    )


def _member() -> rx.Component:
    return rx.el.div(
        rx.el.h2(tr("home.welcome"), " ", AuthState.user_name),
        rx.el.p(tr("home.welcome_text")),
        actions(
            link_button(tr("nav.dashboard"), routes.DASHBOARD, primary=True),
            link_button(tr("nav.groups"), routes.MY_GROUPS),
        ),
        class_name="card",
    )


@page(routes.HOME, "nav.home", AuthState.load_public)
def home() -> rx.Component:
    return rx.el.div(
        rx.el.section(
            rx.el.p(tr("app.tagline"), class_name="hero-kicker"),
            rx.el.h1(tr("home.title")),
            rx.el.p(tr("home.lead"), class_name="hero-lead"),
            class_name="hero",
        ),
        rx.cond(AuthState.signed_in, _member(), _visitor()),
        class_name="stack",
    )
