"""A flood of failing events cannot fill the log."""

import logging

from competence import errors


def unknown_event_record() -> logging.LogRecord:
    try:
        try:
            raise KeyError("x")
        except KeyError as inner:
            raise KeyError("No registered handler found for event: no.such.handler") from inner
    except KeyError:
        import sys

        return logging.LogRecord("reflex_base.event.processor.event_processor", logging.ERROR, __file__, 1,
                                 "Error processing event queue entry for Event(payload={'secret': 1})", (),
                                 sys.exc_info())


def test_unknown_events_become_short_capped_lines(monkeypatch):
    monkeypatch.setattr(errors, "_window_start", 0.0)
    monkeypatch.setattr(errors, "_lines", 0)
    monkeypatch.setattr(errors, "_suppressed", 0)
    quiet = errors.QuietUnknownEvents()
    records = [unknown_event_record() for _ in range(1000)]
    kept = [record for record in records if quiet.filter(record)]
    assert len(kept) == errors.LINES_PER_MINUTE
    assert all(r.getMessage() == "unknown event name refused" and r.exc_info is None for r in kept)


def test_other_records_pass_untouched():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "something else", (), None)
    assert errors.QuietUnknownEvents().filter(record) and record.getMessage() == "something else"
