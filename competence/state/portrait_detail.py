"""« Consulter » a dimension (/groupes/[group_id]/dimensions/[dimension]) and one
learner (/groupes/[group_id]/apprenants/[member_id]), for the group's managers."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import reflex as rx

from competence import charts, routes
from competence.domain import portrait
from competence.domain.content import content, content_of_version
from competence.domain.keys import server_keys
from competence.domain.progress import round_level
from competence.i18n import format_date, format_day, t
from competence.state.auth import AuthState
from competence.state.handlers import read, with_account


@dataclass
class LevelGroup:
    level: str
    names: str


@dataclass
class LevelRow:
    name: str
    level: str
    date: str


@dataclass
class AnswerRow:
    question: str
    choice: str
    result: str
    correct: bool
    date: str


class ManagerDetail(rx.State, mixin=True):
    """What both pages start with: the ids from the URL (/groupes/G/…/N), then the domain's
    answer for the signed-in account. Anyone but the group's manager gets None: the page
    then shows nothing, not even what an earlier visit left."""

    found: bool = False
    group_href: str = ""

    def _query(self, account, group_id: int, number: int):
        raise NotImplementedError

    def _show_detail(self, detail, number: int) -> None:
        raise NotImplementedError

    @with_account
    def load(self, account):
        path = self.router.url.path
        group_id, number = routes.path_number(path, 1), routes.path_number(path, 3)
        detail = self._query(account, group_id, number)
        if detail is None:
            self.reset()
        else:
            self._show_detail(detail, number)
        self.found, self.group_href = detail is not None, routes.group(group_id)


class DimensionState(ManagerDetail, AuthState):
    title: str = ""
    spread: go.Figure = rx.field(default_factory=charts.empty)
    trend: go.Figure = rx.field(default_factory=charts.empty)
    has_trend: bool = False
    by_level: list[LevelGroup] = []

    def _query(self, account, group_id: int, number: int):
        return read(portrait.dimension_detail, server_keys(), account.id, group_id, number)

    def _show_detail(self, detail: portrait.DimensionDetail, number: int) -> None:
        bank = content()
        self.title = f"{number}. {bank.dimension(number).name()}"
        self.spread = charts.spread([len(detail.spread[level]) for level in range(1, 6)], bank.levels())
        weeks = [t("portrait.week_of", date=format_day(monday)) for monday, _ in detail.weekly]
        self.trend = charts.trend(
            weeks, [mean for _, mean in detail.weekly],
            [f"{week} : {bank.level_name(round_level(mean))}" for week, (_, mean) in zip(weeks, detail.weekly)],
            bank.levels(),
        )
        self.has_trend = bool(detail.weekly)
        self.by_level = [
            LevelGroup(bank.level_name(level), ", ".join(names) if names else t("portrait.nobody"))
            for level, names in sorted(detail.spread.items(), reverse=True)
        ]


def _answer(row: portrait.AnswerRow) -> AnswerRow | None:
    item = content_of_version(row.content_version).items.get(row.item_id)
    if item is None:
        return None
    words = item.wording()
    return AnswerRow(
        question=words.question,
        choice=words.choices[row.choice] if row.choice < len(words.choices) else "",
        result=t("portrait.right") if row.correct else t("portrait.wrong"),
        correct=row.correct,
        date=format_date(row.answered_at),
    )


class LearnerState(ManagerDetail, AuthState):
    learner_name: str = ""
    learner_level: str = ""
    radar: go.Figure = rx.field(default_factory=charts.empty)
    levels: list[LevelRow] = []
    answers: list[AnswerRow] = []

    def _query(self, account, group_id: int, number: int):
        return read(portrait.learner_detail, server_keys(), account.id, group_id, number)

    def _show_detail(self, detail: portrait.LearnerDetail, number: int) -> None:
        bank = content()
        self.learner_name, self.learner_level = detail.name, t(f"level.{detail.school_level}")
        self.radar = charts.radar(bank, {d: level for d, (level, _) in detail.levels.items()}, detail.name,
                                  t("chart.not_assessed_legend"))
        self.levels = [
            LevelRow(
                name=f"{d.number}. {d.name()}",
                level=bank.level_name(detail.levels[d.number][0]) if d.number in detail.levels
                else t("dashboard.not_assessed"),
                date=format_date(detail.levels[d.number][1]) if d.number in detail.levels else "",
            )
            for d in bank.dimensions
        ]
        self.answers = [answer for answer in map(_answer, detail.answers) if answer is not None]
