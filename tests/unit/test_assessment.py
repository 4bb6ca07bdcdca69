from datetime import timedelta

import pytest
from sqlmodel import func, select

from competence.domain import assessment, progress
from competence.domain.content import content
from competence.models import ActivityCompletion, Answer, Attempt
from tests.unit.conftest import NOW
from tests.unit.conftest import make_account

BANK = content()


@pytest.fixture
def learner(session, keys):
    return make_account(session, keys, "Nhiem")


def count(session, model):
    return session.exec(select(func.count()).select_from(model)).one()


def take(session, learner, knows_up_to, now=NOW):
    """Answer until the attempt ends, as a learner who knows the questions up to a level."""
    feedback = None
    while (question := assessment.current_question(session, learner, BANK, now)) is not None:
        item = BANK.items[question.item_id]
        choice = item.answer if item.level <= knows_up_to else (item.answer + 1) % item.choice_count
        now += timedelta(seconds=20)
        feedback = assessment.answer(session, learner, question.item_id, question.order.index(choice), BANK, now).value
        if feedback.finished_level is not None:
            return feedback
    return feedback


def test_a_test_resumes_at_the_same_question_and_is_timed_by_the_server(session, learner):
    assessment.start(session, learner, 1, BANK, NOW)
    shown = assessment.current_question(session, learner, BANK, NOW)
    assert shown.position == 1 and shown.dimension == 1
    assert not hasattr(shown, "answer")  # the screen never carries the answer
    again = assessment.current_question(session, learner, BANK, NOW + timedelta(minutes=5))  # a reload
    assert (again.item_id, again.order) == (shown.item_id, shown.order)  # the same choices, in the same order
    item = BANK.items[shown.item_id]
    shown_right = shown.order.index(item.answer)
    feedback = assessment.answer(session, learner, shown.item_id, shown_right, BANK, NOW + timedelta(seconds=42))
    assert feedback.value.correct and feedback.value.picked == item.answer and feedback.value.finished_level is None
    row = session.exec(select(Answer)).one()
    assert (row.seconds, row.correct, row.position, row.choice) == (42.0, True, 1, item.answer)
    assert assessment.current_question(session, learner, BANK, NOW).position == 2


def test_choices_are_shuffled_per_question_and_mapped_back_on_the_server(session, learner):
    orders = set()
    for dimension in range(1, 13):
        assessment.start(session, learner, dimension, BANK, NOW)
        shown = assessment.current_question(session, learner, BANK, NOW)
        assert sorted(shown.order) == list(range(BANK.items[shown.item_id].choice_count))
        orders.add(shown.order)
    assert len(orders) > 3  # 24 orders of four choices: twelve draws are rarely this alike


def test_refused_answers_change_nothing(session, learner):
    assessment.start(session, learner, 2, BANK, NOW)
    shown = assessment.current_question(session, learner, BANK, NOW)
    other = next(q for q in BANK.dimension(2).questions if q.id != shown.item_id)
    cases = [
        (other.id, 0, "error.question_not_offered"),
        ("d99-q01", 0, "error.question_not_offered"),
        (shown.item_id, 9, "error.choice_unknown"),
        (shown.item_id, -1, "error.choice_unknown"),
        (shown.item_id, "1", "error.choice_unknown"),
        (shown.item_id, True, "error.choice_unknown"),
    ]
    for item_id, choice, error in cases:
        assert assessment.answer(session, learner, item_id, choice, BANK, NOW).errors == {"answer": error}
    assert count(session, Answer) == 0
    assert assessment.answer(session, learner, shown.item_id, 0, BANK, NOW).ok
    # The same question a second time: it is no longer the one offered.
    assert assessment.answer(session, learner, shown.item_id, 0, BANK, NOW).errors == {
        "answer": "error.question_not_offered"
    }
    assert count(session, Answer) == 1


