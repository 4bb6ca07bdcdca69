"""What every new tab (every connection) costs: its states start from cheap defaults. A chart
starts as the one shared empty figure (building or copying a plotly Figure takes milliseconds)
and handlers replace it whole."""

import reflex as rx

from competence import charts
from competence import competence  # noqa: F401  (registers every state)
from competence.state.dashboard import DashboardState
from competence.state.portrait import PortraitState
from competence.state.portrait_detail import DimensionState, LearnerState
from tests.unit.conftest import learner_token
from tests.unit.states import call, state


def test_new_tabs_share_the_empty_figure():
    tabs = [rx.State(_reflex_internal_init=True) for _ in range(2)]
    for cls, names in ((DashboardState, ("radar", "progression")), (PortraitState, ("radar",)),
                       (DimensionState, ("spread", "trend")), (LearnerState, ("radar",))):
        for tab in tabs:
            substate = tab.get_substate(cls.get_full_name().split("."))
            for name in names:
                assert substate.__class__.__fields__[name]._get_raw(substate) is charts.empty()


def test_a_loaded_chart_replaces_the_empty_figure_and_leaves_it_empty(app_engine):
    _, token = learner_token(app_engine, "Élève Graphique")
    dashboard = state(DashboardState, token, "/tableau-de-bord")
    call(DashboardState.load.fn, dashboard)
    assert dashboard.loaded
    raw = DashboardState.__fields__["radar"]._get_raw(dashboard)
    assert raw is not charts.empty() and len(raw.data) > 0
    assert len(charts.empty().data) == 0 and not charts.empty().layout.polar.radialaxis.range
