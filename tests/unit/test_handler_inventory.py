"""Every event handler a client can call, on a list: a new handler fails this test until
it is added below, with the test that checks who may call it, or why nobody needs to be
checked. Test names start with "test_" and must exist in tests/unit; anything else is a
reason. tests/unit/test_fuzz_handlers.py calls every handler found here with hostile
arguments, whatever this list says."""

import ast
from pathlib import Path

from reflex_base.registry import RegistrationContext
from reflex_base.utils.format import format_event_handler

from competence import competence  # noqa: F401  (registers every state)
from tests.unit.states import app_handlers, app_states

DISPLAY = "changes only this tab's display"
PUBLIC_FORM = "public page: a fresh form, and the header of this tab's own sign-in if any"

ALLOWED = {
    "AuthState.dismiss_banner": DISPLAY,
    "AuthState.choose_language": "test_choosing_a_language_saves_it_only_on_the_callers_account",
    "AuthState.choose_read_aloud": "changes only this device's choice (its local storage)",
    "DevicesState.load": "test_device_handlers_end_only_the_callers_own_sessions",
    "DevicesState.end_device": "test_device_handlers_end_only_the_callers_own_sessions",
    "DevicesState.end_everywhere": "test_device_handlers_end_only_the_callers_own_sessions",
    "ManageGroupState.reset_password": "test_manager_handlers_refuse_everyone_but_the_manager",
    "ManageGroupState.change_accommodation": "test_manager_handlers_refuse_everyone_but_the_manager",
    "ProfileState.download_my_data": "test_my_data_is_only_the_callers_own",
    "ProfileState.load": "test_profile_handlers_change_only_the_callers_own_account",
    "RecoveryState.open_request": PUBLIC_FORM,
    "RecoveryState.open_link": "public by design: reads only whether the link's single-use token is still valid",
    "RecoveryState.request": "public by design: mails a link only to the address typed, if it has an account; throttled",
    "RecoveryState.choose": "public by design: needs the single-use token mailed to the account's address",
    "AuthState.load_public": "public pages: looks up only this tab's own token; an expired one empties the tab",
    "AuthState.log_out": "test_log_out_leaves_nothing_of_the_person_in_the_tab",
    "AuthState.require_login": "test_require_login_lets_only_a_signed_in_caller_through",
    "SignupState.choose_age": DISPLAY,
    "SignupState.open_form": PUBLIC_FORM,
    "SignupState.submit": "public by design: a new account, only with a solved single-use captcha",
    "DimensionState.load": "test_portrait_handlers_give_nothing_to_anyone_but_the_manager",
    "LearnerState.load": "test_portrait_handlers_give_nothing_to_anyone_but_the_manager",
    "LearnerState.choose_dimension": "test_portrait_handlers_give_nothing_to_anyone_but_the_manager",
    "ActivateState.close_activity": DISPLAY,
    "ActivateState.load": "test_activate_handlers_touch_only_the_callers_own_activities",
    "ActivateState.open_activity": "test_activate_handlers_touch_only_the_callers_own_activities",
    "ActivateState.validate": "test_activate_handlers_touch_only_the_callers_own_activities",
    "ManageGroupState.delete_group": "test_manager_handlers_refuse_everyone_but_the_manager",
    "ManageGroupState.load": "test_loading_another_teachers_group_shows_nothing",
    "ManageGroupState.mark_copied": DISPLAY,
    "ManageGroupState.regenerate_code": "test_manager_handlers_refuse_everyone_but_the_manager",
    "ManageGroupState.remove_member": "test_manager_handlers_refuse_everyone_but_the_manager",
    "ManageGroupState.rename": "test_manager_handlers_refuse_everyone_but_the_manager",
    "ManageGroupState.toggle_joining": "test_manager_handlers_refuse_everyone_but_the_manager",
    "DashboardState.load": "test_dashboard_shows_each_caller_only_their_own_results",
    "PortraitState.export_csv": "test_portrait_handlers_give_nothing_to_anyone_but_the_manager",
    "PortraitState.load": "test_portrait_handlers_give_nothing_to_anyone_but_the_manager",
    "PortraitState.sort_by": "test_sorting_the_portrait_gives_nothing_to_anyone_but_the_manager",
    "ProfileState.change_password": "test_profile_handlers_change_only_the_callers_own_account",
    "ProfileState.delete_account": "test_profile_handlers_change_only_the_callers_own_account",
    "ProfileState.suspend": "test_profile_handlers_change_only_the_callers_own_account",
    "ProfileState.toggle_password_form": DISPLAY,
    "MyGroupsState.accept": "test_accept_without_a_checked_code_joins_nothing",
    "MyGroupsState.check_code": "test_my_groups_handlers_give_a_stranger_nothing",
    "MyGroupsState.create": "test_learners_and_strangers_cannot_create_groups",
    "MyGroupsState.leave": "test_leaving_a_group_one_is_not_in_changes_nothing",
    "MyGroupsState.load": "test_my_groups_handlers_give_a_stranger_nothing",
    "MyGroupsState.mark_copied": DISPLAY,
    "MyGroupsState.refuse": "changes only this tab: closes the consent dialog, nothing is recorded",
    "MyGroupsState.toggle_create_form": DISPLAY,
    "MyGroupsState.toggle_join_form": DISPLAY,
    "AssessmentState.continue_full_run": "test_assessment_handlers_touch_only_the_callers_own_test",
    "AssessmentState.load": "test_assessment_handlers_touch_only_the_callers_own_test",
    "AssessmentState.next_question": "test_assessment_handlers_touch_only_the_callers_own_test",
    "AssessmentState.start": "test_assessment_handlers_touch_only_the_callers_own_test",
    "AssessmentState.start_full": "test_assessment_handlers_touch_only_the_callers_own_test",
    "AssessmentState.validate": "test_assessment_handlers_touch_only_the_callers_own_test",
    "LoginState.open_form": PUBLIC_FORM,
    "LoginState.submit": "public by design: a sign-in with the account's email and password, throttled",
}


