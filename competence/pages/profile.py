"""Mon profil (/profil): who I am, and my account's actions."""

import reflex as rx

from competence import routes
from competence.components.buttons import button
from competence.components.dialogs import confirm_dialog, confirm_form_dialog
from competence.components.form import field_error, submit_button, text_field
from competence.components.table import column_headers, data_table
from competence.components.layout import language_switch, page
from competence.components.text import t_var, tr
from competence.state.devices import DevicesState
from competence.state.profile import ProfileState

def _identity() -> rx.Component:
    return rx.el.section(
        rx.el.h1(ProfileState.user_name),
        rx.el.p(
            rx.cond(ProfileState.is_teacher, tr("role.teacher"), tr("role.learner")), ", ", ProfileState.user_level,
            class_name="profile-role",
        ),
        rx.el.p(t_var("profile.identifier", id=ProfileState.identifier), class_name="profile-id"),
        rx.el.h2(rx.cond(ProfileState.is_teacher, tr("profile.level_teacher"), tr("profile.level_learner"))),
        rx.el.p(ProfileState.user_level),
        rx.el.h2(tr("profile.language")),
        rx.el.p(tr("profile.language_help"), class_name="muted"),
        language_switch(),
        class_name="card",
    )


def _password_form() -> rx.Component:
    errors = ProfileState.errors
    return rx.el.form(
        text_field("current_password", "profile.current_password", errors, type="password",
                   autocomplete="current-password"),
        text_field("new_password", "profile.new_password", errors, type="password", autocomplete="new-password",
                   help_key="field.password_help"),
        text_field("confirmation", "profile.confirm_new_password", errors, type="password",
                   autocomplete="new-password"),
        submit_button("profile.save_password", ProfileState.busy),
        on_submit=ProfileState.change_password,
        reset_on_submit=False,
        class_name="form",
        no_validate=True,
    )


def _suspend_dialog() -> rx.Component:
    return confirm_dialog(
        button(tr("profile.suspend")),
        tr("profile.suspend_title"),
        tr("profile.suspend_text"),
        tr("profile.suspend_confirm"),
        ProfileState.suspend,
    )


def _delete_dialog() -> rx.Component:
    return confirm_form_dialog(
        button(tr("profile.delete"), danger=True),
        tr("profile.delete_title"),
        ProfileState.delete_text,
        text_field("delete_password", "profile.delete_password", ProfileState.errors, type="password",
                   autocomplete="current-password"),
        tr("profile.delete_confirm"),
        ProfileState.delete_account,
        ProfileState.busy,
    )


def _account_actions() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("profile.account")),
        rx.cond(ProfileState.password_saved != "",
                rx.el.p(ProfileState.password_saved, class_name="notice", role="status"), rx.fragment()),
        rx.el.div(
            button(
                tr("profile.change_password"),
                on_click=ProfileState.toggle_password_form,
                aria_expanded=ProfileState.password_open.to(str),
            ),
            _suspend_dialog(),
            _delete_dialog(),
            class_name="actions",
        ),
        rx.cond(ProfileState.password_open, _password_form(), rx.fragment()),
        field_error("form", ProfileState.errors),
        class_name="card",
    )


def _my_data() -> rx.Component:
    """« Télécharger mes données »: a ZIP of everything kept about the person."""
    return rx.el.section(
        rx.el.h2(tr("export_data.title")),
        rx.el.p(tr("export_data.lead")),
        rx.el.form(
            rx.el.p(tr("export_data.email_help"), class_name="field-help"),
            text_field("confirm_email", "export_data.email_field", ProfileState.errors, type="email", required=False,
                       autocomplete="email"),
            field_error("export", ProfileState.errors),
            submit_button("export_data.submit", False),
            on_submit=ProfileState.download_my_data,
            reset_on_submit=True,
            no_validate=True,
            class_name="form",
        ),
        class_name="card",
    )


def _device(row) -> rx.Component:
    return rx.el.li(
        rx.el.div(rx.el.p(row.label, class_name="group-name"), rx.el.p(row.detail, class_name="muted")),
        rx.cond(
            row.current,
            rx.fragment(),
            button(tr("profile.device_end"), on_click=DevicesState.end_device(row.id),
                   aria_label=t_var("profile.device_end_label", device=row.label)),
        ),
        class_name="group-row",
    )


def _devices() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("profile.devices_title")),
        rx.cond(DevicesState.notice != "", rx.el.p(DevicesState.notice, class_name="notice", role="status")),
        rx.el.ul(rx.foreach(DevicesState.devices, _device), class_name="group-list"),
        confirm_dialog(
            button(tr("profile.devices_end_all")),
            tr("profile.devices_end_all_title"),
            tr("profile.devices_end_all_text"),
            tr("profile.devices_end_all"),
            DevicesState.end_everywhere,
        ),
        class_name="card stack-sm",
    )


def _event(row) -> rx.Component:
    return rx.el.tr(rx.el.td(row.when), rx.el.td(row.label), rx.el.td(row.device))


def _activity() -> rx.Component:
    return rx.el.section(
        rx.el.h2(tr("profile.activity_title")),
        rx.el.p(tr("profile.activity_kept"), class_name="muted"),
        rx.cond(
            DevicesState.events.length() > 0,
            data_table("profile.activity_title",
                       column_headers("portrait.col_date", "profile.activity_col_event", "profile.activity_col_device"),
                       DevicesState.events, _event),
            rx.el.p(tr("profile.activity_empty"), class_name="empty-state"),
        ),
        class_name="card",
    )


@page(routes.PROFILE, "profile.title", [ProfileState.load, DevicesState.load])
def profile() -> rx.Component:
    return rx.el.div(
        rx.cond(ProfileState.must_change, rx.el.p(tr("profile.must_change"), class_name="notice", role="status")),
        _identity(), _account_actions(), _my_data(), _devices(), _activity(),
        class_name="stack",
    )
