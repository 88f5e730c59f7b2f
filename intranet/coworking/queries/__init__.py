"""Read models of coworking: the day's seats and slots, centres and bookings, a booking's ICS."""

from intranet.coworking.queries.availability import (
    DayGrid,
    day_grid,
    seats_free_today,
    slot_times,
    start_choices,
    today_grids,
)
from intranet.coworking.queries.bookings import (
    booking_by_token,
    centre_by_slug,
    centres_of,
    closures_ahead,
    pending_requests,
    public_centres,
)
from intranet.coworking.queries.ics import booking_ics

__all__ = [
    "DayGrid",
    "booking_by_token",
    "booking_ics",
    "centre_by_slug",
    "centres_of",
    "closures_ahead",
    "day_grid",
    "pending_requests",
    "public_centres",
    "seats_free_today",
    "slot_times",
    "start_choices",
    "today_grids",
]
