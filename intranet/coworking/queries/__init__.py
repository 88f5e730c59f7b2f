"""Read models of coworking: the day's seats and slots, centres and bookings, a booking's ICS."""

from intranet.coworking.queries.availability import (
    DayGrid,
    day_grid,
    grids_ahead,
    seats_free_today,
    slot_times,
    start_choices,
    today_grids,
)
from intranet.coworking.queries.bookings import (
    booking_by_token,
    centre_by_slug,
    centre_to_book,
    centres_of,
    centres_to_book,
    closures_ahead,
    pending_requests,
    public_centres,
)
from intranet.coworking.queries.finder import (
    Alternatives,
    CentreToday,
    FormPlan,
    Match,
    alternatives,
    centres_today,
    find_seats,
    first_free_day,
    form_plan,
    next_free_day,
)
from intranet.coworking.queries.ics import booking_ics

__all__ = [
    "Alternatives",
    "CentreToday",
    "DayGrid",
    "FormPlan",
    "Match",
    "alternatives",
    "booking_by_token",
    "booking_ics",
    "centre_by_slug",
    "centre_to_book",
    "centres_to_book",
    "centres_of",
    "closures_ahead",
    "centres_today",
    "day_grid",
    "find_seats",
    "first_free_day",
    "form_plan",
    "next_free_day",
    "grids_ahead",
    "pending_requests",
    "public_centres",
    "seats_free_today",
    "slot_times",
    "start_choices",
    "today_grids",
]
