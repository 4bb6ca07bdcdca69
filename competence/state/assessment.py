"""The question screen (/positionnement): one question, « Valider », the feedback,
« Suivant ». The test itself lives in the database; this state only shows it."""

from __future__ import annotations

import reflex as rx

from competence.domain import assessment
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.i18n import t
from competence.state.auth import AuthState
from competence.state.forms import choice, transaction, translated

ROUTE = "/positionnement"


class TestState(AuthState):
    phase: str = "loading"  # loading · question · feedback · done · none
    dimension_title: str = ""
    run_label: str = ""
    position: int = 0
    situation: str = ""
    question: str = ""
    choices: list[str] = []
    correct: bool = False
    right_answer: str = ""
    complement: str = ""
    result: str = ""
    next_dimension: int = 0
    errors: dict[str, str] = {}
    _item_id: str = ""  # the question on screen, to spot a stale tab

    def _show_current(self, account_id: int) -> None:
        bank = content()
        with rx.session() as session:
            shown = assessment.current_question(session, account_id, bank, utcnow())
            session.commit()  # the clock of a newly shown question starts now
        if shown is None:
            self.phase, self._item_id = "none", ""
            return
        dimension = bank.dimension(shown.dimension)
        self.phase, self._item_id = "question", shown.item_id
        self.dimension_title = f"{dimension.number}. {dimension.name}"
        self.run_label = t("test.full_run", number=dimension.number) if shown.full_run else ""
        self.position = shown.position
        self.situation, self.question, self.choices = shown.situation, shown.question, list(shown.choices)
        self.errors = {}

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        self._show_current(account.id)

    def _begin(self, dimension: int, full_run: bool):
        account = self.current_account()
        if account is None:
            return self._login_redirect()
        number = dimension if isinstance(dimension, int) and not isinstance(dimension, bool) else 0
        outcome = transaction(assessment.start, account.id, number, content(), utcnow(), full_run)
        if outcome.ok:
            self.phase = "loading"
            return rx.redirect(ROUTE)

    @rx.event
    def start(self, dimension: int):
        """From the dashboard: start a dimension, or resume it when it is the one in progress."""
        return self._begin(dimension, False)

    @rx.event
    def start_full(self):
        """The full positioning: the 12 dimensions in turn, from the first."""
        return self._begin(1, True)

    @rx.event
    def validate(self, form_data: dict):
        account = self.current_account()
        if account is None:
            return self._login_redirect()
        picked = choice(form_data)
        if picked is None:
            self.errors = {"answer": t("error.choice_unknown")}
            return
        bank = content()
        outcome = transaction(assessment.answer, account.id, self._item_id, picked, bank, utcnow())
        if not outcome.ok:
            # A stale or replayed answer: show the screen as the server now has it, with why.
            self._show_current(account.id)
            self.errors = translated(outcome.errors)
            return
        feedback = outcome.value
        item = bank.items[self._item_id]
        self.phase, self.errors = "feedback", {}
        self.correct = feedback.correct
        self.right_answer = t("test.right_answer", answer=item.choices[feedback.right_choice])
        self.complement = feedback.complement
        finished = feedback.finished_level is not None
        self.result = t("test.done_level", level=bank.level_name(feedback.finished_level)) if finished else ""
        self.next_dimension = feedback.next_dimension or 0

    @rx.event
    def next_question(self):
        account = self.current_account()
        if account is None:
            return self._login_redirect()
        if self.result:
            self.phase = "done"
            return
        self._show_current(account.id)

    @rx.event
    def continue_full_run(self):
        account = self.current_account()
        if account is None:
            return self._login_redirect()
        self.result = ""
        self._show_current(account.id)
