"""Work the running app does by itself: the daily purge of inactive accounts."""

from __future__ import annotations

import asyncio
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
