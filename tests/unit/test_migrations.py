"""The migrations and the models describe the same schema."""

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import competence.models  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["url"] = url
    config.attributes["skip_logging"] = True
    return config


def test_autogenerate_finds_nothing_to_add(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_downgrade_to_nothing_and_back(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(config, "head")


def test_upgrading_a_database_of_the_first_release_keeps_every_account(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0001")
    engine = create_engine(url)
    with engine.begin() as connection:
        for n in range(3):
            connection.exec_driver_sql(
                "INSERT INTO account (email_hash, name_cipher, password_hash, role, school_level, under_14,"
                " terms_version, terms_accepted_at, created_at, last_active_at)"
                f" VALUES ('h{n}', x'00', 'p', 'learner', 'secondaire_1', 0, 'v', '2026-01-01', '2026-01-01',"
                " '2026-01-01')"
            )
        connection.exec_driver_sql(
            "INSERT INTO auth_session (account_id, token_hash, created_at, expires_at)"
            " VALUES (1, 't', '2026-01-01', '2027-01-01')"
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT email_hash FROM account ORDER BY id").scalars().all() == [
            "h0", "h1", "h2"
        ]
        assert connection.exec_driver_sql("SELECT COUNT(*) FROM auth_session").scalar() == 1
    command.downgrade(config, "-1")  # the last migration goes back cleanly
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT COUNT(*) FROM account").scalar() == 3
    engine.dispose()
