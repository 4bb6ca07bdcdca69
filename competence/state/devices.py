"""Mon profil's « Appareils connectés » (with « Déconnecter » each, « Déconnecter partout »)
and « Activité de mon compte »."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from competence import routes
from competence.domain import activity, sessions
from competence.domain.clock import utcnow
from competence.i18n import format_time
from competence.state.auth import AuthState
from competence.state.handlers import committed, read, transaction, with_account


@dataclass
class DeviceRow:
    id: int
    label: str
    detail: str  # « Dernière utilisation : … », « connexion mémorisée »
    current: bool


@dataclass
class EventRow:
    label: str
    when: str
    device: str




class DevicesState(AuthState):
    devices: list[DeviceRow] = []
    events: list[EventRow] = []
    notice: str = ""

    def _refresh(self, account) -> None:
        devices = read(sessions.active_sessions, account.id, self._token(), utcnow())
        self.devices = [
            DeviceRow(
                d.id,
                self._t("profile.device_this") if d.current else (d.device or self._t("profile.device_unknown")),
                " · ".join(part for part in (
                    d.device if d.current else "",
                    self._t("profile.device_last_used", date=f"{self._date(d.last_used_at)} {format_time(d.last_used_at, self.language)}"),
                    self._t("profile.device_remembered") if d.persistent else "",
                ) if part),
                d.current,
            )
            for d in devices
        ]
        self.events = [
            EventRow(self._t(f"activity.{e.kind}", group=e.group_name or self._t("activity.a_group")), f"{self._date(e.at)} {format_time(e.at, self.language)}", e.device)
            for e in read(activity.recent, account.id)
        ]

    @with_account
    def load(self, account):
        self.notice = ""
        self._refresh(account)

    @with_account
    def end_device(self, account, session_id: int):
        number = routes.client_number(session_id)
        if number is None:
            return
        if transaction(sessions.end_session, account.id, number).ok:
            self.notice = self._t("profile.device_ended")
        self._refresh(account)

    @with_account
    async def end_everywhere(self, account):
        committed(sessions.end_everywhere, account.id, utcnow())
        await self._forget_everything()
        return rx.redirect(routes.with_notice(routes.LOGIN, "deconnecte"))

