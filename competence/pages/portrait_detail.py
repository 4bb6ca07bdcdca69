"""« Consulter » a dimension, and one learner's page, for a group's managers."""

import reflex as rx

from competence.components.chart import chart, chart_section
from competence.components.layout import page
from competence import routes
from competence.components.table import column_headers, data_table
from competence.components.text import tr
from competence.state.portrait_detail import DimensionState, LearnerState

def _manager_page(route: str, title_key: str, state, not_found_key: str):
    """Decorator: a page for the group's manager: « Retour au groupe », then the content the
    function gives, or why there is nothing to show."""

    def wrap(content):
        @page(route, title_key, state.load)
        def view() -> rx.Component:
            return rx.el.div(
                rx.el.a(tr("portrait.back_group"), href=state.group_href),
                rx.cond(state.found, rx.el.div(*content(), class_name="stack"),
                        rx.el.p(tr(not_found_key), class_name="empty-state")),
                class_name="stack",
            )

        return view

    return wrap


def _level_group(row) -> rx.Component:
    return rx.el.div(rx.el.dt(row.level), rx.el.dd(row.names), class_name="level-group")


@_manager_page(routes.GROUP_DIMENSION, "portrait.consult", DimensionState, "group.not_found")
def dimension_page() -> tuple[rx.Component, ...]:
    return (
        rx.el.h1(DimensionState.title),
        rx.el.div(
            rx.el.section(rx.el.h2(tr("portrait.spread_title")),
                          chart(DimensionState.spread, tr("portrait.spread_label")), class_name="card"),
            chart_section("portrait.trend_title", DimensionState.has_trend, DimensionState.trend,
                          "portrait.trend_label", "portrait.trend_empty"),
            class_name="grid-2",
        ),
        rx.el.section(
            rx.el.h2(tr("portrait.learners_at_level")),
            rx.el.dl(rx.foreach(DimensionState.by_level, _level_group), class_name="level-groups"),
            class_name="card",
        ),
    )


def _level_row(row) -> rx.Component:
    return rx.el.tr(rx.el.th(row.name, scope="row"), rx.el.td(row.level), rx.el.td(row.date))


def _answer_row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.td(row.dimension),
        rx.el.td(row.question),
        rx.el.td(row.choice),
        rx.el.td(rx.el.span(row.result, class_name=rx.cond(row.correct, "tag tag-right", "tag tag-wrong"))),
        rx.el.td(row.date),
    )


def _answer_filter() -> rx.Component:
    """Ninety answers are a long page: one dimension at a time, or all."""
    return rx.cond(
        LearnerState.answer_dimensions.length() > 1,
        rx.el.div(
            rx.el.label(tr("portrait.answers_filter"), html_for="answer-dimension", class_name="field-label"),
            rx.el.select(
                rx.el.option(tr("portrait.answers_all"), value=""),
                rx.foreach(LearnerState.answer_dimensions, lambda d: rx.el.option(d.label, value=d.value)),
                id="answer-dimension", value=LearnerState.answer_dimension, class_name="field-input",
                on_change=LearnerState.choose_dimension,
            ),
            class_name="field filter-field",
        ),
    )


@_manager_page(routes.GROUP_LEARNER, "portrait.tab_learners", LearnerState, "portrait.not_found")
def learner_page() -> tuple[rx.Component, ...]:
    return (
        rx.el.h1(LearnerState.learner_name),
        rx.el.p(LearnerState.learner_level, class_name="profile-role"),
        rx.el.div(
            rx.el.section(chart(LearnerState.radar, tr("portrait.learner_radar_label")), class_name="card"),
            rx.el.section(
                rx.el.h2(tr("portrait.learner_levels")),
                data_table("portrait.learner_levels",
                           column_headers("portrait.col_dimension", "portrait.col_dimension_level", "portrait.col_date"),
                           LearnerState.levels, _level_row),
                class_name="card",
            ),
            class_name="grid-2",
        ),
        rx.el.section(
            rx.el.h2(tr("portrait.learner_answers")),
            _answer_filter(),
            rx.cond(
                LearnerState.answers.length() > 0,
                data_table("portrait.learner_answers",
                           column_headers("portrait.col_dimension", "portrait.col_question", "portrait.col_choice",
                                          "portrait.col_result", "portrait.col_date"),
                           LearnerState.answers, _answer_row),
                rx.el.p(tr("portrait.no_answers"), class_name="empty-state"),
            ),
            class_name="card",
        ),
    )
