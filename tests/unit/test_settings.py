import os
import secrets
import stat

import pytest

from competence import settings


def test_secret_key_file_is_made_once_with_owner_only_access(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPETENCE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COMPETENCE_SECRET_KEY", raising=False)
    settings.secret_key.cache_clear()
    first = settings.secret_key()
    settings.secret_key.cache_clear()
    assert settings.secret_key() == first and len(first) == 64
    assert stat.S_IMODE(os.stat(tmp_path / "secret.key").st_mode) == 0o600
    settings.secret_key.cache_clear()


def test_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPETENCE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COMPETENCE_SECRET_KEY", "k" * 40)
    settings.secret_key.cache_clear()
    assert settings.secret_key() == b"k" * 40
    assert not (tmp_path / "secret.key").exists()
    settings.secret_key.cache_clear()


def test_database_defaults_to_a_sqlite_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPETENCE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REFLEX_DB_URL", raising=False)
    assert settings.db_url() == f"sqlite:///{tmp_path / 'competence.db'}"


def test_one_worker_keeps_tab_state_in_memory_and_redis_state_expires_soon():
    import rxconfig

    assert rxconfig.config.state_manager_mode == "memory"  # no sign-in token or name pickled to disk
    assert rxconfig.config.redis_token_expiration <= 3600


def fresh_key(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPETENCE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COMPETENCE_SECRET_KEY", raising=False)
    settings.secret_key.cache_clear()
    try:
        return settings.secret_key()
    finally:
        settings.secret_key.cache_clear()


def test_the_key_file_appears_whole_and_a_worker_starting_first_keeps_its_key(tmp_path, monkeypatch):
    key_file = tmp_path / "secret.key"
    made = secrets.token_hex

    def another_worker_wins(n):
        assert not key_file.exists()  # never an empty or half-written key file to read
        key_file.write_text("b" * 64)  # meanwhile, another worker puts its key in place
        key_file.chmod(0o600)
        return made(n)

    monkeypatch.setattr(secrets, "token_hex", another_worker_wins)
    assert fresh_key(tmp_path, monkeypatch) == b"b" * 64  # its key, not a second one
    assert [path.name for path in tmp_path.iterdir()] == ["secret.key"]  # no temporary file left


def test_a_short_key_in_the_file_is_refused(tmp_path, monkeypatch):
    (tmp_path / "secret.key").write_text("")  # e.g. a worker stopped while writing it
    (tmp_path / "secret.key").chmod(0o600)
    with pytest.raises(SystemExit, match="fewer than 32 characters"):
        fresh_key(tmp_path, monkeypatch)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o700], ids=lambda mode: f"{mode:04o}")
def test_a_key_file_others_may_read_is_refused(tmp_path, monkeypatch, mode):
    (tmp_path / "secret.key").write_text("k" * 64)
    (tmp_path / "secret.key").chmod(mode)
    with pytest.raises(SystemExit, match=f"mode {mode:04o}.*chmod 600"):
        fresh_key(tmp_path, monkeypatch)
    (tmp_path / "secret.key").chmod(0o400)  # stricter than 0600 is fine
    assert fresh_key(tmp_path, monkeypatch) == b"k" * 64
