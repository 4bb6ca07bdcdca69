"""One group (/groupes/[group_id]), for its managers: the portrait tabs, code, settings, members."""

import reflex as rx

from competence.components.code_display import code_display
from competence.components.buttons import actions, button
from competence.components.dialogs import confirm_dialog, confirm_form_dialog
from competence.components.form import field_error, submit_button, text_field
from competence.components.chart import chart_section
from competence.components.layout import page
from competence.components.text import t_var
from competence.i18n import t
from competence import charts, routes
from competence.state.manage_group import ManageGroupState
from competence.state.portrait import PortraitState

def _settings() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("group.settings")),
        code_display(ManageGroupState.code, ManageGroupState.copied, ManageGroupState.mark_copied),
        rx.el.p(rx.cond(ManageGroupState.joining_open, t("group.joining_open"), t("group.joining_closed"))),
        rx.el.div(
            confirm_dialog(
                button(t("group.regenerate")),
                t("group.regenerate_title"),
                t("group.regenerate_text"),
                t("group.regenerate_confirm"),
                ManageGroupState.regenerate_code,
            ),
            button(
                rx.cond(ManageGroupState.joining_open, t("group.close_joining"), t("group.open_joining")),
                on_click=ManageGroupState.toggle_joining,
            ),
            class_name="actions",
        ),
        rx.el.form(
            text_field("group_name", "groups.name_field", ManageGroupState.errors, max_length=120,
                       default_value=ManageGroupState.group_name),
            submit_button("group.rename_submit", False),
            on_submit=ManageGroupState.rename,
            reset_on_submit=False,
            no_validate=True,
            class_name="form inline-form",
        ),
        class_name="panel-section",
    )


def _member_row(member) -> rx.Component:
    return rx.el.tr(
        rx.el.td(member.name),
        rx.el.td(member.level),
        rx.el.td(member.joined),
        rx.el.td(
            actions(
                confirm_dialog(
                    button(t("group.reset_password"), disabled=ManageGroupState.busy,
                           aria_label=t_var("group.reset_password_label", name=member.name)),
                    t_var("group.reset_title", name=member.name),
                    t("group.reset_text"),
                    t("group.reset_confirm"),
                    ManageGroupState.reset_password(member.id),
                ),
                confirm_dialog(
                    button(t("group.remove"), danger=True, aria_label=t_var("group.remove_label", name=member.name)),
                    t_var("group.remove_title", name=member.name),
                    t("group.remove_text"),
                    t("group.remove_confirm"),
                    ManageGroupState.remove_member(member.id),
                ),
            )
        ),
    )


def _temporary_password() -> rx.Component:
    """Shown once, after « Réinitialiser »: read it aloud or write it down for the pupil."""
    return rx.cond(
        ManageGroupState.temporary_password != "",
        rx.el.div(
            rx.el.p(t_var("group.reset_done", name=ManageGroupState.temporary_for)),
            rx.el.p(ManageGroupState.temporary_password, class_name="group-code temporary-password"),
            class_name="code-box",
            role="status",
        ),
    )


def _members() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("group.members_title"), " (", ManageGroupState.learner_count, ")"),
        _temporary_password(),
        rx.cond(
            ManageGroupState.members.length() > 0,
            rx.el.div(
                rx.el.table(
                    rx.el.thead(rx.el.tr(*[rx.el.th(t(key), scope="col") for key in
                                           ("group.col_name", "group.col_level", "group.col_joined", "group.col_actions")])),
                    rx.el.tbody(rx.foreach(ManageGroupState.members, _member_row)),
                    class_name="table",
                ),
                class_name="table-scroll",
            ),
            rx.el.p(t("group.members_empty"), class_name="empty-state"),
        ),
        class_name="panel-section",
    )


def _danger_zone() -> rx.Component:
    return rx.el.section(
        confirm_form_dialog(
            button(t("group.delete"), danger=True),
            t("group.delete_title"),
            t("group.delete_text"),
            text_field("confirm_name", "group.confirm_name", ManageGroupState.errors, max_length=120),
            t("group.delete_confirm"),
            ManageGroupState.delete_group,
        ),
        class_name="actions",
    )


