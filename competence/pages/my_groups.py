"""Mes groupes (/groupes)."""

import reflex as rx

from competence.components.code_display import code_display
from competence.components.buttons import button
from competence.components.dialogs import confirm_dialog
from competence.components.form import field_error, submit_button, text_field
from competence.components.table import column_headers, data_table
from competence.components.layout import page
from competence.components.text import t_var, tr
from competence import routes
from competence.state.my_groups import MyGroupsState

def _notice() -> rx.Component:
    return rx.cond(MyGroupsState.notice != "", rx.el.p(MyGroupsState.notice, class_name="notice", role="status"))


def _join_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2(tr("groups.join")),
        rx.el.p(tr("groups.join_intro")),
        text_field("code", "groups.code_field", MyGroupsState.errors, autocomplete="off"),
        submit_button("groups.join_submit", False),
        on_submit=MyGroupsState.check_code,
        reset_on_submit=False,
        no_validate=True,
        class_name="form card",
    )


def _create_form() -> rx.Component:
    return rx.el.div(
        rx.el.form(
            rx.el.h2(tr("groups.create")),
            text_field("group_name", "groups.name_field", MyGroupsState.errors),
            submit_button("groups.create_submit", False),
            on_submit=MyGroupsState.create,
            reset_on_submit=True,
            no_validate=True,
            class_name="form",
        ),
        rx.cond(
            MyGroupsState.created_code != "",
            rx.el.div(
                rx.el.p(MyGroupsState.created_notice, role="status"),
                code_display(MyGroupsState.created_code, MyGroupsState.copied, MyGroupsState.mark_copied),
            ),
        ),
        class_name="card",
    )


def _consent_dialog() -> rx.Component:
    """« Joindre le groupe NAME »: what the managers will see, then J'accepte / Je refuse."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(MyGroupsState.consent_title),
            rx.alert_dialog.description(MyGroupsState.consent_text),
            rx.el.ul(
                *[rx.el.li(tr(key)) for key in ("groups.consent_name", "groups.consent_year",
                                              "groups.consent_levels", "groups.consent_answers")],
                class_name="consent-list",
            ),
            rx.el.p(tr("groups.consent_withdraw"), class_name="form-note"),
            rx.el.div(
                button(tr("groups.refuse"), on_click=MyGroupsState.refuse),
                rx.el.button(tr("groups.accept"), type="button", class_name="button button-primary",
                             on_click=MyGroupsState.accept),
                class_name="dialog-actions",
            ),
            on_escape_key_down=MyGroupsState.refuse,
        ),
        open=MyGroupsState.consent_open,
    )


def _managed_group(group) -> rx.Component:
    return rx.el.li(
        rx.el.a(group.name, href=group.href, class_name="group-name"),
        rx.el.span(group.detail, class_name="group-count"),
        class_name="group-row",
    )


def _consent_row(row) -> rx.Component:
    return rx.el.tr(rx.el.th(row.group, scope="row"), rx.el.td(row.given), rx.el.td(row.withdrawn))


def _consent_history() -> rx.Component:
    """« Mes consentements »: when each was given, what the managers see, when it was withdrawn."""
    return rx.el.section(
        rx.el.h2(tr("consents.title")),
        rx.el.p(tr("consents.lead")),
        rx.cond(
            MyGroupsState.consents.length() > 0,
            data_table("consents.title",
                       column_headers("consents.col_group", "consents.col_given", "consents.col_withdrawn"),
                       MyGroupsState.consents, _consent_row),
            rx.el.p(tr("consents.empty"), class_name="empty-state"),
        ),
        class_name="card",
    )


def _joined_group(group) -> rx.Component:
    return rx.el.li(
        rx.el.div(rx.el.span(group.name, class_name="group-name"), rx.el.span(group.detail, class_name="group-count")),
        confirm_dialog(
            button(tr("groups.leave"), aria_label=tr("groups.leave") + " " + group.name),
            t_var("groups.leave_title", name=group.name),
            tr("groups.leave_text"),
            tr("groups.leave_confirm"),
            MyGroupsState.leave(group.id),
        ),
        class_name="group-row",
    )


def _group_section(title_key: str, items: rx.Var[list[dict]], render, empty_key: str) -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr(title_key)),
        rx.cond(
            items.length() > 0,
            rx.el.ul(rx.foreach(items, render), class_name="group-list"),
            rx.el.p(tr(empty_key), class_name="empty-state"),
        ),
        class_name="card",
    )


@page(routes.MY_GROUPS, "groups.title", MyGroupsState.load)
def my_groups() -> rx.Component:
    return rx.el.div(
        rx.el.h1(tr("groups.title")),
        _notice(),
        field_error("form", MyGroupsState.errors),
        rx.el.div(
            button(tr("groups.join"), on_click=MyGroupsState.toggle_join_form,
                   aria_expanded=MyGroupsState.join_form_open.to(str)),
            rx.cond(
                MyGroupsState.is_teacher,
                button(tr("groups.create"), on_click=MyGroupsState.toggle_create_form,
                       aria_expanded=MyGroupsState.create_form_open.to(str)),
            ),
            class_name="actions",
        ),
        rx.cond(MyGroupsState.join_form_open, _join_form()),
        rx.cond(MyGroupsState.create_form_open, _create_form()),
        rx.cond(
            MyGroupsState.is_teacher,
            _group_section("groups.managed_title", MyGroupsState.managed, _managed_group, "groups.managed_empty"),
        ),
        _group_section("groups.joined_title", MyGroupsState.joined, _joined_group, "groups.empty"),
        rx.cond(MyGroupsState.is_teacher, rx.fragment(), _consent_history()),
        _consent_dialog(),
        class_name="stack",
    )
