"""The page benchmark's data, seeded through the domain functions: a teacher with a group of four
learners who took the positioning test over five weeks, the first one with a test in progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from benchmarks.accounts import PASSWORD, new_account


@dataclass
class Seeded:
    teacher_email: str
    learner_email: str
    group_id: int
    member_id: int  # the learner's membership (/groupes/<group>/apprenants/<member>)


def _new_account(session, keys, email: str, name: str, role: str, password_hash: str, now):
    account = new_account(keys, email, name, role, password_hash, now)
    session.add(account)
    session.flush()
    return account.id


def _take(session, bank, account_id: int, dimension: int, skill: int, at) -> None:
    """The learner answers a dimension's test to the end, knowing the questions up to level `skill`."""
    from competence.domain import assessment

    assert assessment.start(session, account_id, dimension, bank, at).ok
    for step in range(60):
        question = assessment.current_question(session, account_id, bank, at + timedelta(seconds=20 * step))
        if question is None:
            return
        item = bank.items[question.item_id]
        picked = item.answer if item.level <= skill else (item.answer + 1) % item.choice_count
        feedback = assessment.answer(session, account_id, question.item_id, question.order.index(picked), bank,
                                     at + timedelta(seconds=20 * step + 15))
        assert feedback.ok, feedback.errors
        if feedback.value.finished_level is not None:
            return
    raise RuntimeError("a test did not end")


def seed(db_url: str) -> Seeded:
    """A teacher and a group of four learners with five weeks of results; the first learner (the one
    who signs in) also retook three dimensions and left a test open."""
    from sqlmodel import Session, create_engine

    import competence.database  # noqa: F401
    from competence.domain import assessment, crypto, groups, joining
    from competence.domain.clock import utcnow
    from competence.domain.content import content
    from competence.domain.keys import server_keys
    from competence.models import Membership

    keys, now, bank = server_keys(), utcnow(), content()
    password_hash = crypto.hash_password(PASSWORD, 12)
    engine = create_engine(db_url)
    with Session(engine) as session:
        teacher = _new_account(session, keys, "prof.pages@exemple.ca", "Nhien Huyen", "teacher", password_hash, now)
        made = groups.create_group(session, teacher, "teacher", "Groupe 501", now - timedelta(weeks=6)).value
        learners = []
        for n, (name, skill) in enumerate((("Alice Tremblay", 3), ("Bruno Gagnon", 5), ("Chloé Roy", 1),
                                           ("Dany Côté", 4))):
            learner = _new_account(session, keys, f"eleve{n}.pages@exemple.ca", name, "learner", password_hash, now)
            assert joining.join(session, keys, learner, made.code, "127.0.0.1", now - timedelta(weeks=6)).ok
            for dimension in range(1, 13 if n == 0 else 7):
                _take(session, bank, learner, dimension, skill, now - timedelta(weeks=5 - dimension % 4, hours=n))
            learners.append(learner)
        first = learners[0]
        for dimension in (1, 2, 3):  # retaken later, one level up: the progression has lines
            _take(session, bank, first, dimension, 4, now - timedelta(days=3, hours=dimension))
        assert assessment.start(session, first, 12, bank, now).ok  # « Reprendre le test en cours »
        member = session.exec(
            Membership.__table__.select().where(Membership.account_id == first)).first()
        session.commit()
        seeded = Seeded("prof.pages@exemple.ca", "eleve0.pages@exemple.ca", made.id, member.id)
    engine.dispose()
    return seeded
