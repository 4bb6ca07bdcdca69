"""Plotly figures of levels: the 12-axis radar and the progression over time.
Small figures (template "none"), French labels, levels 1–5 on the radius."""

from __future__ import annotations

from datetime import datetime

import plotly.graph_objects as go
import plotly.io as pio

from competence.domain.content import Content

# Every figure, the empty ones that states start with included, uses the empty template:
# Plotly's default one would weigh ~10 KB in each page and in each tab's state.
pio.templates.default = "none"

ACCENT = "#b38600"
INK = "#1b1b1f"


def _level_axis(levels: tuple[str, ...]) -> dict:
    return dict(range=[0, len(levels)], tickvals=list(range(1, len(levels) + 1)), ticktext=list(levels),
                tickfont=dict(size=11), gridcolor="#d9d4c3")


def _two_lines(label: str) -> str:
    """Long axis labels break at the space nearest their middle, so they fit beside the circle."""
    if len(label) <= 14 or " " not in label:
        return label
    middle = len(label) // 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "<br>" + label[cut + 1:]


def radar(bank: Content, levels_by_dimension: dict[int, float], name: str) -> go.Figure:
    """One polygon over the 12 dimensions; an unassessed dimension sits at 0."""
    axes = [_two_lines(d.short()) for d in bank.dimensions]
    values = [levels_by_dimension.get(d.number) for d in bank.dimensions]
    levels = bank.levels()
    closed_axes, closed_values = axes + axes[:1], [v or 0 for v in values] + [values[0] or 0]
    figure = go.Figure(
        go.Scatterpolar(
            r=closed_values, theta=closed_axes, fill="toself", name=name, line=dict(color=ACCENT, width=3),
            fillcolor="rgba(255, 204, 0, 0.35)", hovertemplate="%{theta} : %{r:.1f}<extra></extra>",
        )
    )
    step = 360 / len(axes)
    figure.update_layout(
        template="none", showlegend=False, margin=dict(l=95, r=95, t=45, b=45), height=440,
        paper_bgcolor="white",
        polar=dict(
            bgcolor="white",
            # The level names run between the first two axes, where no dimension label sits.
            radialaxis={**_level_axis(levels), "angle": 90 - step / 2, "tickangle": 90 - step / 2},
            # Dimension 1 at the top, then clockwise, as one reads a clock.
            angularaxis=dict(rotation=90, direction="clockwise", tickfont=dict(size=12, color=INK),
                             gridcolor="#d9d4c3"),
        ),
        font=dict(family="system-ui, sans-serif", color=INK), separators=", ",
    )
    return figure


def progression(series: dict[str, list[tuple[datetime, float]]], levels: tuple[str, ...]) -> go.Figure:
    """One line per dimension: its level at each date it was assessed."""
    figure = go.Figure(
        [
            go.Scatter(x=[at for at, _ in points], y=[level for _, level in points], mode="lines+markers", name=label,
                       hovertemplate=label + " : %{y}<extra></extra>")
            for label, points in series.items()
        ]
    )
    figure.update_layout(
        template="none", height=340, margin=dict(l=110, r=20, t=20, b=60), yaxis=_level_axis(levels),
        paper_bgcolor="white", plot_bgcolor="white",
        legend=dict(orientation="h", y=-0.25), font=dict(family="system-ui, sans-serif", color=INK),
        xaxis=dict(tickformat="%d/%m/%Y", nticks=6),
    )
    return figure


def spread(counts: list[int], levels: tuple[str, ...]) -> go.Figure:
    """How many learners stand at each level."""
    figure = go.Figure(go.Bar(x=list(levels), y=counts, marker_color=ACCENT, text=counts, textposition="outside",
                              hovertemplate="%{x} : %{y}<extra></extra>"))
    figure.update_layout(template="none", height=300, margin=dict(l=40, r=20, t=20, b=50), paper_bgcolor="white",
                         plot_bgcolor="white", yaxis=dict(dtick=1, rangemode="tozero"),
                         font=dict(family="system-ui, sans-serif", color=INK))
    return figure


def trend(points: list[tuple[datetime, float]], levels: tuple[str, ...], name: str) -> go.Figure:
    """The group's mean level, one point per week with results, each week's Monday labelled."""
    return progression({name: points}, levels).update_layout(
        showlegend=False, xaxis=dict(tickvals=[week for week, _ in points], tickformat="%d/%m/%Y")
    )
