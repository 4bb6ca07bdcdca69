"""The figures as a person reads them: one tick per day, labels that fit, a single result
that reads as a point."""

from datetime import datetime, timedelta, timezone

from competence import charts
from competence.domain.content import content
from competence.i18n import format_day

LEVELS = content().levels("fr")
MORNING = datetime(2026, 3, 9, 13, 0, tzinfo=timezone.utc)


def day(at: datetime) -> str:
    return format_day(at, "fr")


def test_two_tests_on_one_day_give_one_tick():
    series = {"Éthique": [(MORNING, 2), (MORNING + timedelta(hours=2), 3)],
              "Apprentissage": [(MORNING + timedelta(days=7), 4)]}
    axis = charts.progression(series, LEVELS, day).layout.xaxis
    assert list(axis.ticktext) == [day(MORNING), day(MORNING + timedelta(days=7))]


def test_week_labels_are_written_on_two_lines_and_hovers_stay_whole():
    week = "Semaine du 30 novembre 2026"
    figure = charts.trend([week], [3.4], [f"{week} : Compétent"], LEVELS)
    label = figure.data[0].x[0]
    assert label.replace("<br>", " ") == week and label.count("<br>") == 1
    assert figure.data[0].hovertext[0] == f"{week} : Compétent"


def test_one_result_is_a_point_drawn_over_the_level_names():
    bank = content()
    figure = charts.radar(bank, {1: 3}, "Mon niveau", "En gris : dimensions pas encore évaluées")
    grid, names, result = figure.data
    assert len(result.x) == 1 and result.fill is None
    assert tuple(names.text) == LEVELS  # drawn before the result: a name never hides a point
    slanted = [a.text for a in figure.layout.annotations if a.text.startswith("<i>")]
    assert len(slanted) == 11 + 1 and "<i>En gris : dimensions pas encore évaluées</i>" in slanted  # and why
