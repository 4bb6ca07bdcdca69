"""Operations from the command line.

    python -m competence.admin check            # the configuration, in one line
    python -m competence.admin purge            # delete accounts inactive for 24 months
    python -m competence.admin backup PATH      # a consistent copy of the SQLite database, app running or not
    python -m competence.admin restore PATH     # put a backup back (stop the app first)
    python -m competence.admin calibrate        # measure each question from the stored answers
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
    """Stops with one clear line when the proxy settings, the database, Redis or the secret cannot be used."""
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


def calibrate() -> str:
    """A new calibration run, and the questions a person should review."""
    from competence.domain.calibration import calibrate_bank
    from competence.domain.clock import utcnow
    from competence.domain.content import content
    from competence.domain.item_parameters import MIN_ANSWERS

    engine = create_engine(settings.db_url())
    with Session(engine) as session:
        results = calibrate_bank(session, content(), utcnow())
        session.commit()
    engine.dispose()
    if not results:
        return "no finished attempt with the bank in use: nothing to calibrate"
    lines = []
    for dimension, fitted in sorted(results.items()):
        used = sum(f.answers >= MIN_ANSWERS for f in fitted)
        lines.append(f"dimension {dimension}: {len(fitted)} question(s) measured, {used} with at least "
                     f"{MIN_ANSWERS} answers (used by the test from now on)")
        for f in fitted:
            if f.answers >= MIN_ANSWERS and (f.contradicts_label or f.weak):
                why = []
                if f.contradicts_label:
                    why.append(f"labelled {f.level}, measured as {adaptive_level(f.difficulty)}")
                if f.weak:
                    why.append(f"discriminates little ({f.discrimination:.2f})")
                lines.append(f"  review {f.item_id}: {'; '.join(why)} ({f.answers} answers)")
    return "\n".join(lines)


def adaptive_level(difficulty: float) -> int:
    from competence.domain.adaptive import nearest_label

    return nearest_label(difficulty)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m competence.admin", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check")
    commands.add_parser("purge")
    commands.add_parser("backup").add_argument("path", type=Path)
    commands.add_parser("restore").add_argument("path", type=Path)
    commands.add_parser("calibrate")
    args = parser.parse_args(argv)
    if args.command == "check":
        print(check())
    elif args.command == "purge":
        print(purge())
    elif args.command == "calibrate":
        print(calibrate())
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
