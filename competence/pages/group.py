"""One group (/groupes/[group_id]), for its managers: code, settings, members."""

import reflex as rx

from competence.components.code_display import code_display
from competence.components.dialogs import button, confirm_dialog, confirm_form_dialog
from competence.components.form import field_error, submit_button, text_field
from competence.components.layout import page
from competence.components.text import t_var
from competence.i18n import t
from competence.state.group import GroupState

ROUTE = "/groupes/[group_id]"


def _settings() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("group.settings")),
        code_display(GroupState.code, GroupState.copied, GroupState.mark_copied),
        rx.el.p(rx.cond(GroupState.joining_open, t("group.joining_open"), t("group.joining_closed"))),
        rx.el.div(
            confirm_dialog(
                button(t("group.regenerate")),
                t("group.regenerate_title"),
                t("group.regenerate_text"),
                t("group.regenerate_confirm"),
                GroupState.regenerate_code,
            ),
            button(
                rx.cond(GroupState.joining_open, t("group.close_joining"), t("group.open_joining")),
                on_click=GroupState.toggle_joining,
            ),
            class_name="actions",
        ),
        rx.el.form(
            text_field("group_name", "groups.name_field", GroupState.errors, max_length=120,
                       default_value=GroupState.group_name),
            submit_button("group.rename_submit", False),
            on_submit=GroupState.rename,
            reset_on_submit=False,
            no_validate=True,
            class_name="form inline-form",
        ),
        class_name="card",
    )


def _member_row(member: rx.Var[dict]) -> rx.Component:
    return rx.el.tr(
        rx.el.td(member["name"]),
        rx.el.td(member["level"]),
        rx.el.td(member["joined"]),
        rx.el.td(
            confirm_dialog(
                button(t("group.remove"), danger=True, aria_label=t_var("group.remove_label", name=member["name"])),
                t_var("group.remove_title", name=member["name"]),
                t("group.remove_text"),
                t("group.remove_confirm"),
                GroupState.remove_member(member["id"]),
            )
        ),
    )


def _members() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("group.members_title"), " (", GroupState.learner_count, ")"),
        rx.cond(
            GroupState.members.length() > 0,
            rx.el.div(
                rx.el.table(
                    rx.el.thead(rx.el.tr(*[rx.el.th(t(key), scope="col") for key in
                                           ("group.col_name", "group.col_level", "group.col_joined", "group.col_actions")])),
                    rx.el.tbody(rx.foreach(GroupState.members, _member_row)),
                    class_name="table",
                ),
                class_name="table-scroll",
            ),
            rx.el.p(t("group.members_empty"), class_name="empty-state"),
        ),
        class_name="card",
    )


def _danger_zone() -> rx.Component:
    return rx.el.section(
        confirm_form_dialog(
            button(t("group.delete"), danger=True),
            t("group.delete_title"),
            t("group.delete_text"),
            text_field("confirm_name", "group.confirm_name", GroupState.errors, max_length=120),
            t("group.delete_confirm"),
            GroupState.delete_group,
        ),
        class_name="actions",
    )


@page("groups.manage", GroupState.load)
def group_page() -> rx.Component:
    return rx.el.div(
        rx.el.a(t("group.back"), href="/groupes"),
        rx.cond(
            GroupState.found,
            rx.el.div(
                rx.el.h1(GroupState.group_name),
                rx.cond(GroupState.notice != "", rx.el.p(GroupState.notice, class_name="notice", role="status")),
                field_error("form", GroupState.errors),
                _settings(),
                _members(),
                _danger_zone(),
                class_name="stack",
            ),
            rx.el.p(t("group.not_found"), class_name="empty-state"),
        ),
        class_name="stack",
    )
