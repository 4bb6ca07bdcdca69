"""Every screen builds: a broken component fails here in a second, not in the browser build."""

import pytest

from competence import competence


@pytest.mark.parametrize("route", competence.ROUTES)
def test_page_builds(route):
    component = competence.ROUTES[route]()
    assert component.render()  # the whole tree renders to its JSX description


def test_every_page_has_a_french_title():
    assert all(view.title.endswith("· Compétence numérique") for view in competence.ROUTES.values())
