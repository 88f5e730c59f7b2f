"""JSON API v1: a centre's availability for a day (no personal data)."""

from flask import Blueprint, Response, jsonify

from intranet.coworking.queries import day_grid
from intranet.coworking.views.common import get_centre, lazy_sweep, requested_day

bp = Blueprint("coworking_api", __name__)


@bp.get("/coworking/<slug>/availability")
def availability(slug: str) -> Response:
    """Seats with their free and busy slots on ?date=YYYY-MM-DD (local times)."""
    centre = get_centre(slug)
    day = requested_day()
    lazy_sweep(centre.id)
    grid = day_grid(centre, day)
    labels = [(slot, grid.label(slot)) for slot in grid.slots]
    seats = []
    for seat in centre.active_seats:
        states = {label: grid.state(seat, slot) for slot, label in labels}
        seats.append(
            {
                "id": seat.id,
                "label": seat.label,
                "features": {
                    "power": seat.has_power,
                    "computer": seat.has_computer,
                    "quiet": seat.is_quiet_zone,
                    "group_table": seat.is_group_table,
                },
                "free": [t for t, s in states.items() if s == "free"] if grid.is_open else [],
                "busy": [t for t, s in states.items() if s == "busy"],
            }
        )
    return jsonify(
        centre=centre.slug,
        date=day.isoformat(),
        open=grid.is_open,
        slot_minutes=centre.slot_minutes,
        timezone="Asia/Qyzylorda",
        slots=[label for _, label in labels] if grid.is_open else [],
        seats=seats,
    )
