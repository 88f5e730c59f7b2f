"""Coworking models: centres with their rules and seats, bookings and their seat-slots."""

from intranet.coworking.models.booking import (
    ACTIVE_STATUSES,
    Booking,
    BookingSlot,
    BookingStatus,
)
from intranet.coworking.models.centre import WEEKDAYS, CoworkingCentre, Seat, sanitary_date

__all__ = [
    "ACTIVE_STATUSES",
    "WEEKDAYS",
    "Booking",
    "BookingSlot",
    "BookingStatus",
    "CoworkingCentre",
    "Seat",
    "sanitary_date",
]
