"""Calling Reflex states as the server would, without a browser: a tab's whole state tree
for a token and a URL, a handler run to its end, an event processed the way Reflex
processes it, and the list of every handler the app registers."""

from __future__ import annotations

import asyncio
import inspect

import reflex as rx
from reflex.istate.data import RouterData
from reflex_base.event import EventHandler
from reflex_base.event.context import EventContext
from reflex_base.event.processor.base_state_processor import process_event
from reflex_base.utils import format


def state(cls, token: str, path: str, ip: str = "203.0.113.9"):
    """The `cls` state of a fresh tab at `path`, signed in with `token` ("" for nobody)."""
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({"pathname": path, "asPath": path, "ip": ip})
    substate = root.get_substate(cls.get_full_name().split("."))
    substate.auth_token = token
    return substate


def call(handler_fn, *args):
    """Run a handler's function as Reflex does: what it returns, or the list of what it yields."""
    result = handler_fn(*args)
    if inspect.isasyncgen(result):
        async def drain():
            return [update async for update in result]
        return asyncio.run(drain())
    if inspect.iscoroutine(result):
        return asyncio.run(result)
    if inspect.isgenerator(result):
        return list(result)
    return result


def _tree(cls):
    yield cls
    for sub in sorted(cls.get_substates(), key=lambda sub: sub.get_full_name()):
        yield from _tree(sub)


def app_states() -> list[type[rx.State]]:
    """Every state class the app defines, found under the root state (Reflex's own left out)."""
    return [cls for cls in _tree(rx.State) if cls.__module__.startswith("competence.")]


def app_handlers() -> dict[str, EventHandler]:
    """Every event handler of the app's states, as "StateName.handler". Reflex's `setvar`,
    which every state carries, is Reflex's own (tests/unit/test_handler_inventory.py shows
    it can set nothing on the app's states)."""
    return {
        f"{cls.__name__}.{name}": handler
        for cls in app_states()
        for name, handler in sorted(cls.event_handlers.items())
        if not handler.fn.__module__.startswith(("reflex.", "reflex_base."))
    }


async def _process(handler: EventHandler, tab, payload: dict) -> list:
    sent = []

    async def emit_delta(_token, delta):
        sent.append(format.json_dumps(delta))  # what the socket would send

    async def emit(_token, *events):
        sent.extend(events)

    context = EventContext(token="tab", state_manager=None, enqueue_impl=emit,
                           emit_delta_impl=emit_delta, emit_event_impl=emit)
    with context:
        await process_event(handler, payload, tab, tab._get_root_state())
    return sent


def dispatch(handler: EventHandler, tab, payload: dict) -> list:
    """Process an event as Reflex's event processor does: the client's arguments converted
    from the handler's annotations, the handler run to its end, each update's delta
    serialised for the socket and every returned event checked. What was sent, in order."""
    return asyncio.run(_process(handler, tab, payload))
