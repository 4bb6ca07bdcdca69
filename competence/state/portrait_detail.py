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
from competence.i18n import format_day
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
    dimension: str
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
        self.title = f"{number}. {bank.dimension(number).name(self.language)}"
        self.spread = charts.spread([len(detail.spread[level]) for level in range(1, 6)], bank.levels(self.language))
        weeks = [self._t("portrait.week_of", date=format_day(monday, self.language)) for monday, _ in detail.weekly]
        self.trend = charts.trend(
            weeks, [mean for _, mean in detail.weekly],
            [f"{week} : {bank.level_name(round_level(mean), self.language)}" for week, (_, mean) in zip(weeks, detail.weekly)],
            bank.levels(self.language),
        )
        self.has_trend = bool(detail.weekly)
        self.by_level = [
            LevelGroup(bank.level_name(level, self.language), ", ".join(names) if names else self._t("portrait.nobody"))
            for level, names in sorted(detail.spread.items(), reverse=True)
        ]


@dataclass
class DimensionOption:
    value: str
    label: str


class LearnerState(ManagerDetail, AuthState):
    learner_name: str = ""
    learner_level: str = ""
    radar: go.Figure = rx.field(default_factory=charts.empty)
    levels: list[LevelRow] = []
    answers: list[AnswerRow] = []
    answer_dimensions: list[DimensionOption] = []  # those the learner answered in, for the filter
    answer_dimension: str = ""  # the filter: "" for all

    @with_account
    def choose_dimension(self, account, dimension: str):
        """Only the answers of one dimension (or all again): asked of the domain, like the page."""
        number = routes.client_number(dimension)
        self.answer_dimension = str(number) if number in range(1, 13) else ""
        path = self.router.url.path
        detail = self._query(account, routes.path_number(path, 1), routes.path_number(path, 3))
        if detail is None:
            self.reset()
            return
        self._show_detail(detail, 0)

    def _query(self, account, group_id: int, number: int):
        return read(portrait.learner_detail, server_keys(), account.id, group_id, number)

    def _show_detail(self, detail: portrait.LearnerDetail, number: int) -> None:
        bank = content()
        self.learner_name, self.learner_level = detail.name, self._t(f"level.{detail.school_level}")
        self.radar = charts.radar(bank, {d: level for d, (level, _) in detail.levels.items()}, detail.name,
                                  self._t("chart.not_assessed_legend"), self.language)
        self.levels = [
            LevelRow(
                name=f"{d.number}. {d.name(self.language)}",
                level=bank.level_name(detail.levels[d.number][0], self.language) if d.number in detail.levels
                else self._t("dashboard.not_assessed"),
                date=self._date(detail.levels[d.number][1]) if d.number in detail.levels else "",
            )
            for d in bank.dimensions
        ]
        answered = sorted({row.dimension for row in detail.answers})
        self.answer_dimensions = [DimensionOption(str(d), f"{d}. {bank.dimension(d).name(self.language)}")
                                  for d in answered]
        wanted = [row for row in detail.answers if str(row.dimension) == self.answer_dimension or not self.answer_dimension]
        self.answers = [answer for answer in map(self._answer, wanted) if answer is not None]

    def _answer(self, row: portrait.AnswerRow) -> AnswerRow | None:
        item = content_of_version(row.content_version).items.get(row.item_id)
        if item is None:
            return None
        words = item.wording(self.language)
        return AnswerRow(
            dimension=str(row.dimension),
            question=words.question,
            choice=words.choices[row.choice] if row.choice < len(words.choices) else "",
            result=self._t("portrait.right") if row.correct else self._t("portrait.wrong"),
            correct=row.correct,
            date=self._date(row.answered_at),
        )

