"""The app: every page its module declares (route, title, on_load), and the daily purge."""

import reflex as rx

from competence.components.layout import PAGES
from competence.errors import backend_exception_handler, shorten_reflex_records
from competence.pages import (  # noqa: F401  (importing a page module declares its pages)
    accessibility,
    activate,
    assessment,
    dashboard,
    home,
    login,
    manage_group,
    my_groups,
    not_found,
    portrait_detail,
    profile,
    recovery,
    signup,
    terms,
)
from competence.tasks import purge_daily, tune_gc

app = rx.App(
    stylesheets=["/styles.css"],
    head_components=[rx.el.link(rel="icon", type="image/svg+xml", href="/favicon.svg")],
    html_lang="fr",
    backend_exception_handler=backend_exception_handler,
)

for declared in PAGES:
    app.add_page(declared.view, route=declared.route, title=declared.title, on_load=declared.on_load)

app.register_lifespan_task(tune_gc)
app.register_lifespan_task(purge_daily)
shorten_reflex_records()  # every Reflex logger exists by now
