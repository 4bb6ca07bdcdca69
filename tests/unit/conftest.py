from datetime import datetime, timezone

import pytest
from sqlmodel import Session, SQLModel, create_engine, select

import competence.models  # noqa: F401  (tables and SQLite pragmas)
from competence.domain import accounts, crypto
from competence.domain.identity import NAME_CONTEXT
from competence.domain.keys import Keys
from competence.models import Account

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def make_account(session, keys, name, role="learner", password_hash="x", now=NOW) -> int:
    """An account row for a test, without going through signup; returns its id."""
    account = Account(
        email_hash=crypto.sha256_hex(name + now.isoformat()),
        name_cipher=crypto.encrypt(keys.name, name, NAME_CONTEXT),
        password_hash=password_hash,
        role=role,
        school_level="secondaire_2",
        under_14=None if role == "teacher" else False,
        terms_version="t",
        terms_accepted_at=now,
        created_at=now,
        last_active_at=now,
    )
    session.add(account)
    session.flush()
    return account.id


@pytest.fixture
def keys() -> Keys:
    return Keys.from_secret(b"unit-test-secret-unit-test-secret")


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'unit.db'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with Session(engine) as session:
        yield session


def solve(challenge: dict) -> str:
    """Do in Python what the browser widget does: find the number, return the payload."""
    import base64
    import json

    from altcha import v1 as altcha

    solution = altcha.solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = solution.number
    return base64.b64encode(json.dumps(payload).encode()).decode()


def signup_form(captcha: str, **changes) -> accounts.SignupForm:
    """A learner's signup form, filled in as a person would; `changes` set other answers."""
    values = dict(
        role="learner",
        email="Nhiem@Exemple.ca",
        password=PASSWORD,
        confirmation=PASSWORD,
        name="Nhiem Tran",
        school_level="secondaire_2",
        age="14_plus",
        terms_accepted=True,
        captcha_payload=captcha,
    )
    values.update(changes)
    return accounts.SignupForm(**values)


@pytest.fixture
def solved_captcha(keys):
    from datetime import timedelta

    from competence.domain import captcha

    return lambda: solve(captcha.new_challenge(keys.captcha, 1000, timedelta(minutes=5)))


# The app's own database (the one its states use), with signed-in people of every kind:
# for the tests that call handlers as a hostile client would.

PASSWORD = "Le hibou mange 7 bleuets"


@pytest.fixture(scope="module")
def app_engine():
    import reflex as rx

    engine = rx.model.get_engine()
    SQLModel.metadata.create_all(engine)
    return engine


def signed_up(session, name, role):
    """An account with a real password (bcrypt's cheapest cost: checked the same way), signed
    in: its id and its browser token."""
    from competence.domain import sessions
    from competence.domain.clock import utcnow
    from competence.domain.keys import server_keys

    now = utcnow()
    password_hash = crypto.hash_password(PASSWORD, 4)
    account_id = make_account(session, server_keys(), name, role, password_hash=password_hash, now=now)
    return account_id, sessions.open_session(session, account_id, now)


@pytest.fixture
def world(app_engine):
    """A teacher with a group, another teacher, a learner of the group, another learner, nobody."""

    from competence.domain import groups, joining
    from competence.domain.clock import utcnow
    from competence.domain.keys import server_keys
    from competence.models import Membership

    with Session(app_engine) as session:
        teacher, teacher_token = signed_up(session, "Prof", "teacher")
        intruder, intruder_token = signed_up(session, "Autre prof", "teacher")
        learner, learner_token = signed_up(session, "Élève", "learner")
        outsider, outsider_token = signed_up(session, "Autre élève", "learner")
        group = groups.create_group(session, teacher, "teacher", f"Groupe {teacher}", utcnow()).value
        joining.join(session, server_keys(), learner, group.code, "ip", utcnow())
        membership_id = session.exec(select(Membership.id).where(Membership.group_id == group.id)).one()
        session.commit()
    return {
        "group": group, "membership_id": membership_id, "teacher": teacher_token,
        "intruder": intruder_token, "learner": learner_token, "outsider": outsider_token, "anonymous": "",
        "ids": {"teacher": teacher, "intruder": intruder, "learner": learner, "outsider": outsider},
    }


# A learner's tab on the positioning test, and what the app sends to the database meanwhile:
# for the tests of the answer path and of the kept caller.

@pytest.fixture
def statements(app_engine):
    """The SQL statements the app sends, as they are sent."""
    from sqlalchemy import event

    sent = []

    def note(_conn, _cursor, statement, _parameters, _context, _executemany):
        sent.append(statement)

    event.listen(app_engine, "before_cursor_execute", note)
    yield sent
    event.remove(app_engine, "before_cursor_execute", note)


@pytest.fixture
def clock(monkeypatch):
    """The time the caller cache (and the call budget) reads, moved forward by hand."""
    import time

    from competence.state import auth

    now = [time.time()]
    monkeypatch.setattr(auth.time, "time", lambda: now[0])
    return now


def learner_token(engine, name: str) -> tuple[int, str]:
    from competence.domain import sessions
    from competence.domain.clock import utcnow
    from competence.domain.keys import server_keys

    with Session(engine) as session:
        learner = make_account(session, server_keys(), name, now=utcnow())
        token = sessions.open_session(session, learner, utcnow())
        session.commit()
    return learner, token


@pytest.fixture
def test_tab(app_engine):
    """A learner's tab on the positioning test, first question on screen."""
    from competence.state.assessment import AssessmentState
    from tests.unit.states import call, state

    learner, token = learner_token(app_engine, "Élève Réponses")
    tab = state(AssessmentState, token, "/positionnement")
    call(AssessmentState.start.fn, tab, 1)
    call(AssessmentState.load.fn, tab)
    assert tab.phase == "question"
    return tab, learner, token


def answers(engine, learner) -> list:
    """A learner's answers, oldest first."""
    from competence.models import Answer, Attempt

    with Session(engine) as session:
        return session.exec(select(Answer).join(Attempt).where(Attempt.account_id == learner)
                            .order_by(Answer.id)).all()
