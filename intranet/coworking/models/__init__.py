"""Coworking models: centres with their rules and seats, bookings and their seat-slots."""

from intranet.coworking.models.booking import (
    ACTIVE_STATUSES,
    GRANULE,
    GRANULE_MINUTES,
    Booking,
    BookingClaim,
    BookingSlot,
    BookingStatus,
    granule_starts,
)
from intranet.coworking.models.centre import WEEKDAYS, CoworkingCentre, Seat, sanitary_date

__all__ = [
    "ACTIVE_STATUSES",
    "GRANULE",
    "GRANULE_MINUTES",
    "WEEKDAYS",
    "Booking",
    "BookingClaim",
    "BookingSlot",
    "BookingStatus",
    "CoworkingCentre",
    "Seat",
    "granule_starts",
    "sanitary_date",
]
