"""Test de positionnement (/positionnement): one question per screen."""

import reflex as rx

from competence.components.buttons import actions, button, link_button
from competence.components.form import field_error
from competence.components.layout import page
from competence.components.table import column_headers, data_table
from competence.components.question import feedback, question_form
from competence.components.text import t_var, tr
from competence.domain.adaptive import MAX_QUESTIONS
from competence import routes
from competence.state.assessment import AssessmentState
from competence.state.auth import AuthState


def _header() -> rx.Component:
    return rx.el.div(
        rx.cond(AssessmentState.run_label != "", rx.el.p(AssessmentState.run_label, class_name="eyebrow")),
        rx.el.h1(AssessmentState.dimension_title, class_name="test-title"),
        rx.el.div(
            rx.el.span(t_var("test.question_of", position=AssessmentState.position)),
            rx.el.progress(value=AssessmentState.position, max=MAX_QUESTIONS, aria_label=tr("test.progress_label"),
                           class_name="progress"),
            class_name="progress-row",
        ),
    )


def _run_summary() -> rx.Component:
    """After the last dimension of a full positioning: the 12 levels and the global level."""
    def row(line) -> rx.Component:
        return rx.el.tr(rx.el.th(line.dimension, scope="row"), rx.el.td(line.level))

    return rx.el.section(
        rx.el.h2(tr("test.run_title")),
        rx.el.p(tr("dashboard.global_level"), ": ", rx.el.strong(AssessmentState.run_global)),
        data_table("test.run_label", column_headers("portrait.col_dimension", "portrait.col_dimension_level"),
                   AssessmentState.run_levels, row),
    )


def _done() -> rx.Component:
    return rx.el.section(
        rx.el.h1(tr("test.done_title")),
        rx.el.p(AssessmentState.result, class_name="result"),
        rx.el.p(AssessmentState.result_count),
        rx.el.p(AssessmentState.result_meaning, class_name="level-meaning"),
        rx.cond(AssessmentState.run_levels.length() > 0, _run_summary()),
        actions(
            rx.cond(
                AssessmentState.next_dimension > 0,
                button(t_var("test.continue_full", number=AssessmentState.next_dimension), primary=True, large=True,
                       on_click=AssessmentState.continue_full_run),
            ),
            rx.cond(AuthState.is_teacher, rx.fragment(),
                    link_button(tr("test.activate_link"), AssessmentState.activate_href, large=True)),
            link_button(tr("test.back_dashboard"), routes.DASHBOARD, large=True),
        ),
        class_name="card stack-sm",
    )


@page(routes.ASSESSMENT, "test.title", AssessmentState.load)
def assessment() -> rx.Component:
    return rx.el.div(
        rx.match(
            AssessmentState.phase,
            ("question", rx.el.div(
                _header(),
                question_form(AssessmentState, AssessmentState.validate, "answer"),
                class_name="card test-card",
            )),
            ("feedback", rx.el.div(
                _header(),
                feedback(
                    AssessmentState,
                    rx.el.button(rx.cond(AssessmentState.result != "", tr("test.see_result"), tr("test.next")),
                                 type="button", class_name="button button-primary button-large",
                                 on_click=AssessmentState.next_question),
                ),
                class_name="card test-card",
            )),
            ("done", _done()),
            ("none", rx.el.div(
                rx.el.h1(tr("test.title")),
                rx.el.p(tr("test.none"), class_name="empty-state"),
                field_error("answer", AssessmentState.errors),
                rx.el.a(tr("test.back_dashboard"), href=routes.DASHBOARD, class_name="button"),
                class_name="card",
            )),
            rx.el.p(tr("common.loading"), class_name="empty-state"),
        ),
        class_name="test-screen",
    )

