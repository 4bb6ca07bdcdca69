"""The lean answer path: a tab keeps its caller's account for a second or two and no more,
« Valider » is one transaction, « Suivant » reaches no database, and the server still times
every answer, refuses what was not shown, and loses nothing it acknowledged."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from competence import competence  # noqa: F401  (registers every state)
from competence.domain import assessment
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.models import Answer, Attempt
from competence.state import auth
from competence.state.assessment import AssessmentState
from tests.unit.conftest import answers
from tests.unit.states import call


@pytest.fixture(scope="module")
def engine(app_engine):
    return app_engine


def test_an_answer_is_one_transaction_and_suivant_none(engine, test_tab, statements, clock):
    tab, learner, token = test_tab
    clock[0] += auth.CALLER_CACHE_SECONDS + 0.1  # a learner thinks longer than the cache lives
    statements.clear()
    call(AssessmentState.validate.fn, tab, {"choice": "1"})
    writes = [kind for s in statements if (kind := s.split()[0].upper()) in ("INSERT", "UPDATE", "DELETE")]
    assert writes == ["INSERT", "UPDATE"]  # the answer, then the next question on the attempt
    statements.clear()
    call(AssessmentState.next_question.fn, tab)
    assert statements == [] and tab.phase == "question" and tab.position == 2
    with Session(engine) as session:
        attempt = session.exec(select(Attempt).where(Attempt.account_id == learner)).one()
        assert attempt.current_item_id == tab._item_id and attempt.current_order == "".join(map(str, tab._order))
        assert attempt.current_offered_at is None  # shown by this tab only; its clock is in the tab


def test_suivant_starts_the_clock_of_the_next_question(engine, test_tab, monkeypatch):
    tab, learner, token = test_tab
    call(AssessmentState.validate.fn, tab, {"choice": "0"})
    later = utcnow() + timedelta(minutes=3)  # the learner reads the feedback for three minutes
    monkeypatch.setattr("competence.state.assessment.utcnow", lambda: later)
    call(AssessmentState.next_question.fn, tab)
    monkeypatch.setattr("competence.state.assessment.utcnow", lambda: later + timedelta(seconds=25))
    call(AssessmentState.validate.fn, tab, {"choice": "0"})
    second = answers(engine, learner)[1]
    assert abs(second.seconds - 25) < 1  # from « Suivant », not from the feedback


def test_a_reload_keeps_the_clock_and_the_order(engine, test_tab, monkeypatch):
    tab, learner, token = test_tab
    call(AssessmentState.validate.fn, tab, {"choice": "0"})
    call(AssessmentState.next_question.fn, tab)
    shown_at, item, order = tab._shown[2], tab._item_id, list(tab._order)
    monkeypatch.setattr("competence.state.assessment.utcnow", lambda: shown_at + timedelta(minutes=2))
    call(AssessmentState.load.fn, tab)  # the page reloaded two minutes later
    assert (tab._item_id, tab._order) == (item, order)
    with Session(engine) as session:
        attempt = session.exec(select(Attempt).where(Attempt.account_id == learner)).one()
        assert attempt.current_offered_at == shown_at  # not restarted by the reload


def test_a_question_nobody_showed_cannot_be_answered(engine, test_tab):
    tab, learner, token = test_tab
    call(AssessmentState.validate.fn, tab, {"choice": "0"})  # the next question is chosen, not shown
    with Session(engine) as session:
        attempt = session.exec(select(Attempt).where(Attempt.account_id == learner)).one()
        refused = assessment.answer(session, learner, attempt.current_item_id, 0, content(), utcnow())
    assert refused.errors == {"answer": "error.question_not_offered"}
    assert len(answers(engine, learner)) == 1


def test_a_tab_showing_another_attempts_question_is_refused(engine, test_tab):
    tab, learner, token = test_tab
    first = tab._shown
    with Session(engine) as session:  # another tab restarts the same dimension: a new attempt
        attempt = session.exec(select(Attempt).where(Attempt.account_id == learner)).one()
        attempt.finished_at = utcnow()
        session.add(attempt)
        session.commit()
        assessment.start(session, learner, 1, content(), utcnow())
        session.commit()
    shown = (first[0], first[1], first[2])
    with Session(engine) as session:
        again = session.exec(select(Attempt).where(Attempt.account_id == learner, Attempt.finished_at.is_(None))).one()
        refused = assessment.answer(session, learner, again.current_item_id, 0, content(), utcnow(),
                                    (first[0], again.current_item_id, shown[2]))
    assert refused.errors == {"answer": "error.question_not_offered"}
    assert answers(engine, learner) == []


def test_the_same_answer_twice_at_once_is_stored_once(engine, test_tab):
    tab, learner, token = test_tab
    with Session(engine) as session:  # the other copy of the answer got in first, then this one
        attempt = session.exec(select(Attempt).where(Attempt.account_id == learner)).one()
        session.add(Answer(attempt_id=attempt.id, position=1, item_id=attempt.current_item_id, difficulty=1,
                           choice=0, correct=False, seconds=3.0, answered_at=utcnow()))
        session.commit()
    call(AssessmentState.validate.fn, tab, {"choice": "0"})
    assert tab.errors and tab.phase == "question"
    assert len(answers(engine, learner)) == 1
    with Session(engine) as session:
        attempt = session.exec(select(Attempt).where(Attempt.account_id == learner)).one()
        assert attempt.current_item_id == tab._item_id  # the attempt did not move on


def test_every_acknowledged_answer_is_stored_through_a_whole_test(engine, test_tab):
    tab, learner, token = test_tab
    acknowledged = 0
    while tab.phase == "question":
        call(AssessmentState.validate.fn, tab, {"choice": str(acknowledged % 3)})
        assert tab.phase == "feedback"
        acknowledged += 1
        call(AssessmentState.next_question.fn, tab)
    assert tab.phase == "done" and tab.result
    stored = answers(engine, learner)
    assert len(stored) == acknowledged and [a.position for a in stored] == list(range(1, acknowledged + 1))
    with Session(engine) as session:
        attempt = session.exec(select(Attempt).where(Attempt.account_id == learner)).one()
        assert attempt.finished_at is not None and attempt.level is not None
