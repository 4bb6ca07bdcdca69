"""Calling Reflex states as the server would, without a browser: a tab's whole state tree
for a token and a URL, and a handler run to its end."""

from __future__ import annotations

import asyncio
import inspect

import reflex as rx
from reflex.istate.data import RouterData


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
