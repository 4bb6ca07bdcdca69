"""The buttons of the design system: one look per role (plain, primary, danger), for
actions (<button>) and for links that look like them (<a>), laid out in one row."""

from __future__ import annotations

import reflex as rx


def _look(danger: bool = False, primary: bool = False, large: bool = False) -> str:
    kind = " button-danger" if danger else " button-primary" if primary else ""
    return "button" + kind + (" button-large" if large else "")


def button(label: str | rx.Var, *, danger: bool = False, primary: bool = False, large: bool = False,
           **props) -> rx.Component:
    return rx.el.button(label, type=props.pop("type", "button"), class_name=_look(danger, primary, large), **props)


def link_button(label: str | rx.Var, href: str | rx.Var, *, primary: bool = False, large: bool = False,
                **props) -> rx.Component:
    return rx.el.a(label, href=href, class_name=_look(primary=primary, large=large), **props)


def actions(*children: rx.Component) -> rx.Component:
    """A row of buttons, wrapping on a narrow screen."""
    return rx.el.div(*children, class_name="actions")
