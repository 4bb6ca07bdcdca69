"""Signup of a teacher (/users/signup/2) or a learner (/users/signup/3)."""

from __future__ import annotations

import json
from datetime import timedelta

import reflex as rx

from competence import routes, settings
from competence.domain import accounts, captcha
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.state.auth import AuthState
from competence.state.forms import checked, text, translated
from competence.state.handlers import in_password_thread, public


class SignupState(AuthState):
    errors: dict[str, str] = {}
    under_14: bool = False
    challenge: str = ""  # the proof-of-work challenge, as JSON for the widget
    challenge_round: int = 0  # changes to remount the widget with a fresh challenge
    submitting: bool = False

    def _new_challenge(self) -> None:
        lifetime = timedelta(minutes=settings.CAPTCHA_MINUTES)
        self.challenge = json.dumps(captcha.new_challenge(server_keys().captcha, settings.CAPTCHA_MAX_NUMBER, lifetime))
        self.challenge_round += 1

    @rx.event
    async def open_form(self):
        """on_load: a fresh form; a signed-in person goes to their profile instead."""
        await self._public_visit()
        self.errors, self.under_14, self.submitting = {}, False, False
        self._new_challenge()
        if self.signed_in:
            return rx.redirect(routes.PROFILE)

    @rx.event
    def choose_age(self, value: str):
        self.under_14 = value == "under_14"

    @public
    async def submit(self, role: str, form_data: dict):
        if self.submitting or self._too_fast():  # bcrypt is the most expensive call
            return
        self.submitting = True
        yield
        form = accounts.SignupForm(
            role=role if role in ("teacher", "learner") else "",
            email=text(form_data, "email"),
            password=text(form_data, "password"),
            confirmation=text(form_data, "confirmation"),
            name=text(form_data, "name"),
            school_level=text(form_data, "school_level"),
            age=text(form_data, "age"),
            guardian_authorised=checked(form_data, "guardian"),
            terms_accepted=checked(form_data, "terms"),
            captcha_payload=text(form_data, "altcha"),
            language=self.language,
        )
        outcome = await in_password_thread(
            accounts.sign_up, server_keys(), form, self.router.session.client_ip, utcnow(), self._device()
        )
        self.submitting = False
        self.errors = translated(outcome.errors, self.language, self._voice())
        if not outcome.ok:
            if "captcha" in outcome.errors:
                self._new_challenge()
            return
        await self._sign_in_with(outcome.value)
        yield rx.redirect(routes.with_notice(routes.MY_GROUPS, "bienvenue"))  # the next step: a group
