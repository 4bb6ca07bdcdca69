"""The operations commands: check, purge, backup and restore."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def admin(tmp_path, *args, **env):
    environment = {"PATH": "/usr/bin:/bin", "COMPETENCE_DATA_DIR": str(tmp_path), **env}
    return subprocess.run([sys.executable, "-m", "competence.admin", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def migrated(tmp_path):
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, check=True, capture_output=True,
                   env={"PATH": "/usr/bin:/bin", "COMPETENCE_DATA_DIR": str(tmp_path)})
    return tmp_path / "competence.db"


def accounts_in(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT COUNT(*) FROM account").fetchone()[0]


def add_account(path, n):
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO account (email_hash, name_cipher, password_hash, role, school_level, under_14, terms_version,"
            " terms_accepted_at, created_at, last_active_at) VALUES (?, x'00', 'p', 'learner', 'secondaire_1', 0, 'v',"
            " '2026-01-01', '2026-01-01', ?)", (f"h{n}", "2020-01-01 00:00:00" if n == 0 else "2026-11-01 00:00:00"))


def test_backup_while_writing_and_restore(migrated, tmp_path):
    add_account(migrated, 1)
    writer = sqlite3.connect(migrated)  # the app holds a connection with an open write
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO auth_session (account_id, token_hash, created_at, expires_at) VALUES (1, 't', '2026-01-01', '2027-01-01')")
    result = admin(tmp_path, "backup", str(tmp_path / "copies" / "b.db"))
    writer.rollback()
    writer.close()
    assert result.returncode == 0, result.stderr
    assert accounts_in(tmp_path / "copies" / "b.db") == 1
    add_account(migrated, 2)
    assert accounts_in(migrated) == 2
    assert admin(tmp_path, "restore", str(tmp_path / "copies" / "b.db")).returncode == 0
    assert accounts_in(migrated) == 1


def test_purge_command(migrated, tmp_path):
    add_account(migrated, 0)  # inactive since 2020
    add_account(migrated, 1)
    result = admin(tmp_path, "purge")
    assert result.returncode == 0 and "purged 1 account(s)" in result.stdout
    assert accounts_in(migrated) == 1


@pytest.mark.parametrize(
    "env, message",
    [
        ({"REFLEX_DB_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none", "COMPETENCE_SECRET_KEY": "k" * 40},
         "REFLEX_DB_URL cannot be used"),
        ({"REFLEX_DB_URL": "pas-une-url"}, "REFLEX_DB_URL cannot be used"),
        ({"REFLEX_REDIS_URL": "redis://127.0.0.1:1", "COMPETENCE_SECRET_KEY": "k" * 40},
         "REFLEX_REDIS_URL cannot be used"),
        ({"COMPETENCE_ENV": "production"}, "COMPETENCE_SECRET_KEY is missing"),
        ({"COMPETENCE_SECRET_KEY": "court"}, "COMPETENCE_SECRET_KEY is too short"),
        ({"COMPETENCE_BEHIND_PROXY": "1"}, "needs REFLEX_TRUSTED_PROXY_HOPS=1 (it is unset)"),
        ({"COMPETENCE_BEHIND_PROXY": "1", "REFLEX_TRUSTED_PROXY_HOPS": "0"}, "needs REFLEX_TRUSTED_PROXY_HOPS=1 (it is 0)"),
        ({"COMPETENCE_BEHIND_PROXY": "1", "REFLEX_TRUSTED_PROXY_HOPS": "2"}, "needs REFLEX_TRUSTED_PROXY_HOPS=1 (it is 2)"),
    ],
)
def test_misconfiguration_stops_with_one_clear_line(tmp_path, env, message):
    result = admin(tmp_path, "check", **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_good_configuration(migrated, tmp_path):
    result = admin(tmp_path, "check")
    assert result.returncode == 0 and result.stdout.strip() == "configuration ok"
    behind_a_proxy = admin(tmp_path, "check", COMPETENCE_BEHIND_PROXY="1", REFLEX_TRUSTED_PROXY_HOPS="1")
    assert behind_a_proxy.returncode == 0 and behind_a_proxy.stdout.strip() == "configuration ok"


def test_calibrate_says_when_there_is_nothing_to_measure(migrated, tmp_path):
    result = admin(tmp_path, "calibrate")
    assert result.returncode == 0, result.stderr
    assert "nothing to calibrate" in result.stdout


def test_a_key_file_others_may_read_stops_the_start(migrated, tmp_path):
    key_file = tmp_path / "secret.key"
    key_file.write_text("k" * 64)
    key_file.chmod(0o644)
    result = admin(tmp_path, "check")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "mode 0644" in lines[0] and "chmod 600" in lines[0], result.stderr
