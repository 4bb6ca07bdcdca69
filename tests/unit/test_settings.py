import os
import stat

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
