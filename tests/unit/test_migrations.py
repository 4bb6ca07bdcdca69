"""The migrations and the models describe the same schema, and upgrades keep every row.
On SQLite always; on PostgreSQL too when scripts/with-services.sh provides one."""

import os
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

import competence.models  # noqa: F401
from tests import appserver

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("COMPETENCE_TEST_PG_URL") else [])


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    yield appserver.create_database(os.environ["COMPETENCE_TEST_PG_URL"], "migrations")


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["url"] = url
    config.attributes["skip_logging"] = True
    return config


def test_autogenerate_finds_nothing_to_add(url):
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_downgrade_to_nothing_and_back(url):
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(config, "head")


def test_upgrading_a_database_of_the_first_release_keeps_every_row(url):
    config = alembic_config(url)
    command.upgrade(config, "0001")
    engine = create_engine(url)
    with engine.begin() as connection:
        for n in range(3):
            connection.execute(
                text(
                    "INSERT INTO account (email_hash, name_cipher, password_hash, role, school_level, under_14,"
                    " terms_version, terms_accepted_at, created_at, last_active_at) VALUES (:hash, :cipher, 'p',"
                    " 'learner', 'secondaire_1', false, 'v', :at, :at, :at)"
                ),
                {"hash": f"h{n}", "cipher": b"\x00\x01", "at": "2026-01-01 00:00:00+00"},
            )
        connection.execute(text(
            "INSERT INTO auth_session (account_id, token_hash, created_at, expires_at)"
            " SELECT MIN(id), 't', '2026-01-01 00:00:00+00', '2027-01-01 00:00:00+00' FROM account"
        ))
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT email_hash FROM account ORDER BY id")).scalars().all() == [
            "h0", "h1", "h2"
        ]
        assert connection.execute(text("SELECT name_cipher FROM account LIMIT 1")).scalar() == b"\x00\x01"
        assert connection.execute(text("SELECT COUNT(*) FROM auth_session")).scalar() == 1
    command.downgrade(config, "-1")  # the last migration goes back cleanly
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM account")).scalar() == 3
    engine.dispose()


def test_upgrading_and_downgrading_keep_answers_groups_and_sessions(url):
    """Adding a column must never recreate a table: on SQLite, with foreign keys on, dropping
    the old table would cascade to its children."""
    config = alembic_config(url)
    command.upgrade(config, "0004")
    engine = create_engine(url)
    at = "'2026-01-01 00:00:00+00'"
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO account (email_hash, name_cipher, password_hash, role, school_level, under_14, terms_version,"
            f" terms_accepted_at, created_at, last_active_at) VALUES ('h', :c, 'p', 'teacher', 'secondaire_1', NULL,"
            f" 'v', {at}, {at}, {at})",
            f"INSERT INTO auth_session (account_id, token_hash, created_at, expires_at) SELECT id, 't', {at}, {at}"
            " FROM account",
            "INSERT INTO class_group (owner_id, name, name_key, code, joining_open, created_at) SELECT id, 'G', 'g',"
            f" 'ABCDEFG', true, {at} FROM account",
            f"INSERT INTO membership (group_id, account_id, joined_at) SELECT class_group.id, account.id, {at}"
            " FROM class_group, account",
            "INSERT INTO attempt (account_id, dimension, audience, content_version, full_run, started_at)"
            f" SELECT id, 1, 'adultes', 'v', false, {at} FROM account",
            "INSERT INTO answer (attempt_id, position, item_id, difficulty, choice, correct, seconds, answered_at)"
            f" SELECT id, 1, 'd01-q01', 1, 0, true, 9.5, {at} FROM attempt",
        ):
            connection.execute(text(statement), {"c": b"\x00"})
    counted = ("account", "auth_session", "class_group", "membership", "attempt", "answer")

    def counts():
        with engine.connect() as connection:
            return [connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() for table in counted]

    assert counts() == [1] * 6
    command.upgrade(config, "head")
    assert counts() == [1] * 6
    command.downgrade(config, "0004")
    assert counts() == [1] * 6
    engine.dispose()