def test_an_unshown_question_cannot_be_answered(session, learner):
    assessment.start(session, learner, 3, BANK, NOW)
    attempt = session.exec(select(Attempt)).one()
    assert assessment.answer(session, learner, attempt.current_item_id, 0, BANK, NOW).errors == {
        "answer": "error.question_not_offered"
    }


def test_the_attempt_ends_with_a_level_and_keeps_the_content_version(session, learner):
    assessment.start(session, learner, 4, BANK, NOW)
    feedback = take(session, learner, knows_up_to=3)
    attempt = session.exec(select(Attempt)).one()
    assert feedback.finished_level == attempt.level == 3
    assert attempt.content_version == BANK.version and attempt.audience == "secondaire"
    assert assessment.current_question(session, learner, BANK, NOW) is None
    assert assessment.answer(session, learner, "d04-q01", 0, BANK, NOW).errors == {"answer": "error.attempt_over"}


def test_full_positioning_goes_through_the_dimensions_in_turn(session, learner):
    assessment.start(session, learner, 1, BANK, NOW)
    take(session, learner, knows_up_to=2)
    assessment.start_full(session, learner, BANK, NOW, skip_assessed=False)
    first = take(session, learner, knows_up_to=2)
    assert first.next_dimension == 2 and not first.run_over
    assert assessment.current_question(session, learner, BANK, NOW).dimension == 2


def test_full_positioning_can_pass_over_the_dimensions_already_assessed(session, learner):
    """Before: « Faire le positionnement complet » redid dimension 1 and overwrote its level."""
    for dimension in (1, 3, 12):
        assessment.start(session, learner, dimension, BANK, NOW)
        take(session, learner, knows_up_to=4)
    assessment.start_full(session, learner, BANK, NOW, skip_assessed=True)
    taken = []
    while (question := assessment.current_question(session, learner, BANK, NOW)) is not None:
        taken.append(question.dimension)
        feedback = take(session, learner, knows_up_to=1)
    assert taken == [2, 4, 5, 6, 7, 8, 9, 10, 11] and feedback.run_over and feedback.next_dimension is None
    levels = {d: progress.progress(session, learner).current(d).level for d in (1, 3, 12)}
    assert levels == {1: 4, 3: 4, 12: 4}  # untouched
    assert assessment.start_full(session, learner, BANK, NOW, skip_assessed=True).errors == {"form": "error.all_assessed"}


def test_the_result_says_what_the_level_rests_on(session, learner):
    assessment.start(session, learner, 4, BANK, NOW)
    feedback = take(session, learner, knows_up_to=3)
    rows = session.exec(select(Answer.correct)).all()
    assert (feedback.asked, feedback.right) == (len(rows), sum(rows)) and 0 < feedback.right < feedback.asked
    assert not feedback.run_over


def test_starting_another_dimension_abandons_the_open_one(session, learner):
    assessment.start(session, learner, 5, BANK, NOW)
    assert assessment.start(session, learner, 5, BANK, NOW).value == session.exec(select(Attempt.id)).one()
    assessment.start(session, learner, 6, BANK, NOW)
    attempts = session.exec(select(Attempt).order_by(Attempt.id)).all()
    assert [(a.dimension, a.level, a.finished_at is not None) for a in attempts] == [(5, None, True), (6, None, False)]
    assert assessment.start(session, learner, 13, BANK, NOW).errors


def test_progress_history_global_level_and_retake(session, learner):
    assessment.start(session, learner, 1, BANK, NOW)
    take(session, learner, knows_up_to=1)
    assessment.start(session, learner, 1, BANK, NOW + timedelta(days=30))
    take(session, learner, knows_up_to=3, now=NOW + timedelta(days=30))
    assessment.start(session, learner, 2, BANK, NOW)
    take(session, learner, knows_up_to=4)
    state = progress.progress(session, learner)
    assert [r.level for r in state.history[1]] == [1, 3]
    assert state.current(1).level == 3 and state.current(2).level == 4
    assert state.global_level == 4  # mean 3.5 rounds up
    assert progress.recommended_dimensions(BANK, state)[:3] == [1, 2, 3]


