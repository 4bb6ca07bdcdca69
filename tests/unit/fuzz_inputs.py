"""What a hostile client can send to a handler (tests/unit/fuzzing.py): any JSON (any depth,
any size, lone surrogates), the form fields the app reads with anything in them, other
people's ids and secrets, and any page, crafted or not, as the page it calls from."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import strategies as st
from reflex_base.utils.form import FORM_DATA_ENTRIES_KEY as FORM_ENVELOPE

from competence.components.layout import PAGES

if TYPE_CHECKING:
    from tests.unit.fuzzing import World

PASSWORD = "Le hibou mange 7 bleuets"

# Every form field a state reads (text(form_data, "…"), checked(…)), so new ones are sent too.
_STATE_SOURCES = (Path(__file__).resolve().parents[2] / "competence" / "state").glob("*.py")
FIELD_NAMES = sorted({name for path in _STATE_SOURCES
                      for name in re.findall(r'(?:text|checked)\(form_data, "(\w+)"\)', path.read_text())})


class Huge(str):
    """A 100 kB string that prints short in a failing example."""

    def __repr__(self) -> str:
        return f"Huge({str(self)[:8]!r}… {len(self)} characters)"


def plain(value):
    """What the JSON decoder would give: plain str, list and dict."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return value


TRICKY = ["", " ", "0", "-1", "007", " 7", "7\n", "²", "١٢", "𝟕", "1e3", "9" * 30, "1 OR 1=1", "\x00", "\ud800",
          "é" * 40, "<script>", "../..", "%s%n", "None", "null", "true", "on", "under_14", "14_plus", "teacher",
          "learner", "name", "level", "last", "global", "assessed", "secondaire_2", "primaire_3"]
NUMBERS = [0, 1, 2, 3, 12, 13, -1, 2**31, 2**63, -(2**63) - 1, 10**20, int("9" * 4300)]


def _known(world: World) -> list:
    """Other people's ids and secrets, as numbers and as text."""
    numbers = [world.group.id, world.other_group.id, *world.membership_ids, *world.attempt_ids,
               *(i for i in world.ids.values() if i)]
    return [*numbers, *map(str, numbers), *world.item_ids, world.group.name, world.group.code,
            world.group.code.lower(), world.other_group.code, PASSWORD, *world.tokens.values()]


def _texts(longest: int):
    """Any text, lone surrogates included (JSON allows them; Hypothesis seldom draws them)."""
    return st.lists(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=longest).map("".join)


def values(world: World):
    texts = _texts(30)
    huge = st.builds(lambda piece: Huge((piece * 100_000)[:100_000]), st.text(min_size=1, max_size=3))
    special = st.sampled_from(TRICKY + NUMBERS + _known(world))
    scalars = st.one_of(special, special, huge, st.none(), st.booleans(), st.integers(), st.floats(), texts)
    keys = st.one_of(st.sampled_from(FIELD_NAMES), _texts(10))
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=5)), max_leaves=10)


def forms(world: World):
    """A form: the fields the app reads, with anything in them (a choice, a box ticked, an id),
    as a dict or in Reflex's form envelope of [name, value] pairs, well made or not."""
    answers = st.one_of(values(world), st.sampled_from(["0", "1", "2", "3", "on", True]))
    names = st.one_of(st.sampled_from(FIELD_NAMES), _texts(10))
    entries = st.one_of(st.lists(st.tuples(names, answers).map(list), max_size=8), values(world))
    envelopes = st.builds(lambda pairs: {FORM_ENVELOPE: pairs}, entries)
    return st.one_of(st.dictionaries(names, answers, max_size=8), envelopes)


def _own_routes(handler) -> list[str]:
    """The routes whose on_load belongs to the handler's state: the pages a person calls it from."""
    state = handler.fn.__qualname__.split(".")[0]
    loads = {page.route: page.on_load if isinstance(page.on_load, list) else [page.on_load] for page in PAGES}
    return [route for route, handlers in loads.items()
            if any(loaded.fn.__qualname__.startswith(f"{state}.") for loaded in handlers)]


def paths(world: World, handler):
    """Mostly the handler's own pages, with this world's ids (or the other group's), else any
    page or a crafted one."""
    def filled(route: str):
        return st.builds(lambda g, m, d: route.replace("[group_id]", str(g)).replace("[member_id]", str(m))
                         .replace("[dimension]", str(d)),
                         st.sampled_from([world.group.id, world.other_group.id]), st.sampled_from(world.membership_ids),
                         st.integers(0, 13))
    pages = st.one_of([filled(page.route) for page in PAGES])
    own = st.one_of([filled(route) for route in _own_routes(handler)] or [pages])
    segment = st.one_of(st.sampled_from(TRICKY[:15]), st.integers().map(str), _texts(12))
    odd = st.builds(lambda *parts: "/groupes/" + "/".join(parts),
                    segment, st.sampled_from(["apprenants", "dimensions"]), segment)
    query = st.one_of(st.just(""), st.builds(lambda key, value: f"?{key}={value}",
                                             st.sampled_from(["next", "avis"]), _texts(20)),
                      st.sampled_from(["?next=//evil.example", "?next=/groupes", "?avis=connexion", "?avis=%ff"]))
    return st.builds(lambda page, q: page + q, st.one_of(own, own, pages, odd), query)


def parameters(handler) -> list[tuple[str, str]]:
    """The names and annotations of what a client sends to the handler."""
    return [(parameter.name, str(parameter.annotation))
            for parameter in list(inspect.signature(handler.fn).parameters.values())[1:]]


def arguments(world: World, handler):
    """One value per parameter of the handler, of any type: its arity, nothing else, is respected."""
    return st.fixed_dictionaries({
        name: st.one_of(forms(world), values(world)) if "dict" in annotation else values(world)
        for name, annotation in parameters(handler)
    })
