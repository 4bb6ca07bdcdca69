"""Form building blocks: every field has a visible label, optional help and an error slot
tied to it (aria-describedby), so a screen reader reads the message with the field."""

from __future__ import annotations

import reflex as rx

from competence.components.text import tr
from competence.domain import groups, validation
from competence.domain.crypto import PASSWORD_MAX_BYTES

# The longest text each field takes: the browser stops where the server would refuse. A
# password's limit is in bytes (bcrypt): as many characters when plain, the server's
# message when accents make it longer.
_PASSWORDS = ("password", "new_password", "confirmation", "current_password", "delete_password")
FIELD_MAX_CHARS = {
    "name": validation.NAME_MAX_CHARS,
    "email": validation.EMAIL_MAX_CHARS,
    "confirm_email": validation.EMAIL_MAX_CHARS,
    "group_name": groups.NAME_MAX_CHARS,
    "code": validation.CODE_MAX_CHARS,
    **dict.fromkeys(_PASSWORDS, PASSWORD_MAX_BYTES),
}


def field_error(name: str, errors: rx.Var[dict[str, str]]) -> rx.Component:
    # Always rendered, so aria-describedby never points at nothing.
    return rx.el.p(errors.get(name, ""), id=f"{name}-error", class_name="field-error", aria_live="polite")


def _described_by(name: str, help_key: str | None) -> str:
    return f"{name}-help {name}-error" if help_key else f"{name}-error"


def _required_mark(required: bool) -> rx.Component:
    # Outside the <label>, so the field's accessible name is the label alone;
    # aria-required says it to screen readers.
    return rx.el.span("*", class_name="required-mark", aria_hidden="true") if required else rx.fragment()


def _label(name: str, label_key: str, required: bool) -> rx.Component:
    return rx.el.div(
        rx.el.label(tr(label_key), html_for=name, class_name="field-label"),
        _required_mark(required),
    )


def text_field(
    name: str,
    label_key: str,
    errors: rx.Var[dict[str, str]],
    *,
    type: str = "text",
    required: bool = True,
    help_key: str | None = None,
    autocomplete: str = "off",
    default_value: rx.Var[str] | str | None = None,
) -> rx.Component:
    return rx.el.div(
        _label(name, label_key, required),
        rx.el.p(tr(help_key), id=f"{name}-help", class_name="field-help") if help_key else rx.fragment(),
        rx.el.input(
            id=name,
            name=name,
            type=type,
            auto_complete=autocomplete,
            max_length=FIELD_MAX_CHARS[name],
            **({"default_value": default_value} if default_value is not None else {}),
            class_name="field-input",
            aria_required="true" if required else "false",
            aria_invalid=errors.contains(name).to(str),
            aria_describedby=_described_by(name, help_key),
        ),
        field_error(name, errors),
        class_name="field",
    )


def select_field(
    name: str, label_key: str, options: list[tuple[str, str]], errors: rx.Var[dict[str, str]]
) -> rx.Component:
    """A native select: on a tablet it opens the system picker."""
    return rx.el.div(
        _label(name, label_key, True),
        rx.el.select(
            rx.el.option(tr("field.level_placeholder"), value=""),
            *[rx.el.option(label, value=value) for value, label in options],
            id=name,
            name=name,
            default_value="",
            class_name="field-input",
            aria_required="true",
            aria_invalid=errors.contains(name).to(str),
            aria_describedby=f"{name}-error",
        ),
        field_error(name, errors),
        class_name="field",
    )


def checkbox_field(name: str, label_key: str, errors: rx.Var[dict[str, str]],
                   help_key: str | None = None) -> rx.Component:
    return rx.el.div(
        rx.el.p(tr(help_key), id=f"{name}-help", class_name="field-help field-explanation") if help_key
        else rx.fragment(),
        rx.el.label(
            rx.el.input(
                type="checkbox",
                id=name,
                name=name,
                class_name="check-input",
                aria_required="true",
                aria_invalid=errors.contains(name).to(str),
                aria_describedby=_described_by(name, help_key),
            ),
            rx.el.span(tr(label_key), _required_mark(True)),
            html_for=name,
            class_name="check-label",
        ),
        field_error(name, errors),
        class_name="field",
    )


def radio_group(
    name: str, legend_key: str, options: list[tuple[str, str]], errors: rx.Var[dict[str, str]], on_change
) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(tr(legend_key), class_name="field-label"),
        *[
            rx.el.label(
                rx.el.input(
                    type="radio",
                    id=f"{name}-{value}",
                    name=name,
                    value=value,
                    class_name="check-input",
                    on_change=on_change(value),
                ),
                rx.el.span(tr(label_key)),
                html_for=f"{name}-{value}",
                class_name="check-label",
            )
            for value, label_key in options
        ],
        field_error(name, errors),
        class_name="field",
        aria_describedby=f"{name}-error",
    )


def submit_button(label_key: str, busy: rx.Var[bool]) -> rx.Component:
    return rx.el.button(
        rx.cond(busy, tr("common.loading"), tr(label_key)),
        type="submit",
        disabled=busy,
        class_name="button button-primary",
    )


def form_errors_summary(errors: rx.Var[dict[str, str]]) -> rx.Component:
    """A message at the top of the form when anything is wrong, announced to screen readers."""
    return rx.el.div(
        rx.cond(errors.length() > 0, rx.el.p(tr("error.summary"), class_name="form-summary"), rx.fragment()),
        role="alert",
    )
