"""Charts drawn on the server as SVG (no JavaScript, no CDN); each has a data table beside it.

Charts are drawn at their own size in CSS pixels (never shrunk), so their text is as large on
a phone as on a laptop: 13 px. A chart wider than the screen scrolls inside its figure. Legends
are HTML lists under the chart, so long names wrap instead of running into each other.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from intranet.palette import colour as palette_colour
from intranet.reports.queries.sections import Share
from intranet.reports.views.figures import figure

FONT = 13  # px: chart text is never below 12 px


@dataclass
class Chart:
    """A chart's SVG and the same figures as a table (for screen readers and printing)."""

    svg: Markup
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, name)
    over_time: bool = True  # a series over months: on a narrow screen, open at the latest


def _svg_open(width: int, height: int, title: str, chart_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title"><title id="{chart_id}-title">{escape(title)}</title>'
    )


def _text(
    x: float, y: float, content: object, anchor: str = "middle", size: int = FONT, fill: str = ""
) -> str:
    colour = f' fill="{fill}"' if fill else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{colour}>'
        f"{escape(content)}</text>"
    )


def _gridline(left: float, right: float, y: float) -> str:
    return f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'


def _nice_max(value: float) -> float:
    """Round the axis maximum up to 1, 2 or 5 times a power of ten (4 or 8 below 5).

    Four steps of a small count must be whole numbers: 0, 2, 4, 6, 8 bookings, not 1,2 or 3,8.
    """
    if value <= 0:
        return 4
    if value <= 8:
        return 4 if value <= 4 else 8
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _axis(parts: list[str], top_value: float, left: int, right: int, top: int, plot_h: int):
    for tick in range(5):
        y = top + plot_h - plot_h * tick / 4
        parts.append(_gridline(left, right, y))
        parts.append(_text(left - 6, y + 4, figure(round(top_value * tick / 4, 1)), "end"))


def stacked_bars(
    chart_id: str, title: str, categories: list[str], series: dict[str, list[int]]
) -> Chart:
    """Bars per category (e.g. month), stacked by series (e.g. event type); legend under it."""
    width, height, left, bottom, top = 720, 280, 48, 32, 10
    plot_h = height - bottom - top
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    top_value = _nice_max(max(totals, default=0))
    band = (width - left - 10) / max(len(categories), 1)
    parts = [_svg_open(width, height, title, chart_id)]
    _axis(parts, top_value, left, width - 10, top, plot_h)
    for i, category in enumerate(categories):
        x = left + i * band + band * 0.15
        y: float = top + plot_h
        for n, (name, values) in enumerate(series.items()):
            h = plot_h * values[i] / top_value
            if h:
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{band * 0.7:.1f}" height="{h:.1f}" '
                    f'fill="{palette_colour(n)}"><title>{escape(category)}: '
                    f"{escape(name)} — {figure(values[i])}</title></rect>"
                )
        parts.append(_text(x + band * 0.35, height - bottom + 18, category))
    parts.append("</svg>")
    rows = [
        [category, *[figure(values[i]) for values in series.values()], figure(totals[i])]
        for i, category in enumerate(categories)
    ]
    legend = [(palette_colour(n), name) for n, name in enumerate(series)]
    return Chart(Markup("".join(parts)), title, ["", *series.keys(), "Σ"], rows, legend)


def line_chart(
    chart_id: str,
    title: str,
    categories: list[str],
    values: Sequence[int | None],
    *,
    last_unfinished: bool = False,
) -> Chart:
    """One line over categories (e.g. attendance per month); None (a month to come) is not drawn.

    With last_unfinished, the last point (a month still under way) is hollow and its segment
    dashed, so a month that has just begun does not read as a fall.
    """
    width, height, left, bottom, top = 720, 250, 56, 30, 10
    plot_h = height - bottom - top
    top_value = _nice_max(max((v for v in values if v is not None), default=0))
    step = (width - left - 20) / max(len(categories) - 1, 1)
    points = [
        (left + i * step, top + plot_h - plot_h * v / top_value, category, v)
        for i, (category, v) in enumerate(zip(categories, values, strict=True))
        if v is not None
    ]
    parts = [_svg_open(width, height, title, chart_id)]
    _axis(parts, top_value, left, width - 10, top, plot_h)
    stroke = palette_colour(0)
    solid = points[:-1] if last_unfinished else points
    if solid:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _c, _v in solid)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="2"/>')
    if last_unfinished and len(points) > 1:
        (x1, y1, _c1, _v1), (x2, y2, _c2, _v2) = points[-2:]
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            'stroke-width="2" stroke-dasharray="5 4"/>'
        )
    for n, (x, y, category, value) in enumerate(points):
        hollow = last_unfinished and n == len(points) - 1
        fill = f'fill="#fff" stroke="{stroke}" stroke-width="2"' if hollow else f'fill="{stroke}"'
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" {fill}>'
            f"<title>{escape(category)}: {figure(value)}</title></circle>"
        )
    for i, category in enumerate(categories):
        parts.append(_text(left + i * step, height - 8, category))
    parts.append("</svg>")
    return Chart(
        Markup("".join(parts)),
        title,
        ["", title],
        [[c, figure(v)] for c, v in zip(categories, values, strict=True)],
    )


def heatmap(
    chart_id: str,
    title: str,
    rows_labels: list[str],
    column_labels: list[str],
    percent: Sequence[Sequence[float | None]],
) -> Chart:
    """A grid of percentages (e.g. occupancy by weekday x hour); None is drawn as closed."""
    cell_w, cell_h, left, top = 54, 28, 56, 24
    width = left + cell_w * len(column_labels) + 10
    height = top + cell_h * len(rows_labels) + 10
    parts = [_svg_open(width, height, title, chart_id)]
    for j, label in enumerate(column_labels):
        parts.append(_text(left + j * cell_w + cell_w / 2, 16, label))
    for i, row_label in enumerate(rows_labels):
        y = top + i * cell_h
        parts.append(_text(left - 6, y + 18, row_label, anchor="end"))
        for j, value in enumerate(percent[i]):
            x = left + j * cell_w
            if value is None:
                fill, text = "#f1f1f1", "—"
            else:
                shade = int(235 - 180 * min(max(value, 0), 100) / 100)
                fill = f"rgb({shade},{shade + 10 if shade < 245 else 245},255)"
                text = figure(Share(value))
            color = "#fff" if value is not None and value > 60 else "#222"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>'
            )
            parts.append(_text(x + cell_w / 2 - 1, y + 18, text, size=12, fill=color))
    parts.append("</svg>")
    table = [
        [row_label, *[figure(None if v is None else Share(v)) for v in percent[i]]]
        for i, row_label in enumerate(rows_labels)
    ]
    return Chart(Markup("".join(parts)), title, ["", *column_labels], table, over_time=False)
