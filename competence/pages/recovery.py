"""« Mot de passe oublié? »: asking for a link, then choosing a new password from it."""

import reflex as rx

from competence import routes
from competence.components.buttons import link_button
from competence.components.form import field_error, submit_button, text_field
from competence.components.layout import page
from competence.components.text import tr
from competence.state.recovery import RecoveryState


@page(routes.FORGOT_PASSWORD, "forgot.title", RecoveryState.open_request)
def forgot_password() -> rx.Component:
    return rx.el.div(
        rx.el.h1(tr("forgot.title")),
        rx.cond(
            RecoveryState.sent,
            rx.el.p(tr("forgot.sent"), class_name="notice", role="status"),
            rx.el.form(
                rx.el.p(tr("forgot.lead")),
                text_field("email", "field.email", RecoveryState.errors, type="email", autocomplete="email"),
                submit_button("forgot.submit", RecoveryState.busy),
                on_submit=RecoveryState.request,
                reset_on_submit=False,
                no_validate=True,
                class_name="form",
            ),
        ),
        rx.el.p(tr("forgot.no_mailbox"), class_name="form-aside"),
        class_name="card narrow",
    )


@page(routes.NEW_PASSWORD, "reset.title", RecoveryState.open_link)
def new_password() -> rx.Component:
    errors = RecoveryState.errors
    return rx.el.div(
        rx.el.h1(tr("reset.title")),
        rx.cond(
            RecoveryState.link_valid,
            rx.el.form(
                field_error("form", errors),
                text_field("new_password", "profile.new_password", errors, type="password",
                           autocomplete="new-password", help_key="field.password_help"),
                text_field("confirmation", "profile.confirm_new_password", errors, type="password",
                           autocomplete="new-password"),
                submit_button("reset.submit", RecoveryState.busy),
                on_submit=RecoveryState.choose,
                reset_on_submit=False,
                no_validate=True,
                class_name="form",
            ),
            rx.el.div(
                rx.el.p(tr("reset.invalid"), class_name="empty-state", role="status"),
                link_button(tr("reset.ask_again"), routes.FORGOT_PASSWORD, primary=True),
                class_name="stack",
            ),
        ),
        class_name="card narrow",
    )