def test_global_level_rounding():
    assert progress.global_level([]) is None
    assert progress.global_level([1, 2]) == 2
    assert progress.global_level([2, 2, 3]) == 2
    assert progress.global_level([5]) == 5


def test_activities_are_recorded_for_the_persons_audience_only(session, learner):
    activity = next(a for a in BANK.dimension(1).activities if "secondaire" in a.audiences)
    outcome = progress.complete_activity(session, learner, "secondaire", activity.id, activity.answer, BANK, NOW)
    assert outcome.value.correct
    assert progress.completed(session, learner) == {activity.id}
    primary_only = [a for d in BANK.dimensions for a in d.activities if a.audiences == {"primaire"}]
    if primary_only:
        assert progress.complete_activity(session, learner, "secondaire", primary_only[0].id, 0, BANK, NOW).errors
    assert progress.complete_activity(session, learner, "secondaire", "d01-q01", 0, BANK, NOW).errors  # a question
    assert progress.complete_activity(session, learner, "secondaire", activity.id, 7, BANK, NOW).errors
    assert count(session, ActivityCompletion) == 1


def test_a_retake_asks_other_questions_first_and_a_level_says_what_it_rests_on(session, learner):
    asked = []
    for days in (0, 30):
        assessment.start(session, learner, 7, BANK, NOW + timedelta(days=days))
        take(session, learner, knows_up_to=3, now=NOW + timedelta(days=days))
        attempt = session.exec(select(Attempt).order_by(Attempt.id.desc())).first()
        asked.append({row.item_id for row in session.exec(select(Answer).where(Answer.attempt_id == attempt.id))})
    assert len(asked[0] & asked[1]) <= 2  # 25 questions in the pool: the second test asks others
    results = progress.progress(session, learner).history[7]
    assert [r.questions for r in results] == [len(asked[0]), len(asked[1])]


def test_a_primary_pupil_who_knows_everything_is_rated_expert(session, keys):
    from competence.models import Account

    pupil = make_account(session, keys, "Élève du primaire")
    session.get(Account, pupil).school_level = "primaire_3"
    session.flush()
    assessment.start(session, pupil, 9, BANK, NOW)
    assert take(session, pupil, knows_up_to=5).finished_level == 5
    assert session.exec(select(Attempt).where(Attempt.account_id == pupil)).one().audience == "primaire"


def test_with_the_time_accommodation_answer_times_do_not_count(session, keys):
    from competence.domain import group_management, groups, joining
    from competence.models import Membership

    teacher = make_account(session, keys, "Prof", "teacher")
    code = groups.create_group(session, teacher, "teacher", "Groupe", NOW).value
    levels = {}
    for name, untimed in (("Rapide", False), ("Accommodé", True)):
        pupil = make_account(session, keys, name)
        joining.join(session, keys, pupil, code.code, "ip", NOW)
        membership = session.exec(select(Membership).where(Membership.account_id == pupil)).one()
        assert group_management.set_accommodation(session, teacher, code.id, membership.id, "untimed", untimed).ok
        assessment.start(session, pupil, 2, BANK, NOW)
        now = NOW
        while (question := assessment.current_question(session, pupil, BANK, now)) is not None:
            now += timedelta(seconds=1)  # every answer right, in one second: fast clicks, or a quick reader
            item = BANK.items[question.item_id]
            assessment.answer(session, pupil, question.item_id, question.order.index(item.answer), BANK, now)
        attempt = session.exec(select(Attempt).where(Attempt.account_id == pupil)).one()
        asked = session.exec(select(func.count()).select_from(Answer).where(Answer.attempt_id == attempt.id)).one()
        levels[name] = (attempt.timed, attempt.level, asked)
    # Fast right answers count in full for the accommodated pupil: the level settles sooner.
    assert levels["Accommodé"][:2] == (False, 5) and levels["Rapide"][:2] == (True, 5)
    assert levels["Accommodé"][2] < levels["Rapide"][2]
