"""One palette: the calendar's type colours (CSS) and the charts use the same sixteen colours."""

import itertools
import math
import re
from pathlib import Path

from intranet.palette import PALETTE

CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "events.css"


def _lab(hex_colour: str) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _contrast_on_white(hex_colour: str) -> float:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_the_calendar_css_uses_the_palette():
    rules = dict(
        re.findall(r"\.ev-c(\d+) \{ border-left-color: (#[0-9a-f]{6}); \}", CSS.read_text())
    )
    assert [rules[str(n)] for n in range(len(PALETTE))] == list(PALETTE)


def test_no_two_colours_look_alike_and_each_shows_on_white():
    closest = min(math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(PALETTE, 2))
    assert closest >= 30
    assert all(_contrast_on_white(c) >= 3 for c in PALETTE)
