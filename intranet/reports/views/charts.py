"""Charts drawn on the server as SVG (no JavaScript, no CDN); each has a data table beside it."""

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from intranet.palette import colour as palette_colour


@dataclass
class Chart:
    """A chart's SVG and the same figures as a table (for screen readers and printing)."""

    svg: Markup
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _svg_open(width: int, height: int, title: str, chart_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-title">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
    )


def _text(
    x: float, y: float, content: object, anchor: str = "middle", size: int = 11, fill: str = ""
) -> str:
    colour = f' fill="{fill}"' if fill else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{colour}>'
        f"{escape(content)}</text>"
    )


def _gridline(left: float, right: float, y: float) -> str:
    return f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'


def _nice_max(value: float) -> float:
    """Round the axis maximum up to 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def stacked_bars(
    chart_id: str, title: str, categories: list[str], series: dict[str, list[int]]
) -> Chart:
    """Bars per category (e.g. month), stacked by series (e.g. event type), with a legend."""
    width, height, left, bottom, top = 720, 300, 40, 40, 10
    plot_h = height - bottom - top
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    top_value = _nice_max(max(totals, default=0))
    band = (width - left - 10) / max(len(categories), 1)
    parts = [_svg_open(width, height + 20 * ((len(series) + 3) // 4), title, chart_id)]
    for tick in range(5):
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(_gridline(left, width - 10, y))
        parts.append(_text(left - 4, y + 4, f"{value:g}", anchor="end"))
    for i, category in enumerate(categories):
        x = left + i * band + band * 0.15
        y = top + plot_h
        for n, (name, values) in enumerate(series.items()):
            h = plot_h * values[i] / top_value
            if h:
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{band * 0.7:.1f}" height="{h:.1f}" '
                    f'fill="{palette_colour(n)}"><title>{escape(category)}: '
                    f"{escape(name)} — {values[i]}</title></rect>"
                )
        parts.append(_text(x + band * 0.35, height - bottom + 16, category))
    for n, name in enumerate(series):
        lx, ly = left + (n % 4) * 170, height + 4 + 20 * (n // 4)
        parts.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{palette_colour(n)}"/>')
        parts.append(f'<text x="{lx + 16}" y="{ly + 11}" font-size="11">{escape(name)}</text>')
    parts.append("</svg>")
    rows = [
        [category, *[values[i] for values in series.values()], totals[i]]
        for i, category in enumerate(categories)
    ]
    return Chart(Markup("".join(parts)), title, ["", *series.keys(), "Σ"], rows)


def line_chart(chart_id: str, title: str, categories: list[str], values: list[int]) -> Chart:
    """One line over categories (e.g. attendance per month)."""
    width, height, left, bottom, top = 720, 260, 50, 30, 10
    plot_h = height - bottom - top
    top_value = _nice_max(max(values, default=0))
    step = (width - left - 20) / max(len(categories) - 1, 1)
    points = [
        (left + i * step, top + plot_h - plot_h * v / top_value) for i, v in enumerate(values)
    ]
    parts = [_svg_open(width, height, title, chart_id)]
    for tick in range(5):
        y = top + plot_h - plot_h * tick / 4
        parts.append(_gridline(left, width - 10, y))
        parts.append(_text(left - 4, y + 4, f"{top_value * tick / 4:g}", anchor="end"))
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{palette_colour(0)}" stroke-width="2"/>'
        )
    for (x, y), category, value in zip(points, categories, values, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{palette_colour(0)}">'
            f"<title>{escape(category)}: {value}</title></circle>"
        )
        parts.append(_text(x, height - 8, category))
    parts.append("</svg>")
    return Chart(
        Markup("".join(parts)),
        title,
        ["", title],
        [[c, v] for c, v in zip(categories, values, strict=True)],
    )


def heatmap(
    chart_id: str,
    title: str,
    rows_labels: list[str],
    column_labels: list[str],
    percent: list[list[float | None]],
) -> Chart:
    """A grid of percentages (e.g. occupancy by weekday x hour); None is drawn as closed."""
    cell_w, cell_h, left, top = 44, 26, 50, 22
    width = left + cell_w * len(column_labels) + 10
    height = top + cell_h * len(rows_labels) + 10
    parts = [_svg_open(width, height, title, chart_id)]
    for j, label in enumerate(column_labels):
        parts.append(_text(left + j * cell_w + cell_w / 2, 15, label))
    for i, row_label in enumerate(rows_labels):
        y = top + i * cell_h
        parts.append(_text(left - 6, y + 17, row_label, anchor="end"))
        for j, value in enumerate(percent[i]):
            x = left + j * cell_w
            if value is None:
                fill, text = "#f1f1f1", "—"
            else:
                shade = int(235 - 180 * min(max(value, 0), 100) / 100)
                fill, text = (
                    f"rgb({shade},{shade + 10 if shade < 245 else 245},255)",
                    f"{value:.0f}%",
                )
            color = "#fff" if value is not None and value > 60 else "#222"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>'
            )
            parts.append(_text(x + cell_w / 2 - 1, y + 17, text, size=10, fill=color))
    parts.append("</svg>")
    table = [
        [row_label, *[("—" if v is None else f"{v:.0f}%") for v in percent[i]]]
        for i, row_label in enumerate(rows_labels)
    ]
    return Chart(Markup("".join(parts)), title, ["", *column_labels], table)
