"""Every handler the app registers, called by hostile clients generated with Hypothesis:
no exception escapes, no row changes that the caller does not own, no log line is over
500 characters. The world, the callers and how each call is made: tests/unit/fuzzing.py.
A short run here (8 examples a handler, and the usual suspects for every handler and
caller); benchmarks/fuzz.py runs the same at length.

What a caller owns: their account and its sessions; their attempts, answers and activities
(still theirs once detached by a deletion); the groups they manage, with every membership
and consent in them; their own memberships and consents. A teacher may also reset the
password of a member of their group: the member's account and sessions. The anonymous caller owns
nothing, and nobody owns the calibration or purge records. A row may appear, go or change
only if the caller owns it, before and after. Failed tries (throttle_event) and spent
captchas are the server's bookkeeping, written for anyone, and are not watched.
"""

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from tests.unit import fuzz_inputs, fuzzing

EXAMPLES_PER_HANDLER = 8
# No shrinking: it takes minutes here, and a failure names its call already.
BOUNDED = settings(max_examples=EXAMPLES_PER_HANDLER, deadline=None, database=None, phases=[Phase.generate],
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def suspects(world: fuzzing.World) -> list:
    """What a hostile client tries first, in the world it attacks."""
    return [None, fuzz_inputs.Huge("9" * 100_000), "²", str(10**20), "\ud800", [{}], world.group.id,
            str(world.membership_ids[0]), world.item_ids[0]]


def assert_none(findings):
    """Reflex's own failures before any handler runs are notes, not the app's (fuzzing.py)."""
    ours = [finding for finding in findings if finding.kind != "reflex"]
    assert not ours, "\n".join(f"[{finding.kind}] {finding}\n    {finding.call}" for finding in ours)


@pytest.fixture(scope="module")
def engine():
    return fuzzing.engine()


@pytest.mark.parametrize("name", sorted(fuzzing.HANDLERS))
@BOUNDED
@given(data=st.data())
def test_hostile_calls_neither_fail_nor_trespass_nor_flood_the_log(engine, name, data):
    assert_none(fuzzing.example(data, engine, name))


@pytest.mark.parametrize("caller", fuzzing.CALLERS)
def test_every_handler_as_everyone_with_the_usual_suspects(engine, caller):
    """Each handler once with each of the arguments a hostile client tries first, whatever
    the random draws above reach; each call in the world as built, from a new tab."""
    findings, count = [], len(suspects(fuzzing.world_as_built(engine)))
    for name, handler in sorted(fuzzing.HANDLERS.items()):
        for index in range(count):
            world = fuzzing.world_as_built(engine)
            world.ip = "192.0.2.99"  # one address for the sweep: the login throttle spares most bcrypt checks
            value = suspects(world)[index]
            form = {field: value for field in fuzz_inputs.FIELD_NAMES}
            payload = {parameter: form if "dict" in annotation else value
                       for parameter, annotation in fuzz_inputs.parameters(handler)}
            findings += fuzzing.check_call(engine, world, caller, name, f"/groupes/{world.group.id}", payload)
    assert_none(findings)
