"""What the server does when an event fails: a short French message to the person, and a
log that a flood of bad events (unknown names, crafted arguments) cannot fill.

Per kind of error, the traceback is written at most once a minute; after that, one line
per failure, and at most LINES_PER_MINUTE lines in all (the rest are counted)."""

from __future__ import annotations

import logging
import time
import traceback

import reflex as rx

from competence.i18n import t

logger = logging.getLogger("competence.errors")
LINES_PER_MINUTE = 20

_traceback_logged: dict[str, float] = {}
_window_start = 0.0
_lines = 0
_suppressed = 0


def _may_log(now: float) -> bool:
    global _window_start, _lines, _suppressed
    if now - _window_start >= 60:
        if _suppressed:
            logger.error("%d more failed events in the last minute (not logged one by one)", _suppressed)
        _window_start, _lines, _suppressed = now, 0, 0
    if _lines >= LINES_PER_MINUTE:
        _suppressed += 1
        return False
    _lines += 1
    return True


class QuietUnknownEvents(logging.Filter):
    """Reflex logs an unknown event name with its traceback and the whole event (headers,
    payload): a client sending garbage in a loop would fill the disk. One short line
    instead, within the same per-minute budget."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not (isinstance(error, KeyError) and "No registered handler" in str(error)):
            return True
        if not _may_log(time.monotonic()):
            return False
        record.msg, record.args, record.exc_info, record.exc_text = "unknown event name refused", (), None, None
        return True


class QuietRefusedArguments(logging.Filter):
    """Reflex logs an event argument it cannot convert to the handler's annotation (a text
    where a number is expected) with the whole value: 100 kB from a client, 100 kB in the
    log. One short line naming the handler instead, within the same per-minute budget."""

    PREFIX = "Error transforming event payload for handler "

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(self.PREFIX):
            return True
        if not _may_log(time.monotonic()):
            return False
        handler = message.removeprefix(self.PREFIX).split(":", 1)[0][:100]
        record.msg, record.args = "event arguments refused: %s", (handler,)
        record.exc_info, record.exc_text = None, None
        return True


logging.getLogger("reflex_base.event.processor.event_processor").addFilter(QuietUnknownEvents())
logging.getLogger("reflex_base.event.processor.base_state_processor").addFilter(QuietRefusedArguments())


def _short_lines(text: str, longest: int = 200) -> str:
    """An exception's message may quote what the client sent (100 kB on one line)."""
    return "\n".join(line if len(line) <= longest else line[:longest] + "…" for line in text.splitlines())


def backend_exception_handler(exception: Exception):
    now = time.monotonic()
    kind = type(exception).__name__
    if _may_log(now):
        if now - _traceback_logged.get(kind, -60.0) >= 60:
            _traceback_logged[kind] = now
            logger.error("event failed:\n%s", _short_lines("".join(traceback.format_exception(exception)))[-4000:])
        else:
            logger.error("event failed: %s: %s", kind, str(exception)[:200])
    return rx.toast.error(t("error.unexpected"))
