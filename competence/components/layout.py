"""The page shell every screen uses: header with the platform's name and the
role's navigation, the main content, and a footer with the terms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import reflex as rx

from competence import routes
from competence.i18n import t
from competence.state.auth import AuthState


def _nav_link(label_key: str, href: str) -> rx.Component:
    return rx.el.a(t(label_key), href=href, class_name="nav-link")


def _navigation(private: bool) -> rx.Component:
    signed_in_links = rx.fragment(
        _nav_link("nav.home", routes.HOME),
        rx.cond(AuthState.is_teacher, rx.fragment(), _nav_link("nav.activate", routes.ACTIVATE)),
        _nav_link("nav.groups", routes.MY_GROUPS),
        _nav_link("nav.profile", routes.PROFILE),
        _nav_link("nav.dashboard", routes.DASHBOARD),
        rx.el.button(t("nav.logout"), on_click=AuthState.log_out, class_name="nav-link nav-button", type="button"),
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
        aria_label=t("nav.label"),
        class_name="nav",
    )


def _header(private: bool) -> rx.Component:
    return rx.el.header(
        rx.el.a(t("app.skip_to_content"), href="#contenu", class_name="skip-link"),
        rx.el.div(
            rx.el.a(
                rx.el.span(t("app.brand_mark"), class_name="brand-mark"),
                rx.el.span(t("app.name"), class_name="brand-name"),
                href=routes.HOME,
                class_name="brand",
            ),
            rx.cond(AuthState.signed_in, rx.el.span(AuthState.user_name, class_name="header-user"), rx.fragment()),
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
            rx.el.button(t("common.close"), type="button", class_name="button", on_click=AuthState.dismiss_banner),
            class_name="banner",
            role="status",
        ),
    )


def _footer() -> rx.Component:
    return rx.el.footer(
        rx.el.a(t("footer.terms"), href=routes.TERMS, class_name="footer-link"),
        rx.el.p(t("footer.privacy"), class_name="footer-note"),
        class_name="site-footer",
    )


@dataclass(frozen=True)
class Page:
    route: str
    title: str
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
                _header(private),
                _banner(),
                rx.el.main(content(), id="contenu", class_name=main_class, tab_index=-1),
                _footer(),
                class_name="app",
            )

        PAGES.append(Page(route, f"{t(title_key)} · {t('app.name')}", on_load, shell))
        return shell

    return wrap
