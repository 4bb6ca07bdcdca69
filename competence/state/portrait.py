"""The portrait tabs of a group's page (/groupes/[group_id]): « Apprenants »,
« Dimensions », the group radar and the CSV export. Managers only: every handler
asks the domain, which answers None to anyone else."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx

from competence import charts
from competence.domain import export, portrait
from competence.domain.content import content
from competence.domain.keys import server_keys
from competence.i18n import format_date, t
from competence.state.auth import AuthState
from competence.state.routing import path_number

SORT_KEYS = ("name", "level", "last", "global", "assessed")


class PortraitState(AuthState):
    learners: list[dict[str, str]] = []
    dimensions: list[dict[str, str]] = []
    radar: go.Figure = go.Figure()
    has_results: bool = False
    sort_key: str = "name"
    sort_descending: bool = False

    def _group_id(self) -> int:
        return path_number(self.router.url.path, 1)

    def _rows(self, account_id: int):
        with rx.session() as session:
            return portrait.learners(session, server_keys(), account_id, self._group_id())

    @rx.event
    def load(self):
        account = self._signed_in_account()
        if account is None:
            return self._login_redirect()
        bank = content()
        with rx.session() as session:
            rows = portrait.learners(session, server_keys(), account.id, self._group_id())
            means = portrait.dimensions(session, account.id, self._group_id())
        if rows is None or means is None:
            self.learners, self.dimensions, self.has_results = [], [], False
            return
        self.learners = [self._learner(bank, row) for row in rows]
        self._sort()
        self.dimensions = [
            {
                "number": str(row.dimension),
                "name": f"{row.dimension}. {bank.dimension(row.dimension).name}",
                "mean": bank.level_name(row.level) if row.level else t("portrait.not_assessed"),
                "assessed": t("portrait.assessed_count", count=row.assessed),
                "consult_label": t("portrait.consult_label", number=row.dimension),
            }
            for row in means
        ]
        self.has_results = any(row.assessed for row in means)
        self.radar = charts.radar(bank, {row.dimension: row.mean for row in means if row.mean is not None},
                                  t("portrait.radar_title"))

    def _learner(self, bank, row: portrait.LearnerRow) -> dict[str, str]:
        return {
            "id": str(row.membership_id),
            "name": row.name,
            "level": t(f"level.{row.school_level}"),
            "last": format_date(row.last_activity) if row.last_activity else t("portrait.no_activity"),
            "last_sort": row.last_activity.isoformat() if row.last_activity else "",
            "global": bank.level_name(row.global_level) if row.global_level else t("portrait.not_assessed"),
            "global_sort": str(row.global_level or 0),
            "assessed": str(row.assessed),
        }

    def _sort(self) -> None:
        field = {"last": "last_sort", "global": "global_sort"}.get(self.sort_key, self.sort_key)
        numeric = field in ("global_sort", "assessed")
        self.learners = sorted(
            self.learners,
            key=lambda row: (int(row[field]) if numeric else row[field].casefold(), row["name"].casefold()),
            reverse=self.sort_descending,
        )

    @rx.event
    def sort_by(self, key: str):
        if key not in SORT_KEYS:
            return
        self.sort_descending = not self.sort_descending if key == self.sort_key else False
        self.sort_key = key
        self._sort()

    @rx.event
    def export_csv(self):
        account = self.current_account()
        if account is None:
            return self._login_redirect()
        rows = self._rows(account.id)
        if rows is None:
            return
        data = export.portrait_csv(rows, content(), t, format_date)
        return rx.download(data=data, filename=f"{t('export.filename')}-{self._group_id()}.csv")
