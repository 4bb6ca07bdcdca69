"""Mon tableau de bord (/tableau-de-bord): radar, a card per dimension, progression."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx

from competence import charts
from competence.domain import progress
from competence.domain.content import content
from competence.i18n import format_date, t
from competence.state.auth import AuthState


class DashboardState(AuthState):
    loaded: bool = False
    has_results: bool = False
    has_history: bool = False
    global_level: str = ""
    in_progress: int = 0
    cards: list[dict[str, str]] = []
    radar: go.Figure = go.Figure()
    progression: go.Figure = go.Figure()

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        bank = content()
        with rx.session() as session:
            state = progress.progress(session, account.id)
        self.in_progress = state.in_progress or 0
        self.has_results = bool(state.history)
        overall = state.global_level
        self.global_level = bank.level_name(overall) if overall else t("dashboard.global_none")
        self.cards = [self._card(bank, dimension.number, state) for dimension in bank.dimensions]
        self.radar = charts.radar(bank, {d: results[-1].level for d, results in state.history.items()},
                                  t("dashboard.radar_title"))
        series = {
            bank.dimension(number).short: [(r.at, r.level) for r in results]
            for number, results in sorted(state.history.items())
        }
        self.has_history = any(len(points) > 1 for points in series.values())
        self.progression = charts.progression(series, bank.levels)
        self.loaded = True

    def _card(self, bank, number: int, state: progress.Progress) -> dict[str, str]:
        dimension, result = bank.dimension(number), state.current(number)
        if state.in_progress == number:
            action = t("dashboard.continue")
        else:
            action = t("dashboard.retake") if result else t("dashboard.start")
        return {
            "number": str(number),
            "name": dimension.name,
            "description": dimension.description,
            "level": bank.level_name(result.level) if result else t("dashboard.not_assessed"),
            "date": t("dashboard.assessed_on", date=format_date(result.at)) if result else "",
            "action": action,
            "action_label": t("dashboard.action_label", action=action, number=number),
            "assessed": "yes" if result else "",
        }
