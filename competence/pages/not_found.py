"""The page of an address that is no page: in the shell, in the tab's language, with ways back."""

import reflex as rx

from competence import routes
from competence.components.buttons import actions, link_button
from competence.components.layout import page
from competence.components.text import tr
from competence.state.auth import AuthState


@page(routes.NOT_FOUND, "not_found.title", AuthState.load_public)
def not_found() -> rx.Component:
    return rx.el.section(
        rx.el.h1(tr("not_found.title")),
        rx.el.p(tr("not_found.lead")),
        actions(
            rx.cond(AuthState.signed_in, link_button(tr("nav.dashboard"), routes.DASHBOARD, primary=True)),
            link_button(tr("not_found.home"), routes.HOME),
        ),
        class_name="card narrow stack-sm",
    )
