"""Who is signed in. The browser keeps only a random token; the account is re-derived
from it on the server in every page load and every handler (see handlers.with_account).
Every other state inherits from AuthState, so the whole tab's tree hangs under it."""

from __future__ import annotations

import time

import reflex as rx
from reflex.state import OnLoadInternalState

from competence import routes
from competence.domain import accounts, crypto, identity, sessions
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, language_from_header, t
from competence.state.handlers import TOO_FAST, TooFast, committed, on_connection, with_account

# Per tab, the handlers that reach the database: 10 a second, bursts of 30. A person
# never notices; a script looping on one handler cannot slow everyone else down.
CALLS_PER_SECOND = 10.0
CALLS_BURST = 30.0
# A tab's events that follow each other within this time (« Valider » then « Suivant ») use the
# account looked up by the first. A change to accounts, sign-ins or memberships made by this
# worker (a sign-out, a revoked device, a suspension, a new password, an accommodation) ends that at once
# (sessions.changes); one made by another worker, or an expiry, stops the tab at most this long
# after it happens.
CALLER_CACHE_SECONDS = 2.0


def _tree(cls: type[rx.State]):
    yield cls
    for sub in cls.get_substates():
        yield from _tree(sub)


class AuthState(rx.State):
    # Shared classroom tablets: by default the token dies with the tab. « Rester connecté sur
    # cet appareil » keeps it in the device's storage instead, shared by its tabs.
    auth_token: str = rx.SessionStorage("", name="cn_session")
    device_token: str = rx.LocalStorage("", name="cn_device", sync=True)
    # The tab's language: the account's choice once signed in; before, the device's last choice
    # (« FR | EN ») or the browser's Accept-Language.
    language: str = "fr"
    chosen_language: str = rx.LocalStorage("", name="cn_language")

    # The owner's own display values only; ids and roles stay server-side.
    signed_in: bool = False
    is_teacher: bool = False
    user_name: str = ""
    user_level: str = ""
    identifier: str = ""
    untimed: bool = False  # accommodations that apply to the person, shown to them
    large_text: bool = False
    # « Lire chaque question à voix haute », on this device.
    read_aloud: str = rx.LocalStorage("", name="cn_read_aloud")
    replies: int = 0  # handlers answered: a submitted form is released when this moves
    banner: str = ""  # a notice shown on every page until dismissed (e.g. the 24-month warning)
    _budget: float = CALLS_BURST
    _budget_at: float = 0.0
    # The last lookup of the caller: (SHA-256 of the token, when, sessions.changes() then, the
    # account). Server-side only.
    _caller_seen: tuple = ()

    def _too_fast(self) -> bool:
        """A token bucket per tab; True when this call should be dropped."""
        now = time.time()
        budget = min(CALLS_BURST, self._budget + (now - self._budget_at) * CALLS_PER_SECOND)
        self._budget_at = now
        if budget < 1:
            self._budget = budget
            return True
        self._budget = budget - 1
        return False

    def _caller(self) -> identity.AccountView | TooFast | None:
        """The account behind this tab's token: looked up in the database, unless this tab's
        previous event did so less than CALLER_CACHE_SECONDS ago with the same token; the
        header shows it."""
        if self._too_fast():
            return TOO_FAST
        token = self._token()
        token_hash = crypto.sha256_hex(token) if token and isinstance(token, str) else ""
        seen, now, changes = self._caller_seen, time.time(), sessions.changes()
        if seen and seen[0] == token_hash and 0 <= now - seen[1] < CALLER_CACHE_SECONDS and seen[2] == changes:
            return seen[3]  # the header shows it already
        account = on_connection(sessions.account_on, server_keys(), token, utcnow())
        self._caller_seen = (token_hash, now, changes, account) if account is not None else ()
        self._show_caller(account)
        return account

    def _forget_caller(self) -> None:
        """The next event looks the account up again (it just changed)."""
        self._caller_seen = ()

    def _token(self) -> str:
        return self.auth_token or self.device_token

    def _device(self) -> str:
        return sessions.device_label(self.router.headers.user_agent)

    def _voice(self) -> str:
        return "vous" if self.is_teacher else "tu"

    def _t(self, key: str, **values) -> str:
        return t(key, self.language, self._voice(), **values)

    def _date(self, moment) -> str:
        return format_date(moment, self.language)

    def _show_caller(self, account: identity.AccountView | None) -> None:
        if account is not None:
            language = account.language
        else:
            language = self.chosen_language or language_from_header(self.router.headers.accept_language)
        shown = {
            "language": language if language in LANGUAGES else DEFAULT_LANGUAGE,
            "signed_in": account is not None,
            "is_teacher": bool(account and account.role == "teacher"),
            "user_name": account.name if account else "",
            "user_level": t(f"level.{account.school_level}", language) if account else "",
            "identifier": str(account.id) if account else "",
            "untimed": bool(account and account.untimed),
            "large_text": bool(account and account.large_text),
        }
        for name, value in shown.items():
            if getattr(self, name) != value:  # unchanged values stay out of the delta
                setattr(self, name, value)

    async def _forget_everything(self) -> None:
        """Reset every state of this tab to its defaults: nothing of the person stays behind,
        not even for a reconnection with the same client token. The call budget and the
        device's language survive: they are not the person's."""
        kept = self._budget, self._budget_at, self.language, self.chosen_language
        for cls in _tree(AuthState):
            (await self.get_state(cls)).reset()
        self._budget, self._budget_at, self.language, self.chosen_language = kept
        self._forget_caller()

    async def _signed_out(self):
        """How every handler answers a tab without a valid sign-in."""
        path = self.router.url.path
        await self._forget_everything()
        return rx.redirect(routes.login_then(path))

    async def _sign_in_with(self, opened: accounts.SignedIn) -> None:
        """A new person in this tab: a fresh tree, then their token and their header."""
        await self._forget_everything()
        if opened.persistent:
            self.device_token = opened.token
        else:
            self.auth_token = opened.token
        # Shown at once, not kept: the next event looks the account up with its accommodations.
        self._show_caller(opened.account)
        due = opened.was_due_for_deletion
        self.banner = self._t("account.deletion_warning", date=self._date(due)) if due else ""

    @rx.event
    def choose_language(self, language: str):
        """« FR | EN »: at once in the page; saved on the account, and on this device for visitors.
        The page's data is loaded again in the new language; what was typed stays in its fields."""
        if language not in LANGUAGES:
            return
        account = self._caller()  # shows the account as it was: the new language is set after
        if account is not None and account is not TOO_FAST:
            committed(accounts.set_language, account.id, language)
        self.language = self.chosen_language = language
        return OnLoadInternalState.on_load_internal

    @rx.event
    def choose_read_aloud(self, on: bool):
        self.read_aloud = "1" if on is True else ""

    @rx.event
    def dismiss_banner(self):
        self.banner = ""

    async def _public_visit(self) -> None:
        """Public pages: the header shows who is signed in, if anyone; an expired or revoked
        sign-in leaves nothing behind."""
        if self._caller() is None and self._token():
            await self._forget_everything()

    @rx.event
    async def load_public(self):
        await self._public_visit()

    @with_account
    def require_login(self, account):
        """on_load of private pages that need nothing more than the account."""

    @rx.event
    async def log_out(self):
        if self._token():
            committed(sessions.close_session, self._token())
        await self._forget_everything()
        return rx.redirect(routes.with_notice(routes.LOGIN, "deconnecte"))
