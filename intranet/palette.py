"""The one colour palette: event types in the calendars and series in the charts agree.

Sixteen colours, each at least 3:1 against white (WCAG for graphics) and far apart from every
other one (CIE76 distance >= 30), so two types are never told apart by a shade alone; every
coloured mark also carries a text label. `static/css/events.css` repeats these values as
`.ev-c0` ... `.ev-c15` (a test keeps the two the same).
"""

from flask_babel import lazy_gettext as _l

PALETTE: tuple[str, ...] = (
    "#1f5fa8",
    "#8834b2",
    "#1da51d",
    "#c34b22",
    "#1da599",
    "#777022",
    "#772245",
    "#444444",
    "#227737",
    "#c3228e",
    "#773e22",
    "#c3224b",
    "#229bc3",
    "#2222c3",
    "#c38022",
    "#292277",
)
PALETTE_SIZE = len(PALETTE)
# Each colour's name, said beside its swatch: a colour is never the only way to tell.
COLOUR_NAMES = (
    _l("Blue"),
    _l("Purple"),
    _l("Green"),
    _l("Brick red"),
    _l("Turquoise"),
    _l("Olive"),
    _l("Burgundy"),
    _l("Graphite"),
    _l("Dark green"),
    _l("Raspberry"),
    _l("Brown"),
    _l("Red"),
    _l("Sky blue"),
    _l("Bright blue"),
    _l("Orange"),
    _l("Navy"),
)


def colour(index: int) -> str:
    """The palette's colour number `index` (wrapping round)."""
    return PALETTE[index % PALETTE_SIZE]
