"""One group (/groupes/[group_id]), for its managers: the portrait tabs, code, settings, members."""

import reflex as rx

from competence.components.code_display import code_display
from competence.components.buttons import actions, button
from competence.components.dialogs import confirm_dialog, confirm_form_dialog
from competence.components.form import checkbox_field, field_error, submit_button, text_field
from competence.components.chart import chart_section
from competence.components.table import column_headers, data_table
from competence.components.layout import page
from competence.components.text import t_var, tr
from competence import routes
from competence.state.manage_group import ManageGroupState
from competence.state.portrait import PortraitState

def _settings() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("group.settings")),
        # Closed to new members: the code is no use to hand out, so it is not offered.
        rx.cond(ManageGroupState.joining_open,
                code_display(ManageGroupState.code, ManageGroupState.copied, ManageGroupState.mark_copied)),
        rx.el.p(rx.cond(ManageGroupState.joining_open, tr("group.joining_open"), tr("group.joining_closed"))),
        rx.el.div(
            confirm_dialog(
                button(tr("group.regenerate")),
                tr("group.regenerate_title"),
                tr("group.regenerate_text"),
                tr("group.regenerate_confirm"),
                ManageGroupState.regenerate_code,
            ),
            button(
                rx.cond(ManageGroupState.joining_open, tr("group.close_joining"), tr("group.open_joining")),
                on_click=ManageGroupState.toggle_joining,
            ),
            class_name="actions",
        ),
        rx.el.form(
            text_field("group_name", "groups.name_field", ManageGroupState.errors,
                       default_value=ManageGroupState.group_name),
            submit_button("group.rename_submit", False),
            on_submit=ManageGroupState.rename,
            reset_on_submit=False,
            no_validate=True,
            class_name="form inline-form",
        ),
        class_name="panel-section",
    )


def _accommodation(member, kind: str, checked, label_key: str) -> rx.Component:
    box_id = "accommodation-" + member.id.to(str) + "-" + kind
    return rx.el.label(
        rx.el.input(type="checkbox", id=box_id, checked=checked, class_name="check-input",
                    aria_label=t_var(label_key + "_for", name=member.name),
                    # The box says what the server has; a change asks for the other state.
                    on_change=ManageGroupState.change_accommodation(member.id, kind, ~checked)),
        rx.el.span(tr(label_key)),
        html_for=box_id,
        class_name="check-label",
    )


def _member_row(member) -> rx.Component:
    return rx.el.tr(
        rx.el.td(member.name),
        rx.el.td(member.level),
        rx.el.td(member.joined),
        rx.el.td(
            _accommodation(member, "untimed", member.untimed, "group.untimed"),
            _accommodation(member, "large_text", member.large_text, "group.large_text"),
        ),
        rx.el.td(
            actions(
                confirm_dialog(
                    button(tr("group.reset_password"), disabled=ManageGroupState.busy,
                           aria_label=t_var("group.reset_password_label", name=member.name)),
                    t_var("group.reset_title", name=member.name),
                    tr("group.reset_text"),
                    tr("group.reset_confirm"),
                    ManageGroupState.reset_password(member.id),
                ),
                confirm_dialog(
                    button(tr("group.remove"), danger=True, aria_label=t_var("group.remove_label", name=member.name)),
                    t_var("group.remove_title", name=member.name),
                    tr("group.remove_text"),
                    tr("group.remove_confirm"),
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
        rx.el.h2(tr("group.members_title"), " (", ManageGroupState.learner_count, ")"),
        _temporary_password(),
        rx.cond(
            ManageGroupState.members.length() > 0,
            data_table("group.members_title",
                       column_headers("group.col_name", "group.col_level", "group.col_joined",
                                      "group.col_accommodations", "group.col_actions"),
                       ManageGroupState.members, _member_row),
            rx.el.p(tr("group.members_empty"), class_name="empty-state"),
        ),
        class_name="panel-section",
    )


def _danger_zone() -> rx.Component:
    return rx.el.section(
        confirm_form_dialog(
            button(tr("group.delete"), danger=True),
            t_var("group.delete_title", name=ManageGroupState.group_name),
            ManageGroupState.delete_consequences,
            checkbox_field("understood", "group.delete_understood", ManageGroupState.errors),
            tr("group.delete_confirm"),
            ManageGroupState.delete_group,
        ),
        class_name="actions",
    )


def _sort_header(key: str, label_key: str) -> rx.Component:
    active = PortraitState.sort_key == key
    return rx.el.th(
        rx.el.button(
            tr(label_key),
            rx.cond(active, rx.cond(PortraitState.sort_descending, " ▼", " ▲"), ""),
            type="button", class_name="sort-button", on_click=PortraitState.sort_by(key),
            aria_label=t_var("portrait.sort_by", column=tr(label_key)),
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
                rx.el.button(tr("portrait.export"), type="button", class_name="button",
                             on_click=PortraitState.export_csv),
                class_name="actions",
            ),
            data_table("portrait.tab_learners",
                       [_sort_header("name", "portrait.col_name"), _sort_header("level", "portrait.col_level"),
                        _sort_header("last", "portrait.col_last"), _sort_header("global", "portrait.col_global"),
                        _sort_header("assessed", "portrait.col_assessed")],
                       PortraitState.learners, _learner_row),
            class_name="stack-sm",
        ),
        rx.el.div(
            rx.el.p(tr("portrait.no_learners"), class_name="empty-state"),
            rx.cond(ManageGroupState.joining_open,
                    code_display(ManageGroupState.code, ManageGroupState.copied, ManageGroupState.mark_copied,
                                 where="empty-group"),
                    rx.el.p(tr("group.joining_closed"))),
        ),
    )


def _dimension_row(row) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.name, scope="row"),
        rx.el.td(rx.el.span(row.mean, class_name="level-cell"),
                 rx.el.span(row.assessed, class_name="muted")),
        rx.el.td(rx.el.a(tr("portrait.consult"), href=row.href, aria_label=t_var("portrait.consult_label", number=row.number),
                         class_name="button button-small")),
    )


def _dimensions_tab() -> rx.Component:
    return data_table("portrait.tab_dimensions",
                      column_headers("portrait.col_dimension", "portrait.col_mean", "portrait.col_progression"),
                      PortraitState.dimensions, _dimension_row)


def _tabs() -> rx.Component:
    return rx.tabs.root(
        rx.tabs.list(
            rx.tabs.trigger(tr("portrait.tab_learners"), value="learners"),
            rx.tabs.trigger(tr("portrait.tab_dimensions"), value="dimensions"),
            rx.tabs.trigger(tr("portrait.tab_manage"), value="manage"),
            aria_label=tr("portrait.tabs_label"),
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
        rx.el.a(tr("group.back"), href=routes.MY_GROUPS),
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
                                  "portrait.radar_label", "portrait.radar_empty", class_name="card radar-card"),
                    class_name="portrait-layout",
                ),
                class_name="stack",
            ),
            rx.el.p(tr("group.not_found"), class_name="empty-state"),
        ),
        class_name="stack",
    )
