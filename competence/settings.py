"""All configuration, read from the environment with safe defaults.

Nothing here imports Reflex, so the domain and the tests can use it freely.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECRET_MIN_CHARS = 32


def data_dir() -> Path:
    """Folder holding the SQLite database and the generated secret key."""
    path = Path(os.environ.get("COMPETENCE_DATA_DIR", PROJECT_DIR / "data"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_url() -> str:
    return os.environ.get("REFLEX_DB_URL") or f"sqlite:///{data_dir() / 'competence.db'}"


@lru_cache(maxsize=1)
def secret_key() -> bytes:
    """The server secret: from COMPETENCE_SECRET_KEY, else a key file made once with mode 0600."""
    from_env = os.environ.get("COMPETENCE_SECRET_KEY")
    if from_env:
        if len(from_env) < SECRET_MIN_CHARS:
            raise SystemExit("COMPETENCE_SECRET_KEY doit compter au moins 32 caractères.")
        return from_env.encode()
    if is_production():
        raise SystemExit("COMPETENCE_SECRET_KEY is missing: production needs the secret key from the environment.")
    key_file = data_dir() / "secret.key"
    if not key_file.exists():
        _write_key_file(key_file)
    return _read_key_file(key_file)


def _write_key_file(key_file: Path) -> None:
    """A new key, written whole to a temporary file (mode 0600) and then linked into place:
    the key file never exists half-written, and of two workers starting together the first
    one's key stays (unlike a rename, a link never replaces a file)."""
    fd, temporary = tempfile.mkstemp(dir=key_file.parent, prefix=".secret.key.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_hex(32).encode())
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, key_file)
        except FileExistsError:
            pass  # another worker's key is in place: everyone uses that one
    finally:
        os.unlink(temporary)


