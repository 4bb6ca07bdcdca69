"""The portrait's handlers called as a hostile client would: only the group's manager sees
its learners, their answers and its export; a crafted number finds nothing."""

import pytest
from sqlmodel import Session

from competence import competence  # noqa: F401  (registers every state)
from competence.domain import assessment, joining
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.state.manage_group import ManageGroupState as GroupState
from competence.state.portrait import SORT_KEYS, PortraitState
from competence.state.portrait_detail import DimensionState, LearnerState
from tests.unit.states import call, state


@pytest.fixture(scope="module")
def engine(app_engine):
    return app_engine


@pytest.mark.parametrize("caller", ["intruder", "learner", "anonymous"])
def test_portrait_handlers_give_nothing_to_anyone_but_the_manager(engine, world, caller):
    group_id = world["group"].id
    tabs = state(PortraitState, world[caller], f"/groupes/{group_id}")
    call(PortraitState.load.fn, tabs)
    assert tabs.learners == [] and tabs.dimensions == []
    exported = call(PortraitState.export_csv.fn, tabs)
    assert exported is None or "_redirect" in repr(exported)  # strangers are sent to login, never a file
    for cls, path in ((DimensionState, f"/groupes/{group_id}/dimensions/1"),
                      (LearnerState, f"/groupes/{group_id}/apprenants/{world['membership_id']}")):
        page = state(cls, world[caller], path)
        call(cls.load.fn, page)
        assert not page.found
    learner = state(LearnerState, world[caller], f"/groupes/{group_id}/apprenants/{world['membership_id']}")
    call(LearnerState.choose_dimension.fn, learner, "1")
    assert not learner.found and learner.answers == [] and learner.learner_name == ""


def test_the_manager_gets_the_portrait(world):
    group_id = world["group"].id
    tabs = state(PortraitState, world["teacher"], f"/groupes/{group_id}")
    call(PortraitState.load.fn, tabs)
    assert [row.name for row in tabs.learners] == ["Élève"] and len(tabs.dimensions) == 12
    assert "_download" in repr(call(PortraitState.export_csv.fn, tabs))
    page = state(LearnerState, world["teacher"], f"/groupes/{group_id}/apprenants/{world['membership_id']}")
    call(LearnerState.load.fn, page)
    assert page.found and page.learner_name == "Élève"


def test_a_learners_answers_can_be_read_one_dimension_at_a_time(engine, world):
    learner, bank = world["ids"]["learner"], content()
    with Session(engine) as session:
        for dimension in (1, 2):
            assessment.start(session, learner, dimension, bank, utcnow())
            question = assessment.current_question(session, learner, bank, utcnow())
            assessment.answer(session, learner, question.item_id, 0, bank, utcnow())
        session.commit()
    page = state(LearnerState, world["teacher"], f"/groupes/{world['group'].id}/apprenants/{world['membership_id']}")
    call(LearnerState.load.fn, page)
    assert sorted(row.dimension for row in page.answers) == ["1", "2"]  # newest first
    assert [option.value for option in page.answer_dimensions] == ["1", "2"]
    call(LearnerState.choose_dimension.fn, page, "2")
    assert [row.dimension for row in page.answers] == ["2"] and page.answer_dimension == "2"
    call(LearnerState.choose_dimension.fn, page, "")
    assert len(page.answers) == 2 and page.answer_dimension == ""


@pytest.mark.parametrize("caller", ["anonymous", "intruder", "outsider", "learner", "teacher"])
def test_sorting_the_portrait_gives_nothing_to_anyone_but_the_manager(world, caller):
    tabs = state(PortraitState, world[caller], f"/groupes/{world['group'].id}")
    for key in SORT_KEYS:
        call(PortraitState.sort_by.fn, tabs, key)
    assert [row.name for row in tabs.learners] == (["Élève"] if caller == "teacher" else [])


def test_sorting_the_portrait_asks_again_who_consents(engine, world):
    group = world["group"]
    tabs = state(PortraitState, world["teacher"], f"/groupes/{group.id}")
    call(PortraitState.load.fn, tabs)
    assert [row.name for row in tabs.learners] == ["Élève"]
    with Session(engine) as session:
        joining.leave(session, world["ids"]["learner"], group.id, utcnow())
        session.commit()
    call(PortraitState.sort_by.fn, tabs, "level")
    assert tabs.learners == []


@pytest.mark.parametrize("number", ["²", "99999999999999999999", "9" * 5000])
def test_a_crafted_number_in_the_path_finds_nothing(world, number):
    page = state(GroupState, world["teacher"], f"/groupes/{number}")
    call(GroupState.load.fn, page)
    tabs = state(PortraitState, world["teacher"], f"/groupes/{number}")
    call(PortraitState.load.fn, tabs)
    detail = state(LearnerState, world["teacher"], f"/groupes/{world['group'].id}/apprenants/{number}")
    call(LearnerState.load.fn, detail)
    assert (page.found, tabs.learners, detail.found) == (False, [], False)
