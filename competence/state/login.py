"""Login (/login): one generic message on failure, throttled, reactivation of a suspended account."""

from __future__ import annotations

import reflex as rx

from competence import routes
from competence.domain import accounts
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.state.auth import AuthState
from competence.state.forms import checked, text, translated
from competence.state.handlers import in_password_thread, public

# Why the session ended, shown above the form: ?avis=… → catalogue key.
NOTICES = {
    "deconnecte": "login.signed_out",
    "suspendu": "profile.suspended",
    "supprime": "profile.deleted",
    "connexion": "login.required",
    "mot-de-passe-change": "login.password_reset_done",
}


class LoginState(AuthState):
    errors: dict[str, str] = {}
    reactivating: bool = False  # the account proved suspended: the button now reactivates
    notice: str = ""
    submitting: bool = False

    def _next(self) -> str:
        return routes.safe_next(self.router.url.query_parameters.get("next", routes.HOME))

    @rx.event
    async def open_form(self):
        await self._public_visit()
        self.errors, self.reactivating, self.submitting = {}, False, False
        notice = self.router.url.query_parameters.get("avis", "")
        self.notice = self._t(NOTICES[notice]) if notice in NOTICES else ""
        if self.signed_in:
            return rx.redirect(self._next())

    @public
    async def submit(self, form_data: dict):
        if self.submitting or self._too_fast():  # bcrypt is the most expensive call
            return
        self.submitting = True
        yield
        outcome = await in_password_thread(
            accounts.log_in,
            server_keys(),
            text(form_data, "email"),
            text(form_data, "password"),
            self.router.session.client_ip,
            utcnow(),
            self.reactivating,
            checked(form_data, "remember"),
            self._device(),
            commit_always=True,  # failures count toward the throttle
        )
        self.submitting = False
        self.errors = translated(outcome.errors, self.language, self._voice())
        if not outcome.ok:
            self.reactivating = outcome.errors.get("form") == "error.account_suspended" or (
                self.reactivating and outcome.errors.get("form") == "error.login_failed"
            )
            return
        destination, reactivated = self._next(), self.reactivating
        await self._sign_in_with(outcome.value)
        if reactivated:
            self.banner = self._t("login.reactivated")
        if outcome.value.account.must_change_password:
            destination = routes.with_notice(routes.PROFILE, "nouveau-mot-de-passe")
        yield rx.redirect(destination)
