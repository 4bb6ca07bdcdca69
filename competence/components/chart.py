"""A Plotly figure from state, with its accessible name and no toolbar."""

import plotly.io as pio
import reflex as rx


def chart(figure: rx.Var, label: str) -> rx.Component:
    return rx.el.figure(
        rx.plotly(
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
