"""What the question screens share (the positioning test and « Activer »): the question on
screen, the learner's answer, the feedback. The choices are shown in `order` (display
position -> index in the bank); the right answer is never on the client before the answer."""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from competence.domain.content import Item, content
from competence.domain.outcome import Outcome
from competence.state.forms import choice, translated
from competence.state.handlers import with_account


@dataclass
class QuestionView:
    situation: str = ""
    question: str = ""
    choices: list[str] = field(default_factory=list)


@dataclass
class FeedbackView:
    correct: bool = False
    chosen: str = ""  # the learner's own choice, kept beside the right one
    right_answer: str = ""
    complement: str = ""


class QuestionScreen(rx.State, mixin=True):
    """A screen that shows one item at a time. The state using it says which item is on
    screen (`_item_id`, `_order`), how an answer is recorded (`_record`) and what follows."""

    shown: QuestionView = QuestionView()
    feedback: FeedbackView = FeedbackView()
    errors: dict[str, str] = {}
    _item_id: str = ""
    _order: list[int] = []
    _error_field: str = "answer"

    def _record(self, account, shown: int) -> Outcome:
        """Save the answer (the choice at position `shown` on screen); the outcome's value says
        if it was right (`correct`) and which of the bank's choices it was (`picked`)."""
        raise NotImplementedError

    def _answered(self, account, outcome: Outcome) -> None:
        """After a recorded answer, with its feedback already shown."""

    def _refused(self, account, outcome: Outcome) -> None:
        self.errors = translated(outcome.errors, self.language, self._voice())

    @with_account
    def validate(self, account, form_data: dict):
        shown = self._shown_choice(form_data)
        if shown is None:
            return
        outcome = self._record(account, shown)
        if not outcome.ok:
            self._refused(account, outcome)
            return
        self._show_feedback(content().items[self._item_id], outcome.value.picked, outcome.value.correct)
        self._answered(account, outcome)

    def _show_question(self, item: Item, order: list[int]) -> None:
        words = item.wording(self.language)
        self.shown = QuestionView(words.situation, words.question, [words.choices[i] for i in order])
        self._clear_errors()

    def _shown_choice(self, form_data: dict) -> int | None:
        """The position on screen of the ticked choice, or None (with the message next to the choices)."""
        shown = choice(form_data)
        if shown is None or shown >= len(self._order):
            self.errors = {self._error_field: self._t("error.choice_unknown")}
            return None
        return shown

    def _show_feedback(self, item: Item, picked: int, correct: bool) -> None:
        words = item.wording(self.language)
        self.feedback = FeedbackView(
            correct=correct,
            chosen=self._t("test.your_answer", answer=words.choices[picked]),
            right_answer=self._t("test.right_answer", answer=words.choices[item.answer]),
            complement=words.complement,
        )
        self._clear_errors()

    def _clear_errors(self) -> None:
        if self.errors:  # an unchanged value stays out of the update sent to the browser
            self.errors = {}
