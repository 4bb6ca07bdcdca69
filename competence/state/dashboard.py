"""Mon tableau de bord (/tableau-de-bord): radar, a card per dimension, progression."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import reflex as rx

from competence import charts
from competence.domain import progress
from competence.domain.content import content
from competence.i18n import format_date, t
from competence.state.auth import AuthState
from competence.state.handlers import read, with_account


@dataclass
class DimensionCard:
    name: str
    number: int
    description: str
    level: str
    assessed: bool
    date: str
    in_progress: bool


class DashboardState(AuthState):
    loaded: bool = False
    has_results: bool = False
    has_history: bool = False
    global_level: str = ""
    in_progress: int = 0
    cards: list[DimensionCard] = []
    radar: go.Figure = rx.field(default_factory=charts.empty)
    progression: go.Figure = rx.field(default_factory=charts.empty)

    @with_account
    def load(self, account):
        bank = content()
        state = read(progress.progress, account.id)
        self.in_progress = state.in_progress or 0
        self.has_results = bool(state.history)
        overall = state.global_level
        self.global_level = bank.level_name(overall) if overall else t("dashboard.global_none")
        self.cards = [self._card(bank, dimension.number, state) for dimension in bank.dimensions]
        self.radar = charts.radar(bank, {d: results[-1].level for d, results in state.history.items()},
                                  t("dashboard.radar_title"), t("chart.not_assessed_legend"))
        series = {
            bank.dimension(number).short(): [(r.at, r.level) for r in results]
            for number, results in sorted(state.history.items())
        }
        self.has_history = any(len(points) > 1 for points in series.values())
        self.progression = charts.progression(series, bank.levels(), format_date)
        self.loaded = True

    @staticmethod
    def _card(bank, number: int, state: progress.Progress) -> DimensionCard:
        dimension, result = bank.dimension(number), state.current(number)
        return DimensionCard(
            name=dimension.name(),
            number=number,
            description=dimension.description(),
            level=bank.level_name(result.level) if result else t("dashboard.not_assessed"),
            assessed=result is not None,
            date=t("dashboard.assessed_on", date=format_date(result.at), questions=result.questions) if result else "",
            in_progress=state.in_progress == number,
        )
