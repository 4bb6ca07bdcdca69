"""Test de positionnement (/positionnement): one question per screen."""

import reflex as rx

from competence.components.form import field_error
from competence.components.layout import page
from competence.components.question import feedback, question_form
from competence.components.text import t_var
from competence.domain.adaptive import MAX_QUESTIONS
from competence.i18n import t
from competence.state.assessment import TestState


def _header() -> rx.Component:
    return rx.el.div(
        rx.cond(TestState.run_label != "", rx.el.p(TestState.run_label, class_name="eyebrow")),
        rx.el.h1(TestState.dimension_title, class_name="test-title"),
        rx.el.div(
            rx.el.span(t_var("test.question_of", position=TestState.position)),
            rx.el.progress(value=TestState.position, max=MAX_QUESTIONS, aria_label=t("test.progress_label"),
                           class_name="progress"),
            class_name="progress-row",
        ),
    )


def _done() -> rx.Component:
    return rx.el.section(
        rx.el.h1(t("test.done_title")),
        rx.el.p(TestState.result, class_name="result"),
        rx.el.div(
            rx.cond(
                TestState.next_dimension > 0,
                rx.el.button(t_var("test.continue_full", number=TestState.next_dimension), type="button",
                             class_name="button button-primary button-large", on_click=TestState.continue_full_run),
            ),
            rx.el.a(t("test.back_dashboard"), href="/tableau-de-bord", class_name="button button-large"),
            class_name="actions",
        ),
        class_name="card",
    )


@page("test.title", TestState.load)
def test_page() -> rx.Component:
    return rx.el.div(
        rx.match(
            TestState.phase,
            ("question", rx.el.div(
                _header(),
                question_form(TestState.situation, TestState.question, TestState.choices, TestState.errors,
                              TestState.validate, "answer"),
                class_name="card test-card",
            )),
            ("feedback", rx.el.div(
                _header(),
                feedback(
                    TestState.correct, TestState.right_answer, TestState.complement,
                    rx.el.button(rx.cond(TestState.result != "", t("test.see_result"), t("test.next")),
                                 type="button", class_name="button button-primary button-large",
                                 on_click=TestState.next_question),
                ),
                class_name="card test-card",
            )),
            ("done", _done()),
            ("none", rx.el.div(
                rx.el.h1(t("test.title")),
                rx.el.p(t("test.none"), class_name="empty-state"),
                field_error("answer", TestState.errors),
                rx.el.a(t("test.back_dashboard"), href="/tableau-de-bord", class_name="button"),
                class_name="card",
            )),
            rx.el.p(t("common.loading"), class_name="empty-state"),
        ),
        class_name="test-screen",
    )