def unit_test_names() -> set[str]:
    names = set()
    for path in Path(__file__).parent.glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    return {name for name in names if name.startswith("test_")}


def test_every_handler_a_client_can_call_is_on_the_list():
    missing = sorted(set(app_handlers()) - set(ALLOWED))
    assert not missing, f"handlers without an authorisation test or a reason in ALLOWED: {missing}"


def test_every_entry_of_the_list_is_a_handler():
    stale = sorted(set(ALLOWED) - set(app_handlers()))
    assert not stale, f"ALLOWED names handlers that no longer exist: {stale}"


def test_every_test_the_list_names_exists():
    unknown = {entry for entry in ALLOWED.values() if entry.startswith("test_")} - unit_test_names()
    assert not unknown, f"no such test in tests/unit: {sorted(unknown)}"


def test_the_list_is_what_reflex_dispatches():
    """The handlers found under the root state are exactly those Reflex's registry sends
    events to for the app's states, Reflex's setvar aside."""
    found = {format_event_handler(handler) for handler in app_handlers().values()}
    registered = {
        name for name, entry in RegistrationContext.get().event_handlers.items()
        if any(cls.__module__.startswith("competence.") for cls in entry.states) and not name.endswith(".setvar")
    }
    assert found == registered


def test_setvar_can_set_nothing_on_the_apps_states():
    """Reflex gives every state a `setvar(name, value)` handler that calls `set_<name>`. The
    app's states have no setter of their own (no auto-setters, no set_ method), so the
    only one it can reach is Reflex's `set_is_hydrated`, which every page sets anyway."""
    for cls in app_states():
        setters = {name for name in dir(cls) if name.startswith("set_")}
        assert setters == {"set_is_hydrated"}, f"{cls.__name__}: {sorted(setters)}"
