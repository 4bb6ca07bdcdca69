"""Benchmark of the portrait queries on a school year of data.

Seeds a throw-away SQLite database (migrated like production) with 10,000 learners
in 250 groups of 40, plus one school-wide group of 2,000 of them, each learner with
several attempts per dimension over a school year and their answers. Then times the
« Apprenants » and « Dimensions » queries of competence.domain.portrait for a
40-learner group and for the 2,000-learner group, next to a bare hand-written SQL
aggregate over the same data (the floor). Prints the median of repeated runs.

    python benchmarks/portrait.py [--learners 10000] [--repeat 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GROUP_SIZE = 40
SCHOOL_SIZE = 2000
DIMENSIONS = 12
YEAR_START = datetime(2025, 9, 2, tzinfo=timezone.utc)


def seed(db_path: Path, learners: int, rng: random.Random) -> tuple[int, int, int]:
    """Bulk-insert the data with plain SQL (fast); returns (teacher id, a class group id, the school group id)."""
    from competence.domain import crypto
    from competence.domain.identity import NAME_CONTEXT
    from competence.domain.keys import server_keys

    key = server_keys().name
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    iso = lambda moment: moment.isoformat(sep=" ")  # noqa: E731
    now = iso(YEAR_START)
    with connection:
        connection.execute(
            "INSERT INTO account (id, email_hash, name_cipher, password_hash, role, school_level, under_14,"
            " terms_version, terms_accepted_at, created_at, last_active_at) VALUES (1, 'teacher', ?, 'x', 'teacher',"
            " 'secondaire_2', NULL, 'v', ?, ?, ?)",
            (crypto.encrypt(key, "Enseignante", NAME_CONTEXT), now, now, now),
        )
        connection.executemany(
            "INSERT INTO account (id, email_hash, name_cipher, password_hash, role, school_level, under_14,"
            " terms_version, terms_accepted_at, created_at, last_active_at)"
            " VALUES (?, ?, ?, 'x', 'learner', 'secondaire_1', 0, 'v', ?, ?, ?)",
            [(n, f"h{n}", crypto.encrypt(key, f"Apprenant {n}", NAME_CONTEXT), now, now, now)
             for n in range(2, learners + 2)],
        )
        groups = learners // GROUP_SIZE
        connection.executemany(
            "INSERT INTO class_group (id, owner_id, name, name_key, code, joining_open, created_at)"
            " VALUES (?, 1, ?, ?, ?, 1, ?)",
            [(g, f"Groupe {g}", f"groupe {g}", f"{g:07d}", now) for g in range(1, groups + 2)],
        )
        school = groups + 1
        members = [(g, 2 + (g - 1) * GROUP_SIZE + i) for g in range(1, groups + 1) for i in range(GROUP_SIZE)]
        members += [(school, 2 + i) for i in range(SCHOOL_SIZE)]
        connection.executemany("INSERT INTO membership (group_id, account_id, joined_at) VALUES (?, ?, ?)",
                               [(g, a, now) for g, a in members])
        connection.executemany(
            "INSERT INTO consent (group_id, account_id, text_version, given_at) VALUES (?, ?, 'v', ?)",
            [(g, a, now) for g, a in members],
        )
        attempt_id = 0
        attempts, answers = [], []
        for account in range(2, learners + 2):
            for dimension in range(1, DIMENSIONS + 1):
                for _ in range(rng.choice((1, 2, 3, 4))):  # several attempts over the year
                    attempt_id += 1
                    started = YEAR_START + timedelta(days=rng.randrange(280), minutes=rng.randrange(600))
                    finished = started + timedelta(minutes=rng.randrange(3, 15))
                    attempts.append((attempt_id, account, dimension, "secondaire", "v", 0, iso(started), iso(finished),
                                     rng.randint(1, 5)))
                    for position in range(1, rng.randint(5, 9)):
                        answers.append((attempt_id, position, f"d{dimension:02d}-q{position:02d}", 3, 0,
                                        rng.random() < 0.6, 20.0, iso(started + timedelta(seconds=30 * position))))
        connection.executemany(
            "INSERT INTO attempt (id, account_id, dimension, audience, content_version, full_run, started_at,"
            " finished_at, level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", attempts)
        connection.executemany(
            "INSERT INTO answer (attempt_id, position, item_id, difficulty, choice, correct, seconds, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", answers)
    connection.execute("ANALYZE")
    connection.close()
    print(f"seeded {learners} learners, {groups} groups of {GROUP_SIZE} + one of {SCHOOL_SIZE}, "
          f"{len(attempts)} attempts, {len(answers)} answers")
    return 1, 1, school


_PER_DIMENSION = ", ".join(f"MAX(CASE WHEN c.dimension = {n} THEN c.level END)" for n in range(1, DIMENSIONS + 1))
# The same result as the app's query, written by hand: the floor it is measured against.
BARE_LEARNERS = f"""
WITH members AS (
  SELECT m.id AS membership_id, m.account_id FROM membership m
  JOIN consent c ON c.group_id = m.group_id AND c.account_id = m.account_id AND c.withdrawn_at IS NULL
  WHERE m.group_id = :g),
