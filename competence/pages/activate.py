"""Activer (/activer): learning activities, grouped by dimension, the weakest first."""

import reflex as rx

from competence.components.buttons import actions, button
from competence.components.layout import page
from competence.components.question import feedback, question_form
from competence.components.text import tr
from competence.state.activate import ActivateState
from competence import routes
from competence.state.assessment import AssessmentState


def _open_activity() -> rx.Component:
    """The activity being done, in its own card: the question, then its feedback."""
    return rx.el.div(
        rx.cond(
            ActivateState.answered,
            feedback(
                ActivateState,
                rx.el.p(tr("activate.recorded"), role="status"),
                button(tr("activate.close"), on_click=ActivateState.close_activity),
            ),
            question_form(ActivateState, ActivateState.validate, "activity"),
        ),
        class_name="open-activity",
        id="activite",
    )


def _activity(activity) -> rx.Component:
    return rx.el.li(
        rx.cond(
            ActivateState.open_id == activity.id,
            _open_activity(),  # its situation shown once, in the question
            rx.fragment(
                rx.el.p(activity.situation),
                actions(
                    button(tr("activate.do"), primary=True, aria_label=activity.do_label,
                           on_click=ActivateState.open_activity(activity.id)),
                    rx.cond(activity.done, rx.el.span(tr("activate.done"), class_name="level-badge")),
                ),
            ),
        ),
        class_name="activity",
    )


def _dimension(dimension) -> rx.Component:
    heading_id = "activer-" + dimension.number.to(str)
    return rx.el.section(
        rx.el.h2(dimension.heading, id=heading_id),
        rx.el.p(dimension.level, class_name="level-badge"),
        rx.el.ul(rx.foreach(dimension.activities, _activity), class_name="activity-list"),
        actions(button(tr("activate.retake"), aria_label=dimension.retake_label,
                       on_click=AssessmentState.start(dimension.number))),
        aria_labelledby=heading_id,
        class_name="card activity-dimension",
    )


@page(routes.ACTIVATE, "activate.title", ActivateState.load)
def activate() -> rx.Component:
    return rx.el.div(
        rx.el.h1(tr("activate.title")),
        rx.cond(
            ActivateState.has_results,
            rx.el.div(
                rx.el.p(tr("activate.lead"), class_name="hero-lead"),
                rx.foreach(ActivateState.dimensions, _dimension),
                class_name="stack",
            ),
            rx.el.p(tr("activate.empty"), class_name="empty-state card"),
        ),
        class_name="stack",
    )
