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


def test_reflex_records_are_cut_to_500_characters_traceback_included():
    short = errors.ShortReflexRecords()
    huge = logging.LogRecord("reflex_base.event.processor.base_state_processor", logging.WARNING, __file__, 1,
                             "Error transforming event payload for handler start: %s", ("x" * 1_000_000,), None)
    assert short.filter(huge) and len(huge.getMessage()) <= 500
    assert huge.getMessage().startswith("Error transforming event payload for handler start: xxx")
    failing = unknown_event_record()
    failing.name, failing.msg = "reflex.app", "y" * 10_000
    assert short.filter(failing) and len(failing.getMessage()) <= 500 and failing.exc_info is None
    assert "KeyError" in failing.getMessage()  # the end of the traceback: what failed
    small = logging.LogRecord("reflex.state", logging.WARNING, __file__, 1, "short %s", ("value",), None)
    assert short.filter(small) and small.getMessage() == "short value"
    ours = logging.LogRecord("competence.errors", logging.ERROR, __file__, 1, "z" * 4000, (), None)
    assert short.filter(ours) and len(ours.getMessage()) == 4000  # the app's own log keeps its own cap


def test_a_1_mb_handler_argument_logs_a_short_warning():
    from reflex_base.event.processor import base_state_processor

    from competence import competence  # noqa: F401  (the app, as it runs: every Reflex logger filtered)
    from competence.state.assessment import AssessmentState

    records = []
    capture = logging.Handler()
    capture.emit = records.append
    logger = logging.getLogger(base_state_processor.__name__)
    logger.addHandler(capture)
    try:
        base_state_processor._prepare_event_payload(AssessmentState.start, {"dimension": "1" * 1_000_000 + "x"})
    finally:
        logger.removeHandler(capture)
    assert records and all(len(record.getMessage()) <= 500 for record in records)
    # Unknown events are first turned into one counted line, then cut.
    processor = logging.getLogger("reflex_base.event.processor.event_processor")
    assert [type(f).__name__ for f in processor.filters] == ["QuietUnknownEvents", "ShortReflexRecords"]


def test_a_traceback_quoting_what_the_client_sent_is_logged_in_short_lines(monkeypatch, caplog):
    """Reflex's form decoding fails on a malformed form with an exception whose context
    quotes the whole value; the traceback's lines are cut, as the other lines are."""
    monkeypatch.setattr(errors, "_window_start", 0.0)
    monkeypatch.setattr(errors, "_lines", 0)
    monkeypatch.setattr(errors, "_traceback_logged", {})
    try:
        try:
            raise ValueError(f"Error transforming event argument 'form_data' with value '{'y' * 100_000}'")
        except ValueError:
            dict(5)
    except TypeError as error:
        with caplog.at_level(logging.ERROR):
            errors.backend_exception_handler(error)
    lines = [line for record in caplog.records for line in record.getMessage().splitlines()]
    assert "TypeError: 'int' object is not iterable" in lines and max(map(len, lines)) <= 201
