"""Work the running app does by itself: loading the question bank and tuning the garbage
collector once started, and the daily purge of inactive accounts."""

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


async def warm_up() -> None:
    """The question bank (about a second to read) is loaded as the worker starts, not by the first
    person who opens a dashboard, a test or « Activer », then the collector is tuned."""
    from competence.domain.content import content

    try:
        await asyncio.to_thread(content)
    except Exception:  # the page that needs the bank will say what is wrong with it
        logger.exception("loading the question bank failed")
    await tune_gc()


async def tune_gc() -> None:
    """Under load, Python's collector pauses every tab for 15-70 ms. Everything loaded at
    start-up (the question bank included) is frozen out of its sight, and young objects are
    collected less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
