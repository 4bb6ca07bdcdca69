"""Activer (/activer): learning activities, the weakest dimensions first."""

from __future__ import annotations

import reflex as rx

from competence.domain import progress
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.domain.school_levels import audience_for
from competence.i18n import t
from competence.state.auth import AuthState
from competence.state.forms import choice, transaction, translated

SHOWN_DIMENSIONS = 3  # the weakest ones first; the rest stay one click away on the dashboard


class ActivateState(AuthState):
    has_results: bool = False
    activities: list[dict[str, str]] = []
    open_id: str = ""
    open_situation: str = ""
    open_question: str = ""
    open_choices: list[str] = []
    open_dimension: str = ""
    answered: bool = False
    correct: bool = False
    right_answer: str = ""
    complement: str = ""
    errors: dict[str, str] = {}

    def _audience(self, account) -> str:
        return audience_for(account.school_level, account.role)

    def _refresh(self, account) -> None:
        bank = content()
        with rx.session() as session:
            state = progress.progress(session, account.id)
            done = progress.completed(session, account.id)
        self.has_results = bool(state.history)
        self.activities = [
            {
                "id": item.id,
                "dimension": str(number),
                "heading": t("activate.for_dimension", number=number, name=bank.dimension(number).name),
                "level": t("activate.current_level", level=bank.level_name(state.current(number).level)),
                "situation": item.situation,
                "do_label": t("activate.do_label", question=item.question),
                "done": "yes" if item.id in done else "",
            }
            for number in progress.recommended_dimensions(bank, state)[:SHOWN_DIMENSIONS]
            if state.current(number)
            for item in progress.activities_for(bank, number, self._audience(account))
        ]

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        self.open_id, self.answered, self.errors = "", False, {}
        self._refresh(account)

    @rx.event
    def open_activity(self, item_id: str):
        bank = content()
        account = self.current_account()
        if account is None or item_id not in bank.items:
            return
        item = bank.items[item_id]
        if self._audience(account) not in item.audiences or item not in bank.dimension(item.dimension).activities:
            return
        self.open_id, self.answered, self.errors = item.id, False, {}
        self.open_dimension = bank.dimension(item.dimension).name
        self.open_situation, self.open_question, self.open_choices = item.situation, item.question, list(item.choices)

    @rx.event
    def close_activity(self):
        self.open_id, self.answered = "", False

    @rx.event
    def validate(self, form_data: dict):
        account = self.current_account()
        if account is None:
            return self._login_redirect()
        picked = choice(form_data)
        if picked is None:
            self.errors = {"activity": t("error.choice_unknown")}
            return
        bank = content()
        outcome = transaction(progress.complete_activity, account.id, self._audience(account), self.open_id,
                              picked, bank, utcnow())
        self.errors = translated(outcome.errors)
        if outcome.ok:
            item = bank.items[self.open_id]
            self.answered, self.correct = True, outcome.value.correct
            self.right_answer = t("test.right_answer", answer=item.choices[outcome.value.right_choice])
            self.complement = outcome.value.complement
            self._refresh(account)
