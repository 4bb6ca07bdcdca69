"""Work the running app does by itself: tuning the garbage collector once started, and
the daily purge of inactive accounts."""

from __future__ import annotations

import asyncio
import gc
import logging

logger = logging.getLogger(__name__)
DAY_SECONDS = 24 * 3600


async def purge_daily() -> None:
    """Once at start, then every day. Every worker may run it: a purge twice changes nothing."""
    from competence.admin import purge

    while True:
        try:
            logger.info(await asyncio.to_thread(purge))  # counts only: never a name or an email
        except Exception:  # a failed purge must not stop the app; it is tried again tomorrow
            logger.exception("daily purge failed")
        await asyncio.sleep(DAY_SECONDS)


async def tune_gc() -> None:
    """Under load, Python's collector pauses every tab for 15-70 ms. Everything loaded at
    start-up is frozen out of its sight, and young objects are collected less often. The
    question bank is read first (off the event loop): the first learners do not wait for it,
    and its objects are frozen with the rest."""
    from competence.domain.content import content

    await asyncio.to_thread(content)
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
