"""The schema: SQLModel tables with their constraints and indexes.

Personal data never appears here in clear: `email_hash` is a keyed HMAC,
`name_cipher` is AES-GCM ciphertext (see domain/crypto.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

import competence.database  # noqa: F401  (SQLite pragmas on every connection)
from competence.domain.school_levels import SCHOOL_LEVELS

ROLES = ("teacher", "learner")


def _in_list(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Account(SQLModel, table=True):
    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint(_in_list("role", ROLES), name="ck_account_role"),
        CheckConstraint(_in_list("school_level", SCHOOL_LEVELS), name="ck_account_school_level"),
        CheckConstraint("role = 'teacher' OR under_14 IS NOT NULL", name="ck_account_learner_age"),
        CheckConstraint("language IN ('fr', 'en')", name="ck_account_language"),
        CheckConstraint(
            "under_14 IS NOT TRUE OR guardian_authorised_at IS NOT NULL",
            name="ck_account_under_14_authorised",
        ),
        # Identifiants are never reused after a deletion.
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    email_hash: str = Field(max_length=64, unique=True, index=True)
    name_cipher: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    password_hash: str = Field(max_length=60)
    role: str = Field(max_length=10)
    school_level: str = Field(max_length=32)
    under_14: bool | None = Field(default=None)
    guardian_authorised_at: datetime | None = Field(default=None)
    terms_version: str = Field(max_length=16)
    terms_accepted_at: datetime
    created_at: datetime
    last_active_at: datetime
    suspended_at: datetime | None = Field(default=None)
    # Set when a teacher gave a temporary password: the next sign-in asks for a new one.
    must_change_password: bool = Field(default=False)
    language: str = Field(default="fr", max_length=2)  # the person's choice: "fr" or "en"


class AuthSession(SQLModel, table=True):
    """A signed-in browser: only the SHA-256 of its random token is kept."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(
        sa_column=Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime
    expires_at: datetime
    # « Rester connecté sur cet appareil »: the token outlives the tab, for up to 30 days.
    persistent: bool = Field(default=False)
    device: str = Field(default="", max_length=80)  # "Chrome · Android", as the person reads it
    last_used_at: datetime | None = Field(default=None)


