"""Mes groupes (/groupes): the lists, creating a group, joining one through consent, leaving."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from competence import routes
from competence.domain import groups, joining
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.state.auth import AuthState
from competence.state.forms import text, translated
from competence.state.handlers import read, with_account, transaction


# Why the person lands here, shown above the page: ?avis=… → catalogue key.
NOTICES = {"groupe-supprime": "group.deleted", "bienvenue": "groups.welcome"}

@dataclass
class GroupRow:
    id: int
    name: str
    detail: str  # « 3 apprenant(s) » for a managed group, « Créé par … » for a joined one
    href: str


@dataclass
class ConsentRow:
    group: str
    given: str
    withdrawn: str  # « En vigueur » while it stands


class MyGroupsState(AuthState):
    managed: list[GroupRow] = []
    joined: list[GroupRow] = []
    consents: list[ConsentRow] = []
    errors: dict[str, str] = {}
    notice: str = ""
    join_form_open: bool = False
    create_form_open: bool = False
    created_code: str = ""
    created_notice: str = ""
    copied: bool = False
    consent_open: bool = False
    consent_title: str = ""
    consent_text: str = ""
    # The code the consent dialog is about: server-side only, re-checked on « J'accepte ».
    _pending_code: str = ""

    def _refresh(self, account_id: int) -> None:
        managed = read(groups.managed_groups, account_id)
        joined = read(groups.joined_groups, server_keys(), account_id)
        self.managed = [
            GroupRow(g.id, g.name, self._t("groups.learner_count", count=g.learner_count), routes.group(g.id))
            for g in managed
        ]
        self.joined = [GroupRow(g.id, g.name, self._t("groups.created_by", name=g.teacher_name), "") for g in joined]
        self.consents = [
            ConsentRow(c.group_name, self._date(c.given_at),
                       self._date(c.withdrawn_at) if c.withdrawn_at else self._t("consents.standing"))
            for c in read(joining.consent_history, account_id)
        ]

    @with_account
    def load(self, account):
        self.errors, self.created_code, self.consent_open = {}, "", False
        notice = self.router.url.query_parameters.get("avis", "")
        self.notice = self._t(NOTICES[notice]) if notice in NOTICES else ""
        welcome = notice == "bienvenue"  # just signed up: the form of the next step is open
        self.join_form_open, self.create_form_open = welcome and not self.is_teacher, welcome and self.is_teacher
        self._pending_code = ""
        self._refresh(account.id)

    @rx.event
    def toggle_join_form(self):
        self.join_form_open = not self.join_form_open
        self.create_form_open = False
        self.errors = {}

    @rx.event
    def toggle_create_form(self):
        self.create_form_open = not self.create_form_open
        self.join_form_open = False
        self.errors, self.created_code = {}, ""

    @with_account
    def check_code(self, account, form_data: dict):
        """« Joindre le groupe »: a valid code opens the consent dialog."""
        code = text(form_data, "code")
        outcome = transaction(  # wrong codes count toward the throttle
            joining.invitation, server_keys(), account.id, code, self.router.session.client_ip, utcnow(),
            commit_always=True,
        )
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            self._pending_code = groups.normalise_code(code)
            self.consent_title = self._t("groups.consent_title", name=outcome.value.name)
            self.consent_text = self._t("groups.consent_text", name=outcome.value.name, teacher=outcome.value.teacher_name)
            self.consent_open = True

    @with_account
    def accept(self, account):
        if not self._pending_code:
            self.consent_open = False
            return
        outcome = transaction(
            joining.join, server_keys(), account.id, self._pending_code, self.router.session.client_ip, utcnow(),
            commit_always=True,
        )
        self._pending_code, self.consent_open = "", False
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            self.join_form_open = False
            self.notice = self._t("groups.joined_notice", name=outcome.value.name)
            self._refresh(account.id)

    @rx.event
    def refuse(self):
        """« Je refuse »: nothing is recorded, nothing is joined."""
        self._pending_code, self.consent_open = "", False
        self.notice = self._t("groups.refused_notice")

    @with_account
    def create(self, account, form_data: dict):
        outcome = transaction(groups.create_group, account.id, account.role, text(form_data, "group_name"), utcnow())
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            self.created_code = outcome.value.code
            self.created_notice = self._t("groups.created_notice", name=outcome.value.name)
            self.copied = False
            self._refresh(account.id)

    @rx.event
    def mark_copied(self):
        self.copied = True

    @with_account
    def leave(self, account, group_id: str):
        number = routes.client_number(group_id)
        if number is None:
            return
        outcome = transaction(joining.leave, account.id, number, utcnow())
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            self.notice = self._t("groups.left_notice")
            self._refresh(account.id)
