"""« Consulter » a dimension (/groupes/[group_id]/dimensions/[dimension]) and one
learner (/groupes/[group_id]/apprenants/[member_id]), for the group's managers."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx

from competence import charts
from competence.domain import portrait
from competence.domain.content import content
from competence.domain.keys import server_keys
from competence.i18n import format_date, t
from competence.state.auth import AuthState
from competence.state.routing import path_number


def _detail_for_manager(state, account, query):
    """What both pages start with: the ids from the URL (/groupes/G/…/N), then the domain's
    answer for the signed-in account (None for anyone but the group's manager)."""
    group_id, number = path_number(state.router.url.path, 1), path_number(state.router.url.path, 3)
    state.group_href = f"/groupes/{group_id}"
    with rx.session() as session:
        detail = query(session, server_keys(), account.id, group_id, number)
    state.found = detail is not None
    return detail


class DimensionState(AuthState):
    found: bool = False
    title: str = ""
    group_href: str = ""
    spread: go.Figure = go.Figure()
    trend: go.Figure = go.Figure()
    has_trend: bool = False
    by_level: list[dict[str, str]] = []

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        detail = _detail_for_manager(self, account, portrait.dimension_detail)
        if detail is None:
            return
        bank, number = content(), path_number(self.router.url.path, 3)
        self.title = f"{number}. {bank.dimension(number).name}"
        self.spread = charts.spread([len(detail.spread[level]) for level in range(1, 6)], bank.levels)
        self.trend = charts.trend(detail.weekly, bank.levels, t("portrait.trend_title"))
        self.has_trend = bool(detail.weekly)
        self.by_level = [
            {"level": bank.level_name(level), "names": ", ".join(names) if names else t("portrait.nobody")}
            for level, names in sorted(detail.spread.items(), reverse=True)
        ]


class LearnerState(AuthState):
    found: bool = False
    learner_name: str = ""
    learner_level: str = ""
    group_href: str = ""
    radar: go.Figure = go.Figure()
    levels: list[dict[str, str]] = []
    answers: list[dict[str, str]] = []

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        detail = _detail_for_manager(self, account, portrait.learner_detail)
        if detail is None:
            self.learner_name, self.levels, self.answers = "", [], []
            return
        bank = content()
        self.learner_name, self.learner_level = detail.name, t(f"level.{detail.school_level}")
        self.radar = charts.radar(bank, {d: level for d, (level, _) in detail.levels.items()}, detail.name)
        self.levels = [
            {
                "name": f"{d.number}. {d.name}",
                "level": bank.level_name(detail.levels[d.number][0]) if d.number in detail.levels
                else t("dashboard.not_assessed"),
                "date": format_date(detail.levels[d.number][1]) if d.number in detail.levels else "",
            }
            for d in bank.dimensions
        ]
        self.answers = [self._answer(bank, row) for row in detail.answers if row.item_id in bank.items]

    @staticmethod
    def _answer(bank, row: portrait.AnswerRow) -> dict[str, str]:
        item = bank.items[row.item_id]
        return {
            "question": item.question,
            "choice": item.choices[row.choice] if row.choice < len(item.choices) else "",
            "result": t("portrait.right") if row.correct else t("portrait.wrong"),
            "correct": "yes" if row.correct else "",
            "date": format_date(row.answered_at),
        }
