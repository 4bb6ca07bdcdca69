"""Operations from the command line.

    python -m competence.admin check            # the configuration, in one line
    python -m competence.admin purge            # delete accounts inactive for 24 months
    python -m competence.admin backup PATH      # a consistent copy of the SQLite database, app running or not
    python -m competence.admin restore PATH     # put a backup back (stop the app first)
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlmodel import Session

from competence import settings


def _sqlite_path() -> Path:
    url = make_url(settings.db_url())
    if url.get_backend_name() != "sqlite":
        raise SystemExit("backup/restore work on the SQLite database; for PostgreSQL use pg_dump / pg_restore.")
    return Path(url.database)


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while the app writes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def check() -> str:
    """Stops with one clear line when the database, Redis or the secret cannot be used."""
    problem = settings.configuration_problem()
    if problem:
        raise SystemExit(problem)
    return "configuration ok"


def purge() -> str:
    from competence.domain.clock import utcnow
    from competence.domain.privacy import purge_inactive

    engine = create_engine(settings.db_url())
    import competence.database  # noqa: F401  (SQLite foreign keys, so cascades happen)

    with Session(engine) as session:
        record = purge_inactive(session, utcnow())
        summary = (f"purged {record.accounts} account(s), {record.memberships} membership(s), "
                   f"{record.consents} consent(s)")
        session.commit()
    engine.dispose()
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m competence.admin", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check")
    commands.add_parser("purge")
    commands.add_parser("backup").add_argument("path", type=Path)
    commands.add_parser("restore").add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        print(check())
    elif args.command == "purge":
        print(purge())
    elif args.command == "backup":
        _copy(_sqlite_path(), args.path)
        print(f"backup written to {args.path}")
    elif args.command == "restore":
        if not args.path.exists():
            raise SystemExit(f"no backup at {args.path}")
        _copy(args.path, _sqlite_path())
        print(f"database restored from {args.path}")


if __name__ == "__main__":
    main(sys.argv[1:])
