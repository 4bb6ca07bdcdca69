"""A group code shown large, with a copy button."""

import reflex as rx

from competence.components.buttons import button
from competence.components.text import tr


def code_display(code: rx.Var[str], copied: rx.Var[bool], on_copied, where: str = "group") -> rx.Component:
    """`where` names this box, when a page shows the code twice (the settings, an empty list)."""
    label_id = f"{where}-code-label"
    return rx.el.div(
        rx.el.p(tr("groups.code_label"), class_name="code-label", id=label_id),
        rx.el.p(code, class_name="group-code", aria_labelledby=label_id),
        rx.el.div(
            button(tr("groups.copy_code"), on_click=[rx.set_clipboard(code), on_copied]),
            rx.el.span(rx.cond(copied, tr("groups.copied"), ""), role="status", class_name="copied"),
            class_name="actions",
        ),
        class_name="code-box",
    )
