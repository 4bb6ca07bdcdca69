"""The positioning test's screen (/positionnement): one question, « Valider », the
feedback, « Suivant ». The test itself lives in the database; this state only shows it."""

from __future__ import annotations

import reflex as rx

from competence import routes
from competence.domain import assessment
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.state.auth import AuthState
from competence.state.handlers import committed, with_account, transaction
from competence.state.question_screen import QuestionScreen
from competence.state.forms import translated


class AssessmentState(QuestionScreen, AuthState):
    phase: str = "loading"  # loading · question · feedback · done · none
    dimension_title: str = ""
    run_label: str = ""
    position: int = 0
    result: str = ""
    next_dimension: int = 0

    def _show_current(self, account_id: int) -> None:
        bank = content()
        shown = committed(assessment.current_question, account_id, bank, utcnow())  # its clock starts now
        if shown is None:
            self.phase, self._item_id = "none", ""
            return
        dimension, item = bank.dimension(shown.dimension), bank.items[shown.item_id]
        self.phase, self._item_id, self._order = "question", item.id, list(shown.order)
        self.dimension_title = f"{dimension.number}. {dimension.name(self.language)}"
        self.run_label = self._t("test.full_run", number=dimension.number) if shown.full_run else ""
        self.position = shown.position
        self._show_question(item, self._order)

    @with_account
    def load(self, account):
        self._show_current(account.id)

    def _begin(self, account, dimension, full_run: bool):
        number = dimension if isinstance(dimension, int) and not isinstance(dimension, bool) else 0
        if transaction(assessment.start, account.id, number, content(), utcnow(), full_run).ok:
            self.phase = "loading"
            return rx.redirect(routes.ASSESSMENT)

    @with_account
    def start(self, account, dimension: int):
        """From the dashboard: start a dimension, or resume it when it is the one in progress."""
        return self._begin(account, dimension, False)

    @with_account
    def start_full(self, account):
        """The full positioning: the 12 dimensions in turn, from the first."""
        return self._begin(account, 1, True)

    def _record(self, account, shown: int):
        return transaction(assessment.answer, account.id, self._item_id, shown, content(), utcnow())

    def _refused(self, account, outcome) -> None:
        # A stale or replayed answer: show the screen as the server now has it, with why.
        self._show_current(account.id)
        self.errors = translated(outcome.errors, self.language, self._voice())

    def _answered(self, account, outcome) -> None:
        feedback = outcome.value
        self.phase = "feedback"
        finished = feedback.finished_level is not None
        self.result = self._t("test.done_level", level=content().level_name(feedback.finished_level, self.language)) if finished else ""
        self.next_dimension = feedback.next_dimension or 0

    @with_account
    def next_question(self, account):
        if self.result:
            self.phase = "done"
            return
        self._show_current(account.id)

    @with_account
    def continue_full_run(self, account):
        self.result = ""
        self._show_current(account.id)
