"""Confirmation dialogs: alert dialogs, never dismissed by a click outside."""

from __future__ import annotations

import reflex as rx

from competence.components.buttons import button
from competence.components.text import tr


def _cancel() -> rx.Component:
    return rx.alert_dialog.cancel(button(tr("common.cancel")))


def _dialog(trigger: rx.Component, title, description, *body: rx.Component) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(rx.alert_dialog.title(title), rx.alert_dialog.description(description), *body),
    )


def confirm_dialog(trigger: rx.Component, title, description, confirm_label, on_confirm) -> rx.Component:
    """Trigger → « Title? » with Annuler / the confirming button."""
    return _dialog(
        trigger, title, description,
        rx.el.div(
            _cancel(),
            rx.alert_dialog.action(button(confirm_label, danger=True, on_click=on_confirm)),
            class_name="dialog-actions",
        ),
    )


def choice_dialog(trigger: rx.Component, title, description, *choices: rx.Component) -> rx.Component:
    """Trigger → a question with Annuler and several answers (each closes the dialog)."""
    return _dialog(
        trigger, title, description,
        rx.el.div(_cancel(), *[rx.alert_dialog.action(choice) for choice in choices], class_name="dialog-actions"),
    )


def confirm_form_dialog(trigger: rx.Component, title, description, field: rx.Component, confirm_label, on_submit,
                        busy: rx.Var[bool] | bool = False) -> rx.Component:
    """Like confirm_dialog, with a field to fill first (a password, a name to retype)."""
    return _dialog(
        trigger, title, description,
        rx.el.form(
            field,
            rx.el.div(_cancel(), button(confirm_label, danger=True, type="submit", disabled=busy),
                      class_name="dialog-actions"),
            on_submit=on_submit,
            reset_on_submit=False,
            no_validate=True,
        ),
    )
