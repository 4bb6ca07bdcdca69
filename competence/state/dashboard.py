"""Mon tableau de bord (/tableau-de-bord): radar, a card per dimension, progression."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import reflex as rx

from competence import charts
from competence.domain import progress
from competence.domain.content import content
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
    assessed_count: int = 0
    full_run_question: str = ""  # « Tu as déjà un niveau dans 3 dimensions… », before a full positioning
    cards: list[DimensionCard] = []
    radar: go.Figure = rx.field(default_factory=charts.empty)
    progression: go.Figure = rx.field(default_factory=charts.empty)

    @with_account
    def load(self, account):
        bank = content()
        state = read(progress.progress, account.id)
        self.in_progress = state.in_progress or 0
        self.has_results = bool(state.history)
        self.assessed_count = len(state.history)
        self.full_run_question = self._t("dashboard.full_question", count=self.assessed_count)
        overall = state.global_level
        self.global_level = bank.level_name(overall, self.language) if overall else self._t("dashboard.global_none")
        self.cards = [self._card(bank, dimension.number, state) for dimension in bank.dimensions]
        self.radar = charts.radar(bank, {d: results[-1].level for d, results in state.history.items()},
                                  self._t("dashboard.radar_title"), self._t("chart.not_assessed_legend"), self.language)
        series = {
            bank.dimension(number).short(self.language): [(r.at, r.level) for r in results]
            for number, results in sorted(state.history.items())
        }
        self.has_history = any(len(points) > 1 for points in series.values())
        self.progression = charts.progression(series, bank.levels(self.language), self._date)
        self.loaded = True

    def _card(self, bank, number: int, state: progress.Progress) -> DimensionCard:
        dimension, result = bank.dimension(number), state.current(number)
        return DimensionCard(
            name=dimension.name(self.language),
            number=number,
            description=dimension.description(self.language),
            level=bank.level_name(result.level, self.language) if result else self._t("dashboard.not_assessed"),
            assessed=result is not None,
            date=self._t("dashboard.assessed_on", date=self._date(result.at), questions=result.questions) if result else "",
            in_progress=state.in_progress == number,
        )
