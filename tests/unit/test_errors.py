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


def test_an_argument_reflex_cannot_convert_is_one_short_line(monkeypatch, caplog):
    """Reflex's own warning carried the whole value a client sent (audit item 10)."""
    import reflex as rx
    from sqlmodel import SQLModel

    from competence import competence  # noqa: F401  (registers every state)
    from competence.state.assessment import AssessmentState
    from tests.unit.states import dispatch, state

    SQLModel.metadata.create_all(rx.model.get_engine())
    monkeypatch.setattr(errors, "_window_start", 0.0)
    monkeypatch.setattr(errors, "_lines", 0)
    tab = state(AssessmentState, "", "/positionnement")
    with caplog.at_level(logging.WARNING):
        dispatch(AssessmentState.event_handlers["start"], tab, {"dimension": "9x" * 50_000})
    assert [record.getMessage() for record in caplog.records] == ["event arguments refused: AssessmentState.start"]


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
