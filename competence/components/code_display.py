"""A group code shown large, with a copy button."""

import reflex as rx

from competence.components.buttons import button
from competence.components.text import tr


def code_display(code: rx.Var[str], copied: rx.Var[bool], on_copied) -> rx.Component:
    return rx.el.div(
        rx.el.p(tr("groups.code_label"), class_name="code-label", id="group-code-label"),
        rx.el.p(code, class_name="group-code", aria_labelledby="group-code-label"),
        rx.el.div(
            button(tr("groups.copy_code"), on_click=[rx.set_clipboard(code), on_copied]),
            rx.el.span(rx.cond(copied, tr("groups.copied"), ""), role="status", class_name="copied"),
            class_name="actions",
        ),
        class_name="code-box",
    )
