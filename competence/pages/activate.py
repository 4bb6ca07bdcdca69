"""Activer (/activer): learning activities for the weakest dimensions."""

import reflex as rx

from competence.components.layout import page
from competence.components.question import feedback, question_form
from competence.components.text import tr
from competence.state.activate import ActivateState
from competence import routes
from competence.state.assessment import AssessmentState


def _open_activity() -> rx.Component:
    return rx.el.section(
        rx.el.p(ActivateState.open_dimension, class_name="eyebrow"),
        rx.cond(
            ActivateState.answered,
            feedback(
                ActivateState,
                rx.el.p(tr("activate.recorded"), role="status"),
                rx.el.button(tr("activate.close"), type="button", class_name="button",
                             on_click=ActivateState.close_activity),
            ),
            question_form(ActivateState, ActivateState.validate, "activity"),
        ),
        class_name="card test-card",
        id="activite",
    )


def _activity(activity) -> rx.Component:
    return rx.el.li(
        rx.el.p(activity.heading, class_name="eyebrow"),
        rx.el.p(activity.level, class_name="dimension-date"),
        rx.el.p(activity.situation),
        rx.el.div(
            rx.el.button(tr("activate.do"), type="button", class_name="button button-primary",
                         aria_label=activity.do_label, on_click=ActivateState.open_activity(activity.id)),
            rx.cond(activity.done, rx.el.span(tr("activate.done"), class_name="level-badge")),
            rx.el.button(tr("activate.retake"), type="button", class_name="button",
                         on_click=AssessmentState.start(activity.dimension)),
            class_name="actions",
        ),
        class_name="dimension-card",
    )


@page(routes.ACTIVATE, "activate.title", ActivateState.load)
def activate() -> rx.Component:
    return rx.el.div(
        rx.el.h1(tr("activate.title")),
        rx.cond(
            ActivateState.has_results,
            rx.el.div(
                rx.el.p(tr("activate.lead"), class_name="hero-lead"),
                rx.cond(ActivateState.open_id != "", _open_activity()),
                rx.el.ul(rx.foreach(ActivateState.activities, _activity), class_name="activity-list"),
                class_name="stack",
            ),
            rx.el.p(tr("activate.empty"), class_name="empty-state card"),
        ),
        class_name="stack",
    )
