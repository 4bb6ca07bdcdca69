"""The app: every page with its route, and the daily purge. Nothing else lives here."""

import reflex as rx

from competence.errors import backend_exception_handler
from competence.pages import (
    activate,
    assessment,
    dashboard,
    group,
    groups,
    home,
    login,
    portrait_detail,
    profile,
    signup,
    terms,
)
from competence.state.assessment import ROUTE as TEST_ROUTE
from competence.tasks import purge_daily, tune_gc

app = rx.App(
    stylesheets=["/styles.css"],
    head_components=[rx.el.link(rel="icon", type="image/svg+xml", href="/favicon.svg")],
    html_lang="fr",
    backend_exception_handler=backend_exception_handler,
)

ROUTES = {
    home.ROUTE: home.home,
    login.ROUTE: login.login,
    signup.TEACHER_ROUTE: signup.teacher_signup,
    signup.LEARNER_ROUTE: signup.learner_signup,
    profile.ROUTE: profile.profile,
    groups.ROUTE: groups.groups_page,
    group.ROUTE: group.group_page,
    portrait_detail.DIMENSION_ROUTE: portrait_detail.dimension_page,
    portrait_detail.LEARNER_ROUTE: portrait_detail.learner_page,
    "/tableau-de-bord": dashboard.dashboard,
    "/activer": activate.activate,
    TEST_ROUTE: assessment.test_page,
    "/conditions": terms.terms,
}

for route, view in ROUTES.items():
    app.add_page(view, route=route, title=view.title, on_load=view.on_load)

app.register_lifespan_task(tune_gc)
app.register_lifespan_task(purge_daily)
