"""Every screen builds: a broken component fails here in a second, not in the browser build."""

import pytest

from competence import competence  # noqa: F401  (declares every page)
from competence.components.layout import PAGES
from competence.i18n import t


@pytest.mark.parametrize("declared", PAGES, ids=lambda declared: declared.route)
def test_page_builds(declared):
    component = declared.view()
    assert component.render()  # the whole tree renders to its JSX description


def test_every_page_has_a_title_in_both_languages():
    for declared in PAGES:
        assert t(declared.title_key, "fr") and t(declared.title_key, "en") != t(declared.title_key, "fr")
        compiled = str(declared.title)  # a JavaScript expression holding both titles
        assert "Comp\\u00e9tence num\\u00e9rique" in compiled and "Digital Competency" in compiled


def test_every_route_is_declared_once():
    routes = [declared.route for declared in PAGES]
    assert len(routes) == len(set(routes)) == 17
