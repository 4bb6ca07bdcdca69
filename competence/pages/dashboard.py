"""Mon tableau de bord (/tableau-de-bord)."""

import reflex as rx

from competence.components.buttons import button
from competence.components.chart import chart_section
from competence.components.dialogs import choice_dialog
from competence.components.layout import page
from competence.components.text import t_var, tr
from competence import routes
from competence.state.assessment import AssessmentState
from competence.state.dashboard import DashboardState


def _full_run_button() -> rx.Component:
    """« Faire le positionnement complet »: with levels already there, it asks whether to pass
    over the dimensions already assessed or to redo them (a new test replaces a level)."""
    def start(skip: bool, label_key: str = "dashboard.start_full", primary: bool = False) -> rx.Component:
        return button(tr(label_key), primary=primary, on_click=AssessmentState.start_full(skip))

    def ask(*choices: rx.Component) -> rx.Component:
        return choice_dialog(button(tr("dashboard.start_full")), tr("dashboard.full_title"),
                             DashboardState.full_run_question, *choices)

    return rx.cond(
        DashboardState.assessed_count == 0,
        start(False),
        rx.cond(
            DashboardState.assessed_count < 12,
            ask(start(False, "dashboard.full_redo"), start(True, "dashboard.full_skip", primary=True)),
            ask(start(False, "dashboard.full_redo")),
        ),
    )


def _summary() -> rx.Component:
    return rx.el.section(
        rx.el.div(
            rx.el.p(tr("dashboard.global_level"), class_name="eyebrow"),
            rx.el.p(DashboardState.global_level, class_name="global-level"),
        ),
        rx.el.div(
            rx.cond(
                DashboardState.in_progress > 0,
                rx.el.button(tr("dashboard.resume"), type="button", class_name="button button-primary",
                             on_click=AssessmentState.start(DashboardState.in_progress)),
            ),
            _full_run_button(),
            class_name="actions",
        ),
        class_name="card summary",
    )


def _action(card) -> rx.Var:
    """« Reprendre » the test left open, « Refaire » an assessed dimension, else « Commencer »."""
    return rx.cond(card.in_progress, tr("dashboard.continue"),
                   rx.cond(card.assessed, tr("dashboard.retake"), tr("dashboard.start")))


def _card(card) -> rx.Component:
    return rx.el.li(
        rx.el.h3(card.number.to(str) + ". " + card.name, class_name="dimension-name"),
        rx.el.p(card.description, class_name="dimension-description"),
        rx.el.p(card.level, class_name=rx.cond(card.assessed, "level-badge", "level-badge level-none")),
        rx.el.p(card.date, class_name="dimension-date"),
        rx.el.button(_action(card), type="button", class_name="button",
                     aria_label=t_var("dashboard.action_label", action=_action(card), number=card.number),
                     on_click=AssessmentState.start(card.number)),
        class_name="dimension-card",
    )


@page(routes.DASHBOARD, "dashboard.title", DashboardState.load)
def dashboard() -> rx.Component:
    return rx.el.div(
        rx.el.h1(tr("dashboard.title")),
        rx.el.p(tr("dashboard.lead"), class_name="hero-lead"),
        _summary(),
        chart_section("dashboard.radar_title", DashboardState.has_results, DashboardState.radar,
                      "dashboard.radar_label", "dashboard.empty"),
        rx.el.section(
            rx.el.h2(tr("dashboard.dimensions_title")),
            rx.el.ul(rx.foreach(DashboardState.cards, _card), class_name="dimension-grid"),
        ),
        chart_section("dashboard.progression_title", DashboardState.has_history, DashboardState.progression,
                      "dashboard.progression_label", "dashboard.progression_empty"),
        class_name="stack",
    )
