"""Mon profil: change the password, suspend or delete the account. Each handler
re-derives the account from the session token before touching anything."""

from __future__ import annotations

import reflex as rx

from competence import routes
from competence.domain import accounts, groups, my_data
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.state.auth import AuthState
from competence.state.forms import text, translated
from competence.state.handlers import committed, in_password_thread, read, transaction, with_account


class ProfileState(AuthState):
    errors: dict[str, str] = {}
    password_open: bool = False
    password_saved: str = ""
    delete_text: str = ""  # what deleting the account does: for a teacher, to their groups too
    must_change: bool = False  # a teacher's temporary password: a new one first
    busy: bool = False

    @with_account
    def load(self, account):
        self.delete_text = self._what_deleting_does(account)
        self.errors, self.password_saved, self.busy = {}, "", False
        self.must_change = account.must_change_password
        self.password_open = self.must_change

    def _what_deleting_does(self, account) -> str:
        managed = read(groups.managed_groups, account.id) if account.role == "teacher" else []
        if not managed:
            return self._t("profile.delete_text")
        learners = sum(group.learner_count for group in managed)
        return self._t("profile.delete_text_groups", groups=len(managed), learners=learners)

    @rx.event
    def toggle_password_form(self):
        self.password_open = not self.password_open
        self.password_saved = ""
        self.errors = {}

    async def _password_checked(self, when_right, use_case, *args):
        """Run a use case that checks the password (bcrypt, off the event loop), one at a
        time: the button says it is busy meanwhile; `when_right` follows a success."""
        if self.busy:
            return
        self.busy = True
        yield
        outcome = await in_password_thread(use_case, *args, commit_always=True)  # wrong guesses count
        self.busy = False
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            yield await when_right()

    async def _password_changed(self):
        self._forget_caller()  # no longer a temporary password: the next page must not send it back here
        self.password_open = self.must_change = False
        self.password_saved = self._t("profile.password_changed")

    async def _account_deleted(self):
        await self._forget_everything()
        return rx.redirect(routes.with_notice(routes.LOGIN, "supprime"))

    @with_account
    async def change_password(self, account, form_data: dict):
        checked = self._password_checked(
            self._password_changed, accounts.change_password, server_keys(), account.id,
            text(form_data, "current_password"), text(form_data, "new_password"), text(form_data, "confirmation"),
            self._token(), utcnow())
        async for update in checked:
            yield update

    @with_account
    def download_my_data(self, account, form_data: dict):
        """« Télécharger mes données »: the ZIP, built on the server for the signed-in person only."""
        outcome = transaction(my_data.export, server_keys(), account.id, text(form_data, "confirm_email"),
                              self.language, utcnow(), commit_always=True)  # exports count toward the limit
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            return rx.download(data=outcome.value, filename=self._t("export_data.filename"))

    @with_account
    async def suspend(self, account):
        committed(accounts.suspend, account.id, utcnow())
        await self._forget_everything()
        yield rx.redirect(routes.with_notice(routes.LOGIN, "suspendu"))

    @with_account
    async def delete_account(self, account, form_data: dict):
        checked = self._password_checked(self._account_deleted, accounts.delete_account, server_keys(), account.id,
                                         text(form_data, "delete_password"), utcnow())
        async for update in checked:
            yield update
