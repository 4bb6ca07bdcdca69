"""A question as a learner answers it on a tablet: the situation, the question, big
choices, « Valider »; then the feedback with the complément d'information."""

from __future__ import annotations

import reflex as rx

from competence.components.form import field_error
from competence.i18n import t


def _choice(text: rx.Var[str], index: rx.Var[int]) -> rx.Component:
    choice_id = "choice-" + index.to(str)
    return rx.el.label(
        rx.el.input(type="radio", name="choice", value=index.to(str), id=choice_id, class_name="choice-input"),
        rx.el.span(text),
        html_for=choice_id,
        class_name="choice",
    )


def question_form(situation, question, choices: rx.Var[list[str]], errors, on_submit, error_field: str) -> rx.Component:
    return rx.el.form(
        rx.el.section(
            rx.el.h2(t("test.situation"), class_name="eyebrow"),
            rx.el.p(situation, class_name="situation"),
            class_name="situation-box",
        ),
        rx.el.fieldset(
            rx.el.legend(question, class_name="question"),
            rx.el.div(rx.foreach(choices, _choice), class_name="choices"),
            field_error(error_field, errors),
            class_name="field",
            aria_describedby=f"{error_field}-error",
        ),
        rx.el.button(t("test.validate"), type="submit", class_name="button button-primary button-large"),
        on_submit=on_submit,
        reset_on_submit=True,
        class_name="form",
    )


def feedback(correct: rx.Var[bool], right_answer: rx.Var[str], complement: rx.Var[str], *actions) -> rx.Component:
    return rx.el.section(
        rx.el.p(
            rx.cond(correct, t("test.right"), t("test.wrong")),
            class_name=rx.cond(correct, "verdict verdict-right", "verdict verdict-wrong"),
            role="status",
        ),
        rx.el.p(right_answer, class_name="right-answer"),
        rx.el.h2(t("test.complement")),
        rx.el.p(complement),
        rx.el.div(*actions, class_name="actions"),
        class_name="feedback",
        aria_live="polite",
    )
