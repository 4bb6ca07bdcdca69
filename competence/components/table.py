"""Data tables that stay usable on a phone and with a keyboard."""

import reflex as rx

from competence.components.text import tr


def column_headers(*keys: str) -> list[rx.Component]:
    return [rx.el.th(tr(key), scope="col") for key in keys]


def data_table(label_key: str, headers: list[rx.Component], rows, render) -> rx.Component:
    """A table in a region that scrolls sideways on a narrow screen.

    The region is focusable and named so that a keyboard user can scroll it
    too (axe: scrollable-region-focusable).
    """
    return rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*headers)),
            rx.el.tbody(rx.foreach(rows, render)),
            class_name="table",
        ),
        class_name="table-scroll", tab_index=0, role="region", aria_label=tr(label_key),
    )
