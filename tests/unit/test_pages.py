"""Every screen builds: a broken component fails here in a second, not in the browser build."""

import pytest

from competence import competence  # noqa: F401  (declares every page)
from competence.components.layout import PAGES


@pytest.mark.parametrize("declared", PAGES, ids=lambda declared: declared.route)
def test_page_builds(declared):
    component = declared.view()
    assert component.render()  # the whole tree renders to its JSX description


def test_every_page_has_a_french_title():
    assert all(declared.title.endswith("· Compétence numérique") for declared in PAGES)


def test_every_route_is_declared_once():
    routes = [declared.route for declared in PAGES]
    assert len(routes) == len(set(routes)) == 15
