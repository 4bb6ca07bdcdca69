"""Who is signed in. The browser keeps only a random token; the account is
re-derived from it on the server, in every page load and every handler."""

from __future__ import annotations

import time

import reflex as rx

from competence.domain import accounts
from competence.domain.clock import utcnow
from competence.domain.keys import server_keys
from competence.i18n import format_date, t

LOGIN_ROUTE = "/login"
# Per tab, the handlers that reach the database: 10 a second, bursts of 30. A person
# never notices; a script looping on one handler cannot slow everyone else down.
CALLS_PER_SECOND = 10.0
CALLS_BURST = 30.0


def safe_next(path: str) -> str:
    """Only a local path may follow a login (no open redirect to another site)."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


class AuthState(rx.State):
    # Shared classroom tablets: the token dies with the tab.
    auth_token: str = rx.SessionStorage("", name="cn_session")

    # The owner's own display values only; ids and roles stay server-side.
    signed_in: bool = False
    is_teacher: bool = False
    user_name: str = ""
    user_level: str = ""
    identifier: str = ""
    banner: str = ""  # a notice shown on every page until dismissed (e.g. the 24-month warning)
    _budget: float = CALLS_BURST
    _budget_at: float = 0.0

    def _too_fast(self) -> bool:
        """A token bucket per tab; True when this call should be dropped."""
        now = time.time()
        self._budget = min(CALLS_BURST, self._budget + (now - self._budget_at) * CALLS_PER_SECOND)
        self._budget_at = now
        if self._budget < 1:
            return True
        self._budget -= 1
        return False

    def current_account(self) -> accounts.AccountView | None:
        """The account behind this tab's token, looked up now in the database (None when the
        tab calls faster than a person could: the handler then does nothing)."""
        if self._too_fast():
            return None
        with rx.session() as session:
            return accounts.account_for_token(session, server_keys(), self.auth_token, utcnow())

    def _show(self, account: accounts.AccountView | None) -> None:
        self.signed_in = account is not None
        self.is_teacher = bool(account and account.role == "teacher")
        self.user_name = account.name if account else ""
        self.user_level = t(f"level.{account.school_level}") if account else ""
        self.identifier = str(account.id) if account else ""

    def sign_in_with(self, signed_in: accounts.SignedIn) -> None:
        self.auth_token = signed_in.token
        self._show(signed_in.account)
        due = signed_in.was_due_for_deletion
        self.banner = t("account.deletion_warning", date=format_date(due)) if due else ""

    @rx.event
    def dismiss_banner(self):
        self.banner = ""

    @rx.event
    def load_public(self):
        """on_load of public pages: the header shows who is signed in, if anyone."""
        self._show(self.current_account())

    def _login_redirect(self):
        """To the login page, and back here once signed in."""
        return rx.redirect(f"{LOGIN_ROUTE}?avis=connexion&next={self.router.url.path}")

    def _signed_in_account(self) -> accounts.AccountView | None:
        account = self.current_account()
        self._show(account)
        return account

    @rx.event
    def require_login(self):
        """on_load of private pages."""
        if self._signed_in_account() is None:
            return self._login_redirect()

    @rx.event
    def log_out(self):
        if self.auth_token:
            with rx.session() as session:
                accounts.close_session(session, self.auth_token)
                session.commit()
        self.auth_token = ""
        self._show(None)
        return rx.redirect(f"{LOGIN_ROUTE}?avis=deconnecte")
