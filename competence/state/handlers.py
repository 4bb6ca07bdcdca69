"""One way to write a handler: the database helpers every state uses, and @with_account.

    @with_account
    def rename(self, account, form_data: dict): ...

@with_account makes the method an event handler (rx.event) that resolves the caller's
account once per call and passes it in. A tab that is
not signed in (no token, an expired or revoked session, a suspended account) is answered
the same way everywhere: its whole state tree is reset, then it goes to the login page,
which brings it back here. A tab that calls faster than a person could gets a polite
message and nothing else: it is not signed out. @public is the same for the few forms a
signed-out person sends (signing in, signing up, a forgotten password).

Every use case is one transaction: committed when it succeeded, rolled back otherwise."""

from __future__ import annotations

import asyncio
import functools
import inspect
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

import reflex as rx
from sqlmodel import Session

from competence import routes
from competence.domain.outcome import Outcome
from competence.i18n import t

T = TypeVar("T")


@contextmanager
def database() -> Iterator[Session]:
    """A database session for one handler call; nothing is committed unless asked."""
    with rx.session() as session:
        yield session


def read(query: Callable[..., T], *args) -> T:
    """Run a read-only domain function in its own session and return what it returns."""
    with database() as session:
        return query(session, *args)


def transaction(use_case: Callable[..., Outcome], *args, commit_always: bool = False) -> Outcome:
    """Run a use case in its own session: committed when it succeeded (or always, for
    failures worth keeping, like a throttle count), otherwise nothing is written."""
    with database() as session:
        outcome = use_case(session, *args)
        if outcome.ok or commit_always:
            session.commit()
        else:
            session.rollback()
        return outcome


def on_connection(work: Callable[..., T], *args) -> T:
    """Run work on a plain database connection (no ORM session) and commit what it wrote:
    for the one statement or two every signed-in event needs."""
    with rx.model.get_engine().connect() as connection:
        result = work(connection, *args)
        connection.commit()
        return result


def committed(work: Callable[..., T], *args) -> T:
    """Run work that always writes (the clock of a question shown, a session closed)."""
    with database() as session:
        result = work(session, *args)
        session.commit()
        return result


# bcrypt takes a quarter second of a core. One thread for it: a storm of logins queues
# there and leaves the other core to the event loop, so everyone else keeps working.
_PASSWORD_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bcrypt")


async def in_password_thread(use_case: Callable[..., Outcome], *args, commit_always: bool = False) -> Outcome:
    """`transaction`, off the event loop: for use cases that hash or check passwords."""
    run = functools.partial(transaction, use_case, *args, commit_always=commit_always)
    return await asyncio.get_running_loop().run_in_executor(_PASSWORD_THREAD, run)


class TooFast:
    """What the caller lookup gives a tab that calls faster than a person could."""


TOO_FAST = TooFast()


async def _resolve_account(state):
    """The caller's account, or None and what to answer instead."""
    account = state._caller()
    if account is TOO_FAST:
        return None, rx.toast.info(t("error.too_fast"), id="too-fast")
    if account is None:
        return None, await state._signed_out()
    if account.must_change_password and state.router.url.path.rstrip("/") != routes.PROFILE:
        # A temporary password from a teacher: a new one first, on the profile page.
        return None, rx.redirect(routes.with_notice(routes.PROFILE, "nouveau-mot-de-passe"))
    return account, None


def _event(handler: Callable, needs_account: bool) -> Callable:
    """The handler as an rx.event that counts its reply (`replies`): the page releases a
    submitted form when the count moves, so a form cannot be sent twice while it runs."""

    async def begin(state) -> tuple[tuple, object]:
        if not needs_account:
            return (), None
        account, refusal = await _resolve_account(state)
        return ((account,), None) if account is not None else (None, refusal)

    if inspect.isasyncgenfunction(handler) or inspect.isgeneratorfunction(handler):
        async def wrapper(self, *args, **kwargs):
            try:
                prefix, refusal = await begin(self)
                if prefix is None:
                    yield refusal
                    return
                updates = handler(self, *prefix, *args, **kwargs)
                if inspect.isasyncgen(updates):
                    async for update in updates:
                        yield update
                else:
                    for update in updates:
                        yield update
            finally:
                self.replies += 1
    else:
        async def wrapper(self, *args, **kwargs):
            try:
                prefix, refusal = await begin(self)
                if prefix is None:
                    return refusal
                result = handler(self, *prefix, *args, **kwargs)
                return await result if inspect.isawaitable(result) else result
            finally:
                self.replies += 1

    functools.update_wrapper(wrapper, handler)
    # Reflex reads the event's arguments from the signature: the account is not one of them.
    parameters = list(inspect.signature(handler).parameters.values())
    hidden = parameters[1:2] if needs_account else []
    wrapper.__signature__ = inspect.Signature([p for p in parameters if p not in hidden])
    wrapper.__annotations__ = {k: v for k, v in handler.__annotations__.items() if k not in {p.name for p in hidden}}
    del wrapper.__wrapped__
    return rx.event(wrapper)


def with_account(handler: Callable) -> Callable:
    """An event handler that runs only for a signed-in caller, whose account it receives after self."""
    return _event(handler, needs_account=True)


def public(handler: Callable) -> Callable:
    """An event handler that signed-out callers may use too (signing in, signing up, recovery)."""
    return _event(handler, needs_account=False)
