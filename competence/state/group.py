"""One group's page (/groupes/[id]), for its managers: settings, code and members.

The group id comes from the URL, which anyone can type: every handler asks the
domain, which answers only to the group's manager."""

from __future__ import annotations

import reflex as rx

from competence.domain import groups
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.i18n import format_date, t
from competence.state.auth import AuthState
from competence.state.forms import text, transaction, translated
from competence.state.routing import path_number


class GroupState(AuthState):
    found: bool = False
    base_href: str = ""  # /groupes/N: where the learner and dimension pages hang
    group_name: str = ""
    code: str = ""
    learner_count: str = ""
    joining_open: bool = True
    members: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    notice: str = ""
    copied: bool = False

    def _group_id(self) -> int:
        return path_number(self.router.url.path, 1)

    def _refresh(self, account_id: int) -> None:
        group_id = self._group_id()
        with rx.session() as session:
            summary = groups.group_summary(session, account_id, group_id)
            people = groups.members(session, server_keys(), account_id, group_id) if summary else []
        self.found = summary is not None
        self.base_href = f"/groupes/{group_id}"
        self.group_name = summary.name if summary else ""
        self.code = summary.code if summary else ""
        self.learner_count = t("groups.learner_count", count=summary.learner_count) if summary else ""
        self.joining_open = summary.joining_open if summary else False
        self.members = [
            {
                "id": str(person.membership_id),
                "name": person.name,
                "level": t(f"level.{person.school_level}"),
                "joined": format_date(person.joined_at),
            }
            for person in people
        ]

    def _act(self, use_case, *args, notice_key: str | None = None) -> bool:
        """Run a manager's action for the signed-in account, then show the group as it now is."""
        account = self.current_account()
        if account is None:
            self.found = False
            return False
        outcome = transaction(use_case, account.id, self._group_id(), *args)
        self.errors = translated(outcome.errors)
        self.notice = t(notice_key) if outcome.ok and notice_key else ""
        self._refresh(account.id)
        return outcome.ok

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        self.errors, self.notice, self.copied = {}, "", False
        self._refresh(account.id)

    @rx.event
    def rename(self, form_data: dict):
        self._act(groups.rename, text(form_data, "group_name"), notice_key="group.renamed")

    @rx.event
    def regenerate_code(self):
        self.copied = False
        self._act(groups.regenerate_code, notice_key="group.regenerated")

    @rx.event
    def toggle_joining(self):
        self._act(groups.set_joining_open, not self.joining_open)

    @rx.event
    def remove_member(self, membership_id: str):
        if not str(membership_id).isdigit():
            return
        self._act(groups.remove_member, int(membership_id), utcnow(), notice_key="group.removed")

    @rx.event
    def delete_group(self, form_data: dict):
        if self._act(groups.delete_group, text(form_data, "confirm_name")):
            return rx.redirect("/groupes?avis=groupe-supprime")

    @rx.event
    def mark_copied(self):
        self.copied = True