def _sort_header(key: str, label_key: str) -> rx.Component:
    active = PortraitState.sort_key == key
    return rx.el.th(
        rx.el.button(
            t(label_key),
            rx.cond(active, rx.cond(PortraitState.sort_descending, " ▼", " ▲"), ""),
            type="button", class_name="sort-button", on_click=PortraitState.sort_by(key),
            aria_label=t("portrait.sort_by", column=t(label_key)),
        ),
        scope="col",
        aria_sort=rx.cond(active, rx.cond(PortraitState.sort_descending, "descending", "ascending"), "none"),
    )


def _learner_row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.th(rx.el.a(row.name, href=row.href), scope="row"),
        rx.el.td(row.level),
        rx.el.td(row.last),
        rx.el.td(row.global_level),
        rx.el.td(row.assessed),
    )


def _learners_tab() -> rx.Component:
    return rx.cond(
        PortraitState.learners.length() > 0,
        rx.el.div(
            rx.el.div(
                rx.el.button(t("portrait.export"), type="button", class_name="button",
                             on_click=PortraitState.export_csv),
                class_name="actions",
            ),
            rx.el.div(
                rx.el.table(
                    rx.el.thead(rx.el.tr(
                        _sort_header("name", "portrait.col_name"),
                        _sort_header("level", "portrait.col_level"),
                        _sort_header("last", "portrait.col_last"),
                        _sort_header("global", "portrait.col_global"),
                        _sort_header("assessed", "portrait.col_assessed"),
                    )),
                    rx.el.tbody(rx.foreach(PortraitState.learners, _learner_row)),
                    class_name="table",
                ),
                class_name="table-scroll",
            ),
            class_name="stack-sm",
        ),
        rx.el.p(t("portrait.no_learners"), class_name="empty-state"),
    )


def _dimension_row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.name, scope="row"),
        rx.el.td(rx.el.span(row.mean, class_name="level-cell"),
                 rx.el.span(t_var("portrait.assessed_count", count=row.assessed), class_name="muted")),
        rx.el.td(rx.el.a(t("portrait.consult"), href=row.href, aria_label=t_var("portrait.consult_label", number=row.number),
                         class_name="button button-small")),
    )


def _dimensions_tab() -> rx.Component:
    return rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(t(key), scope="col") for key in
                                   ("portrait.col_dimension", "portrait.col_mean", "portrait.col_progression")])),
            rx.el.tbody(rx.foreach(PortraitState.dimensions, _dimension_row)),
            class_name="table",
        ),
        class_name="table-scroll",
    )


def _tabs() -> rx.Component:
    return rx.tabs.root(
        rx.tabs.list(
            rx.tabs.trigger(t("portrait.tab_learners"), value="learners"),
            rx.tabs.trigger(t("portrait.tab_dimensions"), value="dimensions"),
            rx.tabs.trigger(t("portrait.tab_manage"), value="manage"),
            aria_label=t("portrait.tabs_label"),
        ),
        rx.tabs.content(_learners_tab(), value="learners", class_name="tab-panel"),
        rx.tabs.content(_dimensions_tab(), value="dimensions", class_name="tab-panel"),
        rx.tabs.content(rx.el.div(_settings(), _members(), _danger_zone(), class_name="stack"), value="manage",
                        class_name="tab-panel"),
        default_value="learners",
        class_name="card",
    )


@page(routes.MANAGE_GROUP, "groups.manage", [ManageGroupState.load, PortraitState.load])
def manage_group() -> rx.Component:
    return rx.el.div(
        rx.el.a(t("group.back"), href=routes.MY_GROUPS),
        rx.cond(
            ManageGroupState.found,
            rx.el.div(
                rx.el.h1(ManageGroupState.group_name),
                rx.el.p(ManageGroupState.learner_count, class_name="muted"),
                rx.cond(ManageGroupState.notice != "", rx.el.p(ManageGroupState.notice, class_name="notice", role="status")),
                field_error("form", ManageGroupState.errors),
                rx.el.div(
                    _tabs(),
                    chart_section("portrait.radar_title", PortraitState.has_results, PortraitState.radar,
                                  charts.RADAR_HEIGHT, "portrait.radar_label", "dashboard.not_assessed",
                                  class_name="card radar-card"),
                    class_name="portrait-layout",
                ),
                class_name="stack",
            ),
            rx.el.p(t("group.not_found"), class_name="empty-state"),
        ),
        class_name="stack",
    )
