"""Création de compte: /users/signup/2 (personnel enseignant) and /users/signup/3 (apprenant)."""

import reflex as rx

from competence import routes
from competence.components.captcha import captcha
from competence.components.form import (
    checkbox_field,
    field_error,
    form_errors_summary,
    radio_group,
    select_field,
    submit_button,
    text_field,
)
from competence.components.layout import page
from competence.components.terms import terms_box
from competence.domain.school_levels import SCHOOL_LEVELS
from competence.components.text import tr
from competence.state.signup import SignupState

_LEVEL_OPTIONS = [(level, tr(f"level.{level}")) for level in SCHOOL_LEVELS]


def _age_fields() -> rx.Component:
    errors = SignupState.errors
    return rx.fragment(
        radio_group(
            "age",
            "field.age_legend",
            [("under_14", "field.age_under_14"), ("14_plus", "field.age_14_plus")],
            errors,
            SignupState.choose_age,
        ),
        rx.cond(SignupState.under_14, checkbox_field("guardian", "field.guardian", errors, help_key="field.guardian_help"),
                rx.fragment()),
    )


def _signup_form(role: str) -> rx.Component:
    errors = SignupState.errors
    is_learner = role == "learner"
    return rx.el.div(
        rx.el.h1(tr(f"signup.{role}_title")),
        rx.el.p(tr("common.required_note"), class_name="form-note"),
        rx.el.form(
            form_errors_summary(errors),
            field_error("form", errors),
            text_field("email", "field.email", errors, type="email", autocomplete="email", help_key="field.email_help"),
            text_field(
                "password", "field.password", errors, type="password", autocomplete="new-password",
                help_key="field.password_help",
            ),
            text_field("confirmation", "field.confirmation", errors, type="password", autocomplete="new-password"),
            text_field("name", "field.name", errors, autocomplete="name"),
            select_field(
                "school_level", "field.learner_level" if is_learner else "field.teacher_level", _LEVEL_OPTIONS, errors
            ),
            _age_fields() if is_learner else rx.fragment(),
            terms_box(),
            checkbox_field("terms", "field.terms", errors),
            rx.el.div(captcha(SignupState.challenge, SignupState.challenge_round), class_name="captcha"),
            field_error("captcha", errors),
            submit_button("signup.submit", SignupState.submitting),
            on_submit=SignupState.submit(role),
            reset_on_submit=False,
            class_name="form",
            no_validate=True,
        ),
        rx.el.p(
            rx.el.a(
                tr(f"signup.other_{role}"),
                href=routes.TEACHER_SIGNUP if is_learner else routes.LEARNER_SIGNUP,
            ),
            class_name="form-aside",
        ),
        class_name="card narrow",
    )


@page(routes.TEACHER_SIGNUP, "signup.teacher_title", SignupState.open_form)
def teacher_signup() -> rx.Component:
    return _signup_form("teacher")


@page(routes.LEARNER_SIGNUP, "signup.learner_title", SignupState.open_form)
def learner_signup() -> rx.Component:
    return _signup_form("learner")
