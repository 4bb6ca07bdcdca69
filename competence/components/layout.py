"""The page shell every screen uses: header with the platform's name and the
role's navigation, the main content, and a footer with the terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import reflex as rx

from competence import routes
from competence.components.form_guard import FormGuard
from competence.components.terms import PRIVACY_ANCHOR
from competence.components.text import DocumentLanguage, tr
from competence.state.auth import AuthState


def _nav_link(label_key: str, href: str) -> rx.Component:
    """A link of the navigation; the one of the page on screen says so (aria-current)."""
    here = AuthState.router.url.path.rstrip("/") == href.rstrip("/")
    return rx.el.a(tr(label_key), href=href, class_name="nav-link", aria_current=rx.cond(here, "page", "false"))


def _navigation(private: bool) -> rx.Component:
    signed_in_links = rx.fragment(
        _nav_link("nav.home", routes.HOME),
        rx.cond(AuthState.is_teacher, rx.fragment(), _nav_link("nav.activate", routes.ACTIVATE)),
        _nav_link("nav.groups", routes.MY_GROUPS),
        _nav_link("nav.profile", routes.PROFILE),
        _nav_link("nav.dashboard", routes.DASHBOARD),
    )
    public_links = rx.fragment(
        _nav_link("nav.home", routes.HOME),
        _nav_link("nav.login", routes.LOGIN),
        _nav_link("nav.signup", routes.LEARNER_SIGNUP),
    )
    # A private page is built (prerendered) signed out; until the tab has its data it shows the
    # signed-in links it will have, so the header keeps its height and nothing below it moves.
    signed_in = AuthState.signed_in | ~rx.State.is_hydrated if private else AuthState.signed_in
    return rx.el.nav(
        rx.cond(signed_in, signed_in_links, public_links),
        aria_label=tr("nav.label"),
        class_name="nav",
    )


def language_switch() -> rx.Component:
    """« FR | EN »: each name in its own language, the current one pressed."""
    def choice(code: str, label: str, name: str) -> rx.Component:
        return rx.el.button(label, type="button", lang=code, aria_label=name, title=name,
                            aria_pressed=(AuthState.language == code).to(str), class_name="language-choice",
                            on_click=AuthState.choose_language(code))

    return rx.el.div(choice("fr", "FR", "Français"), rx.el.span("|", aria_hidden="true"),
                     choice("en", "EN", "English"), role="group", aria_label=tr("nav.language"),
                     class_name="language-switch")


def _header(private: bool) -> rx.Component:
    return rx.el.header(
        rx.el.a(tr("app.skip_to_content"), href="#contenu", class_name="skip-link"),
        rx.el.div(
            rx.el.a(
                rx.el.span(tr("app.brand_mark"), class_name="brand-mark"),
                rx.el.span(tr("app.name"), class_name="brand-name"),
                href=routes.HOME,
                class_name="brand",
            ),
            rx.el.div(
                rx.cond(AuthState.signed_in, rx.el.span(AuthState.user_name, class_name="header-user"), rx.fragment()),
                language_switch(),
                rx.cond(AuthState.signed_in,
                        rx.el.button(tr("nav.logout"), on_click=AuthState.log_out, class_name="logout-button",
                                     type="button")),
                class_name="header-tools",
            ),
            class_name="header-top",
        ),
        _navigation(private),
        class_name="site-header",
    )


def _banner() -> rx.Component:
    return rx.cond(
        AuthState.banner != "",
        rx.el.div(
            rx.el.p(AuthState.banner),
            rx.el.button(tr("common.close"), type="button", class_name="button", on_click=AuthState.dismiss_banner),
            class_name="banner",
            role="status",
        ),
    )


def _accommodations() -> rx.Component:
    """What a teacher turned on for this learner, said where the learner sees it."""
    return rx.cond(
        AuthState.untimed | AuthState.large_text,
        rx.el.div(
            rx.el.p(tr("accommodation.applies")),
            rx.el.ul(
                rx.cond(AuthState.untimed, rx.el.li(tr("accommodation.untimed"))),
                rx.cond(AuthState.large_text, rx.el.li(tr("accommodation.large_text"))),
            ),
            class_name="accommodations",
            role="note",
        ),
    )


def _footer() -> rx.Component:
    """The service's signature again, and what every public service links to."""
    def link(label_key: str, href: str) -> rx.Component:
        return rx.el.li(rx.el.a(tr(label_key), href=href, class_name="footer-link"))

    return rx.el.footer(
        rx.el.div(
            rx.el.p(tr("app.name"), class_name="footer-name"),
            rx.el.nav(
                rx.el.ul(
                    link("footer.terms", routes.TERMS),
                    link("footer.privacy_link", f"{routes.TERMS}#{PRIVACY_ANCHOR}"),
                    link("footer.accessibility", routes.ACCESSIBILITY),
                    class_name="footer-links",
                ),
                aria_label=tr("footer.links"),
            ),
            rx.el.p(tr("footer.privacy"), class_name="footer-note"),
            class_name="footer-inner",
        ),
        class_name="site-footer",
    )


@dataclass(frozen=True)
class Page:
    route: str
    title_key: str
    title: rx.Var  # in the tab's language
    on_load: object
    view: Callable[[], rx.Component]


PAGES: list[Page] = []  # every screen, as its module declares it; competence.py registers them


def page(route: str, title_key: str, on_load) -> Callable[[Callable[[], rx.Component]], Callable[[], rx.Component]]:
    """Decorator: a screen at `route`, wrapped in the shell, with its title and on_load."""

    private = route not in routes.PUBLIC

    def wrap(content: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
        def shell() -> rx.Component:
            # A private page is prerendered signed out: opened in a new tab, its content and footer
            # stay hidden (main-pending) until the tab has its data, instead of showing a signed-out
            # page that the data then pushes around. Going from page to page once signed in, the
            # content stays shown while the next page's data comes.
            ready = rx.State.is_hydrated | AuthState.signed_in
            main_class = rx.cond(ready, "main", "main main-pending") if private else "main"
            return rx.el.div(
                DocumentLanguage.create(),
                FormGuard.create(),
                _header(private),
                _banner(),
                rx.el.main(_accommodations(), content(), id="contenu", class_name=main_class, tab_index=-1),
                _footer(),
                class_name=rx.cond(AuthState.large_text, "app large-text", "app"),
                # "true" once the page's data is in (its on_load done): the e2e tests wait for it.
                custom_attrs={"data-live": rx.cond(rx.State.is_hydrated, "true", "false")},
            )

        PAGES.append(Page(route, title_key, tr(title_key) + " · " + tr("app.name"), on_load, shell))
        return shell

    return wrap
