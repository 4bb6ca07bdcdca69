"""Se connecter (/login)."""

import reflex as rx

from competence.components.form import field_error, submit_button, text_field
from competence.components.layout import page
from competence import routes
from competence.components.text import tr
from competence.state.login import LoginState

@page(routes.LOGIN, "login.title", LoginState.open_form)
def login() -> rx.Component:
    errors = LoginState.errors
    return rx.el.div(
        rx.el.h1(tr("login.title")),
        rx.cond(LoginState.notice != "", rx.el.p(LoginState.notice, class_name="notice", role="status"), rx.fragment()),
        rx.el.form(
            rx.el.div(field_error("form", errors), role="alert"),
            text_field("email", "field.email", errors, type="email", autocomplete="username"),
            text_field("password", "field.password", errors, type="password", autocomplete="current-password"),
            rx.el.p(rx.el.a(tr("login.forgot"), href=routes.FORGOT_PASSWORD), class_name="form-aside"),
            rx.el.div(
                rx.el.label(
                    rx.el.input(type="checkbox", id="remember", name="remember", class_name="check-input",
                                aria_describedby="remember-help"),
                    rx.el.span(tr("login.remember")),
                    html_for="remember",
                    class_name="check-label",
                ),
                rx.el.p(tr("login.remember_help"), id="remember-help", class_name="field-help"),
                class_name="field",
            ),
            rx.cond(
                LoginState.reactivating,
                submit_button("login.reactivate_submit", LoginState.submitting),
                submit_button("login.submit", LoginState.submitting),
            ),
            on_submit=LoginState.submit,
            reset_on_submit=False,
            class_name="form",
            no_validate=True,
        ),
        rx.el.p(
            tr("login.no_account"), " ",
            rx.el.a(tr("home.teacher_cta"), href=routes.TEACHER_SIGNUP), " · ",
            rx.el.a(tr("home.learner_cta"), href=routes.LEARNER_SIGNUP),
            class_name="form-aside",
        ),
        class_name="card narrow",
    )
