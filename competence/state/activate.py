"""Activer (/activer): learning activities, the weakest dimensions first."""

from __future__ import annotations

import random
from dataclasses import dataclass

import reflex as rx

from competence.domain import progress
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.domain.school_levels import audience_for
from competence.state.auth import AuthState
from competence.state.handlers import read, with_account, transaction
from competence.state.question_screen import QuestionScreen

SHOWN_DIMENSIONS = 3  # the weakest ones first; the rest stay one click away on the dashboard


@dataclass
class ActivityCard:
    id: str
    dimension: int
    heading: str
    level: str
    done: bool
    situation: str
    do_label: str


def _audience(account) -> str:
    return audience_for(account.school_level, account.role)


class ActivateState(QuestionScreen, AuthState):
    has_results: bool = False
    activities: list[ActivityCard] = []
    open_id: str = ""
    open_dimension: str = ""
    answered: bool = False
    _error_field: str = "activity"

    def _refresh(self, account) -> None:
        bank = content()
        state = read(progress.progress, account.id)
        done = read(progress.completed, account.id)
        self.has_results = bool(state.history)
        self.activities = [
            ActivityCard(
                id=item.id,
                dimension=number,
                heading=self._t("activate.for_dimension", number=number, name=bank.dimension(number).name(self.language)),
                level=self._t("activate.current_level", level=bank.level_name(state.current(number).level, self.language)),
                situation=item.wording(self.language).situation,
                do_label=self._t("activate.do_label", question=item.wording(self.language).question),
                done=item.id in done,
            )
            for number in progress.recommended_dimensions(bank, state)[:SHOWN_DIMENSIONS]
            if state.current(number)
            for item in progress.activities_for(bank, number, _audience(account), state.current(number).level)
        ]

    @with_account
    def load(self, account):
        self.open_id, self.answered, self.errors = "", False, {}
        self._refresh(account)

    @with_account
    def open_activity(self, account, item_id: str):
        bank = content()
        item = bank.items.get(item_id) if isinstance(item_id, str) else None
        if item is None or item not in progress.activities_for(bank, item.dimension, _audience(account)):
            return
        self.open_id, self._item_id, self.answered = item.id, item.id, False
        self._order = random.sample(range(item.choice_count), item.choice_count)
        self.open_dimension = bank.dimension(item.dimension).name(self.language)
        self._show_question(item, self._order)

    @rx.event
    def close_activity(self):
        self.open_id, self.answered = "", False

    def _record(self, account, shown: int):
        return transaction(progress.complete_activity, account.id, _audience(account), self._item_id,
                           self._order[shown], content(), utcnow())

    def _answered(self, account, outcome) -> None:
        self.answered = True
        self._refresh(account)
