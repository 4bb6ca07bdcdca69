"""What every new tab (every connection) costs: its states start from cheap defaults. A chart
starts as the one shared empty figure (building or copying a plotly Figure takes milliseconds)
and handlers replace it whole."""

import reflex as rx
from sqlmodel import Session, SQLModel

from competence import charts
from competence import competence  # noqa: F401  (registers every state)
from competence.domain import sessions
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.state.dashboard import DashboardState
from competence.state.portrait import PortraitState
from competence.state.portrait_detail import DimensionState, LearnerState
from tests.unit.conftest import make_account
from tests.unit.states import call, state


def test_new_tabs_share_the_empty_figure():
    tabs = [rx.State(_reflex_internal_init=True) for _ in range(2)]
    for cls, names in ((DashboardState, ("radar", "progression")), (PortraitState, ("radar",)),
                       (DimensionState, ("spread", "trend")), (LearnerState, ("radar",))):
        for tab in tabs:
            substate = tab.get_substate(cls.get_full_name().split("."))
            for name in names:
                assert substate.__class__.__fields__[name]._get_raw(substate) is charts.empty()


def test_a_loaded_chart_replaces_the_empty_figure_and_leaves_it_empty():
    engine = rx.model.get_engine()
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        learner = make_account(session, server_keys(), "Élève Graphique", now=utcnow())
        token = sessions.open_session(session, learner, utcnow())
        session.commit()
    dashboard = state(DashboardState, token, "/tableau-de-bord")
    call(DashboardState.load.fn, dashboard)
    assert dashboard.loaded
    raw = DashboardState.__fields__["radar"]._get_raw(dashboard)
    assert raw is not charts.empty() and len(raw.data) > 0
    assert len(charts.empty().data) == 0 and not charts.empty().layout.polar.radialaxis.range