current AS (
  SELECT account_id, dimension, level FROM (
    SELECT a.account_id, a.dimension, a.level,
           ROW_NUMBER() OVER (PARTITION BY a.account_id, a.dimension ORDER BY a.finished_at DESC) AS rank
    FROM attempt a WHERE a.account_id IN (SELECT account_id FROM members) AND a.level IS NOT NULL)
  WHERE rank = 1),
last_answer AS (
  SELECT a.account_id, MAX(an.answered_at) AS at FROM attempt a JOIN answer an ON an.attempt_id = a.id
  WHERE a.account_id IN (SELECT account_id FROM members) GROUP BY a.account_id),
last_activity AS (
  SELECT account_id, MAX(completed_at) AS at FROM activity_completion
  WHERE account_id IN (SELECT account_id FROM members) GROUP BY account_id)
SELECT members.membership_id, acc.name_cipher, acc.school_level, la.at, lc.at, AVG(c.level), COUNT(c.level),
       {_PER_DIMENSION}
FROM members JOIN account acc ON acc.id = members.account_id
LEFT JOIN last_answer la ON la.account_id = members.account_id
LEFT JOIN last_activity lc ON lc.account_id = members.account_id
LEFT JOIN current c ON c.account_id = members.account_id
GROUP BY members.membership_id, acc.name_cipher, acc.school_level, la.at, lc.at
"""

BARE_DIMENSIONS = """
WITH members AS (
  SELECT m.account_id FROM membership m
  JOIN consent c ON c.group_id = m.group_id AND c.account_id = m.account_id AND c.withdrawn_at IS NULL
  WHERE m.group_id = :g)
SELECT dimension, AVG(level), COUNT(*) FROM (
  SELECT a.dimension, a.level,
         ROW_NUMBER() OVER (PARTITION BY a.account_id, a.dimension ORDER BY a.finished_at DESC) AS rank
  FROM attempt a WHERE a.account_id IN (SELECT account_id FROM members) AND a.level IS NOT NULL) WHERE rank = 1
GROUP BY dimension
"""


def median_ms(run, repeat: int) -> float:
    run()  # warm the caches once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", help="folder to keep the seeded database in (reused when it exists)")
    args = parser.parse_args()

    folder = Path(args.keep or tempfile.mkdtemp(prefix="portrait-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["COMPETENCE_DATA_DIR"] = str(folder)
    os.environ["REFLEX_DB_URL"] = f"sqlite:///{folder / 'competence.db'}"
    from alembic import command
    from alembic.config import Config
    from sqlmodel import Session, create_engine

    from competence.domain import portrait
    from competence.domain.keys import server_keys

    db_path = folder / "competence.db"
    if not db_path.exists():
        config = Config(str(ROOT / "alembic.ini"))
        config.set_main_option("script_location", str(ROOT / "alembic"))
        config.attributes["skip_logging"] = True
        command.upgrade(config, "head")
        seed(db_path, args.learners, random.Random(11))
    teacher, class_group, school = 1, 1, args.learners // GROUP_SIZE + 1

    engine = create_engine(os.environ["REFLEX_DB_URL"])
    import competence.database  # noqa: F401  (the app's SQLite pragmas)

    raw = sqlite3.connect(db_path)
    keys = server_keys()
    print(f"{'view':<28}{'query':<14}{'app (ms)':>10}{'bare SQL (ms)':>15}{'ratio':>8}{'target':>10}")
    for label, group_id, target in (("group of 40", class_group, 50), (f"school of {SCHOOL_SIZE}", school, 500)):
        with Session(engine) as session:
            app_learners = median_ms(lambda: portrait.learners(session, keys, teacher, group_id), args.repeat)
            app_dimensions = median_ms(lambda: portrait.dimensions(session, teacher, group_id), args.repeat)
        bare_learners = median_ms(lambda: raw.execute(BARE_LEARNERS, {"g": group_id}).fetchall(), args.repeat)
        bare_dimensions = median_ms(lambda: raw.execute(BARE_DIMENSIONS, {"g": group_id}).fetchall(), args.repeat)
        for query, app_ms, bare_ms in (("Apprenants", app_learners, bare_learners),
                                       ("Dimensions", app_dimensions, bare_dimensions)):
            ok = app_ms < target and app_ms <= 2 * bare_ms
            print(f"{label:<28}{query:<14}{app_ms:>10.1f}{bare_ms:>15.1f}{app_ms / bare_ms:>8.2f}"
                  f"{'< ' + str(target) + (' ok' if ok else ' NO'):>10}")
    raw.close()
    print(f"database: {db_path} ({db_path.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
