"""Charts as server-side SVG, drawn in the page (no script, no library, nothing from a CDN).

This module computes the geometry (where each bar goes, how long it is); the SVG itself is
written by the templates in templates/charts/, autoescaped like every page: a plan's title may
hold anything. The bars are greys and a hatch pattern with black text, so that a chart reads
the same printed in black and white; every bar has a ``<title>`` (its tooltip) and, when given
a URL, is a link to the items behind it.

Sizes are bounded: :func:`bar_chart` draws at most ``max_bars`` bars (the first and last of
the list, with a line saying how many are left out), :func:`histogram` a fixed number of bins,
whatever the number of plans.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import count

from markupsafe import Markup

from pstkg.api.pages_support import templates

WIDTH = 760
"""Every chart's width in SVG units; the page scales it down (``max-width: 100%``)."""
LABEL_WIDTH = 300
"""Room for the labels left of the bars."""
VALUE_ROOM = 160
"""Room right of the longest bar for its value label."""
ROW = 22
"""Height of one bar's row."""
LABEL_CHARACTERS = 44
"""Labels longer than this are cut (with « … ») in the chart; the tooltip has them whole."""
MAX_BARS = 30
"""At most this many bars in a bar chart: 15 first and 15 last."""

_chart_ids = count(1)


@dataclass(frozen=True)
class Datum:
    """One bar: its label, value, the text printed beside it, tooltip and link."""

    label: str
    value: float
    shown: str | None = None
    """The value as printed beside the bar (« 59 % · 3 non-conformités »); the value if None."""
    tooltip: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Bar:
    """A bar as drawn: its position and size in SVG units, and what it says."""

    x: float
    y: float
    width: float
    height: float
    label: str
    full_label: str
    shown: str
    tooltip: str
    url: str | None
    series: int = 0


@dataclass(frozen=True)
class Group:
    """One group of a grouped bar chart: a label and one value per series."""

    label: str
    values: Sequence[Datum]


def bar_chart(
    data: Sequence[Datum],
    *,
    title: str,
    maximum: float | None = None,
    max_bars: int = MAX_BARS,
    omitted_label: str = "autres",
) -> Markup:
    """Horizontal bars, one per datum, lengths proportional to the values (0 to ``maximum``,
    by default the largest value). More than ``max_bars`` data: the first and last halves are
    drawn, and a line between them says how many « {omitted_label} » are left out."""
    head, tail = _first_and_last(data, max_bars)
    omitted = len(data) - len(head) - len(tail)
    scale = _scale(maximum, [d.value for d in data])
    bars, y = [], 0.0
    for datum in head:
        bars.append(_bar(datum, y, scale))
        y += ROW
    gap_y = y if omitted else None
    if omitted:
        y += ROW
    for datum in tail:
        bars.append(_bar(datum, y, scale))
        y += ROW
    return _render(
        "charts/bars.svg.html",
        title=title,
        bars=bars,
        height=y + 8,
        gap_y=gap_y,
        omitted=omitted,
        omitted_label=omitted_label,
    )


def histogram(
    values: Sequence[float],
    *,
    title: str,
    bins: Sequence[tuple[float, float]],
    bin_label: Callable[[float, float], str],
    unit: str = "plans",
) -> Markup:
    """Vertical bars counting ``values`` in each of ``bins`` (low ≤ value < high; the last bin
    also takes its high end), heights proportional to the counts."""
    counts = [
        sum(1 for v in values if low <= v < high or (index == len(bins) - 1 and v == high))
        for index, (low, high) in enumerate(bins)
    ]
    plot_height, bottom = 140.0, 170.0
    scale = plot_height / max([1, *counts])
    step = (WIDTH - 60) / max(len(bins), 1)
    bars = []
    for index, ((low, high), n) in enumerate(zip(bins, counts, strict=True)):
        height = n * scale
        label = bin_label(low, high)
        bars.append(
            Bar(
                x=40 + index * step + 4,
                y=bottom - height,
                width=step - 8,
                height=height,
                label=label,
                full_label=label,
                shown=str(n),
                tooltip=f"{label} : {n} {unit}",
                url=None,
            )
        )
    return _render("charts/histogram.svg.html", title=title, bars=bars, bottom=bottom, height=205)


def grouped_bar_chart(
    groups: Sequence[Group],
    *,
    title: str,
    series: Sequence[str],
    maximum: float | None = None,
) -> Markup:
    """Horizontal bars in groups: per group, one bar per series (dark grey, then hatched),
    with a legend naming the series. Lengths are proportional to the values."""
    scale = _scale(maximum, [d.value for g in groups for d in g.values])
    bar_height = ROW - 6
    legend = 26.0
    bars, separators, y = [], [], legend
    for group in groups:
        for index, datum in enumerate(group.values):
            bar = _bar(datum, y + index * bar_height, scale, height=bar_height - 2, series=index)
            # The group's label once, beside its first bar.
            bars.append(replace(bar, label=shorten_label(group.label) if index == 0 else ""))
        y += bar_height * len(group.values) + 8
        separators.append(y - 4)
    return _render(
        "charts/grouped.svg.html",
        title=title,
        bars=bars,
        series=list(series),
        separators=separators[:-1],
        height=y + 4,
    )


def _first_and_last(data: Sequence[Datum], max_bars: int) -> tuple[list[Datum], list[Datum]]:
    if len(data) <= max_bars:
        return list(data), []
    half = max_bars // 2
    return list(data[:half]), list(data[len(data) - (max_bars - half) :])


def _scale(maximum: float | None, values: Sequence[float]) -> float:
    """SVG units per unit of value, so that ``maximum`` fills the plot's width."""
    top = maximum if maximum is not None else max([0.0, *values])
    return (WIDTH - LABEL_WIDTH - VALUE_ROOM) / top if top > 0 else 0.0


def _bar(datum: Datum, y: float, scale: float, height: float = ROW - 6, series: int = 0) -> Bar:
    shown = datum.shown if datum.shown is not None else _number(datum.value)
    return Bar(
        x=LABEL_WIDTH,
        y=y + 3,
        width=max(datum.value, 0.0) * scale,
        height=height,
        label=shorten_label(datum.label),
        full_label=datum.label,
        shown=shown,
        tooltip=datum.tooltip or f"{datum.label} : {shown}",
        url=datum.url,
        series=series,
    )


def shorten_label(label: str, limit: int = LABEL_CHARACTERS) -> str:
    """``label`` cut to ``limit`` characters with « … » (tooltips keep labels whole)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _render(template: str, **context: object) -> Markup:
    # Each chart gets its own id prefix: a page holds several, and the hatch pattern's id must
    # be unique in it.
    chart_id = f"chart{next(_chart_ids)}"
    svg = templates.env.get_template(template).render(
        width=WIDTH, label_width=LABEL_WIDTH, chart_id=chart_id, **context
    )
    return Markup(svg)
