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

import inspect
import logging
import re
import reprlib
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import reflex as rx
from hypothesis import strategies as st
from reflex.istate.data import RouterData
from reflex_base.utils.form import FORM_DATA_ENTRIES_KEY as FORM_ENVELOPE
from sqlmodel import Session, SQLModel, func, select

from competence import competence, errors  # noqa: F401  (registers every state)
from competence.components.layout import PAGES
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
from tests.unit.states import app_handlers, dispatch

CALLERS = ("anonymous", "member", "outsider", "other_teacher", "manager")
PASSWORD = "Le hibou mange 7 bleuets"
_PASSWORD_HASH = crypto.hash_password(PASSWORD, 4)  # bcrypt's cheapest cost: checked the same way
LONGEST_LOG_LINE = 500
WATCHED = (Account, AuthSession, ClassGroup, Membership, Consent, Attempt, Answer, ActivityCompletion,
           ItemCalibration, PurgeRecord)
HANDLERS = app_handlers()

# Every form field a state reads (text(form_data, "…"), checked(…)), so new ones are sent too.
_STATE_SOURCES = (Path(__file__).resolve().parents[2] / "competence" / "state").glob("*.py")
FIELD_NAMES = sorted({name for path in _STATE_SOURCES
                      for name in re.findall(r'(?:text|checked)\(form_data, "(\w+)"\)', path.read_text())})

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


# ---- what a client can send: JSON (any depth, any size, lone surrogates), other people's ids


class Huge(str):
    """A 100 kB string that prints short in a failing example."""

    def __repr__(self) -> str:
        return f"Huge({str(self)[:8]!r}… {len(self)} characters)"


def plain(value):
    """What the JSON decoder would give: plain str, list and dict."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return value


TRICKY = ["", " ", "0", "-1", "007", " 7", "7\n", "²", "١٢", "𝟕", "1e3", "9" * 30, "1 OR 1=1", "\x00", "\ud800",
          "é" * 40, "<script>", "../..", "%s%n", "None", "null", "true", "on", "under_14", "14_plus", "teacher",
          "learner", "name", "level", "last", "global", "assessed", "secondaire_2", "primaire_3"]
NUMBERS = [0, 1, 2, 3, 12, 13, -1, 2**31, 2**63, -(2**63) - 1, 10**20, int("9" * 4300)]


def _known(world: World) -> list:
    """Other people's ids and secrets, as numbers and as text."""
    numbers = [world.group.id, world.other_group.id, *world.membership_ids, *world.attempt_ids,
               *(i for i in world.ids.values() if i)]
    return [*numbers, *map(str, numbers), *world.item_ids, world.group.name, world.group.code,
            world.group.code.lower(), world.other_group.code, PASSWORD, *world.tokens.values()]


def _texts(longest: int):
    """Any text, lone surrogates included (JSON allows them; Hypothesis seldom draws them)."""
    return st.lists(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=longest).map("".join)


def values(world: World):
    texts = _texts(30)
    huge = st.builds(lambda piece: Huge((piece * 100_000)[:100_000]), st.text(min_size=1, max_size=3))
    special = st.sampled_from(TRICKY + NUMBERS + _known(world))
    scalars = st.one_of(special, special, huge, st.none(), st.booleans(), st.integers(), st.floats(), texts)
    keys = st.one_of(st.sampled_from(FIELD_NAMES), _texts(10))
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=5)), max_leaves=10)


def forms(world: World):
    """A form: the fields the app reads, with anything in them (a choice, a box ticked, an id),
    as a dict or in Reflex's form envelope of [name, value] pairs, well made or not."""
    answers = st.one_of(values(world), st.sampled_from(["0", "1", "2", "3", "on", True]))
    names = st.one_of(st.sampled_from(FIELD_NAMES), _texts(10))
    entries = st.one_of(st.lists(st.tuples(names, answers).map(list), max_size=8), values(world))
    envelopes = st.builds(lambda pairs: {FORM_ENVELOPE: pairs}, entries)
    return st.one_of(st.dictionaries(names, answers, max_size=8), envelopes)


def _own_routes(handler) -> list[str]:
    """The routes whose on_load belongs to the handler's state: the pages a person calls it from."""
    state = handler.fn.__qualname__.split(".")[0]
    loads = {page.route: page.on_load if isinstance(page.on_load, list) else [page.on_load] for page in PAGES}
    return [route for route, handlers in loads.items()
            if any(loaded.fn.__qualname__.startswith(f"{state}.") for loaded in handlers)]


def paths(world: World, handler):
    """Mostly the handler's own pages, with this world's ids (or the other group's), else any
    page or a crafted one."""
    def filled(route: str):
        return st.builds(lambda g, m, d: route.replace("[group_id]", str(g)).replace("[member_id]", str(m))
                         .replace("[dimension]", str(d)),
                         st.sampled_from([world.group.id, world.other_group.id]), st.sampled_from(world.membership_ids),
                         st.integers(0, 13))
    pages = st.one_of([filled(page.route) for page in PAGES])
    own = st.one_of([filled(route) for route in _own_routes(handler)] or [pages])
    segment = st.one_of(st.sampled_from(TRICKY[:15]), st.integers().map(str), _texts(12))
    odd = st.builds(lambda *parts: "/groupes/" + "/".join(parts),
                    segment, st.sampled_from(["apprenants", "dimensions"]), segment)
    query = st.one_of(st.just(""), st.builds(lambda key, value: f"?{key}={value}",
                                             st.sampled_from(["next", "avis"]), _texts(20)),
                      st.sampled_from(["?next=//evil.example", "?next=/groupes", "?avis=connexion", "?avis=%ff"]))
    return st.builds(lambda page, q: page + q, st.one_of(own, own, pages, odd), query)


def parameters(handler) -> list[tuple[str, str]]:
    """The names and annotations of what a client sends to the handler."""
    return [(parameter.name, str(parameter.annotation))
            for parameter in list(inspect.signature(handler.fn).parameters.values())[1:]]


def arguments(world: World, handler):
    """One value per parameter of the handler, of any type: its arity, nothing else, is respected."""
    return st.fixed_dictionaries({
        name: st.one_of(forms(world), values(world)) if "dict" in annotation else values(world)
        for name, annotation in parameters(handler)
    })


# ---- the properties


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
    ours = [frame for frame in frames if "/competence/" in frame.filename] or frames
    frame = ours[-1]
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