def _read_key_file(key_file: Path) -> bytes:
    """The key, once the file is known to be the owner's only and to hold a whole key."""
    mode = stat.S_IMODE(key_file.stat().st_mode)
    if mode & ~0o600:
        raise SystemExit(f"{key_file} has mode {mode:04o}: the secret key must be readable by its owner only "
                         f"(chmod 600 {key_file}).")
    key = key_file.read_bytes().strip()
    if len(key) < SECRET_MIN_CHARS:
        raise SystemExit(f"{key_file} holds fewer than {SECRET_MIN_CHARS} characters: put back the key kept with "
                         "the backups, or set COMPETENCE_SECRET_KEY.")
    return key


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# bcrypt work factor; the issue asks for at least 12.
BCRYPT_ROUNDS = max(12, _int("COMPETENCE_BCRYPT_ROUNDS", 12))
# How long a signed-in session lasts without a new login.
SESSION_HOURS = _int("COMPETENCE_SESSION_HOURS", 12)
# Login throttling: failures allowed per window, per email and per client address.
LOGIN_WINDOW_MINUTES = _int("COMPETENCE_LOGIN_WINDOW_MINUTES", 15)
LOGIN_MAX_FAILURES_PER_ADDRESS = _int("COMPETENCE_LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
# Proof-of-work captcha: the largest number the browser may have to try (ALTCHA's default),
# and its lifetime.
CAPTCHA_MAX_NUMBER = _int("COMPETENCE_CAPTCHA_MAX_NUMBER", 1_000_000)
CAPTCHA_MINUTES = _int("COMPETENCE_CAPTCHA_MINUTES", 20)
# Group codes: wrong codes allowed per window, per account and per client address.
JOIN_WINDOW_MINUTES = _int("COMPETENCE_JOIN_WINDOW_MINUTES", 10)
JOIN_MAX_WRONG_CODES_PER_ACCOUNT = _int("COMPETENCE_JOIN_MAX_WRONG_CODES_PER_ACCOUNT", 10)
JOIN_MAX_WRONG_CODES_PER_ADDRESS = _int("COMPETENCE_JOIN_MAX_WRONG_CODES_PER_ADDRESS", 10)
# Signups: accounts created per hour from one client address (a class signing up together fits).
SIGNUP_WINDOW_MINUTES = 60
SIGNUP_MAX_PER_ADDRESS = _int("COMPETENCE_SIGNUP_MAX_PER_ADDRESS", 40)


# How long Redis keeps a tab's state after its last event (several workers only).
STATE_EXPIRY_SECONDS = _int("COMPETENCE_STATE_EXPIRY_SECONDS", 1800)
# Email (« Mot de passe oublié? »). No COMPETENCE_SMTP_HOST: messages go to $COMPETENCE_DATA_DIR/outbox/.
MAIL_FROM = os.environ.get("COMPETENCE_MAIL_FROM", "Compétence numérique <ne-pas-repondre@competence.local>")
# A forgotten-password link: minutes it stays valid; requests allowed per hour, per address and per email.
RESET_LINK_MINUTES = _int("COMPETENCE_RESET_LINK_MINUTES", 30)
RESET_REQUESTS_PER_ADDRESS = _int("COMPETENCE_RESET_REQUESTS_PER_ADDRESS", 10)
RESET_REQUESTS_PER_EMAIL = _int("COMPETENCE_RESET_REQUESTS_PER_EMAIL", 3)


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: str  # "starttls", "tls" or "none"
    user: str
    password: str


def smtp() -> Smtp | None:
    """The SMTP server from the environment, or None for the outbox folder."""
    host = os.environ.get("COMPETENCE_SMTP_HOST")
    if not host:
        return None
    security = os.environ.get("COMPETENCE_SMTP_SECURITY", "starttls")
    default_port = {"tls": 465, "starttls": 587}.get(security, 25)
    return Smtp(host, _int("COMPETENCE_SMTP_PORT", default_port), security, os.environ.get("COMPETENCE_SMTP_USER", ""),
                os.environ.get("COMPETENCE_SMTP_PASSWORD", ""))


def public_url() -> str:
    """Where people reach the app, for links in emails: the first allowed origin."""
    return os.environ.get("COMPETENCE_ALLOWED_ORIGINS", "http://localhost:3000").split(",")[0].rstrip("/")


def is_production() -> bool:
    """Production: PostgreSQL or Redis configured, or COMPETENCE_ENV=production."""
    return (
        os.environ.get("COMPETENCE_ENV") == "production"
        or db_url().startswith("postgresql")
        or bool(os.environ.get("REFLEX_REDIS_URL"))
    )


def redis_url() -> str | None:
    return os.environ.get("REFLEX_REDIS_URL") or None


def proxy_problem() -> str | None:
    """Behind a reverse proxy (COMPETENCE_BEHIND_PROXY=1), Reflex must take the client's address
    from the last X-Forwarded-For entry (the one the proxy adds): REFLEX_TRUSTED_PROXY_HOPS=1.
    With 0, every client has the proxy's address and shares its throttles."""
    if os.environ.get("COMPETENCE_BEHIND_PROXY", "").strip() != "1":
        return None
    hops = os.environ.get("REFLEX_TRUSTED_PROXY_HOPS", "").strip()
    if hops == "1":
        return None
    return (f"COMPETENCE_BEHIND_PROXY=1 needs REFLEX_TRUSTED_PROXY_HOPS=1 (it is {hops or 'unset'}): the "
            "throttles must see each client's address, not the proxy's; the app must listen on loopback only.")


def configuration_problem() -> str | None:
    """One line saying what to fix, or None when the proxy settings, the database, Redis and
    the secret are usable."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    if problem := proxy_problem():
        return problem
    if is_production() and not os.environ.get("COMPETENCE_SECRET_KEY"):
        return "COMPETENCE_SECRET_KEY is missing: production needs the secret key from the environment (>= 32 characters)."
    if os.environ.get("COMPETENCE_SECRET_KEY") and len(os.environ["COMPETENCE_SECRET_KEY"]) < SECRET_MIN_CHARS:
        return "COMPETENCE_SECRET_KEY is too short: use at least 32 characters."
    if not os.environ.get("COMPETENCE_SECRET_KEY"):
        try:
            secret_key()  # the key file: made once, or checked (mode, length)
        except SystemExit as problem:
            return str(problem)
    try:
        engine = create_engine(db_url(), connect_args={"connect_timeout": 5} if db_url().startswith("postgresql") else {})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except (ArgumentError, SQLAlchemyError, ImportError, ValueError) as error:
        return f"REFLEX_DB_URL cannot be used ({type(error).__name__}): check the URL, the server and the credentials."
    if redis_url():
        import redis

        try:
            redis.Redis.from_url(redis_url(), socket_connect_timeout=5).ping()
        except (redis.RedisError, ValueError) as error:
            return f"REFLEX_REDIS_URL cannot be used ({type(error).__name__}): check the URL and that Redis runs."
    return None
