"""Plotly figures of levels: the 12-axis radar and the progression over time. Small figures
(template "none"), every one drawn with Plotly's basic bundle (scatter and bars)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Callable

import plotly.graph_objects as go
import plotly.io as pio

from competence.domain.content import Content
from competence.domain.progress import round_level

# Every figure, the empty ones that states start with included, uses the empty template:
# Plotly's default one would weigh ~10 KB in each page and in each tab's state.
pio.templates.default = "none"

# The figure every state starts with, one for all tabs: building or deep-copying a Figure takes
# milliseconds, and each new tab (each connection) would otherwise make six of them and keep
# them. Handlers replace a figure whole (self.radar = radar(...)), never change one in place.
_EMPTY = go.Figure()


def empty() -> go.Figure:
    return _EMPTY


ACCENT = "#b38600"
INK = "#1b1b1f"
GRID = "#d9d4c3"
MUTED = "#6b6b76"  # the dimensions not assessed yet (4.9:1 on white)
# Each figure's height, in pixels: the page keeps that room for it before Plotly has drawn it.
RADAR_HEIGHT, PROGRESSION_HEIGHT, SPREAD_HEIGHT, TREND_HEIGHT = 440, 380, 300, 340


def _level_axis(levels: tuple[str, ...]) -> dict:
    return dict(range=[0, len(levels)], tickvals=list(range(1, len(levels) + 1)), ticktext=list(levels),
                tickfont=dict(size=11), gridcolor="#d9d4c3")


def _two_lines(label: str) -> str:
    """Long labels break at the space nearest their middle, so they fit beside the circle or under an axis."""
    if len(label) <= 14 or " " not in label:
        return label
    middle = len(label) // 2
    cut = min((i for i, c in enumerate(label) if c == " "), key=lambda i: abs(i - middle))
    return label[:cut] + "<br>" + label[cut + 1:]


def radar(bank: Content, levels_by_dimension: dict[int, float], name: str, not_assessed: str,
          language: str = "fr") -> go.Figure:
    """The 12 dimensions around a circle, dimension 1 at the top then clockwise, drawn in a
    plain scatter plot (Plotly's basic bundle, a fifth of the full one): level rings, axes, a
    point per assessed dimension, and the polygon through them. A dimension not assessed has
    no point and a grey, slanted label, explained under the circle (`not_assessed`): one
    result reads as one result, not as a spike."""
    count, levels = len(bank.dimensions), bank.levels(language)
    angles = [math.pi / 2 - 2 * math.pi * i / count for i in range(count)]
    ring = angles + angles[:1]
    # The level rings and the axes: one trace, its lines apart (None between them). Drawn the same
    # as a trace per line, it costs Plotly a fifth of the time on a slow tablet.
    lines = [[(r * math.cos(a), r * math.sin(a)) for a in ring] for r in range(1, len(levels) + 1)]
    lines += [[(0, 0), (len(levels) * math.cos(a), len(levels) * math.sin(a))] for a in angles]
    apart = [point for line in lines for point in (*line, (None, None))][:-1]
    # The level names run along the gap between the first two axes, where no label sits: text
    # drawn under the result, so a point or the polygon is never hidden by a name.
    between = math.pi / 2 - math.pi / count
    traces = [go.Scatter(x=[x for x, _ in apart], y=[y for _, y in apart], mode="lines",
                         line=dict(color=GRID, width=1), hoverinfo="skip", showlegend=False),
              go.Scatter(x=[r * math.cos(between) for r in range(1, len(levels) + 1)],
                         y=[r * math.sin(between) for r in range(1, len(levels) + 1)], mode="text", text=list(levels),
                         textfont=dict(size=10, color="#5b5b66"), hoverinfo="skip", showlegend=False)]
    assessed = [(i, levels_by_dimension[d.number]) for i, d in enumerate(bank.dimensions)
                if levels_by_dimension.get(d.number) is not None]
    if assessed:
        path = assessed + assessed[:1] if len(assessed) >= 3 else assessed
        traces.append(go.Scatter(
            x=[v * math.cos(angles[i]) for i, v in path], y=[v * math.sin(angles[i]) for i, v in path],
            mode="lines+markers", fill="toself" if len(assessed) >= 3 else None, fillcolor="rgba(255, 204, 0, 0.35)",
            line=dict(color=ACCENT, width=3), marker=dict(size=10, color=ACCENT), name=name, showlegend=False,
            hovertext=[f"{bank.dimension(i + 1).short(language)} : {bank.level_name(round_level(v), language)}"
                       for i, v in path],
            hoverinfo="text",
        ))
    labels = [
        dict(x=5.4 * math.cos(a), y=5.9 * math.sin(a), showarrow=False,
             text=_two_lines(d.short(language)) if d.number in levels_by_dimension
             else f"<i>{_two_lines(d.short(language))}</i>",
             font=dict(size=11, color=INK if d.number in levels_by_dimension else MUTED),
             xanchor="center" if abs(math.cos(a)) < 0.3 else ("left" if math.cos(a) > 0 else "right"))
        for a, d in zip(angles, bank.dimensions)
    ]
    if len(assessed) < count:
        labels.append(dict(x=0, y=-7.6, showarrow=False, text=f"<i>{not_assessed}</i>", font=dict(size=11, color=MUTED)))
    figure = go.Figure(traces)
    # Wide enough for the labels beside the circle on a phone; Plotly widens the other axis to fit.
    axis = dict(visible=False, range=[-12.4, 12.4], fixedrange=True)
    figure.update_layout(
        template="none", showlegend=False, height=RADAR_HEIGHT, margin=dict(l=5, r=5, t=10, b=10), paper_bgcolor="white",
        plot_bgcolor="white", annotations=labels, xaxis=axis, yaxis={**axis, "scaleanchor": "x", "range": [-8.0, 7.0]},
        font=dict(family="system-ui, sans-serif", color=INK), separators=", ",
    )
    return figure


# One colour and one marker per dimension (Okabe-Ito's colour-blind-safe hues, then darker ones).
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c564b", "#7f3c8d",
           "#3b7a57", "#b22222", "#4b5320")
MARKERS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star", "pentagon",
           "hexagon", "triangle-left", "triangle-right")


def progression(series: dict[str, list[tuple[datetime, int]]], levels: tuple[str, ...],
                day: Callable[[datetime], str]) -> go.Figure:
    """One line per dimension, its own colour and marker: its level at each date it was assessed.
    Dates are written as everywhere else in the app (`day`), once each on the axis."""
    first_of_day: dict[str, datetime] = {}  # two tests on one day: one tick
    for at in sorted(at for points in series.values() for at, _ in points):
        first_of_day.setdefault(day(at), at)
    ticks = list(first_of_day.items())[:: max(1, len(first_of_day) // 5)]
    figure = go.Figure([
        go.Scatter(x=[at for at, _ in points], y=[level for _, level in points], mode="lines+markers", name=label,
                   line=dict(color=COLOURS[i % len(COLOURS)], width=2),
                   marker=dict(symbol=MARKERS[i % len(MARKERS)], size=9, color=COLOURS[i % len(COLOURS)]),
                   hovertext=[f"{label} : {levels[level - 1]} ({day(at)})" for at, level in points], hoverinfo="text")
        for i, (label, points) in enumerate(series.items())
    ])
    figure.update_layout(
        template="none", height=PROGRESSION_HEIGHT, margin=dict(l=110, r=20, t=20, b=60), yaxis=_level_axis(levels),
        paper_bgcolor="white", plot_bgcolor="white",
        legend=dict(orientation="h", y=-0.3), font=dict(family="system-ui, sans-serif", color=INK),
        xaxis=dict(tickvals=[at for _, at in ticks], ticktext=[label for label, _ in ticks]),
    )
    return figure


def spread(counts: list[int], levels: tuple[str, ...]) -> go.Figure:
    """How many learners stand at each level."""
    figure = go.Figure(go.Bar(x=list(levels), y=counts, marker_color=ACCENT, text=counts, textposition="outside",
                              hovertemplate="%{x} : %{y}<extra></extra>"))
    figure.update_layout(template="none", height=SPREAD_HEIGHT, margin=dict(l=40, r=20, t=20, b=50), paper_bgcolor="white",
                         plot_bgcolor="white", yaxis=dict(dtick=1, rangemode="tozero"),
                         font=dict(family="system-ui, sans-serif", color=INK))
    return figure


def trend(weeks: list[str], means: list[float], hovers: list[str], levels: tuple[str, ...]) -> go.Figure:
    """The group's mean level, one point per week with results, each labelled « semaine du … »."""
    # On two lines: « Semaine du 30 novembre 2026 » on one is cut beside the axis on a tablet.
    figure = go.Figure(go.Scatter(x=[_two_lines(week) for week in weeks], y=means, mode="lines+markers",
                                  line=dict(color=ACCENT, width=3),
                                  marker=dict(size=10, color=ACCENT), hovertext=hovers, hoverinfo="text"))
    figure.update_layout(
        template="none", height=TREND_HEIGHT, margin=dict(l=110, r=20, t=20, b=70), yaxis=_level_axis(levels),
        xaxis=dict(type="category"), showlegend=False, paper_bgcolor="white", plot_bgcolor="white",
        font=dict(family="system-ui, sans-serif", color=INK),
    )
    return figure
