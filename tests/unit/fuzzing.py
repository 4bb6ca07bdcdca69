"""Hostile clients, generated with Hypothesis: every handler the app registers (found the way
tests/unit/test_handler_inventory.py finds them, so a handler added later is fuzzed too),
processed the way Reflex processes an event, with any JSON a client can send, by anyone,
on any page. tests/unit/test_fuzz_handlers.py runs it briefly, benchmarks/fuzz.py at length.

The world: a teacher, the manager, owning a group with a consenting learner, the member,
who has a result, a test under way and an activity done; another teacher owning a group
with a learner outside the first, the outsider; and the anonymous caller. Everyone has a
tab (a whole state tree) signed in with their own token. Every example starts from the
world as built (a new one once a call has changed it) with new tabs.

The properties of every call:
1. no exception escapes: Reflex's processing included (the arguments converted from the
   handler's annotations, the handler run to its end, every delta serialised for the socket);
2. no row changed that the caller does not own (what a caller owns: test_fuzz_handlers.py);
3. no log line over 500 characters, from Reflex's loggers or the app's, INFO and up, the
   app's backend_exception_handler included (Reflex gives it what escapes).
An exception Reflex raises while decoding the arguments, before any handler runs (a
malformed form envelope), is noted apart ("reflex"): the app cannot prevent it, but what
it logs about it is checked."""

from __future__ import annotations

import logging
import reprlib
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import reflex as rx
from hypothesis import strategies as st
from reflex.istate.data import RouterData
from sqlmodel import Session, SQLModel, func, select

from competence import competence, errors  # noqa: F401  (registers every state)
from competence.domain import assessment, crypto, groups, joining, progress, sessions
from competence.domain.clock import utcnow
from competence.domain.content import content
from competence.domain.keys import server_keys
from competence.models import (
    Account, ActivityCompletion, Answer, Attempt, AuthSession, ClassGroup, Consent, ItemCalibration, Membership,
    PurgeRecord,
)
from competence.state.auth import AuthState
from tests.unit.conftest import make_account
from tests.unit.fuzz_inputs import PASSWORD, arguments, paths, plain
from tests.unit.states import app_handlers, dispatch

CALLERS = ("anonymous", "member", "outsider", "other_teacher", "manager")
_PASSWORD_HASH = crypto.hash_password(PASSWORD, 4)  # bcrypt's cheapest cost: checked the same way
LONGEST_LOG_LINE = 500
WATCHED = (Account, AuthSession, ClassGroup, Membership, Consent, Attempt, Answer, ActivityCompletion,
           ItemCalibration, PurgeRecord)
HANDLERS = app_handlers()

_counter = iter(range(1, 10**9))


@dataclass
class World:
    ids: dict[str, int | None]
    tokens: dict[str, str]
    group: groups.ManagedGroup
    other_group: groups.ManagedGroup
    membership_ids: list[int]
    attempt_ids: list[int]
    item_ids: list[str]
    first_ids: dict[str, int]  # per table, the last id before this world: older rows are not watched
    ip: str
    tabs: dict[str, rx.State] = field(default_factory=dict)
    built: dict = field(default_factory=dict)  # the watched rows as built
    rows: dict = field(default_factory=dict)  # the watched rows after the last call

    def tab(self, caller: str) -> rx.State:
        """The caller's tab (a whole state tree, signed in with their token), opened on first use."""
        if caller not in self.tabs:
            self.tabs[caller] = rx.State(_reflex_internal_init=True)
            _auth(self.tabs[caller]).auth_token = self.tokens[caller]
        return self.tabs[caller]


def _last_ids(session) -> dict[str, int]:
    return {table.__tablename__: session.exec(select(func.max(table.id))).one() or 0 for table in WATCHED}


