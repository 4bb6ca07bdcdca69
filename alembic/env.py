"""Migrations run against settings.db_url() (REFLEX_DB_URL or the SQLite file)."""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import competence.models  # noqa: F401  (registers every table on SQLModel.metadata)
from competence import settings

if context.config.config_file_name and not context.config.attributes.get("skip_logging"):
    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    url = context.config.attributes.get("url") or settings.db_url()
    engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
