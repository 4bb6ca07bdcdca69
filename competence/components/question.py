"""A question as a learner answers it on a tablet (the positioning test and « Activer »):
the situation, the question, big choices, « Valider »; then the feedback with the
learner's own choice, the right one and the complément d'information."""

from __future__ import annotations

import reflex as rx

from competence.components.form import field_error
from competence.components.text import tr


def _choice(text: rx.Var[str], index: rx.Var[int]) -> rx.Component:
    choice_id = "choice-" + index.to(str)
    return rx.el.label(
        rx.el.input(type="radio", name="choice", value=index.to(str), id=choice_id, class_name="choice-input"),
        rx.el.span(text),
        html_for=choice_id,
        class_name="choice",
    )


def question_form(screen, on_submit, error_field: str) -> rx.Component:
    """`screen` is a state with the QuestionScreen mixin."""
    return rx.el.form(
        rx.el.section(
            rx.el.h2(tr("test.situation"), class_name="eyebrow"),
            rx.el.p(screen.shown.situation, class_name="situation"),
            class_name="situation-box",
        ),
        rx.el.fieldset(
            rx.el.legend(screen.shown.question, class_name="question"),
            rx.el.div(rx.foreach(screen.shown.choices, _choice), class_name="choices"),
            field_error(error_field, screen.errors),
            class_name="field",
            aria_describedby=f"{error_field}-error",
        ),
        rx.el.button(tr("test.validate"), type="submit", class_name="button button-primary button-large"),
        on_submit=on_submit,
        reset_on_submit=True,
        class_name="form",
    )


def feedback(screen, *actions) -> rx.Component:
    verdict = screen.feedback
    return rx.el.section(
        rx.el.p(
            rx.cond(verdict.correct, tr("test.right"), tr("test.wrong")),
            class_name=rx.cond(verdict.correct, "verdict verdict-right", "verdict verdict-wrong"),
            role="status",
        ),
        rx.el.p(screen.shown.question, class_name="question-recall"),
        rx.cond(verdict.correct, rx.fragment(), rx.el.p(verdict.chosen, class_name="chosen-answer")),
        rx.el.p(verdict.right_answer, class_name="right-answer"),
        rx.el.h2(tr("test.complement")),
        rx.el.p(verdict.complement),
        rx.el.div(*actions, class_name="actions"),
        class_name="feedback",
        aria_live="polite",
    )
