"""« Mot de passe oublié? » (/mot-de-passe-oublie) and the emailed link's page
(/mot-de-passe-oublie/nouveau?jeton=…). Nobody is signed in here: the link is the right."""

from __future__ import annotations

import asyncio

import reflex as rx

from competence import mail, routes, settings
from competence.domain import recovery
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.i18n import t
from competence.state.auth import AuthState
from competence.state.forms import text, translated
from competence.state.handlers import in_password_thread, public, read, transaction


def _send(reset: recovery.ResetMail, language: str) -> None:
    voice = "teacher" if reset.role == "teacher" else "learner"
    link = f"{settings.public_url()}{routes.NEW_PASSWORD}?jeton={reset.token}"
    body = t(f"mail.reset_body_{voice}", language, link=link, minutes=settings.RESET_LINK_MINUTES)
    mail.send(reset.to, t("mail.reset_subject", language), body)


class RecoveryState(AuthState):
    errors: dict[str, str] = {}
    sent: bool = False
    link_valid: bool = False
    busy: bool = False

    def _link(self) -> str:
        return self.router.url.query_parameters.get("jeton", "")

    @rx.event
    async def open_request(self):
        await self._public_visit()
        self.errors, self.sent, self.busy = {}, False, False

    @public
    async def request(self, form_data: dict):
        if self.busy or self._too_fast():
            return
        self.busy = True
        yield
        outcome = transaction(recovery.request_reset, server_keys(), text(form_data, "email"),
                              self.router.session.client_ip, utcnow(), commit_always=True)  # requests count
        if outcome.ok and outcome.value is not None:
            await asyncio.to_thread(_send, outcome.value, self.language)
        self.busy = False
        self.errors = translated(outcome.errors, self.language, self._voice())
        self.sent = outcome.ok  # the same answer whether or not the email has an account

    @rx.event
    async def open_link(self):
        await self._public_visit()
        self.errors, self.busy = {}, False
        self.link_valid = read(recovery.link_is_valid, self._link(), utcnow())

    @public
    async def choose(self, form_data: dict):
        if self.busy or self._too_fast():
            return
        self.busy = True
        yield
        outcome = await in_password_thread(recovery.reset_with_link, self._link(), text(form_data, "new_password"),
                                           text(form_data, "confirmation"), utcnow())
        self.busy = False
        self.errors = translated(outcome.errors, self.language, self._voice())
        if outcome.ok:
            await self._forget_everything()
            yield rx.redirect(routes.with_notice(routes.LOGIN, "mot-de-passe-change"))
        elif "form" in outcome.errors:
            self.link_valid = False
