"""A backend worker killed (kill -9, as the OOM killer does) is replaced: the app answers
again within 5 s, the learner's tab reconnects, and no acknowledged answer is lost."""

import os
import signal
import time
import urllib.request

from playwright.sync_api import expect

from tests import appserver
from tests.e2e.flows import answer_current, new_email, sign_up

BACK_WITHIN_S = 5.0


def workers(app) -> list[int]:
    """The backend worker processes: the launcher's children (Granian's workers)."""
    return [pid for pid in appserver.process_tree(app.pid) if pid != app.pid
            and b"competence.serve" in open(f"/proc/{pid}/cmdline", "rb").read()]


def pings(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/ping", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def test_a_killed_worker_is_replaced_and_no_acknowledged_answer_is_lost(tablet, app):
    sign_up(tablet, "learner", new_email("panne"), name="Olivier")
    account_id = app.query("SELECT MAX(id) FROM account")[0][0]
    tablet.get_by_role("link", name="Mon tableau de bord").tap()
    tablet.get_by_role("button", name="Commencer : dimension 5", exact=True).tap()
    for position in (1, 2):
        expect(tablet.get_by_text(f"Question {position}")).to_be_visible()
        answer_current(tablet, knows=lambda item: True)  # the feedback on screen acknowledges the answer
        tablet.get_by_role("button", name="Suivant").tap()
    expect(tablet.get_by_text("Question 3")).to_be_visible()

    before = workers(app)
    assert before, "the app runs backend workers"
    os.kill(before[0], signal.SIGKILL)
    killed_at = time.monotonic()
    while not pings(app.url):
        assert time.monotonic() - killed_at < BACK_WITHIN_S, "the app did not answer again within 5 s"
        time.sleep(0.05)
    back_after = time.monotonic() - killed_at
    # Replaced, not just gone (with two workers the other one answers /ping meanwhile).
    while not (len(workers(app)) == len(before) and before[0] not in workers(app)):
        assert time.monotonic() - killed_at < BACK_WITHIN_S, "the worker was not replaced within 5 s"
        time.sleep(0.05)
    saved = f"SELECT COUNT(*) FROM answer JOIN attempt ON attempt.id = attempt_id WHERE account_id = {account_id}"
    assert app.query(saved) == [(2,)]

    # The tab reconnects by itself and the test goes on where it was.
    tablet.reload()
    expect(tablet.get_by_text("Question 3")).to_be_visible()
    answer_current(tablet, knows=lambda item: True)
    assert app.query(saved) == [(3,)]
    print(f"worker replaced; /ping answered again after {back_after:.2f} s")
