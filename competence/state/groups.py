"""Mes groupes (/groupes): the lists, creating a group, joining one through consent, leaving."""

from __future__ import annotations

import reflex as rx

from competence.domain import groups
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.i18n import t
from competence.state.auth import LOGIN_ROUTE, AuthState
from competence.state.forms import text, transaction, translated


class GroupsState(AuthState):
    managed: list[dict[str, str]] = []
    joined: list[dict[str, str]] = []
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
        keys = server_keys()
        with rx.session() as session:
            managed = groups.managed_groups(session, account_id)
            joined = groups.joined_groups(session, keys, account_id)
        self.managed = [
            {"id": str(g.id), "name": g.name, "count": t("groups.learner_count", count=g.learner_count)}
            for g in managed
        ]
        self.joined = [
            {"id": str(g.id), "name": g.name, "teacher": t("groups.created_by", name=g.teacher_name)} for g in joined
        ]

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        self.errors, self.created_code, self.consent_open = {}, "", False
        deleted = self.router.url.query_parameters.get("avis") == "groupe-supprime"
        self.notice = t("group.deleted") if deleted else ""
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

    @rx.event
    def check_code(self, form_data: dict):
        """« Joindre le groupe »: a valid code opens the consent dialog."""
        account = self.current_account()
        if account is None:
            return rx.redirect(LOGIN_ROUTE)
        code = text(form_data, "code")
        outcome = transaction(  # wrong codes count toward the throttle
            groups.invitation, server_keys(), account.id, code, self.router.session.client_ip, utcnow(),
            commit_always=True,
        )
        self.errors = translated(outcome.errors)
        if outcome.ok:
            self._pending_code = groups.normalise_code(code)
            self.consent_title = t("groups.consent_title", name=outcome.value.name)
            self.consent_text = t("groups.consent_text", name=outcome.value.name, teacher=outcome.value.teacher_name)
            self.consent_open = True

    @rx.event
    def accept(self):
        account = self.current_account()
        if account is None or not self._pending_code:
            self.consent_open = False
            return
        outcome = transaction(
            groups.join, server_keys(), account.id, self._pending_code, self.router.session.client_ip, utcnow(),
            commit_always=True,
        )
        self._pending_code, self.consent_open = "", False
        self.errors = translated(outcome.errors)
        if outcome.ok:
            self.join_form_open = False
            self.notice = t("groups.joined_notice", name=outcome.value.name)
            self._refresh(account.id)

    @rx.event
    def refuse(self):
        """« Je refuse »: nothing is recorded, nothing is joined."""
        self._pending_code, self.consent_open = "", False
        self.notice = t("groups.refused_notice")

    @rx.event
    def create(self, form_data: dict):
        account = self.current_account()
        if account is None:
            return rx.redirect(LOGIN_ROUTE)
        outcome = transaction(groups.create_group, account.id, account.role, text(form_data, "group_name"), utcnow())
        self.errors = translated(outcome.errors)
        if outcome.ok:
            self.created_code = outcome.value.code
            self.created_notice = t("groups.created_notice", name=outcome.value.name)
            self.copied = False
            self._refresh(account.id)

    @rx.event
    def mark_copied(self):
        self.copied = True

    @rx.event
    def leave(self, group_id: str):
        account = self.current_account()
        if account is None:
            return rx.redirect(LOGIN_ROUTE)
        if not str(group_id).isdigit():
            return
        outcome = transaction(groups.leave, account.id, int(group_id), utcnow())
        self.errors = translated(outcome.errors)
        if outcome.ok:
            self.notice = t("groups.left_notice")
            self._refresh(account.id)
