"""Mon profil: change the password, suspend or delete the account. Each handler
re-derives the account from the session token before touching anything."""

from __future__ import annotations

import reflex as rx

from competence.domain import accounts
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.i18n import t
from competence.state.auth import LOGIN_ROUTE, AuthState
from competence.state.forms import in_transaction, text, translated


class ProfileState(AuthState):
    errors: dict[str, str] = {}
    password_open: bool = False
    password_saved: str = ""
    busy: bool = False

    @rx.event
    def toggle_password_form(self):
        self.password_open = not self.password_open
        self.password_saved = ""
        self.errors = {}

    @rx.event
    async def change_password(self, form_data: dict):
        account = self.current_account()
        if account is None:
            yield rx.redirect(LOGIN_ROUTE)
            return
        self.busy = True
        yield
        outcome = await in_transaction(
            accounts.change_password,
            account.id,
            text(form_data, "current_password"),
            text(form_data, "new_password"),
            text(form_data, "confirmation"),
            self.auth_token,
            utcnow(),
        )
        self.busy = False
        self.errors = translated(outcome.errors)
        if outcome.ok:
            self.password_open = False
            self.password_saved = t("profile.password_changed")

    @rx.event
    def suspend(self):
        account = self.current_account()
        if account is not None:
            with rx.session() as session:
                accounts.suspend(session, account.id, utcnow())
                session.commit()
        self.auth_token = ""
        self._show(None)
        return rx.redirect(f"{LOGIN_ROUTE}?avis=suspendu")

    @rx.event
    async def delete_account(self, form_data: dict):
        account = self.current_account()
        if account is None:
            yield rx.redirect(LOGIN_ROUTE)
            return
        self.busy = True
        yield
        outcome = await in_transaction(accounts.delete_account, server_keys(), account.id, text(form_data, "delete_password"))
        self.busy = False
        self.errors = translated(outcome.errors)
        if outcome.ok:
            self.auth_token = ""
            self._show(None)
            yield rx.redirect(f"{LOGIN_ROUTE}?avis=supprime")
