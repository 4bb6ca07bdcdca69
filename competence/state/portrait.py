"""The portrait tabs of a group's page (/groupes/[group_id]): « Apprenants »,
« Dimensions », the group radar and the CSV export. Managers only: every handler
asks the domain, which answers None to anyone else."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import reflex as rx

from competence import charts, routes
from competence.domain import export, portrait
from competence.domain.content import content
from competence.domain.keys import server_keys
from competence.state.auth import AuthState
from competence.state.handlers import read, with_account

SORT_KEYS = ("name", "level", "last", "global", "assessed")


@dataclass
class LearnerRow:
    name: str
    href: str
    assessed: int
    level: str
    last: str
    global_level: str


@dataclass
class DimensionRow:
    name: str
    number: int
    mean: str
    assessed: str  # « 3 évalués »
    href: str


def _sort_value(row: portrait.LearnerRow, key: str):
    return {
        "name": row.name.casefold(),
        "level": row.school_level,
        "last": row.last_activity.isoformat() if row.last_activity else "",
        "global": row.global_level or 0,
        "assessed": row.assessed,
    }[key]


class PortraitState(AuthState):
    learners: list[LearnerRow] = []
    dimensions: list[DimensionRow] = []
    radar: go.Figure = rx.field(default_factory=charts.empty)
    has_results: bool = False
    sort_key: str = "name"
    sort_descending: bool = False

    def _group_id(self) -> int:
        return routes.path_number(self.router.url.path, 1)

    def _show_learners(self, rows: list[portrait.LearnerRow]) -> None:
        bank, group_id = content(), self._group_id()
        ordered = sorted(rows, key=lambda row: (_sort_value(row, self.sort_key), row.name.casefold()),
                         reverse=self.sort_descending)
        self.learners = [
            LearnerRow(
                href=routes.group_learner(group_id, row.membership_id),
                name=row.name,
                level=self._t(f"level.{row.school_level}"),
                last=self._date(row.last_activity) if row.last_activity else self._t("portrait.no_activity"),
                global_level=bank.level_name(row.global_level, self.language) if row.global_level else self._t("portrait.not_assessed"),
                assessed=row.assessed,
            )
            for row in ordered
        ]

    def _learner_rows(self, account) -> list[portrait.LearnerRow] | None:
        """The consenting learners now (a learner who just left is gone); None for a non-manager."""
        rows = read(portrait.learners, server_keys(), account.id, self._group_id())
        if rows is None:
            self.reset()
        return rows

    @with_account
    def load(self, account):
        rows = self._learner_rows(account)
        means = read(portrait.dimensions, account.id, self._group_id())
        if rows is None or means is None:
            return
        bank, group_id = content(), self._group_id()
        self._show_learners(rows)
        self.dimensions = [
            DimensionRow(
                number=row.dimension,
                name=f"{row.dimension}. {bank.dimension(row.dimension).name(self.language)}",
                mean=bank.level_name(row.level, self.language) if row.level else self._t("portrait.not_assessed"),
                assessed=self._t("portrait.assessed_count", count=row.assessed),
                href=routes.group_dimension(group_id, row.dimension),
            )
            for row in means
        ]
        self.has_results = any(row.assessed for row in means)
        self.radar = charts.radar(bank, {row.dimension: row.mean for row in means if row.mean is not None},
                                  self._t("portrait.radar_title"), self._t("chart.not_assessed_legend"), self.language)

    @with_account
    def sort_by(self, account, key: str):
        if key not in SORT_KEYS:
            return
        self.sort_descending = not self.sort_descending if key == self.sort_key else False
        self.sort_key = key
        rows = self._learner_rows(account)  # asked again: consent may have changed since the page loaded
        if rows is not None:
            self._show_learners(rows)

    @with_account
    def export_csv(self, account):
        rows = self._learner_rows(account)
        if rows is None:
            return
        data = export.portrait_csv(rows, content(), self.language)
        return rx.download(data=data, filename=f"{self._t('export.filename')}-{self._group_id()}.csv")
