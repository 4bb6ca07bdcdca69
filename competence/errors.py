"""What the server does when an event fails: a short French message to the person, and a
log that a flood of bad events (unknown names, crafted arguments) cannot fill.

Per kind of error, the traceback is written at most once a minute; after that, one line
per failure, and at most LINES_PER_MINUTE lines in all (the rest are counted). Whatever
Reflex itself logs is cut to REFLEX_RECORD_MAX_CHARS."""

from __future__ import annotations

import logging
import time
import traceback

import reflex as rx
import reflex.model  # noqa: F401  (Reflex imports it at the first rx.session(): its logger must exist when filtered)

from competence.i18n import t

logger = logging.getLogger("competence.errors")
LINES_PER_MINUTE = 20
REFLEX_RECORD_MAX_CHARS = 500

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


def _is_reflex(logger_name: str) -> bool:
    return logger_name == "reflex" or logger_name.startswith(("reflex.", "reflex_"))


class ShortReflexRecords(logging.Filter):
    """Reflex puts values a client sent into some records (a handler argument that does not
    fit its type hint: a warning quoting the whole value), so a 1 MB argument would write a
    1 MB line. Every record of Reflex's loggers, traceback included, is cut to
    REFLEX_RECORD_MAX_CHARS: its beginning and its end (where a traceback names the error)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _is_reflex(record.name):
            return True
        try:
            text = record.getMessage()
        except Exception:  # a malformed record: its handler reports it
            return True
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        elif record.exc_text:
            text += "\n" + record.exc_text
        if record.stack_info:
            text += "\n" + record.stack_info
        if len(text) <= REFLEX_RECORD_MAX_CHARS:
            return True
        cut = f" [... {len(text)} characters, cut ...] "
        head = (REFLEX_RECORD_MAX_CHARS - len(cut)) * 2 // 3
        tail = REFLEX_RECORD_MAX_CHARS - len(cut) - head
        record.msg, record.args = text[:head] + cut + text[-tail:], ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


SHORT_REFLEX_RECORDS = ShortReflexRecords()


def shorten_reflex_records() -> None:
    """Put ShortReflexRecords on every Reflex logger (a logger's filter does not see its
    children's records). Called once the app and its states are imported, when Reflex has
    made its loggers; adding it twice changes nothing."""
    for name in list(logging.root.manager.loggerDict):
        if _is_reflex(name):
            logging.getLogger(name).addFilter(SHORT_REFLEX_RECORDS)


logging.getLogger("reflex_base.event.processor.event_processor").addFilter(QuietUnknownEvents())
logging.getLogger("reflex_base.event.processor.base_state_processor")  # quotes event arguments
shorten_reflex_records()


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
