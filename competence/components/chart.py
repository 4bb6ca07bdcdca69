"""A Plotly figure from state, with its accessible name and no toolbar."""

import plotly.io as pio
import reflex as rx

from competence.components.text import tr


def chart(figure: rx.Var, label: str) -> rx.Component:
    return rx.el.figure(
        rx.plotly.basic(
            data=figure,
            # The empty template: Reflex would otherwise inline the whole default theme in the page.
            template=pio.templates["none"],
            config={"displayModeBar": False, "responsive": True},
            use_resize_handler=True,
            width="100%",
        ),
        role="img",
        aria_label=label,
        class_name="chart",
    )


def chart_section(title_key: str, shown: rx.Var[bool], figure: rx.Var, label_key: str, empty_key: str,
                  class_name: str = "card") -> rx.Component:
    """A titled card with the chart, or a sentence saying why there is none yet."""
    return rx.el.section(
        rx.el.h2(tr(title_key)),
        rx.cond(shown, chart(figure, tr(label_key)), rx.el.p(tr(empty_key), class_name="empty-state")),
        class_name=class_name,
    )
