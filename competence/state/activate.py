"""Activer (/activer): learning activities, the weakest dimensions first."""

from __future__ import annotations

import random
from dataclasses import dataclass

import reflex as rx

from competence import routes
from competence.domain import progress
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.domain.school_levels import audience_for
from competence.state.auth import AuthState
from competence.state.handlers import read, with_account, transaction
from competence.state.question_screen import QuestionScreen

SHOWN_DIMENSIONS = 3  # the weakest ones first; the rest stay one click away on the dashboard
# Once the opened activity is drawn: its top, then its « Valider », inside the screen.
SHOW_OPEN_ACTIVITY = """requestAnimationFrame(() => requestAnimationFrame(() => {
  const card = document.getElementById("activite");
  if (!card) return;
  card.scrollIntoView({block: "start"});
  card.querySelector("button[type=submit]")?.scrollIntoView({block: "nearest"});
  card.querySelector("input")?.focus({preventScroll: true});
}))"""


@dataclass
class ActivityCard:
    id: str
    situation: str
    do_label: str
    done: bool


@dataclass
class DimensionActivities:
    """One dimension's heading, the learner's level in it, and its activities: said once."""

    number: int
    heading: str
    level: str
    retake_label: str
    activities: list[ActivityCard]


def _audience(account) -> str:
    return audience_for(account.school_level, account.role)


def _asked_dimension(query: dict) -> int | None:
    """/activer?dimension=4 (the link under a test's result): that dimension first."""
    return routes.whole_number(str(query.get("dimension", "")))


class ActivateState(QuestionScreen, AuthState):
    has_results: bool = False
    dimensions: list[DimensionActivities] = []
    open_id: str = ""
    answered: bool = False
    _error_field: str = "activity"

    def _shown_dimensions(self, bank, state) -> list[int]:
        order = [number for number in progress.recommended_dimensions(bank, state) if state.current(number)]
        asked = _asked_dimension(self.router.url.query_parameters)
        first = [asked] if asked in order else []
        return first + [number for number in order if number not in first][:SHOWN_DIMENSIONS - len(first)]

    def _refresh(self, account) -> None:
        bank = content()
        state = read(progress.progress, account.id)
        done = read(progress.completed, account.id)
        self.has_results = bool(state.history)
        self.dimensions = [
            DimensionActivities(
                number=number,
                heading=self._t("activate.for_dimension", number=number, name=bank.dimension(number).name(self.language)),
                level=self._t("activate.current_level", level=bank.level_name(state.current(number).level, self.language)),
                retake_label=self._t("activate.retake_label", number=number),
                activities=[
                    ActivityCard(item.id, item.wording(self.language).situation,
                                 self._t("activate.do_label", question=item.wording(self.language).question),
                                 item.id in done)
                    for item in progress.activities_for(bank, number, _audience(account), state.current(number).level)
                ],
            )
            for number in self._shown_dimensions(bank, state)
        ]

    @with_account
    def load(self, account):
        self.open_id, self.answered, self.errors = "", False, {}
        self._refresh(account)

    @with_account
    def open_activity(self, account, item_id: str):
        """The activity opens in its own card, brought into view with its « Valider »."""
        bank = content()
        item = bank.items.get(item_id) if isinstance(item_id, str) else None
        if item is None or item not in progress.activities_for(bank, item.dimension, _audience(account)):
            return
        self.open_id, self._item_id, self.answered = item.id, item.id, False
        self._order = random.sample(range(item.choice_count), item.choice_count)
        self._show_question(item, self._order)
        return rx.call_script(SHOW_OPEN_ACTIVITY)

    @rx.event
    def close_activity(self):
        self.open_id, self.answered = "", False

    def _record(self, account, shown: int):
        return transaction(progress.complete_activity, account.id, _audience(account), self._item_id,
                           self._order[shown], content(), utcnow())

    def _answered(self, account, outcome) -> None:
        self.answered = True
        self._refresh(account)
