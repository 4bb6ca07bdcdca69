"""Conditions d'utilisation (/conditions), linked from every footer."""

import reflex as rx

from competence.components.layout import page
from competence.components.terms import terms_text
from competence import routes
from competence.components.text import tr
from competence.state.auth import AuthState


@page(routes.TERMS, "terms.title", AuthState.load_public)
def terms() -> rx.Component:
    return rx.el.div(rx.el.h1(tr("terms.title")), terms_text("h2", anchors=True), class_name="card")