def build_world(engine) -> World:
    number, now, keys = next(_counter), utcnow(), server_keys()
    with Session(engine) as session:
        first_ids = _last_ids(session)
        ids = {"anonymous": None}
        for caller, role in (("manager", "teacher"), ("other_teacher", "teacher"), ("member", "learner"),
                             ("outsider", "learner")):
            ids[caller] = make_account(session, keys, f"{caller} {number}", role, password_hash=_PASSWORD_HASH,
                                       now=now)
        group = groups.create_group(session, ids["manager"], "teacher", f"Groupe {number}", now).value
        other = groups.create_group(session, ids["other_teacher"], "teacher", f"Autre groupe {number}", now).value
        joining.join(session, keys, ids["member"], group.code, "fuzz", now)
        joining.join(session, keys, ids["outsider"], other.code, "fuzz", now)
        bank = content()
        session.add(Attempt(account_id=ids["member"], dimension=1, audience="secondaire", content_version=bank.version,
                            started_at=now, finished_at=now, level=3))
        assessment.start(session, ids["member"], 2, bank, now)
        shown = assessment.current_question(session, ids["member"], bank, now)
        activity = progress.activities_for(bank, 1, "secondaire")[0]
        progress.complete_activity(session, ids["member"], "secondaire", activity.id, 0, bank, now)
        tokens = {caller: sessions.open_session(session, account_id, now) if account_id else ""
                  for caller, account_id in ids.items()}
        session.commit()
        membership_ids = list(session.exec(select(Membership.id).where(Membership.id > first_ids["membership"])))
        attempt_ids = list(session.exec(select(Attempt.id).where(Attempt.id > first_ids["attempt"])))
    items = [shown.item_id, activity.id, *sorted(bank.items)[:: max(1, len(bank.items) // 8)]]
    ip = f"198.51.100.{number % 250 + 1}"  # a fresh address now and then: throttles do not hide the rest
    world = World(ids, tokens, group, other, membership_ids, attempt_ids, items, first_ids, ip)
    world.built = world.rows = snapshot(engine, world)
    return world


_last: dict = {}  # engine -> the last world built


def world_as_built(engine) -> World:
    """A world as built, with new tabs: the last one again when no call changed it (most
    calls are refused), else a new one."""
    world = _last.get(engine)
    if world is None or snapshot(engine, world) != world.built:
        world = _last[engine] = build_world(engine)
    world.tabs, world.rows = {}, world.built
    return world


def _auth(tab: rx.State) -> AuthState:
    return tab.get_substate(AuthState.get_full_name().split("."))


# ---- the properties (the inputs: tests/unit/fuzz_inputs.py)

def _owners(table: str, row: dict, group_owner: dict, attempt_owner: dict, managers: dict) -> set:
    """Who owns a row, as tests/unit/test_fuzz_handlers.py says."""
    if table == "account":
        return {row["id"]} | managers.get(row["id"], set())
    if table == "auth_session":
        return {row["account_id"]} | managers.get(row["account_id"], set())
    if table == "class_group":
        return {row["owner_id"]}
    if table in ("membership", "consent"):
        return {row["account_id"], group_owner.get(row["group_id"])}
    if table == "answer":
        return {attempt_owner.get(row["attempt_id"])}
    if table in ("item_calibration", "purge_record"):
        return set()
    return {row["account_id"]}  # attempt, activity_completion


def snapshot(engine, world: World) -> dict[tuple[str, int], dict]:
    rows = {}
    with engine.connect() as connection:
        for table in WATCHED:
            name, columns = table.__tablename__, table.__table__.c
            for row in connection.execute(table.__table__.select().where(columns.id > world.first_ids[name])):
                rows[name, row.id] = dict(row._mapping)
    return rows


def rows_not_owned(before: dict, after: dict, caller_id: int | None) -> list[str]:
    every = {**after, **before}
    group_owner = {key[1]: row["owner_id"] for key, row in every.items() if key[0] == "class_group"}
    attempt_owner = {key[1]: row["account_id"] for key, row in after.items() if key[0] == "attempt"}
    attempt_owner |= {key[1]: row["account_id"] for key, row in before.items() if key[0] == "attempt"}
    managers: dict[int, set] = {}  # a member's account -> the teachers of their groups (password reset)
    for key, row in before.items():
        if key[0] == "membership":
            managers.setdefault(row["account_id"], set()).add(group_owner.get(row["group_id"]))
    found = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        owned_before = _owners(key[0], old, group_owner, attempt_owner, managers) if old else set()
        owned_after = _owners(key[0], new, group_owner, attempt_owner, managers) if new else set()
        owned_after = (owned_after - {None}) or owned_before  # a row detached by a deletion stays its owner's
        if (old and caller_id not in owned_before) or (new and caller_id not in owned_after):
            found.append(f"row {key[0]} {key[1]} {'changed' if old and new else 'added' if new else 'deleted'}")
    return found


class LongLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.found: list[tuple[str, str]] = []  # the logger, what is wrong

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        for line in text.splitlines():
            if len(line) > LONGEST_LOG_LINE:
                self.found.append((record.name, f"a log line of {len(line)} characters: {line[:80]!r}…"))


@contextmanager
def long_log_lines():
    """Every log record from the root down (Reflex's and the app's loggers at INFO and up)."""
    handler, loggers = LongLines(), [logging.getLogger(name) for name in ("reflex", "competence")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(min(logger.getEffectiveLevel(), logging.INFO))
    watched = [logging.getLogger()] + [logger for logger in loggers if not logger.propagate]
    for logger in watched:
        logger.addHandler(handler)
    try:
        yield handler.found
    finally:
        for logger in watched:
            logger.removeHandler(handler)
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    frame = ([frame for frame in frames if "/competence/" in frame.filename] or frames)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"


def _kind(error: BaseException) -> str:
    """"reflex" when Reflex failed decoding the arguments, before any handler ran."""
    decoding = any(frame.name == "_prepare_event_payload" for frame in traceback.extract_tb(error.__traceback__))
    return "reflex" if decoding else "exception"


def _unlimited_error_log() -> None:
    """The app logs at most 20 failed events a minute: every call's lines are checked here."""
    errors._window_start, errors._lines, errors._suppressed, errors._traceback_logged = 0.0, 0, 0, {}


@dataclass(frozen=True)
class Finding:
    kind: str  # exception · row · log · reflex (Reflex's own, before any handler: a note)
    where: str  # the line of the app that raised, the logger, the table
    handler: str
    caller: str
    detail: str
    call: str  # the path and the arguments, shortened

    def __str__(self) -> str:
        return f"{self.handler} as {self.caller}: {self.detail}"


_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlong, _SHORT.maxlevel = 60, 60, 40, 3


CALLS: Counter = Counter()  # per handler: calls made
WRITES: Counter = Counter()  # per handler: calls that changed a watched row (the caller's own, or a finding)


def check_call(engine, world: World, caller: str, name: str, path: str, payload: dict) -> list[Finding]:
    """One event from one tab, and what the properties say about it."""
    handler, tab = HANDLERS[name], world.tab(caller)
    tab.router = RouterData.from_router_data({"pathname": path, "asPath": path, "ip": world.ip})
    acting = world.ids[caller] if _auth(tab).auth_token == world.tokens[caller] else None
    before = world.rows
    found = []
    _unlimited_error_log()
    with long_log_lines() as long_lines:
        try:
            dispatch(handler, tab.get_substate(handler.state_full_name.split(".")), plain(payload))
        except Exception as error:
            where = f"{type(error).__name__} at {_where(error)}"
            found.append((_kind(error), where, f"{type(error).__name__}: {str(error)[:150]} ({_where(error)})"))
            errors.backend_exception_handler(error)  # what Reflex does with it
    CALLS[name] += 1
    found += [("log", logger, line) for logger, line in long_lines]
    world.rows = snapshot(engine, world)
    WRITES[name] += world.rows != before
    found += [("row", row.split()[1], row) for row in rows_not_owned(before, world.rows, acting)]
    example = f"path {_SHORT.repr(path)}, arguments {_SHORT.repr(payload)}"
    return [Finding(kind, where, name, caller, detail, example) for kind, where, detail in found]


def example(data, engine, name: str, most_calls: int = 3) -> list[Finding]:
    """A fresh world, a few calls of any handler from its tabs (a code checked, an activity
    opened…), then a call of `name`; each drawn from `data` (Hypothesis' st.data())."""
    world = world_as_built(engine)
    before = data.draw(st.lists(st.sampled_from(sorted(HANDLERS)), max_size=most_calls - 1), label="calls before")
    findings = []
    for handler in [*before, name]:
        caller = data.draw(st.sampled_from(CALLERS), label="caller")
        path = data.draw(paths(world, HANDLERS[handler]), label="path")
        payload = data.draw(arguments(world, HANDLERS[handler]), label=f"{handler} with")
        findings += check_call(engine, world, caller, handler, path, payload)
    return findings


def engine():
    engine = rx.model.get_engine()
    SQLModel.metadata.create_all(engine)
    return engine
