"""The positioning test's screen (/positionnement): one question, « Valider », the
feedback, « Suivant ». The test itself lives in the database; this state only shows it.

One answer, one transaction: « Valider » records the answer and puts the next question on
the attempt (its choices' order drawn); « Suivant » shows that question from this tab's
state without reaching the database, and its clock starts then (kept here, and written with
the answer, or by a reload)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import reflex as rx

from competence import routes
from competence.domain import assessment, progress
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.state.auth import AuthState
from competence.state.handlers import committed, read, transaction, with_account
from competence.state.question_screen import QuestionScreen
from competence.state.forms import translated


@dataclass
class RunLevel:
    """One line of the summary that ends a full positioning."""

    dimension: str
    level: str


class AssessmentState(QuestionScreen, AuthState):
    phase: str = "loading"  # loading · question · feedback · done · none
    dimension_title: str = ""
    run_label: str = ""
    position: int = 0
    result: str = ""  # « Ton niveau dans cette dimension : Compétent », once the test is over
    result_count: str = ""  # « D'après 9 questions : 6 bonnes réponses. »
    result_meaning: str = ""
    activate_href: str = ""
    next_dimension: int = 0
    _dimension: int = 0  # of the question on screen
    run_levels: list[RunLevel] = []  # the 12 dimensions, when a full positioning is over
    run_global: str = ""
    _shown: tuple = ()  # (attempt id, question id, when this tab showed it): the clock of the question on screen
    _following: assessment.Question | None = None  # the question « Suivant » shows, chosen by « Valider »

    def _show_current(self, account_id: int) -> None:
        """The question on screen as the database has it (a load, a reload, a refused answer).
        Its clock starts now, or when this tab first showed it."""
        bank = content()
        self._following = None
        shown = committed(assessment.current_question, account_id, bank, utcnow(), self._shown or None)
        if shown is None:
            self.phase, self._item_id, self._shown = "none", "", ()
            return
        self._put_on_screen(shown, shown.offered_at)

    def _put_on_screen(self, shown: assessment.Question, shown_at: datetime) -> None:
        bank = content()
        dimension, item = bank.dimension(shown.dimension), bank.items[shown.item_id]
        self.phase, self._item_id, self._order = "question", item.id, list(shown.order)
        self._shown = (shown.attempt_id, item.id, shown_at)
        self._dimension = dimension.number
        title = f"{dimension.number}. {dimension.name(self.language)}"
        run_label = self._t("test.full_run", number=dimension.number) if shown.full_run else ""
        if self.dimension_title != title:  # unchanged values stay out of the delta
            self.dimension_title = title
        if self.run_label != run_label:
            self.run_label = run_label
        self.position = shown.position
        self._show_question(item, self._order)

    @with_account
    def load(self, account):
        self._show_current(account.id)

    @with_account
    def start(self, account, dimension: int):
        """From the dashboard: start a dimension, or resume it when it is the one in progress."""
        number = routes.client_number(dimension) or 0
        if transaction(assessment.start, account.id, number, content(), utcnow()).ok:
            self.phase = "loading"
            return rx.redirect(routes.ASSESSMENT)

    @with_account
    def start_full(self, account, skip_assessed: bool):
        """The full positioning: the 12 dimensions in turn, or only those without a level yet."""
        if transaction(assessment.start_full, account.id, content(), utcnow(), skip_assessed is True).ok:
            self.phase = "loading"
            return rx.redirect(routes.ASSESSMENT)

    def _record(self, account, shown: int):
        return transaction(assessment.answer, account.id, self._item_id, shown, content(), utcnow(),
                           self._shown or None)

    def _refused(self, account, outcome) -> None:
        # A stale or replayed answer: show the screen as the server now has it, with why.
        self._show_current(account.id)
        self.errors = translated(outcome.errors, self.language, self._voice())

    def _answered(self, account, outcome) -> None:
        feedback = outcome.value
        self.phase = "feedback"
        self.result = ""
        self.next_dimension = feedback.next_dimension or 0
        self._following = feedback.next_question
        if feedback.finished_level is not None:
            self._show_result(account, feedback)

    def _show_result(self, account, feedback: assessment.Feedback) -> None:
        """What the level rests on, what it means, and where to go from there."""
        bank, level = content(), feedback.finished_level
        self.result = self._t("test.done_level", level=bank.level_name(level, self.language))
        self.result_count = self._t("test.done_count", asked=feedback.asked, right=feedback.right)
        self.result_meaning = bank.level_meaning(level, self.language)
        self.activate_href = routes.activate_dimension(self._dimension)
        self.run_levels, self.run_global = [], ""
        if feedback.run_over:
            state = read(progress.progress, account.id)
            self.run_levels = [
                RunLevel(f"{d.number}. {d.name(self.language)}",
                         bank.level_name(state.current(d.number).level, self.language) if state.current(d.number)
                         else self._t("dashboard.not_assessed"))
                for d in bank.dimensions
            ]
            overall = state.global_level
            self.run_global = bank.level_name(overall, self.language) if overall else self._t("dashboard.global_none")

    @with_account
    def next_question(self, account):
        if self.result:
            self.phase = "done"
            return
        following, self._following = self._following, None
        if following is not None and self.phase == "feedback":
            self._put_on_screen(following, utcnow())  # no database: the answer's transaction chose it
            return
        self._show_current(account.id)

    @with_account
    def continue_full_run(self, account):
        self.result = ""
        self._show_current(account.id)
