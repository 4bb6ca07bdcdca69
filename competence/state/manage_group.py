"""One group's page (/groupes/[group_id]), for its managers: settings, code and members.

The group id comes from the URL, which anyone can type: every handler asks the
domain, which answers only to the group's manager."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from competence import routes
from competence.domain import group_management
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.state.auth import AuthState
from competence.state.forms import checked, text, translated
from competence.state.handlers import in_password_thread, read, transaction, with_account


@dataclass
class MemberRow:
    name: str
    id: int
    level: str
    joined: str
    untimed: bool
    large_text: bool


class ManageGroupState(AuthState):
    found: bool = False
    group_name: str = ""
    code: str = ""
    learner_count: str = ""
    joining_open: bool = True
    delete_consequences: str = ""  # what deleting the group does, with its number of learners
    members: list[MemberRow] = []
    errors: dict[str, str] = {}
    notice: str = ""
    copied: bool = False
    temporary_password: str = ""  # shown once, to the teacher who asked for it
    temporary_for: str = ""
    busy: bool = False

    def _group_id(self) -> int:
        return routes.path_number(self.router.url.path, 1)

    def _refresh(self, account_id: int) -> None:
        group_id = self._group_id()
        summary = read(group_management.group_summary, account_id, group_id)
        people = read(group_management.members, server_keys(), account_id, group_id) if summary else []
        self.found = summary is not None
        self.group_name = summary.name if summary else ""
        self.code = summary.code if summary else ""
        self.learner_count = self._t("groups.learner_count", count=summary.learner_count) if summary else ""
        self.joining_open = summary.joining_open if summary else False
        count = summary.learner_count if summary else 0
        self.delete_consequences = self._t("group.delete_consequences_members", count=count) if count \
            else self._t("group.delete_consequences")
        self.members = [
            MemberRow(person.name, person.membership_id, self._t(f"level.{person.school_level}"),
                      self._date(person.joined_at), person.untimed, person.large_text)
            for person in people
        ]

    def _act(self, account, use_case, *args, notice_key: str | None = None) -> bool:
        """Run a manager's action for the signed-in account, then show the group as it now is."""
        outcome = transaction(use_case, account.id, self._group_id(), *args)
        self.errors = translated(outcome.errors, self.language, self._voice())
        self.notice = self._t(notice_key) if outcome.ok and notice_key else ""
        self._refresh(account.id)
        return outcome.ok

    @with_account
    def load(self, account):
        self.errors, self.notice, self.copied = {}, "", False
        self.temporary_password, self.temporary_for, self.busy = "", "", False
        self._refresh(account.id)

    @with_account
    def rename(self, account, form_data: dict):
        self._act(account, group_management.rename, text(form_data, "group_name"), notice_key="group.renamed")

    @with_account
    def regenerate_code(self, account):
        self.copied = False
        self._act(account, group_management.regenerate_code, notice_key="group.regenerated")

    @with_account
    def toggle_joining(self, account):
        self._act(account, group_management.set_joining_open, not self.joining_open)

    @with_account
    def remove_member(self, account, membership_id: str):
        number = routes.client_number(membership_id)
        if number is None:
            return
        self._act(account, group_management.remove_member, number, utcnow(), notice_key="group.removed")

    @with_account
    def change_accommodation(self, account, membership_id: int, kind: str, on: bool):
        """« Temps de réponse non compté » or « Texte agrandi » for a learner of the group."""
        number = routes.client_number(membership_id)
        if number is None:
            return
        self._act(account, group_management.set_accommodation, number, kind, on is True,
                  notice_key="group.accommodation_saved")

    @with_account
    async def reset_password(self, account, membership_id: str):
        """« Réinitialiser le mot de passe » of a learner: bcrypt runs off the event loop."""
        number = routes.client_number(membership_id)
        if self.busy or number is None:
            return
        self.busy, self.temporary_password = True, ""
        yield
        outcome = await in_password_thread(group_management.reset_member_password, account.id, self._group_id(),
                                           number, utcnow())
        self.busy = False
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            self.temporary_password = outcome.value
            self.temporary_for = next((m.name for m in self.members if m.id == number), "")

    @with_account
    def delete_group(self, account, form_data: dict):
        if self._act(account, group_management.delete_group, checked(form_data, "understood")):
            return rx.redirect(routes.with_notice(routes.MY_GROUPS, "groupe-supprime"))

    @rx.event
    def mark_copied(self):
        self.copied = True
