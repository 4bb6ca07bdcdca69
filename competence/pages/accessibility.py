"""Accessibilité (/accessibilite), linked from every footer: what the platform aims at, how it
is checked, what helps, and how to report an obstacle."""

import reflex as rx

from competence import routes
from competence.components.layout import page
from competence.components.text import tr
from competence.state.auth import AuthState

_SECTIONS = (
    ("accessibility.goal_title", ("accessibility.goal",)),
    ("accessibility.checked_title", ("accessibility.checked",)),
    ("accessibility.help_title", ("accessibility.help_text", "accessibility.help_read", "accessibility.help_teacher")),
    ("accessibility.limits_title", ("accessibility.limits",)),
    ("accessibility.report_title", ("accessibility.report",)),
)


@page(routes.ACCESSIBILITY, "accessibility.title", AuthState.load_public)
def accessibility() -> rx.Component:
    return rx.el.div(
        rx.el.h1(tr("accessibility.title")),
        *[rx.fragment(rx.el.h2(tr(title)), *[rx.el.p(tr(text)) for text in texts]) for title, texts in _SECTIONS],
        class_name="card narrow",
    )
