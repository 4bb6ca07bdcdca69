"""The handlers of one's own account (devices, language, « Télécharger mes données »), called
by each kind of caller: each reaches only the caller's own rows."""

import base64
import io
import re
import zipfile

import pytest
from sqlmodel import Session, select

from competence.models import Account, AuthSession
from competence.state.auth import AuthState
from competence.state.devices import DevicesState
from competence.state.profile import ProfileState
from tests.unit.states import call, state

CALLERS = ["anonymous", "intruder", "learner", "teacher"]


def sessions_by_account(engine):
    with Session(engine) as session:
        return {row.id: (row.account_id, row.token_hash) for row in session.exec(select(AuthSession))}


def languages(engine):
    with Session(engine) as session:
        return dict(session.exec(select(Account.id, Account.language)).all())


@pytest.mark.parametrize("caller", CALLERS)
def test_device_handlers_end_only_the_callers_own_sessions(app_engine, world, caller):
    own = world["ids"].get(caller)
    before = sessions_by_account(app_engine)
    teachers_session = next(i for i, (account, _) in before.items() if account == world["ids"]["teacher"])
    page = state(DevicesState, world[caller], "/profil")
    call(DevicesState.load.fn, page)
    assert len(page.devices) == sum(1 for account, _ in before.values() if account == own)
    call(DevicesState.end_device.fn, page, teachers_session)
    call(DevicesState.end_everywhere.fn, page)
    after = sessions_by_account(app_engine)
    assert {i: row for i, row in after.items() if row[0] != own} == {i: row for i, row in before.items() if row[0] != own}
    assert not any(account == own for account, _ in after.values())


@pytest.mark.parametrize("caller", CALLERS)
def test_choosing_a_language_saves_it_only_on_the_callers_account(app_engine, world, caller):
    own = world["ids"].get(caller)
    before = languages(app_engine)
    page = state(AuthState, world[caller], "/profil")
    call(AuthState.choose_language.fn, page, "en")
    call(AuthState.choose_language.fn, page, "klingon")  # not a language of the platform: nothing
    after = languages(app_engine)
    assert page.language == "en"
    assert {k: v for k, v in after.items() if k != own} == {k: v for k, v in before.items() if k != own}
    if own is not None:
        assert after[own] == "en"


def _archive_names(spec) -> set[str]:
    """The names inside the ZIP that an rx.download spec carries as a data URL."""
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", str(spec)).group(1)
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(encoded))) as archive:
        return {line for name in archive.namelist() for line in archive.read(name).decode("utf-8-sig").split('"')}


@pytest.mark.parametrize("caller", CALLERS)
def test_my_data_is_only_the_callers_own(world, caller):
    page = state(ProfileState, world[caller], "/profil")
    spec = call(ProfileState.download_my_data.fn, page, {"confirm_email": ""})
    names = {"teacher": "Prof", "intruder": "Autre prof", "learner": "Élève"}
    if caller == "anonymous":
        assert "base64," not in str(spec)
        return
    inside = _archive_names(spec)
    assert names[caller] in inside
    assert not {name for other, name in names.items() if other != caller} & inside
