from datetime import timedelta

from competence.domain import throttle
from tests.unit.conftest import NOW

WINDOW = timedelta(minutes=10)


def fail(session, key, at):
    throttle.record(session, [key], at)
    session.flush()


def test_under_the_limit_nothing_waits(session):
    for minute in range(9):
        fail(session, "k", NOW + timedelta(minutes=minute / 10))
    assert throttle.retry_after(session, {"k": 10}, WINDOW, NOW + timedelta(minutes=1)) is None


def test_at_the_limit_the_wait_ends_when_the_oldest_try_leaves_the_window(session):
    for minute in range(10):
        fail(session, "k", NOW + timedelta(minutes=minute))
    now = NOW + timedelta(minutes=9, seconds=30)
    assert throttle.retry_after(session, {"k": 10}, WINDOW, now) == timedelta(seconds=30)
    assert throttle.minutes(timedelta(seconds=30)) == 1
    assert throttle.retry_after(session, {"k": 10}, WINDOW, NOW + timedelta(minutes=10, seconds=1)) is None


def test_keys_are_counted_apart_and_the_longest_wait_wins(session):
    for _ in range(3):
        fail(session, "address", NOW)
    fail(session, "account", NOW + timedelta(minutes=2))
    limits = {"address": 3, "account": 1}
    assert throttle.retry_after(session, limits, WINDOW, NOW + timedelta(minutes=3)) == timedelta(minutes=9)
    assert throttle.retry_after(session, {"other": 1}, WINDOW, NOW) is None


def test_forget_and_purge(session):
    fail(session, "a", NOW - timedelta(days=2))
    fail(session, "b", NOW)
    throttle.purge_before(session, NOW - timedelta(days=1))
    throttle.forget(session, "b")
    assert throttle.retry_after(session, {"a": 1, "b": 1}, timedelta(days=30), NOW) is None
