"""Screens other issues build: for now each says, in its own words, what will appear."""

import reflex as rx

from competence.components.layout import page
from competence.i18n import t
from competence.state.auth import AuthState


def _empty_screen(title_key: str, text_key: str) -> rx.Component:
    return rx.el.div(rx.el.h1(t(title_key)), rx.el.p(t(text_key), class_name="empty-state"), class_name="card")


@page("dashboard.title", AuthState.require_login)
def dashboard() -> rx.Component:
    return _empty_screen("dashboard.title", "dashboard.empty")


@page("activate.title", AuthState.require_login)
def activate() -> rx.Component:
    return _empty_screen("activate.title", "activate.empty")
