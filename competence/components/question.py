"""A question as a learner answers it on a tablet (the positioning test and « Activer »):
the situation, the question, big choices, « Valider »; then the feedback with the
learner's own choice, the right one and the complément d'information."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import VarData

from competence.components.form import field_error
from competence.components.text import tr
from competence.state.auth import AuthState

# The browser's own speech synthesis (nothing leaves the device), in the page's language.
READ_ALOUD = """(() => {
  const synth = window.speechSynthesis;
  if (!synth) return;
  const lang = document.documentElement.lang === "en" ? "en-CA" : "fr-CA";
  const text = [...document.querySelectorAll(".situation, legend.question, .choices label")]
    .map((part) => part.innerText.trim()).join(". ");
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  const voices = synth.getVoices();
  utterance.voice = voices.find((v) => v.lang === lang) || voices.find((v) => v.lang.startsWith(lang.slice(0, 2))) || null;
  synth.cancel();
  synth.speak(utterance);
})()"""


class ReadEachQuestion(rx.Fragment):
    """Reads each new question aloud when the learner asked for it on this device."""

    question: rx.Var[str]

    def _exclude_props(self) -> list[str]:
        return ["question"]  # read by the hook, not a prop of the fragment

    def add_hooks(self) -> list[str | rx.Var]:
        wanted = AuthState.read_aloud
        return [rx.Var(
            f"useEffect(() => {{ if ({wanted!s} === \"1\" && {self.question!s}) {{ {READ_ALOUD}; }} }}, [{self.question!s}])",
            _var_data=VarData.merge(wanted._get_all_var_data(), self.question._get_all_var_data(),
                                    VarData(imports={"react": ["useEffect"]})),
        )]


def read_aloud_controls(question: rx.Var[str]) -> rx.Component:
    """« Lire à voix haute » now, and « Lire chaque question à voix haute » from now on."""
    return rx.el.div(
        rx.el.button(tr("read_aloud.button"), type="button", class_name="button", on_click=rx.call_script(READ_ALOUD)),
        rx.el.label(
            rx.el.input(type="checkbox", id="read-aloud-always", class_name="check-input",
                        checked=AuthState.read_aloud == "1",
                        on_change=AuthState.choose_read_aloud(AuthState.read_aloud != "1")),
            rx.el.span(tr("read_aloud.always")),
            html_for="read-aloud-always",
            class_name="check-label",
        ),
        ReadEachQuestion.create(question=question),
        class_name="actions read-aloud",
    )


def _choice(text: rx.Var[str], index: rx.Var[int]) -> rx.Component:
    choice_id = "choice-" + index.to(str)
    return rx.el.label(
        rx.el.input(type="radio", name="choice", value=index.to(str), id=choice_id, class_name="choice-input"),
        rx.el.span(text),
        html_for=choice_id,
        class_name="choice",
    )


def question_form(screen, on_submit, error_field: str) -> rx.Component:
    """`screen` is a state with the QuestionScreen mixin."""
    return rx.el.form(
        read_aloud_controls(screen.shown.question),
        rx.el.section(
            rx.el.h2(tr("test.situation"), class_name="eyebrow"),
            rx.el.p(screen.shown.situation, class_name="situation"),
            class_name="situation-box",
        ),
        rx.el.fieldset(
            rx.el.legend(screen.shown.question, class_name="question"),
            rx.el.div(rx.foreach(screen.shown.choices, _choice), class_name="choices"),
            field_error(error_field, screen.errors),
            class_name="field",
            aria_describedby=f"{error_field}-error",
        ),
        rx.el.button(tr("test.validate"), type="submit", class_name="button button-primary button-large"),
        on_submit=on_submit,
        reset_on_submit=True,
        class_name="form",
    )


def feedback(screen, *actions) -> rx.Component:
    verdict = screen.feedback
    return rx.el.section(
        rx.el.p(
            rx.cond(verdict.correct, tr("test.right"), tr("test.wrong")),
            class_name=rx.cond(verdict.correct, "verdict verdict-right", "verdict verdict-wrong"),
            role="status",
        ),
        rx.el.p(screen.shown.question, class_name="question-recall"),
        rx.cond(verdict.correct, rx.fragment(), rx.el.p(verdict.chosen, class_name="chosen-answer")),
        rx.el.p(verdict.right_answer, class_name="right-answer"),
        rx.el.h2(tr("test.complement")),
        rx.el.p(verdict.complement),
        rx.el.div(*actions, class_name="actions"),
        class_name="feedback",
        aria_live="polite",
    )
