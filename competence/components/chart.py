"""A Plotly figure from state, with its accessible name and no toolbar, drawn by assets/chart.jsx:
Plotly's basic bundle, fetched the first time a chart is shown, one chart drawn per task."""

import reflex as rx

from competence.components.text import tr


class _Chart(rx.Component):
    library = "$/public/chart.jsx"
    # The bundle Reflex's rx.plotly.basic uses (scatter and bars), at the version Reflex pins.
    lib_dependencies: list[str] = ["plotly.js-basic-dist-min@3.7.0"]
    tag = "Chart"

    figure: rx.Var[dict]


def chart(figure: rx.Var, label: str, height: int) -> rx.Component:
    """`height` is the figure's own (competence.charts): the page keeps that room while Plotly
    loads, so nothing below the chart moves when it is drawn."""
    return rx.el.figure(
        _Chart.create(figure=figure.to(dict)),
        role="img",
        aria_label=label,
        class_name="chart",
        style={"min_height": f"{height}px"},
    )


def chart_section(title_key: str, shown: rx.Var[bool], figure: rx.Var, height: int, label_key: str,
                  empty_key: str, class_name: str = "card") -> rx.Component:
    """A titled card with the chart, or a sentence saying why there is none yet."""
    return rx.el.section(
        rx.el.h2(tr(title_key)),
        rx.cond(shown, chart(figure, tr(label_key), height), rx.el.p(tr(empty_key), class_name="empty-state")),
        class_name=class_name,
    )
