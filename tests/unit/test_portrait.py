"""Portrait aggregates on small hand-made data."""

from datetime import datetime, timedelta, timezone

import pytest

from competence.domain import groups, joining, portrait
from competence.models import ActivityCompletion, Answer, Attempt
from tests.unit.conftest import NOW
from tests.unit.conftest import make_account


def result(session, account_id, dimension, level, at, answers=1):
    attempt = Attempt(account_id=account_id, dimension=dimension, audience="secondaire", content_version="v",
                      started_at=at, finished_at=at, level=level)
    session.add(attempt)
    session.flush()
    for n in range(answers):
        session.add(Answer(attempt_id=attempt.id, position=n + 1, item_id=f"d{dimension:02d}-q{n + 1:02d}",
                           difficulty=level, choice=0, correct=True, seconds=10, answered_at=at))
    session.flush()


@pytest.fixture
def group(session, keys):
    teacher = make_account(session, keys, "Prof", "teacher")
    made = groups.create_group(session, teacher, "teacher", "Groupe", NOW).value
    people = {}
    for name in ("Béa", "Alex", "Chloé", "Dany"):
        people[name] = make_account(session, keys, name)
        if name != "Dany":  # Dany never joins
            joining.join(session, keys, people[name], made.code, "ip", NOW)
    return teacher, made.id, people


def test_empty_group_has_no_rows_and_no_means(session, keys):
    teacher = make_account(session, keys, "Prof", "teacher")
    group_id = groups.create_group(session, teacher, "teacher", "Vide", NOW).value.id
    assert portrait.learners(session, keys, teacher, group_id) == []
    rows = portrait.dimensions(session, teacher, group_id)
    assert len(rows) == 12 and all(r.mean is None and r.level is None and r.assessed == 0 for r in rows)


def test_learners_tab(session, keys, group):
    teacher, group_id, people = group
    result(session, people["Béa"], 1, 2, NOW - timedelta(days=20))
    result(session, people["Béa"], 1, 4, NOW - timedelta(days=2))  # the retake is the current level
    result(session, people["Béa"], 2, 3, NOW - timedelta(days=5))
    result(session, people["Alex"], 1, 1, NOW - timedelta(days=9))
    session.add(ActivityCompletion(account_id=people["Alex"], item_id="d01-a01", dimension=1, correct=True,
                                   content_version="v", completed_at=NOW - timedelta(days=1)))
    result(session, people["Dany"], 1, 5, NOW)  # not a member: never counted
    rows = {row.name: row for row in portrait.learners(session, keys, teacher, group_id)}
    assert set(rows) == {"Béa", "Alex", "Chloé"}
    assert (rows["Béa"].global_level, rows["Béa"].assessed, rows["Béa"].levels) == (4, 2, {1: 4, 2: 3})  # 3.5 -> 4
    assert rows["Béa"].last_activity == NOW - timedelta(days=2)
    assert rows["Alex"].last_activity == NOW - timedelta(days=1)  # the activity is more recent than the test
    assert (rows["Chloé"].global_level, rows["Chloé"].assessed, rows["Chloé"].last_activity) == (None, 0, None)


def test_dimensions_tab_means_and_ties(session, keys, group):
    teacher, group_id, people = group
    result(session, people["Béa"], 1, 3, NOW)
    result(session, people["Alex"], 1, 2, NOW)  # mean 2.5: a tie rounds up to Compétent
    result(session, people["Béa"], 2, 1, NOW)
    result(session, people["Alex"], 2, 1, NOW)
    result(session, people["Chloé"], 2, 2, NOW)  # mean 1.33 -> Novice
    rows = portrait.dimensions(session, teacher, group_id)
    assert (rows[0].mean, rows[0].level, rows[0].assessed) == (2.5, 3, 2)
    assert (rows[1].level, rows[1].assessed) == (1, 3)
    assert rows[2].level is None


def test_leaving_removes_a_learner_from_every_figure(session, keys, group):
    teacher, group_id, people = group
    result(session, people["Béa"], 1, 5, NOW)
    result(session, people["Alex"], 1, 1, NOW)
    joining.leave(session, people["Béa"], group_id, NOW)
    assert {r.name for r in portrait.learners(session, keys, teacher, group_id)} == {"Alex", "Chloé"}
    assert portrait.dimensions(session, teacher, group_id)[0].level == 1
    detail = portrait.dimension_detail(session, keys, teacher, group_id, 1)
    assert detail.spread[5] == [] and detail.spread[1] == ["Alex"]


def test_dimension_detail_spread_and_weekly_trend(session, keys, group):
    teacher, group_id, people = group
    monday = datetime(2026, 11, 2, 9, tzinfo=timezone.utc)
    result(session, people["Béa"], 3, 1, monday)
    result(session, people["Alex"], 3, 2, monday + timedelta(days=2))
    result(session, people["Béa"], 3, 4, monday + timedelta(days=14))
    detail = portrait.dimension_detail(session, keys, teacher, group_id, 3)
    assert detail.spread == {1: [], 2: ["Alex"], 3: [], 4: ["Béa"], 5: []}
    # Each week: the group's mean of every learner's latest level so far (Béa's 4 beside Alex's 2),
    # so that the last point is the mean the Dimensions tab shows.
    assert [(week.day, mean) for week, mean in detail.weekly] == [(2, 1.5), (16, 3.0)]
    assert next(row for row in portrait.dimensions(session, teacher, group_id) if row.dimension == 3).mean == 3.0


def test_learner_detail_shows_levels_and_answers(session, keys, group):
    teacher, group_id, people = group
    result(session, people["Béa"], 1, 2, NOW - timedelta(days=3), answers=2)
    [row] = [r for r in portrait.learners(session, keys, teacher, group_id) if r.name == "Béa"]
    detail = portrait.learner_detail(session, keys, teacher, group_id, row.membership_id)
    assert detail.name == "Béa" and detail.levels[1][0] == 2 and len(detail.answers) == 2


def test_nobody_but_the_manager_gets_anything(session, keys, group):
    teacher, group_id, people = group
    other_teacher = make_account(session, keys, "Autre", "teacher")
    [row] = [r for r in portrait.learners(session, keys, teacher, group_id) if r.name == "Béa"]
    for caller in (other_teacher, people["Béa"], people["Dany"]):
        assert portrait.learners(session, keys, caller, group_id) is None
        assert portrait.dimensions(session, caller, group_id) is None
        assert portrait.dimension_detail(session, keys, caller, group_id, 1) is None
        assert portrait.learner_detail(session, keys, caller, group_id, row.membership_id) is None
    # A membership of another group, asked through this group's page: nothing.
    other_group = groups.create_group(session, other_teacher, "teacher", "Autre", NOW).value
    joining.join(session, keys, people["Dany"], other_group.code, "ip", NOW)
    foreign = [r for r in portrait.learners(session, keys, other_teacher, other_group.id)][0].membership_id
    assert portrait.learner_detail(session, keys, teacher, group_id, foreign) is None