class PasswordReset(SQLModel, table=True):
    """A « Mot de passe oublié? » link: only the SHA-256 of its token is kept; single use."""

    __tablename__ = "password_reset"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(
        sa_column=Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = Field(default=None)


class AccountEvent(SQLModel, table=True):
    """« Activité de mon compte »: what happened to the account, when; no personal data in
    clear (a kind, a time, a device label, the group concerned). Kept 12 months."""

    __tablename__ = "account_event"
    __table_args__ = (Index("ix_account_event_account_at", "account_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(sa_column=Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False))
    kind: str = Field(max_length=32)
    at: datetime = Field(index=True)
    device: str = Field(default="", max_length=80)
    group_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("class_group.id", ondelete="SET NULL"), nullable=True)
    )


class ThrottleEvent(SQLModel, table=True):
    """One failed try (a login, a group code) or one account created, under a hashed key: the
    email, the account or the client address. Counted per window to slow guessing and mass
    signups, across workers."""

    __tablename__ = "throttle_event"
    __table_args__ = (Index("ix_throttle_event_key_at", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64)
    at: datetime


class UsedCaptcha(SQLModel, table=True):
    """A redeemed proof-of-work challenge, kept until it expires so it serves once."""

    __tablename__ = "used_captcha"

    signature: str = Field(max_length=128, primary_key=True)
    expires_at: datetime = Field(index=True)


class ClassGroup(SQLModel, table=True):
    """A teacher's group (« Mes groupes »). Its creator is its manager."""

    __tablename__ = "class_group"
    __table_args__ = (
        # The same name twice for one teacher is refused, whatever its case.
        UniqueConstraint("owner_id", "name_key", name="uq_class_group_owner_name"),
        CheckConstraint("length(code) = 7", name="ck_class_group_code_length"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(
        sa_column=Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    code: str = Field(max_length=7, unique=True, index=True)
    joining_open: bool = Field(default=True)
    created_at: datetime


class Membership(SQLModel, table=True):
    """A person in a group, there because their consent stands."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("group_id", "account_id", name="uq_membership_group_account"),)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(Integer, ForeignKey("class_group.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    account_id: int = Field(
        sa_column=Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    joined_at: datetime
    # Accommodations the group's manager sets for this learner (they end with the membership).
    untimed: bool = Field(default=False)  # « Ne pas tenir compte du temps de réponse »
    large_text: bool = Field(default=False)


class Consent(SQLModel, table=True):
    """« J'accepte »: who consented to which group, when, to which text; withdrawn on leaving."""

    __tablename__ = "consent"
    __table_args__ = (
        # At most one standing consent per person and group.
        Index(
            "uq_consent_standing",
            "group_id",
            "account_id",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(
        sa_column=Column(Integer, ForeignKey("class_group.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    account_id: int = Field(
        sa_column=Column(Integer, ForeignKey("account.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    text_version: str = Field(max_length=16)
    given_at: datetime
    withdrawn_at: datetime | None = Field(default=None)


class Attempt(SQLModel, table=True):
    """One positioning test of one dimension. The question on screen is kept here, so a
    reload or a lost connection resumes at the same question."""

    __tablename__ = "attempt"
    __table_args__ = (
        CheckConstraint("dimension BETWEEN 1 AND 12", name="ck_attempt_dimension"),
        CheckConstraint("level IS NULL OR level BETWEEN 1 AND 5", name="ck_attempt_level"),
        # At most one test in progress per person.
        Index(
            "uq_attempt_open",
            "account_id",
            unique=True,
            sqlite_where=text("finished_at IS NULL"),
            postgresql_where=text("finished_at IS NULL"),
        ),
        Index("ix_attempt_account_dimension", "account_id", "dimension", "finished_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # NULL once the account is gone: the answers stay, for statistics, detached from the person.
    account_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("account.id", ondelete="SET NULL"), nullable=True)
    )
    dimension: int
    audience: str = Field(max_length=16)
    content_version: str = Field(max_length=32)  # past results keep the bank they were measured with
    full_run: bool = Field(default=False)  # part of the full positioning (all 12 dimensions in turn)
    # That full positioning passes over the dimensions that already had a level when it started.
    skip_assessed: bool = Field(default=False)
    timed: bool = Field(default=True)  # False when an accommodation says answer times do not count
    started_at: datetime
    finished_at: datetime | None = Field(default=None)
    level: int | None = Field(default=None)  # None when abandoned
    current_item_id: str | None = Field(default=None, max_length=16)
    current_offered_at: datetime | None = Field(default=None)  # when it was shown: the server times answers
    # The order its choices are shown in, drawn when it is first shown ("2031": the bank's choice 2
    # first): a reload shows the same order, and an answer is mapped back through it.
    current_order: str | None = Field(default=None, max_length=8)


class Answer(SQLModel, table=True):
    """One answer, saved as it is given; the server decides correctness and time."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("attempt_id", "item_id", name="uq_answer_attempt_item"),  # never answered twice
        UniqueConstraint("attempt_id", "position", name="uq_answer_attempt_position"),
    )

    id: int | None = Field(default=None, primary_key=True)
    attempt_id: int = Field(
        sa_column=Column(Integer, ForeignKey("attempt.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    position: int
    item_id: str = Field(max_length=16)
    difficulty: int
    choice: int
    correct: bool
    seconds: float
    answered_at: datetime


class ItemCalibration(SQLModel, table=True):
    """A question's difficulty and discrimination measured from real answers (admin calibrate),
    on the level scale. Each run of the calibration is a new `run`; the engine reads the
    latest run for the bank in use."""

    __tablename__ = "item_calibration"
    __table_args__ = (
        UniqueConstraint("run", "item_id", name="uq_item_calibration_run_item"),
        CheckConstraint("discrimination > 0", name="ck_item_calibration_discrimination"),
        CheckConstraint("answers >= 0", name="ck_item_calibration_answers"),
        Index("ix_item_calibration_version_run", "content_version", "run"),
    )

    id: int | None = Field(default=None, primary_key=True)
    run: int
    content_version: str = Field(max_length=32)
    item_id: str = Field(max_length=16)
    difficulty: float
    discrimination: float
    answers: int
    calibrated_at: datetime


class ActivityCompletion(SQLModel, table=True):
    """A learning activity done (« Activer »)."""

    __tablename__ = "activity_completion"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int | None = Field(  # NULL once the account is gone, like attempts
        default=None,
        sa_column=Column(Integer, ForeignKey("account.id", ondelete="SET NULL"), nullable=True, index=True),
    )
    item_id: str = Field(max_length=16)
    dimension: int
    correct: bool
    content_version: str = Field(max_length=32)
    completed_at: datetime


class PurgeRecord(SQLModel, table=True):
    """What a purge of inactive accounts removed, as anonymous counts only."""

    __tablename__ = "purge_record"

    id: int | None = Field(default=None, primary_key=True)
    purged_at: datetime
    accounts: int
    memberships: int
    consents: int
