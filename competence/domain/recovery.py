"""A way back in: « Mot de passe oublié? » by email, and the temporary password a teacher
gives a pupil of their group (group_management.reset_member_password).

The emailed link holds a random token; only its SHA-256 is stored, it serves once and
lasts settings.RESET_LINK_MINUTES. Asking for a link answers the same whether or not
the email has an account, and requests are counted per address and per email. Choosing
the new password ends every session of the account."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from competence import settings
from competence.domain import activity, crypto, sessions, throttle, validation
from competence.domain.identity import email_key
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.models import Account, PasswordReset

# Short, common words without accents, easy to read aloud and to type on a tablet.
WORDS = (
    "arbre balle banc bateau bleu bol bord botte bras bus cadre camion canard carte chat chaise chemin cheval "
    "chien ciel citron clou coin col corde cour crabe crayon cube dent domino dos douze drap ecran ecole "
    "facteur fil flute foin fort four fraise frite gant gare gazon girafe glace gomme grain grand gros guide "
    "hibou homard huit ile jardin jaune jeton joue judo jupe kayak lac lait lampe lapin lion livre loup lune "
    "maison mangue marin melon menu miel mine moto mouton mur nappe neige nid noix nuage ocean olive ombre "
    "ongle orange ours page paille panda papier parc patte peigne pomme pont porte poule prune puce radis "
    "rame renard robe roche rouge route ruban sable sac sapin savon sel singe sirop soleil sucre table tapis "
    "taxi tigre toit tomate train trefle tulipe valise vase velo vent verre violon voile wagon yogourt zebre"
).split()


def temporary_password(choice=secrets.choice) -> str:
    """Three short words, « lune-velo-sapin »: about 3 million combinations, for one sign-in."""
    return "-".join(choice(WORDS) for _ in range(3))


@dataclass(frozen=True)
class ResetMail:
    """What to send: the email address typed, the account's role (for the voice) and the link's token."""

    to: str
    role: str
    token: str


def _request_keys(keys: Keys, lookup: str | None, client_address: str) -> list[str]:
    found = [crypto.keyed_hash(keys.throttle, "reset-address:" + client_address)]
    return found + ([crypto.keyed_hash(keys.throttle, "reset-email:" + lookup)] if lookup else [])


def request_reset(session: Session, keys: Keys, email: str, client_address: str, now: datetime) -> Outcome[ResetMail | None]:
    """« Envoyer le lien »: a link for the account of this email, if there is one (None otherwise,
    which the screen does not reveal). The caller commits even on failure: requests count."""
    error = validation.email_error(email)
    if error:
        return failed("email", error)
    lookup = email_key(keys, email)
    counted = _request_keys(keys, lookup, client_address)
    limits = dict(zip(counted, (settings.RESET_REQUESTS_PER_ADDRESS, settings.RESET_REQUESTS_PER_EMAIL)))
    wait = throttle.retry_after(session, limits, timedelta(hours=1), now)
    if wait is not None:
        return failed("email", ("error.reset_throttled", {"minutes": throttle.minutes(wait)}))
    throttle.record(session, counted, now)
    account = session.exec(select(Account).where(Account.email_hash == lookup)).first()
    if account is None or account.suspended_at is not None:
        return Outcome(value=None)
    token = secrets.token_urlsafe(32)
    session.add(PasswordReset(account_id=account.id, token_hash=crypto.sha256_hex(token), created_at=now,
                              expires_at=now + timedelta(minutes=settings.RESET_LINK_MINUTES)))
    activity.record(session, account.id, "password_reset_requested", now)
    return Outcome(value=ResetMail(validation.normalise_email(email), account.role, token))


def link_is_valid(session: Session, token: str, now: datetime) -> bool:
    return _open_link(session, token, now) is not None


def _open_link(session: Session, token: str, now: datetime) -> PasswordReset | None:
    if not token or not isinstance(token, str):
        return None
    return session.exec(
        select(PasswordReset).where(PasswordReset.token_hash == crypto.sha256_hex(token),
                                    PasswordReset.used_at.is_(None), PasswordReset.expires_at > now)
    ).first()


def reset_with_link(session: Session, token: str, new: str, confirmation: str, now: datetime) -> Outcome:
    """The new password from the emailed link: the link is spent and every session ends."""
    link = _open_link(session, token, now)
    if link is None:
        return failed("form", "error.reset_link_invalid")
    errors = validation.new_password_errors(new, confirmation)
    if errors:
        return Outcome(errors=errors)
    account = session.get(Account, link.account_id)
    account.password_hash = crypto.hash_password(new, settings.BCRYPT_ROUNDS)
    account.must_change_password = False
    session.exec(update(PasswordReset).where(PasswordReset.account_id == account.id, PasswordReset.used_at.is_(None))
                 .values(used_at=now))
    sessions.end_sessions(session, account.id)
    activity.record(session, account.id, "password_reset", now)
    return Outcome()
