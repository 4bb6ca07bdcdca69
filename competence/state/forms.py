"""Small helpers shared by the states that read a submitted form."""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import reflex as rx

from competence.domain.outcome import Message, Outcome
from competence.i18n import t

def text(form_data: dict, name: str) -> str:
    """A submitted text value; anything that is not a string counts as empty."""
    value = form_data.get(name, "")
    return value if isinstance(value, str) else ""


def checked(form_data: dict, name: str) -> bool:
    """A checkbox arrives as True (read from its element) or "on" (form data); unchecked, as False or absent."""
    value = form_data.get(name)
    return value is True or value == "on"


def choice(form_data: dict) -> int | None:
    """The index of the ticked answer of a question form, or None when none is ticked."""
    raw = text(form_data, "choice")
    return int(raw) if raw.isdigit() else None


def translated(errors: dict[str, Message]) -> dict[str, str]:
    return {name: t(key) if isinstance(key, str) else t(key[0], **key[1]) for name, key in errors.items()}


def transaction(use_case: Callable[..., Outcome], *args, commit_always: bool = False) -> Outcome:
    """Run a domain use case in its own session: committed when it succeeded (or always,
    for failures worth keeping, like a throttle count), otherwise nothing is written."""
    with rx.session() as session:
        outcome = use_case(session, *args)
        if outcome.ok or commit_always:
            session.commit()
        else:
            session.rollback()
        return outcome


# bcrypt takes a quarter second of a core. One thread for it: a storm of logins queues
# there and leaves the other core to the event loop, so everyone else keeps working.
_PASSWORD_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bcrypt")


async def in_transaction(use_case: Callable[..., Outcome], *args, commit_always: bool = False) -> Outcome:
    """The same, off the event loop: for use cases that hash passwords (bcrypt is slow)."""
    run = functools.partial(transaction, use_case, *args, commit_always=commit_always)
    return await asyncio.get_running_loop().run_in_executor(_PASSWORD_THREAD, run)
