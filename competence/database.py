"""Engine-wide settings every connection needs.

- SQLite: foreign keys on (so cascades happen), WAL, a busy wait, and deleted rows
  overwritten with zeros (a deleted account's ciphertexts do not linger in free pages).
- Several workers are forked from one process: a pooled connection opened before the
  fork must never be used by two processes at once (their messages would interleave on
  one socket). Each connection remembers the process that opened it; another process
  throws it away and opens its own (SQLAlchemy's documented multiprocessing recipe).
"""

import os
import sqlite3

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        # With WAL, NORMAL is durable across a crash of the app (kill -9); only a power loss
        # could drop the last commits. It spares an fsync per answer.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()


@event.listens_for(Pool, "connect")
def _remember_process(_dbapi_connection, record) -> None:
    record.info["pid"] = os.getpid()


@event.listens_for(Pool, "checkout")
def _refuse_inherited(_dbapi_connection, record, proxy) -> None:
    if record.info.get("pid") != os.getpid():
        record.dbapi_connection = proxy.dbapi_connection = None
        raise exc.DisconnectionError("connection opened by another process")
