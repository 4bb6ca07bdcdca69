"""« Télécharger mes données » (Loi 25: a person's data in a structured, commonly used
format): a ZIP with donnees.json (schema SCHEMA, documented in the README) and the same
content as readable CSV files, in the person's language.

The email is stored only as a keyed hash: it appears in clear only when the person typed
it to confirm, and it matches."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime, timedelta

from sqlmodel import Session, select

from competence.domain import activity, crypto, throttle
from competence.domain.content import content_of_version
from competence.domain.identity import NAME_CONTEXT, email_key
from competence.domain.keys import Keys
from competence.domain.outcome import Outcome, failed
from competence.i18n import t
from competence.models import (
    Account,
    ActivityCompletion,
    Answer,
    Attempt,
    ClassGroup,
    Consent,
    Membership,
)

SCHEMA = "competence-numerique/donnees/1"
EXPORTS_PER_DAY = 5


def _at(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _profile(account: Account, keys: Keys, email: str | None, language: str) -> dict:
    return {
        "identifiant": account.id,
        "nom": crypto.decrypt(keys.name, account.name_cipher, NAME_CONTEXT),
        "courriel": email,
        "courriel_note": t("export_data.email_note" if email is None else "export_data.email_confirmed", language),
        "role": t(f"role.{account.role}", language),
        "niveau_scolaire": t(f"level.{account.school_level}", language),
        "langue": account.language,
        "moins_de_14_ans": account.under_14,
        "autorisation_parentale_le": _at(account.guardian_authorised_at),
        "conditions_version": account.terms_version,
        "conditions_acceptees_le": _at(account.terms_accepted_at),
        "cree_le": _at(account.created_at),
        "derniere_activite_le": _at(account.last_active_at),
    }


def _groups(session: Session, account_id: int) -> list[dict]:
    joined = session.exec(
        select(ClassGroup.id, ClassGroup.name, Membership.joined_at)
        .join(Membership, Membership.group_id == ClassGroup.id).where(Membership.account_id == account_id)
    ).all()
    managed = session.exec(select(ClassGroup).where(ClassGroup.owner_id == account_id)).all()
    return ([{"groupe": gid, "nom": name, "place": "membre", "depuis": _at(at)} for gid, name, at in joined]
            + [{"groupe": g.id, "nom": g.name, "place": "gestionnaire", "depuis": _at(g.created_at)} for g in managed])


def _consents(session: Session, account_id: int) -> list[dict]:
    rows = session.exec(
        select(Consent, ClassGroup.name).join(ClassGroup, ClassGroup.id == Consent.group_id)
        .where(Consent.account_id == account_id).order_by(Consent.given_at)
    ).all()
    return [{"groupe": c.group_id, "nom": name, "texte_version": c.text_version, "donne_le": _at(c.given_at),
             "retire_le": _at(c.withdrawn_at)} for c, name in rows]


def _attempts(session: Session, account_id: int, language: str) -> list[dict]:
    attempts = session.exec(select(Attempt).where(Attempt.account_id == account_id).order_by(Attempt.started_at)).all()
    answers = session.exec(
        select(Answer).where(Answer.attempt_id.in_([a.id for a in attempts])).order_by(Answer.position)
    ).all() if attempts else []
    by_attempt: dict[int, list[Answer]] = {}
    for answer in answers:
        by_attempt.setdefault(answer.attempt_id, []).append(answer)
    out = []
    for attempt in attempts:
        bank = content_of_version(attempt.content_version)
        out.append({
            "tentative": attempt.id, "dimension": attempt.dimension,
            "dimension_nom": bank.dimension(attempt.dimension).name(language),
            "contenu_version": attempt.content_version, "commencee_le": _at(attempt.started_at),
            "terminee_le": _at(attempt.finished_at), "niveau": attempt.level,
            "niveau_nom": bank.level_name(attempt.level, language) if attempt.level else None,
            "reponses": [_answer(bank, answer, language) for answer in by_attempt.get(attempt.id, [])],
        })
    return out


def _answer(bank, answer: Answer, language: str) -> dict:
    item = bank.items.get(answer.item_id)
    words = item.wording(language) if item else None
    return {
        "position": answer.position, "question_id": answer.item_id,
        "mise_en_situation": words.situation if words else None, "question": words.question if words else None,
        "choix": list(words.choices) if words else None,
        "choix_retenu": words.choices[answer.choice] if words and answer.choice < len(words.choices) else None,
        "bonne_reponse": answer.correct, "secondes": round(answer.seconds, 1), "repondu_le": _at(answer.answered_at),
    }


def _activities(session: Session, account_id: int, language: str) -> list[dict]:
    rows = session.exec(select(ActivityCompletion).where(ActivityCompletion.account_id == account_id)).all()
    out = []
    for row in rows:
        item = content_of_version(row.content_version).items.get(row.item_id)
        out.append({"activite": row.item_id, "dimension": row.dimension,
                    "question": item.wording(language).question if item else None,
                    "bonne_reponse": row.correct, "faite_le": _at(row.completed_at)})
    return out


def _account_activity(session: Session, account_id: int, language: str) -> list[dict]:
    return [{"quoi": t(f"activity.{e.kind}", language, group=e.group_name or t("activity.a_group", language)),
             "le": _at(e.at), "appareil": e.device} for e in activity.recent(session, account_id, limit=None)]


def data_of(session: Session, keys: Keys, account: Account, typed_email: str, language: str, now: datetime) -> dict:
    lookup = email_key(keys, typed_email)
    email = typed_email.strip() if lookup and lookup == account.email_hash else None
    return {
        "schema": SCHEMA,
        "exporte_le": _at(now),
        "profil": _profile(account, keys, email, language),
        "groupes": _groups(session, account.id),
        "consentements": _consents(session, account.id),
        "tentatives": _attempts(session, account.id, language),
        "activites": _activities(session, account.id, language),
        "activite_du_compte": _account_activity(session, account.id, language),
    }


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in row.items()}
                         for row in rows)
    return "\ufeff" + out.getvalue()


def archive(data: dict) -> bytes:
    """The ZIP: the JSON, and a CSV per list (answers flattened, one row each)."""
    answers = [{"tentative": a["tentative"], "dimension": a["dimension"], **answer}
               for a in data["tentatives"] for answer in a["reponses"]]
    attempts = [{k: v for k, v in a.items() if k != "reponses"} for a in data["tentatives"]]
    files = {
        "donnees.json": json.dumps(data, ensure_ascii=False, indent=2),
        "profil.csv": _csv([data["profil"]]),
        "groupes.csv": _csv(data["groupes"]),
        "consentements.csv": _csv(data["consentements"]),
        "tentatives.csv": _csv(attempts),
        "reponses.csv": _csv(answers),
        "activites.csv": _csv(data["activites"]),
        "activite_du_compte.csv": _csv(data["activite_du_compte"]),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, text in files.items():
            zipped.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def export(session: Session, keys: Keys, account_id: int, typed_email: str, language: str,
           now: datetime) -> Outcome[bytes]:
    """The person's archive, at most EXPORTS_PER_DAY a day; recorded in the account's activity."""
    key = crypto.keyed_hash(keys.throttle, f"export:{account_id}")
    wait = throttle.retry_after(session, {key: EXPORTS_PER_DAY}, timedelta(days=1), now)
    if wait is not None:
        return failed("export", ("error.export_throttled", {"minutes": throttle.minutes(wait)}))
    account = session.get(Account, account_id)
    if account is None:
        return failed("export", "error.not_allowed")
    throttle.record(session, [key], now)
    activity.record(session, account_id, "export", now)
    return Outcome(value=archive(data_of(session, keys, account, typed_email, language, now)))
